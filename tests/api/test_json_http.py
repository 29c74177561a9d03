# ruff: noqa: F811  (the fixtures imported from json_world are parameters by design)
"""The API's HTTP contract: ETag and 304, the capped page size, and filing a status update
under If-Match (428 without it, 412 when stale, 201 when current)."""

import datetime

import pytest

from kredsraad.initiatives.models import StatusUpdate
from kredsraad.statistics.models import Area, Dataset, Observation, Offence
from kredsraad.statistics.rows import STRAF11

from .json_world import bearer, public_initiative, published_plan  # noqa: F401

pytestmark = pytest.mark.django_db

REPORT = {"period": "2023K3", "light": "challenged", "progress": 55, "text": "Flere vagter."}


def test_a_second_read_with_the_etag_is_304_and_a_change_makes_it_200(client, nordjylland):
    first = client.get("/api/districts/nordjyllands-politi/")

    again = client.get("/api/districts/nordjyllands-politi/", HTTP_IF_NONE_MATCH=first["ETag"])
    nordjylland.phone = "114"
    nordjylland.save()
    changed = client.get("/api/districts/nordjyllands-politi/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert changed.status_code == 200
    assert changed.json()["phone"] == "114"


def test_lists_carry_an_etag_too(client):
    first = client.get("/api/municipalities/")

    again = client.get("/api/municipalities/", HTTP_IF_NONE_MATCH=f"W/{first['ETag']}")

    assert first["ETag"].startswith('"')
    assert again.status_code == 304


def test_a_page_size_above_100_is_capped_not_refused(client):
    response = client.get("/api/municipalities/?page_size=5000&page=1")

    assert response.status_code == 200
    assert response.json()["page_size"] == 100
    assert response.json()["count"] == 98
    assert len(response.json()["results"]) == 98


def test_the_second_page_continues_where_the_first_ended(client):
    first = client.get("/api/municipalities/?page_size=60")
    second = client.get("/api/municipalities/?page_size=60&page=2")
    past_end = client.get("/api/municipalities/?page_size=60&page=3")

    codes = [m["code"] for m in first.json()["results"] + second.json()["results"]]
    assert len(codes) == len(set(codes)) == 98
    assert second.json()["pages"] == 2
    assert past_end.json()["results"] == []


def url(initiative) -> str:
    return f"/api/initiatives/{initiative.uuid}/status-updates/"


def test_filing_status_without_if_match_is_428_and_files_nothing(
    client, sekretariat, public_initiative
):
    response = client.post(
        url(public_initiative), REPORT, content_type="application/json", **bearer(sekretariat)
    )

    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    assert public_initiative.status_updates.count() == 1


def test_sekretariat_files_status_with_the_current_etag(client, sekretariat, public_initiative):
    headers = bearer(sekretariat)
    etag = client.get(f"/api/initiatives/{public_initiative.uuid}/", **headers)["ETag"]

    response = client.post(
        url(public_initiative),
        REPORT,
        content_type="application/json",
        HTTP_IF_MATCH=etag,
        **headers,
    )

    assert response.status_code == 201
    assert response.json()["progress"] == 55
    filed = StatusUpdate.objects.get(pk=response.json()["id"])
    assert (filed.period, filed.light, filed.author) == ("2023K3", "challenged", sekretariat)


def test_a_stale_etag_is_412_after_someone_else_reported(client, sekretariat, public_initiative):
    headers = bearer(sekretariat)
    etag = client.get(f"/api/initiatives/{public_initiative.uuid}/", **headers)["ETag"]
    client.post(
        url(public_initiative),
        REPORT,
        content_type="application/json",
        HTTP_IF_MATCH=etag,
        **headers,
    )

    again = client.post(
        url(public_initiative),
        REPORT,
        content_type="application/json",
        HTTP_IF_MATCH=etag,
        **headers,
    )

    assert again.status_code == 412
    assert public_initiative.status_updates.count() == 2


def test_a_stale_version_is_412_after_the_initiative_changed(
    client, sekretariat, public_initiative
):
    headers = bearer(sekretariat)
    etag = client.get(f"/api/initiatives/{public_initiative.uuid}/", **headers)["ETag"]
    type(public_initiative).objects.filter(pk=public_initiative.pk).update(version=9)

    response = client.post(
        url(public_initiative),
        REPORT,
        content_type="application/json",
        HTTP_IF_MATCH=etag,
        **headers,
    )

    assert response.status_code == 412


def test_if_match_star_files_status_on_whatever_is_current(client, sekretariat, public_initiative):
    response = client.post(
        url(public_initiative),
        REPORT,
        content_type="application/json",
        HTTP_IF_MATCH="*",
        **bearer(sekretariat),
    )

    assert response.status_code == 201
    assert public_initiative.status_updates.count() == 2


def test_a_weak_etag_never_matches_so_nothing_is_filed(client, sekretariat, public_initiative):
    headers = bearer(sekretariat)
    etag = client.get(f"/api/initiatives/{public_initiative.uuid}/", **headers)["ETag"]

    response = client.post(
        url(public_initiative),
        REPORT,
        content_type="application/json",
        HTTP_IF_MATCH=f"W/{etag}",
        **headers,
    )

    assert response.status_code == 412
    assert "W/" in response.json()["detail"]
    assert public_initiative.status_updates.count() == 1


def test_one_current_tag_in_a_list_is_enough(client, sekretariat, public_initiative):
    headers = bearer(sekretariat)
    etag = client.get(f"/api/initiatives/{public_initiative.uuid}/", **headers)["ETag"]

    response = client.post(
        url(public_initiative),
        REPORT,
        content_type="application/json",
        HTTP_IF_MATCH=f'"0.0", W/"1.1", {etag}',
        **headers,
    )

    assert response.status_code == 201


def test_an_invalid_report_is_422_naming_the_field(client, sekretariat, public_initiative):
    headers = bearer(sekretariat)
    etag = client.get(f"/api/initiatives/{public_initiative.uuid}/", **headers)["ETag"]

    response = client.post(
        url(public_initiative),
        {**REPORT, "progress": 140},
        content_type="application/json",
        HTTP_IF_MATCH=etag,
        **headers,
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "progress"]
    assert public_initiative.status_updates.count() == 1


def test_anonymous_cannot_file_status(client, public_initiative):
    response = client.post(url(public_initiative), REPORT, content_type="application/json")

    assert response.status_code == 401


def test_raadsmedlem_who_reads_but_may_not_report_gets_403(client, raadsmedlem, public_initiative):
    headers = bearer(raadsmedlem)
    etag = client.get(f"/api/initiatives/{public_initiative.uuid}/", **headers)["ETag"]

    response = client.post(
        url(public_initiative),
        REPORT,
        content_type="application/json",
        HTTP_IF_MATCH=etag,
        **headers,
    )

    assert response.status_code == 403


def test_another_districts_secretariat_gets_404_for_a_local_initiative(
    client, sekretariat_midtvest, nordjylland, hjoerring, politi_nord
):
    from tests import factories

    local = factories.initiative("Lokal", district=nordjylland, lead=politi_nord, owner=hjoerring)

    response = client.post(
        url(local),
        REPORT,
        content_type="application/json",
        HTTP_IF_MATCH='"1.0"',
        **bearer(sekretariat_midtvest),
    )

    assert response.status_code == 404


# Statistics: small counts hidden for the public -------------------------------------------------


@pytest.fixture
def laesoe_figures(db):
    dataset = Dataset.objects.create(
        table=STRAF11,
        source=Dataset.Source.FILE,
        fetched_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    )
    violence = Offence.objects.create(code="12", label="Voldsforbrydelser i alt")
    # Nordjylland's municipalities in 2023K1: Læsø 3 (small); the rest 10, 20, 30, …
    areas = list(
        Area.objects.filter(kind="municipality", district__slug="nordjyllands-politi").order_by(
            "code"
        )
    )
    values = {}
    for n, area in enumerate(areas):
        values[area.code] = 3 if area.code == "825" else 10 * (n + 1)
        Observation.objects.create(
            table=STRAF11,
            area=area,
            offence=violence,
            period="2023K1",
            year=2023,
            quarter=1,
            value=values[area.code],
            dataset=dataset,
        )
    return values


@pytest.mark.usefixtures("straf11_hidden")
def test_visitor_gets_small_counts_hidden_with_a_complement(client, laesoe_figures):
    response = client.get("/api/statistics/observations/?offence=12&period=2023K1&page_size=100")

    rows = {r["area"]: r for r in response.json()["results"]}
    assert rows["825"]["value"] is None
    assert rows["825"]["hidden"] == "under 5"
    # The complement is the smallest count that is not small itself: 10, the first by code.
    smallest = min((v, c) for c, v in laesoe_figures.items() if v >= 5)[1]
    assert rows[smallest]["value"] is None
    assert rows[smallest]["hidden"] == "skjult"
    shown = {c for c, r in rows.items() if r["value"] is not None}
    assert shown == set(laesoe_figures) - {"825", smallest}


def test_analytiker_with_token_reads_the_figures_unsuppressed(client, analytiker, laesoe_figures):
    response = client.get(
        "/api/statistics/observations/?area=825&offence=12&period=2023", **bearer(analytiker)
    )

    assert response.json()["results"][0]["value"] == 3


def test_an_unknown_area_is_422_naming_it(client, laesoe_figures):
    response = client.get("/api/statistics/observations/?area=9999")

    assert response.status_code == 422
    assert "»9999«" in response.json()["detail"]


@pytest.mark.parametrize("area", ["politikreds:²", "²", "politikreds:99999999"])
def test_an_area_of_unicode_digits_is_422_naming_it(client, area):
    response = client.get("/api/statistics/observations/", {"area": area})

    assert response.status_code == 422
    assert f"»{area}«" in response.json()["detail"]
