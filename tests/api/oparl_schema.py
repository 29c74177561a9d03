"""OParl 1.1 as JSON Schema, written for these tests from the specification (github.com/OParl/spec:
the chapters on JSON output, lists and deleted objects, and the property tables of schema/*.json),
since the tests cannot download it. `validate(obj)` raises jsonschema's ValidationError.

The rules taken from the specification:
- every object has `id` (its URL) and `type` (https://schema.oparl.org/1.1/<Type>); `created` and
  `modified` are date-times in the form yyyy-mm-ddThh:mm:ss±hh:mm, a date is yyyy-mm-dd;
- each type's required properties (System: oparlVersion and body; Body: name and its lists;
  AgendaItem: order; File: accessUrl);
- each property's JSON type: URLs as strings, lists of references as arrays of URLs (a Paper's
  `superordinatedPaper` too), embedded objects as objects of their own type;
- no property is null (required ones may not be; the others are left out);
- a deleted object keeps `id`, `type` and `created`, gets `modified` and `deleted: true`, and may
  drop everything else.
"""

from jsonschema import Draft202012Validator, ValidationError

SCHEMA = "https://schema.oparl.org/1.1/"

URL = {"type": "string", "pattern": r"^https?://[^\s/?#]+([/?#]\S*)?$"}
URLS = {"type": "array", "items": URL}
TEXT = {"type": "string"}
TEXTS = {"type": "array", "items": TEXT}
DATE = {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"}
MOMENT = {
    "type": "string",
    "pattern": r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d"
    r"[+-]([01]\d|2[0-3]):[0-5]\d$",
}
BOOL = {"type": "boolean"}
COUNT = {"type": "integer", "minimum": 0}


def one(type_: str) -> dict:
    return {"$ref": f"#/$defs/{type_}"}


def many(type_: str) -> dict:
    return {"type": "array", "items": one(type_)}


# What every object may carry besides its own properties.
COMMON = {
    "id": URL,
    "created": MOMENT,
    "modified": MOMENT,
    "license": TEXT,
    "keyword": TEXTS,
    "web": URL,
    "deleted": BOOL,
}

# Per type: (required besides id and type, properties).
TYPES = {
    "System": (
        ["oparlVersion", "body"],
        {
            "oparlVersion": {"const": SCHEMA},
            "otherOparlVersions": URLS,
            "license": URL,
            "body": URL,
            "name": TEXT,
            "contactEmail": TEXT,
            "contactName": TEXT,
            "website": URL,
            "vendor": URL,
            "product": URL,
        },
    ),
    "Body": (
        ["name", "organization", "person", "meeting", "paper", "legislativeTerm"],
        {
            "system": URL,
            "shortName": TEXT,
            "name": TEXT,
            "website": URL,
            "license": URL,
            "licenseValidSince": MOMENT,
            "oparlSince": MOMENT,
            "ags": TEXT,
            "rgs": TEXT,
            "equivalent": URLS,
            "contactEmail": TEXT,
            "contactName": TEXT,
            "organization": URL,
            "person": URL,
            "meeting": URL,
            "paper": URL,
            "legislativeTerm": many("LegislativeTerm"),
            "agendaItem": URL,
            "consultation": URL,
            "file": URL,
            "locationList": URL,
            "legislativeTermList": URL,
            "membership": URL,
            "classification": TEXT,
            "location": one("Location"),
            "mainOrganization": URL,
        },
    ),
    "LegislativeTerm": (
        [],
        {"body": URL, "name": TEXT, "startDate": DATE, "endDate": DATE},
    ),
    "Organization": (
        [],
        {
            "body": URL,
            "name": TEXT,
            "membership": URLS,
            "meeting": URL,
            "consultation": URL,
            "shortName": TEXT,
            "post": TEXTS,
            "subOrganizationOf": URL,
            "organizationType": TEXT,
            "classification": TEXT,
            "startDate": DATE,
            "endDate": DATE,
            "website": URL,
            "location": one("Location"),
            "externalBody": URL,
            "memberCount": COUNT,
            "votingMemberCount": COUNT,
        },
    ),
    "Person": (
        [],
        {
            "body": URL,
            "name": TEXT,
            "familyName": TEXT,
            "givenName": TEXT,
            "formOfAddress": TEXT,
            "affix": TEXT,
            "title": TEXTS,
            "gender": TEXT,
            "phone": TEXTS,
            "email": TEXTS,
            "location": URL,
            "locationObject": one("Location"),
            "status": TEXTS,
            "membership": many("Membership"),
            "image": one("File"),
            "life": TEXT,
            "lifeSource": TEXT,
        },
    ),
    "Membership": (
        [],
        {
            "person": URL,
            "organization": URL,
            "role": TEXT,
            "votingRight": BOOL,
            "startDate": DATE,
            "endDate": DATE,
            "onBehalfOf": URL,
        },
    ),
    "Meeting": (
        [],
        {
            "name": TEXT,
            "meetingState": TEXT,
            "cancelled": BOOL,
            "start": MOMENT,
            "end": MOMENT,
            "location": one("Location"),
            "organization": URLS,
            "participant": URLS,
            "invitation": one("File"),
            "resultsProtocol": one("File"),
            "verbatimProtocol": one("File"),
            "auxiliaryFile": many("File"),
            "agendaItem": many("AgendaItem"),
        },
    ),
    "AgendaItem": (
        ["order"],
        {
            "meeting": URL,
            "number": TEXT,
            "order": {"type": "integer"},
            "name": TEXT,
            "public": BOOL,
            "consultation": URL,
            "result": TEXT,
            "resolutionText": TEXT,
            "resolutionFile": one("File"),
            "auxiliaryFile": many("File"),
            "start": MOMENT,
            "end": MOMENT,
        },
    ),
    "Paper": (
        [],
        {
            "body": URL,
            "name": TEXT,
            "reference": TEXT,
            "date": DATE,
            "paperType": TEXT,
            "relatedPaper": URLS,
            "superordinatedPaper": URLS,
            "subordinatedPaper": URLS,
            "mainFile": one("File"),
            "auxiliaryFile": many("File"),
            "location": many("Location"),
            "originatorPerson": URLS,
            "underDirectionOf": URLS,
            "originatorOrganization": URLS,
            "consultation": many("Consultation"),
        },
    ),
    "Consultation": (
        [],
        {
            "paper": URL,
            "agendaItem": URL,
            "meeting": URL,
            "organization": URLS,
            "authoritative": BOOL,
            "role": TEXT,
        },
    ),
    "File": (
        ["accessUrl"],
        {
            "name": TEXT,
            "fileName": TEXT,
            "mimeType": TEXT,
            "date": DATE,
            "size": COUNT,
            "sha1Checksum": {"type": "string", "pattern": "^[0-9a-f]{40}$"},
            "sha512Checksum": {"type": "string", "pattern": "^[0-9a-f]{128}$"},
            "text": TEXT,
            "accessUrl": URL,
            "downloadUrl": URL,
            "externalServiceUrl": URL,
            "masterFile": URL,
            "derivativeFile": URLS,
            "fileLicense": URL,
            "meeting": URLS,
            "agendaItem": URLS,
            "person": URL,
            "paper": URLS,
        },
    ),
    "Location": (
        [],
        {
            "description": TEXT,
            "geojson": {"type": "object"},
            "streetAddress": TEXT,
            "room": TEXT,
            "postalCode": TEXT,
            "subLocality": TEXT,
            "locality": TEXT,
            "bodies": URLS,
            "organizations": URLS,
            "persons": URLS,
            "meetings": URLS,
            "papers": URLS,
        },
    ),
}


def _definition(type_: str) -> dict:
    required, own = TYPES[type_]
    properties = {**COMMON, **own, "type": {"const": SCHEMA + type_}}
    return {
        "type": "object",
        "required": ["id", "type"],
        "properties": properties,
        # A deleted object needs only its id, type, times and `deleted`; a live one its own.
        "if": {"properties": {"deleted": {"const": True}}, "required": ["deleted"]},
        "then": {"required": ["created", "modified"]},
        "else": {"required": ["created", "modified", *required]},
    }


DEFINITIONS = {type_: _definition(type_) for type_ in TYPES}
# One validator per type, so an error names the property at fault rather than "no type fits".
_objects = {
    SCHEMA + type_: Draft202012Validator({"$defs": DEFINITIONS, **one(type_)}) for type_ in TYPES
}
PAGE = {
    "$defs": DEFINITIONS,
    "type": "object",
    "required": ["data", "pagination", "links"],
    "properties": {
        "data": {"type": "array", "items": {"type": "object"}},
        "pagination": {
            "type": "object",
            "properties": {
                name: COUNT
                for name in ("totalElements", "elementsPerPage", "currentPage", "totalPages")
            },
        },
        "links": {
            "type": "object",
            "required": ["first", "self", "last"],
            "properties": {name: URL for name in ("first", "prev", "self", "next", "last")},
        },
    },
}

_page = Draft202012Validator(PAGE)


def validate(obj: dict) -> None:
    """Raise jsonschema.ValidationError unless `obj` is an OParl 1.1 object."""
    validator = _objects.get(obj.get("type")) if isinstance(obj, dict) else None
    if validator is None:
        raise ValidationError(f"not an OParl 1.1 object: {obj!r:.200}")
    validator.validate(obj)


def validate_page(page: dict) -> None:
    """Raise jsonschema.ValidationError unless `page` is a page of an OParl 1.1 external list."""
    _page.validate(page)
    for obj in page["data"]:
        validate(obj)
