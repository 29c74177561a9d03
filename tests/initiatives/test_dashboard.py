"""The secretariat's overview of the district: plan, handleplaner, traffic lights, milestones
ahead and overdue reports."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.initiatives.dashboard import district_dashboard
from kredsraad.plans import actions as plan_actions
from tests import factories

MAY_2023 = datetime.date(2023, 5, 10)


def test_dashboard_counts_initiatives_by_their_latest_light(
    sekretariat, nordjylland, plan_2023, socialbedrageri, bo_trygt
):
    factories.status_update(
        socialbedrageri, period="2023K1", progress=30, light="on_track", author=sekretariat
    )
    factories.status_update(
        socialbedrageri, period="2023K2", progress=35, light="serious", author=sekretariat
    )

    dashboard = district_dashboard(sekretariat, nordjylland, today=MAY_2023)

    counts = {code: count for code, _label, count, _items in dashboard.lights}
    assert counts == {"on_track": 0, "challenged": 0, "serious": 1, "finished": 0, "": 1}
    assert dashboard.plan == plan_2023


def test_dashboard_lists_open_milestones_within_90_days(
    sekretariat, nordjylland, plan_2023, socialbedrageri
):
    factories.milestone(
        socialbedrageri, "Evaluering af forsøget", due_date=datetime.date(2023, 3, 31)
    )
    factories.milestone(
        socialbedrageri, "Resultater til kredsrådet", kind="report", due_quarter="2023K2"
    )
    factories.milestone(
        socialbedrageri, "Projektet slutter", kind="completion", due_date=datetime.date(2023, 9, 30)
    )
    factories.milestone(
        socialbedrageri,
        "Allerede nået",
        due_date=datetime.date(2023, 5, 1),
        done_on=datetime.date(2023, 5, 1),
    )

    dashboard = district_dashboard(sekretariat, nordjylland, today=MAY_2023)

    assert [(str(due), m.title) for due, m in dashboard.milestones] == [
        ("2023-03-31", "Evaluering af forsøget"),
        ("2023-06-30", "Resultater til kredsrådet"),
    ]


def test_dashboard_flags_initiatives_without_last_quarters_report(
    sekretariat, nordjylland, plan_2023, socialbedrageri, bo_trygt
):
    factories.status_update(bo_trygt, period="2023K1", progress=10, author=sekretariat)

    dashboard = district_dashboard(sekretariat, nordjylland, today=MAY_2023)

    assert [i.title for i in dashboard.overdue] == ["Pilotprojekt om socialbedrageri"]


def test_dashboard_shows_handleplan_state_per_municipality(sekretariat, nordjylland, plan_2023):
    dashboard = district_dashboard(sekretariat, nordjylland, today=MAY_2023)

    assert len(dashboard.action_plans) == 9
    assert {row["status"][0] for row in dashboard.action_plans} == {"overdue"}


def test_secretariat_opens_the_dashboard(
    client, sekretariat, nordjylland, plan_2023, socialbedrageri
):
    client.force_login(sekretariat)

    response = client.get(reverse("initiatives:dashboard", args=[nordjylland.slug]))

    assert response.status_code == 200
    assert "Overblik for Nordjyllands Politi" in response.content.decode()


def test_another_districts_dashboard_is_404(client, sekretariat, midtvest):
    client.force_login(sekretariat)

    response = client.get(reverse("initiatives:dashboard", args=[midtvest.slug]))

    assert response.status_code == 404


def test_dashboard_query_count_does_not_grow_with_initiatives(
    client, sekretariat, nordjylland, politi_nord, plan_2023, socialbedrageri
):
    client.force_login(sekretariat)
    url = reverse("initiatives:dashboard", args=[nordjylland.slug])
    factories.milestone(socialbedrageri, "Evaluering", due_date=datetime.date.today())
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(2):
        extra = factories.initiative(f"Indsats {n}", district=nordjylland, lead=politi_nord)
        factories.milestone(extra, "Evaluering", due_date=datetime.date.today())

    with CaptureQueriesContext(connection) as three:
        client.get(url)

    assert len(three.captured_queries) == len(one.captured_queries)


def test_dashboard_of_a_new_years_draft_shows_no_lights_from_last_years_reports(
    client, sekretariat, nordjylland, plan_2023, socialbedrageri, bo_trygt
):
    factories.status_update(
        socialbedrageri, period="2023K4", progress=80, light="serious", author=sekretariat
    )
    factories.status_update(
        bo_trygt, period="2023K3", progress=60, light="challenged", author=sekretariat
    )
    factories.status_update(bo_trygt, period="2024K1", progress=5, author=sekretariat)
    draft_2024 = plan_actions.create_plan(nordjylland, year=2024, by=sekretariat)
    february_2024 = datetime.date(2024, 2, 20)

    dashboard = district_dashboard(sekretariat, nordjylland, today=february_2024)

    assert dashboard.plan == draft_2024
    counts = {code: count for code, _label, count, _items in dashboard.lights}
    assert counts == {"on_track": 1, "challenged": 0, "serious": 0, "finished": 0, "": 1}
    (none_yet,) = [items for code, _label, _count, items in dashboard.lights if code == ""]
    assert [i.title for i in none_yet] == ["Pilotprojekt om socialbedrageri"]
    labels = [label for _code, label, _count, _items in dashboard.lights]
    assert "Ingen status i 2024 endnu" in labels

    client.force_login(sekretariat)
    page = client.get(reverse("initiatives:dashboard", args=[nordjylland.slug])).content.decode()
    # Today is after 2024, and the 2024 draft is the district's latest plan.
    assert "Indsatser efter trafiklys i 2024" in page
    assert "Ingen status i 2024 endnu: 1" in page
    assert "Alvorligt udfordret: 0" in page
