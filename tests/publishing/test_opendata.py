# ruff: noqa: F811 (the shared fixture `world` is imported, then named as an argument)
"""Open data: CSV for Danish Excel and JSON, every field described, only what is published."""

import csv
import io
import json

import pytest
from django.urls import reverse

from kredsraad.publishing.opendata import DATASETS

from .test_public_site import COUNCIL, SECRETS, world  # noqa: F401 (the fixture)


def download(client, name, fmt):
    return client.get(
        reverse("publishing:public_data_download", args=["nordjyllands-politi", name, fmt])
    )


def csv_rows(response) -> list[dict]:
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_page_describes_every_field_of_every_download(client, world):
    response = client.get(reverse("publishing:public_data", args=["nordjyllands-politi"]))

    page = response.content.decode()
    for dataset in DATASETS.values():
        assert f"/offentlig/nordjyllands-politi/data/{dataset.name}.csv" in page
        assert f"/offentlig/nordjyllands-politi/data/{dataset.name}.json" in page
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in page


@pytest.mark.parametrize("name", list(DATASETS))
def test_csv_and_json_hold_the_same_fields_and_rows(client, world, name):
    from_csv = csv_rows(download(client, name, "csv"))
    from_json = json.loads(download(client, name, "json").content)

    names = [f.name for f in DATASETS[name].fields]
    assert [f["navn"] for f in from_json["felter"]] == names
    assert len(from_csv) == len(from_json["data"])
    assert all(list(row) == names for row in from_json["data"])


def test_plans_download_lists_both_versions_with_the_change_note(client, world):
    rows = csv_rows(download(client, "planer", "csv"))

    assert [(r["version"], r["aktuel"], r["aendringsnote"]) for r in rows] == [
        ("2", "ja", "Indsatsområdets titel er præciseret."),
        ("1", "nej", ""),
    ]


def test_initiatives_download_has_the_public_status_and_no_internal_text(client, world):
    response = download(client, "indsatser", "json")

    data = json.loads(response.content)["data"]
    assert [(r["titel"], r["trafiklys"], r["fremdrift"], r["milepaele_naaet"]) for r in data] == [
        ("Tryg i nattelivet", "Udfordret", 40, 1)
    ]


def test_meetings_download_has_public_meetings_and_those_with_approved_minutes(client, world):
    rows = json.loads(download(client, "moeder", "json").content)["data"]

    assert sorted(r["titel"] for r in rows) == [
        f"{COUNCIL}Kredsrådets møde i efteråret",
        f"{COUNCIL}Kredsrådets åbne møde",
    ]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_no_download_holds_anything_unpublished(client, world, fmt):
    bodies = [download(client, name, fmt).content.decode("utf-8-sig") for name in DATASETS]

    everything = "\n".join(bodies)
    assert {what for what, text in SECRETS.items() if text in everything} == set()


def test_handleplaner_download_lists_published_handleplaner_with_the_published_plan_title(
    client, world, lokalraad_hjoerring, sekretariat
):
    from kredsraad.plans import actions

    plan = world["plan"]
    action_plan = lokalraad_hjoerring.action_plans.get()
    before = json.loads(download(client, "handleplaner", "json").content)["data"]
    actions.adopt_action_plan(action_plan, on=plan.approved_on, by=sekretariat)
    actions.publish_action_plan(action_plan, by=sekretariat)
    actions.start_correction(plan, by=sekretariat)
    plan.refresh_from_db()
    plan.title = "Arbejdstitel under rettelsen"
    actions.update_plan(plan, expected_version=plan.version, by=sekretariat)

    rows = json.loads(download(client, "handleplaner", "json").content)["data"]
    from_csv = csv_rows(download(client, "handleplaner", "csv"))

    assert before == []
    assert [(r["uuid"], r["lokalraad"], r["plan_titel"], r["handlinger"]) for r in rows] == [
        (str(action_plan.uuid), lokalraad_hjoerring.name, "Kredsrådets samarbejdsplan 2023", 1)
    ]
    assert rows[0]["aar"] == 2023
    assert from_csv[0]["plan_titel"] == "Kredsrådets samarbejdsplan 2023"
    assert "Arbejdstitel under rettelsen" not in download(
        client, "handleplaner", "csv"
    ).content.decode("utf-8-sig")
