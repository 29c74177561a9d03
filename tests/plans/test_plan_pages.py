"""Who may open and change the plan's pages: everyone in the district reads, the secretariat
writes, another district's plan is a 404."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.plans import actions

READERS = {"sekretariat", "analytiker", "raadsmedlem", "koordinator_hjoerring", "administrator"}
WRITERS = {"sekretariat", "administrator"}
PERSONAS = sorted(READERS | {"sekretariat_midtvest", "uden_rolle"})


@pytest.fixture
def pages(plan_2023, nordjylland):
    area = plan_2023.focus_areas.first()
    section = plan_2023.sections.first()
    return [
        (reverse("plans:plans", args=[nordjylland.slug]), READERS),
        (reverse("plans:plan", args=[plan_2023.pk]), READERS),
        (reverse("plans:compare", args=[plan_2023.pk]), READERS),
        (reverse("plans:focus_area", args=[area.pk]), READERS),
        (reverse("plans:plan_edit", args=[plan_2023.pk]), WRITERS),
        (reverse("plans:section_create", args=[plan_2023.pk]), WRITERS),
        (reverse("plans:section_edit", args=[section.pk]), WRITERS),
        (reverse("plans:focus_area_create", args=[plan_2023.pk]), WRITERS),
        (reverse("plans:focus_area_edit", args=[area.pk]), WRITERS),
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_plan_pages_answer_by_role(client, request, pages, persona):
    client.force_login(request.getfixturevalue(persona))

    statuses = [client.get(url).status_code for url, _ in pages]

    assert statuses == [200 if persona in allowed else 404 for _, allowed in pages]


@pytest.mark.parametrize(
    "name", ["plan_send", "plan_return", "plan_publish", "plan_correct", "plan_roll_over"]
)
def test_coordinator_cannot_move_the_plan(client, koordinator_hjoerring, plan_2023, name):
    client.force_login(koordinator_hjoerring)

    response = client.post(reverse(f"plans:{name}", args=[plan_2023.pk]))

    assert response.status_code == 404
    plan_2023.refresh_from_db()
    assert plan_2023.status == "draft"


def test_secretariat_cannot_touch_another_districts_plan(client, sekretariat, plan_midtvest):
    client.force_login(sekretariat)

    response = client.post(reverse("plans:plan_send", args=[plan_midtvest.pk]))

    assert response.status_code == 404
    plan_midtvest.refresh_from_db()
    assert plan_midtvest.status == "draft"


def test_visitor_is_sent_to_login(client, plan_2023):
    response = client.get(plan_2023.get_absolute_url())

    assert response.status_code == 302


def test_plan_list_query_count_does_not_grow(client, sekretariat, nordjylland, plan_2023):
    client.force_login(sekretariat)
    url = reverse("plans:plans", args=[nordjylland.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    actions.create_plan(nordjylland, year=2024, by=sekretariat)
    actions.create_plan(nordjylland, year=2025, by=sekretariat)

    with CaptureQueriesContext(connection) as three:
        client.get(url)

    assert len(three.captured_queries) == len(one.captured_queries)


def test_plan_page_query_count_does_not_grow_with_focus_areas(client, sekretariat, plan_2023):
    client.force_login(sekretariat)
    url = plan_2023.get_absolute_url()
    client.get(url)
    # The page keeps the plan's document (plans.kept); both counts are of building it.
    cache.clear()
    with CaptureQueriesContext(connection) as two:
        client.get(url)
    for n in range(3):
        actions.add_focus_area(
            plan_2023, title=f"Område {n}", body="", themes=[], responsible=None, by=sekretariat
        )

    cache.clear()
    with CaptureQueriesContext(connection) as five:
        client.get(url)

    assert len(five.captured_queries) == len(two.captured_queries)


def test_plan_history_shows_focus_area_changes_by_whom(client, sekretariat, plan_2023):
    area = plan_2023.focus_areas.first()
    client.force_login(sekretariat)
    client.post(
        reverse("plans:focus_area_edit", args=[area.pk]),
        {
            "title": "Nærstationerne",
            "body": "",
            "themes": ["local_policing"],
            "responsible": area.responsible_id,
            "version": area.version,
        },
    )

    response = client.get(reverse("plans:plan_history", args=[plan_2023.pk]))

    change = next(c for c in response.context["changes"] if c.action == "Ændret")
    assert change.subject == "Indsatsområde: Nærstationerne"
    assert change.user == sekretariat
    assert [(f.label, f.new) for f in change.fields] == [("titel", "Nærstationerne")]


def test_coordinator_cannot_read_another_municipalitys_handleplan_history(
    client, koordinator_laesoe, plan_2023, lokalraad_hjoerring, sekretariat
):
    action_plan = actions.create_action_plan(lokalraad_hjoerring, plan=plan_2023, by=sekretariat)
    client.force_login(koordinator_laesoe)

    response = client.get(reverse("plans:action_plan_history", args=[action_plan.pk]))

    assert response.status_code == 404
