"""A strict OParl 1.1 client for the tests: it walks the API from the System object, page by
page, and checks each page and object as it goes, against OParl 1.1's JSON Schema
(tests/api/oparl_schema.py) and our own stricter rules. Failures are plain assertions or
jsonschema's ValidationError."""

import datetime
import re
from urllib.parse import urlsplit

from . import oparl_schema

SCHEMA = "https://schema.oparl.org/1.1/"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Required properties per type, with their JSON types ("url" is an absolute URL string).
REQUIRED = {
    "System": {"oparlVersion": str, "body": "url"},
    "Body": {
        "system": "url",
        "name": str,
        "organization": "url",
        "person": "url",
        "meeting": "url",
        "paper": "url",
        "legislativeTerm": list,
        "agendaItem": "url",
        "consultation": "url",
        "file": "url",
        "locationList": "url",
        "legislativeTermList": "url",
        "membership": "url",
    },
    "LegislativeTerm": {"body": "url", "name": str, "startDate": "date", "endDate": "date"},
    "Organization": {"name": str, "organizationType": str, "classification": str},
    "Person": {"body": "url", "name": str, "membership": list},
    "Membership": {
        "person": "url",
        "organization": "url",
        "role": str,
        "votingRight": bool,
        "startDate": "date",
    },
    "Meeting": {
        "name": str,
        "meetingState": str,
        "cancelled": bool,
        "start": "datetime",
        "end": "datetime",
        "organization": list,
        "agendaItem": list,
        "location": dict,
    },
    "AgendaItem": {"meeting": "url", "number": str, "order": int, "name": str, "public": bool},
    "Paper": {"body": "url", "name": str, "paperType": str, "date": "date"},
    "Consultation": {
        "paper": "url",
        "agendaItem": "url",
        "meeting": "url",
        "organization": list,
        "authoritative": bool,
    },
    "File": {
        "name": str,
        "fileName": str,
        "mimeType": str,
        "size": int,
        "accessUrl": "url",
    },
    "Location": {"description": str},
}

# Properties holding internal objects, per type.
INTERNAL = {
    "Body": ["legislativeTerm"],
    "Person": ["membership"],
    "Meeting": ["agendaItem", "location", "invitation", "resultsProtocol", "auxiliaryFile"],
    "AgendaItem": ["auxiliaryFile"],
    "Paper": ["consultation", "mainFile", "auxiliaryFile"],
}


def short_type(obj: dict) -> str:
    assert obj["type"].startswith(SCHEMA), obj["type"]
    return obj["type"].removeprefix(SCHEMA)


def is_moment(value) -> bool:
    return isinstance(value, str) and datetime.datetime.fromisoformat(value).tzinfo is not None


def check_value(kind, value, host: str) -> bool:
    if kind == "url":
        parts = urlsplit(value) if isinstance(value, str) else None
        return bool(parts and parts.scheme == "http" and parts.netloc == host)
    if kind == "date":
        return isinstance(value, str) and DATE.fullmatch(value) is not None
    if kind == "datetime":
        return is_moment(value)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def no_empty_strings(value, where: str = "") -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            no_empty_strings(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            no_empty_strings(inner, f"{where}[{index}]")
    else:
        assert value != "", f"tom streng i {where}"


def check_object(obj: dict, host: str) -> str:
    """Assert the object's common and required properties; return its short type."""
    oparl_schema.validate(obj)
    type_ = short_type(obj)
    assert check_value("url", obj["id"], host), obj["id"]
    assert is_moment(obj["created"]) and is_moment(obj["modified"]), obj["id"]
    created, modified = (datetime.datetime.fromisoformat(obj[k]) for k in ("created", "modified"))
    assert created <= modified, obj["id"]
    if obj.get("deleted"):
        return type_
    for name, kind in REQUIRED[type_].items():
        assert name in obj, f"{obj['id']} mangler {name}"
        assert check_value(kind, obj[name], host), f"{obj['id']}: {name} = {obj[name]!r}"
    no_empty_strings(obj, obj["id"])
    return type_


def internal_objects(obj: dict) -> list[dict]:
    found = []
    for name in INTERNAL.get(short_type(obj), []):
        value = obj.get(name)
        for inner in value if isinstance(value, list) else [value] if value else []:
            found.append(inner)
            found.extend(internal_objects(inner))
    return found


class Crawler:
    def __init__(self, client, host: str = "testserver", limit: int = 3):
        self.client = client
        self.host = host
        self.limit = limit
        self.objects: dict[str, dict] = {}  # every object seen, by id
        self.lists: dict[str, list[str]] = {}  # every list walked: its URL → ids in order
        self.answers: dict[str, str] = {}  # every answer's text, by the URL asked

    def get(self, url: str) -> dict:
        response = self.client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        assert response["Content-Type"].startswith("application/json")
        self.answers[url] = response.content.decode()
        return response.json()

    def walk(self, url: str) -> list[dict]:
        """Every object of an external list, page by page, checking the pagination."""
        first = self.get(f"{url}?limit={self.limit}")
        pages, page, seen = [], first, []
        total_pages = first["pagination"]["totalPages"]
        for number in range(1, total_pages + 1):
            pagination, links = page["pagination"], page["links"]
            assert pagination["currentPage"] == number
            assert pagination["elementsPerPage"] == self.limit
            assert pagination["totalPages"] == total_pages
            assert len(page["data"]) <= self.limit
            oparl_schema.validate_page(page)
            assert all(check_value("url", link, self.host) for link in links.values())
            assert ("prev" in links) == (number > 1)
            assert ("next" in links) == (number < total_pages)
            pages.append(page)
            seen.extend(page["data"])
            if "next" in links:
                page = self.get(links["next"])
        assert self.get(first["links"]["last"])["pagination"]["currentPage"] == total_pages
        ids = [obj["id"] for obj in seen]
        assert len(ids) == len(set(ids)), f"dubletter i {url}"
        assert len(ids) == first["pagination"]["totalElements"]
        self.lists[url] = ids
        for obj in seen:
            self.remember(obj)
        return seen

    def remember(self, obj: dict) -> None:
        check_object(obj, self.host)
        assert self.objects.setdefault(obj["id"], obj) == obj, f"{obj['id']} ses forskelligt"
        for inner in internal_objects(obj):
            check_object(inner, self.host)
            assert self.objects.setdefault(inner["id"], inner) == inner, inner["id"]

    def crawl(self, entry: str) -> dict:
        system = self.get(entry)
        check_object(system, self.host)
        assert system["id"] == self.client.get(entry).wsgi_request.build_absolute_uri()
        for body in self.walk(system["body"]):
            for name in (
                "organization",
                "person",
                "meeting",
                "paper",
                "agendaItem",
                "consultation",
                "file",
                "locationList",
                "legislativeTermList",
                "membership",
            ):
                self.walk(body[name])
        return system
