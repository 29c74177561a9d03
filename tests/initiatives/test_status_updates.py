"""Status reports per quarter: written by those who take part, never changed afterwards, and
gathered on "Mine opdateringer" with what is missing and overdue."""

import datetime

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.initiatives.models import StatusUpdate
from kredsraad.initiatives.queries import (
    current_quarter,
    previous_quarter,
    progress_of_initiative,
    quarter_bounds,
    reporting_duties,
)
from tests import factories


def report(**values):
    data = {
        "period": current_quarter(),
        "light": "on_track",
        "progress": 40,
        "text": "Godt i gang.",
    }
    data.update(values)
    return data


def test_quarters_follow_the_danish_calendar():
    assert current_quarter(datetime.date(2023, 3, 31)) == "2023K1"
    assert current_quarter(datetime.date(2023, 4, 1)) == "2023K2"
    assert previous_quarter("2023K1") == "2022K4"
    assert quarter_bounds("2024K1") == (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
    assert quarter_bounds("2023K4") == (datetime.date(2023, 10, 1), datetime.date(2023, 12, 31))


def test_coordinator_reports_on_an_initiative_the_municipality_takes_part_in(
    client, koordinator_laesoe, socialbedrageri
):
    client.force_login(koordinator_laesoe)
    url = reverse("initiatives:status_update_create", args=[socialbedrageri.pk])

    form = client.get(url).context["form"]
    response = client.post(url, report(progress=40))

    assert form["period"].value() == current_quarter()
    assert response.url == socialbedrageri.get_absolute_url()
    update = StatusUpdate.objects.get()
    assert (update.period, update.progress, update.author) == (
        current_quarter(),
        40,
        koordinator_laesoe,
    )
    assert progress_of_initiative(socialbedrageri) == 40


@pytest.mark.parametrize("progress", [-1, 101, "halvvejs"])
def test_progress_outside_0_to_100_is_refused(client, sekretariat, socialbedrageri, progress):
    client.force_login(sekretariat)

    response = client.post(
        reverse("initiatives:status_update_create", args=[socialbedrageri.pk]),
        report(progress=progress),
    )

    assert response.context["form"].errors == {
        "progress": ["Fremdriften skal være et helt tal fra 0 til 100 %."]
    }
    assert not StatusUpdate.objects.exists()


def test_a_future_quarter_cannot_be_reported(client, sekretariat, socialbedrageri):
    year = datetime.date.today().year + 1
    client.force_login(sekretariat)

    response = client.post(
        reverse("initiatives:status_update_create", args=[socialbedrageri.pk]),
        report(period=f"{year}K1"),
    )

    assert "er ikke begyndt endnu" in str(response.context["form"].errors["period"])


def test_a_second_report_for_the_quarter_counts_and_the_first_is_kept(
    client, sekretariat, koordinator_laesoe, socialbedrageri
):
    client.force_login(koordinator_laesoe)
    url = reverse("initiatives:status_update_create", args=[socialbedrageri.pk])
    client.post(url, report(progress=40))
    client.force_login(sekretariat)

    client.post(url, report(progress=35, light="challenged", text="Rettet: lidt bagud."))
    page = client.get(socialbedrageri.get_absolute_url())

    history = page.context["updates"]
    assert [(u.progress, u.is_current, u.superseded) for u in history] == [
        (35, True, False),
        (40, False, True),
    ]
    assert progress_of_initiative(socialbedrageri) == 35
    assert "erstattet af en nyere opdatering for samme periode" in page.content.decode()


def test_the_database_refuses_to_change_a_report(socialbedrageri, sekretariat):
    update = factories.status_update(
        socialbedrageri, period="2023K1", progress=10, author=sekretariat
    )

    with pytest.raises(DatabaseError, match="Cannot update rows"):
        StatusUpdate.objects.filter(pk=update.pk).update(progress=90)


# Mine opdateringer ---------------------------------------------------------------------------

MAY_2023 = datetime.date(2023, 5, 10)


def test_coordinator_sees_what_is_reported_missing_and_overdue(
    nordjylland, politi_nord, laesoe, hjoerring, koordinator_laesoe, sekretariat, laesoe_lokal
):
    def initiative(title, **values):
        values.setdefault("municipalities", [laesoe])
        return factories.initiative(title, district=nordjylland, lead=politi_nord, **values)

    reported = initiative("Rapporteret")
    factories.status_update(reported, period="2023K2", progress=50, author=sekretariat)
    late_last = initiative("Rapporteret sidste kvartal")
    factories.status_update(late_last, period="2023K1", progress=20, author=sekretariat)
    initiative("Startet i år, aldrig rapporteret", starts=datetime.date(2023, 1, 1))
    initiative("Startet i dette kvartal", starts=datetime.date(2023, 4, 15))
    initiative("Starter efter kvartalet", starts=datetime.date(2023, 7, 1))
    initiative("Afsluttet", status="finished")
    initiative("Kun Hjørring", municipalities=[hjoerring])
    initiative("Hele kredsen", municipalities=[], all_municipalities=True, status="permanent")

    duties = reporting_duties(koordinator_laesoe, today=MAY_2023)

    assert [(d.initiative.title, d.state) for d in duties] == [
        ("Hele kredsen", "overdue"),
        ("Startet i år, aldrig rapporteret", "overdue"),
        ("Tryg havn på Læsø", "overdue"),
        ("Rapporteret sidste kvartal", "missing"),
        ("Startet i dette kvartal", "missing"),
        ("Rapporteret", "reported"),
    ]


def test_my_updates_page_explains_the_states(client, koordinator_laesoe, socialbedrageri):
    client.force_login(koordinator_laesoe)

    response = client.get(reverse("initiatives:my_updates"))

    page = response.content.decode()
    assert "Forsinket" in page
    assert f"Status for {current_quarter()}" in page
    assert [d.initiative for d in response.context["duties"]] == [socialbedrageri]


def test_my_updates_query_count_does_not_grow(
    client, koordinator_laesoe, nordjylland, politi_nord, laesoe, sekretariat, trygfonden
):
    client.force_login(koordinator_laesoe)
    url = reverse("initiatives:my_updates")

    def add(n):
        for _ in range(n):
            initiative = factories.initiative(
                "Indsats", district=nordjylland, lead=politi_nord, municipalities=[laesoe]
            )
            initiative.partners.add(trygfonden)
            factories.status_update(initiative, period="2023K1", progress=5, author=sekretariat)

    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add(2)

    with CaptureQueriesContext(connection) as three:
        response = client.get(url)

    assert len(response.context["duties"]) == 3
    assert len(three.captured_queries) == len(one.captured_queries)
