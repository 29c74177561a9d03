# ruff: noqa: F811  (the fixtures imported from json_world are parameters by design)
"""The OpenAPI document and the answers agree: what the document calls valid is answered, what
it calls invalid is refused with a declared, Danish 422, and it says which operations answer
without a token."""

import pytest

from .json_world import bearer, public_initiative, published_plan  # noqa: F401

pytestmark = pytest.mark.django_db

DOCUMENT = "/api/openapi.json"


def _operations(client):
    document = client.get(DOCUMENT).json()
    return [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


def _lists_with(client, parameter: str) -> list[str]:
    return [
        path
        for path, method, operation in _operations(client)
        if method == "get" and any(p["name"] == parameter for p in operation["parameters"])
    ]


def test_the_document_lists_the_time_filters_of_every_list(client):
    lists = _lists_with(client, "modified_since")

    assert len(lists) == 10
    assert _lists_with(client, "starts_after") == ["/api/meetings/"]


@pytest.mark.parametrize("moment", ["2024-01-01T00:00:00+20:00", "2024-01-01T00:00:00-15:00"])
def test_visitor_giving_an_offset_no_clock_shows_gets_a_danish_422_on_every_list(client, moment):
    for path in _lists_with(client, "modified_since"):
        response = client.get(path, {"modified_since": moment})

        assert response.status_code == 422, path
        assert response.json()["errors"][0]["loc"] == ["query", "modified_since"]
        assert "tidszonen kan højst være ±14:00" in response.json()["detail"]


@pytest.mark.parametrize(
    "moment",
    [
        "2024-01-01T00:00:00+20:00",
        "2024-02-30T12:00:00+01:00",
        "2024-01-01T00:00:00",
        "2024-01-01",
        "1700000000",
        "0000-01-01T00:00:00Z",
    ],
)
def test_visitor_giving_a_moment_that_is_not_rfc_3339_gets_a_danish_422(client, moment):
    response = client.get("/api/meetings/", {"starts_after": moment})

    assert response.status_code == 422
    assert response.json()["detail"].startswith("Ugyldig forespørgsel (starts_after: Ugyldigt")


@pytest.mark.parametrize(
    "moment",
    ["2024-01-01T00:00:00+14:00", "2024-01-01t00:00:00.5-12:00", "0001-01-01T00:00:00+14:00"],
)
def test_visitor_giving_any_offset_a_clock_shows_gets_the_list(client, moment):
    response = client.get("/api/municipalities/", {"modified_since": moment})

    assert response.status_code == 200


def test_the_document_declares_the_moment_and_its_refusal(client):
    document = client.get(DOCUMENT).json()

    operation = document["paths"]["/api/meetings/"]["get"]
    starts_after = next(p for p in operation["parameters"] if p["name"] == "starts_after")
    moment = starts_after["schema"]["anyOf"][0]
    assert moment["format"] == "date-time"
    assert "14:00" in moment["pattern"]
    assert "422" in operation["responses"]


@pytest.mark.parametrize("day", ["0", "1700000000", "2024-02-30", "31-01-2024"])
def test_a_day_that_is_not_yyyy_mm_dd_is_refused_as_the_document_says(client, day):
    response = client.get("/api/memberships/", {"on": day})

    assert response.status_code == 422
    assert f"Ugyldig dato »{day}«" in response.json()["detail"]


@pytest.mark.parametrize(
    ("parameter", "value"), [("area", "81 "), ("offence", "T-O-T"), ("period", "2023K5")]
)
def test_a_statistics_filter_of_the_wrong_shape_is_refused_naming_it(client, parameter, value):
    response = client.get("/api/statistics/observations/", {parameter: value})

    assert response.status_code == 422
    assert response.json()["errors"][0]["type"] == "string_pattern_mismatch"
    assert f"»{value}« har ikke den form" in response.json()["detail"]


def test_a_well_formed_area_naming_nothing_is_refused_as_unknown(client):
    response = client.get("/api/statistics/observations/", {"area": "9999"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["type"] == "unknown"


def test_an_empty_district_is_refused_as_the_document_says(client):
    for path in _lists_with(client, "district"):
        operation = client.get(DOCUMENT).json()["paths"][path]["get"]
        district = next(p for p in operation["parameters"] if p["name"] == "district")

        response = client.get(path, {"district": ""})

        assert district["schema"]["anyOf"][0]["minLength"] == 1, path
        assert response.status_code == 422, path
        assert response.json()["errors"][0]["loc"] == ["query", "district"]


def test_the_document_says_reads_answer_anyone_and_writes_need_a_token(client):
    operations = _operations(client)

    reads = {op["security"].__repr__() for _p, method, op in operations if method == "get"}
    writes = {op["security"].__repr__() for _p, method, op in operations if method != "get"}

    assert reads == {"[{}, {'BearerAuth': []}]"}
    assert writes == {"[{'BearerAuth': []}]"}
    scheme = client.get(DOCUMENT).json()["components"]["securitySchemes"]
    assert scheme == {"BearerAuth": {"type": "http", "scheme": "bearer"}}


def test_visitor_reads_without_a_token_what_the_document_says_is_anonymous(client):
    response = client.get("/api/districts/")

    assert response.status_code == 200


def test_a_report_with_a_field_the_api_does_not_know_is_refused_as_the_document_says(
    client, sekretariat, public_initiative
):
    headers = bearer(sekretariat)
    report = {"period": "2023K3", "light": "challenged", "progress": 55, "text": "Flere vagter."}
    document = client.get(DOCUMENT).json()

    response = client.post(
        f"/api/initiatives/{public_initiative.uuid}/status-updates/",
        {**report, "color": "red"},
        content_type="application/json",
        HTTP_IF_MATCH="*",
        **headers,
    )

    assert document["components"]["schemas"]["StatusUpdateIn"]["additionalProperties"] is False
    assert response.status_code == 422
    assert response.json()["errors"][0]["msg"] == "Feltet findes ikke i API'et."
    assert public_initiative.status_updates.count() == 1
