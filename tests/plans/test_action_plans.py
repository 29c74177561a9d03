"""Handleplaner: the koordinator writes the municipality's, the lokalråd adopts it by the
deadline, and the secretariat sees who is late."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.plans import actions
from kredsraad.plans.document import action_plan_status
from kredsraad.plans.models import ActionPlan, ActionPlanItem
from tests.confirming import confirm


@pytest.fixture
def handleplan_hjoerring(plan_2023, lokalraad_hjoerring, koordinator_hjoerring):
    return actions.create_action_plan(lokalraad_hjoerring, plan=plan_2023, by=koordinator_hjoerring)


def item_form(focus_area=None, **values):
    data = {
        "title": "Tryghedsvandring i Hjørring midtby",
        "description": "",
        "focus_area": focus_area.pk if focus_area else "",
        "responsible": "",
        "starts": "2023-03-01",
        "ends": "2023-06-30",
    }
    data.update(values)
    return data


def test_coordinator_writes_and_adopts_the_handleplan(
    client, koordinator_hjoerring, plan_2023, lokalraad_hjoerring
):
    area = plan_2023.focus_areas.first()
    client.force_login(koordinator_hjoerring)

    client.post(reverse("plans:action_plan_create", args=[plan_2023.pk, lokalraad_hjoerring.pk]))
    action_plan = ActionPlan.objects.get(council=lokalraad_hjoerring)
    client.post(reverse("plans:item_create", args=[action_plan.pk]), item_form(area))
    client.post(
        reverse("plans:item_create", args=[action_plan.pk]),
        item_form(None, title="Natteravne på Hjørring station"),
    )
    confirm(
        client,
        reverse("plans:action_plan_adopt", args=[action_plan.pk]),
        {"adopted_on": "2023-01-25"},
    )

    action_plan.refresh_from_db()
    assert action_plan.status == "adopted"
    assert action_plan.adopted_on == datetime.date(2023, 1, 25)
    assert [(i.title, i.is_local_need) for i in action_plan.items.all()] == [
        ("Tryghedsvandring i Hjørring midtby", False),
        ("Natteravne på Hjørring station", True),
    ]
    assert action_plan_status(action_plan, plan_2023)[0] == "adopted"


def test_coordinator_cannot_write_another_municipalitys_handleplan(
    client, koordinator_laesoe, handleplan_hjoerring
):
    client.force_login(koordinator_laesoe)

    response = client.post(
        reverse("plans:item_create", args=[handleplan_hjoerring.pk]), item_form()
    )

    assert response.status_code == 404
    assert not ActionPlanItem.objects.exists()


def test_item_pointing_to_another_districts_focus_area_is_refused(
    client, koordinator_hjoerring, handleplan_hjoerring, plan_midtvest, sekretariat_midtvest
):
    foreign = actions.add_focus_area(
        plan_midtvest,
        title="Midtvest-område",
        body="",
        themes=[],
        responsible=None,
        by=sekretariat_midtvest,
    )
    client.force_login(koordinator_hjoerring)

    response = client.post(
        reverse("plans:item_create", args=[handleplan_hjoerring.pk]), item_form(foreign)
    )

    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert not ActionPlanItem.objects.exists()


def test_item_ending_before_it_starts_is_refused(
    client, koordinator_hjoerring, handleplan_hjoerring
):
    client.force_login(koordinator_hjoerring)

    response = client.post(
        reverse("plans:item_create", args=[handleplan_hjoerring.pk]),
        item_form(starts="2023-06-01", ends="2023-05-01"),
    )

    assert "Slutdatoen ligger før startdatoen." in response.content.decode()
    assert not ActionPlanItem.objects.exists()


def test_empty_handleplan_cannot_be_adopted(handleplan_hjoerring, koordinator_hjoerring):
    with pytest.raises(actions.PlanStateError, match="uden handlinger"):
        actions.adopt_action_plan(
            handleplan_hjoerring, on=datetime.date(2023, 1, 20), by=koordinator_hjoerring
        )


def test_adopted_handleplan_is_locked_until_reopened(
    handleplan_hjoerring, koordinator_hjoerring, plan_2023
):
    actions.add_item(handleplan_hjoerring, title="Tryghedsvandring", by=koordinator_hjoerring)
    actions.adopt_action_plan(
        handleplan_hjoerring, on=datetime.date(2023, 1, 20), by=koordinator_hjoerring
    )

    with pytest.raises(actions.PlanStateError, match="vedtaget og kan ikke længere redigeres"):
        actions.add_item(handleplan_hjoerring, title="Sent indfald", by=koordinator_hjoerring)
    actions.reopen_action_plan(handleplan_hjoerring, by=koordinator_hjoerring)

    assert handleplan_hjoerring.status == "draft"
    assert handleplan_hjoerring.adopted_on is None


@pytest.mark.parametrize(
    ("adopted_on", "today", "expected"),
    [
        (datetime.date(2023, 1, 31), datetime.date(2023, 3, 1), "adopted"),
        (datetime.date(2023, 2, 1), datetime.date(2023, 3, 1), "adopted"),
        (datetime.date(2023, 2, 2), datetime.date(2023, 3, 1), "late"),
        (None, datetime.date(2023, 2, 1), "draft"),
        (None, datetime.date(2023, 2, 2), "overdue"),
    ],
)
def test_handleplan_is_flagged_from_the_day_after_the_deadline(
    plan_2023, adopted_on, today, expected
):
    action_plan = ActionPlan(plan=plan_2023, adopted_on=adopted_on)

    assert action_plan_status(action_plan, plan_2023, today=today)[0] == expected


def test_missing_handleplan_is_flagged_after_the_deadline(plan_2023):
    assert action_plan_status(None, plan_2023, today=datetime.date(2023, 2, 1))[0] == "missing"
    assert action_plan_status(None, plan_2023, today=datetime.date(2023, 2, 2))[0] == "overdue"


def test_secretariat_sees_every_municipality_and_coordinator_only_own(
    client, sekretariat, koordinator_hjoerring, plan_2023, handleplan_hjoerring
):
    client.force_login(sekretariat)
    everyone = client.get(reverse("plans:action_plans", args=[plan_2023.pk]))
    client.force_login(koordinator_hjoerring)
    own = client.get(reverse("plans:action_plans", args=[plan_2023.pk]))

    assert len(everyone.context["rows"]) == 9
    assert [row["council"].municipality.name for row in own.context["rows"]] == ["Hjørring"]


def test_handleplan_list_query_count_does_not_grow(
    client, sekretariat, plan_2023, handleplan_hjoerring, lokalraad_laesoe, lokalraad_aalborg
):
    client.force_login(sekretariat)
    url = reverse("plans:action_plans", args=[plan_2023.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    actions.create_action_plan(lokalraad_laesoe, plan=plan_2023, by=sekretariat)
    actions.create_action_plan(lokalraad_aalborg, plan=plan_2023, by=sekretariat)

    with CaptureQueriesContext(connection) as three:
        client.get(url)

    assert len(three.captured_queries) == len(one.captured_queries)


def test_handleplan_page_query_count_does_not_grow_with_items(
    client, koordinator_hjoerring, handleplan_hjoerring, trygfonden
):
    client.force_login(koordinator_hjoerring)
    url = handleplan_hjoerring.get_absolute_url()
    actions.add_item(
        handleplan_hjoerring, title="Første", partners=[trygfonden], by=koordinator_hjoerring
    )
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    actions.add_item(
        handleplan_hjoerring, title="Anden", partners=[trygfonden], by=koordinator_hjoerring
    )
    actions.add_item(
        handleplan_hjoerring, title="Tredje", partners=[trygfonden], by=koordinator_hjoerring
    )

    with CaptureQueriesContext(connection) as three:
        client.get(url)

    assert len(three.captured_queries) == len(one.captured_queries)


def test_a_lokalraad_gets_one_handleplan_a_year(plan_2023, lokalraad_laesoe, sekretariat):
    actions.create_action_plan(lokalraad_laesoe, plan=plan_2023, by=sekretariat)

    with pytest.raises(actions.PlanStateError, match="har allerede en handleplan for 2023"):
        actions.create_action_plan(lokalraad_laesoe, plan=plan_2023, by=sekretariat)
