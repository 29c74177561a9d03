"""The plan pages cost the same number of queries in a national installation after a decade as
on the first day: one district or all twelve, one plan year or ten (issue 15).

Each page is measured twice, with the per-process cache empty and then filled, since the page
may keep what it computed; both counts must stay the same when other districts and years fill
up with plans, focus areas, initiatives, milestones, status updates, goals and handleplaner."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.accounts.models import RoleAssignment
from kredsraad.councils.models import Council, PoliceDistrict
from kredsraad.goals import actions as goal_actions
from kredsraad.plans import actions as plan_actions
from tests import factories

PAGES = ("plan", "focus_area", "coverage", "action_plans", "initiatives", "initiative")


def _fill(district: PoliceDistrict, year: int, by) -> dict:
    """A year of a district's work: a plan with two focus areas, a goal on one, an initiative
    serving both with a milestone, four status updates and a goal of its own, a handleplan with
    an item, and a forum and a kredsråd member for the plan's generated sections."""
    plan = plan_actions.create_plan(district, year=year, by=by)
    police = factories.organisation(f"Politiet {district.pk}-{year}", district=district)
    areas = [
        plan_actions.add_focus_area(
            plan, title=f"Område {n} {year}", body="Tekst.", themes=[], responsible=police, by=by
        )
        for n in (1, 2)
    ]
    goal_actions.add_goal(
        areas[0],
        by=by,
        statement=f"Flere møder {year}",
        direction="up",
        target=Decimal(20),
        baseline_period=str(year - 1),
        deadline=str(year + 1),
        source="reported",
        reported_by=police,
        reported_unit="møder",
        unit="count",
    )
    municipality = district.municipalities.order_by("code").first()
    initiative = factories.initiative(
        f"Indsats {district.pk}-{year}",
        district=district,
        lead=police,
        municipalities=[municipality],
        partners=[police],
        focus_areas=areas,
        starts=datetime.date(year, 1, 1),
    )
    factories.milestone(initiative, "Evaluering", due_date=datetime.date(year, 12, 1))
    for quarter in range(1, 5):
        factories.status_update(
            initiative, period=f"{year}K{quarter}", progress=quarter * 20, author=by
        )
    goal_actions.add_goal(
        initiative,
        by=by,
        statement=f"Flere kurser {year}",
        direction="up",
        target=Decimal(10),
        baseline_period=str(year - 1),
        deadline=str(year + 1),
        source="reported",
        reported_by=police,
        reported_unit="kurser",
        unit="count",
    )
    council = Council.objects.filter(district=district, kind=Council.Kind.LOCAL).first()
    action_plan = plan_actions.create_action_plan(council, plan=plan, by=by)
    plan_actions.add_item(
        action_plan,
        title=f"Handling {year}",
        description="",
        focus_area=areas[0],
        responsible=police,
        starts=None,
        ends=None,
        by=by,
    )
    factories.forum(f"Forum {district.pk}-{year}", district=district, lead=police)
    factories.membership(
        factories.district_council(district),
        factories.person(title="Leder", organisation=police, name=f"Leder {year}"),
    )
    return {"plan": plan, "area": areas[0], "initiative": initiative, "district": district}


def _url(page: str, world: dict) -> str:
    plan = world["plan"]
    return {
        "plan": plan.get_absolute_url(),
        "focus_area": world["area"].get_absolute_url(),
        "coverage": reverse("plans:coverage", args=[plan.pk]),
        "action_plans": reverse("plans:action_plans", args=[plan.pk]),
        "initiatives": reverse("initiatives:initiatives", args=[world["district"].slug]),
        "initiative": world["initiative"].get_absolute_url(),
    }[page]


def _counts(client, url: str) -> tuple[int, int]:
    """(queries with an empty cache, queries once the page has been seen). A first request
    before either saves the new login's session, a write that happens once."""
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        response = client.get(url)
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    return len(cold.captured_queries), len(warm.captured_queries)


@pytest.mark.parametrize("page", PAGES)
def test_sekretariat_pages_cost_the_same_with_twelve_districts(
    client, sekretariat, nordjylland, page
):
    world = _fill(nordjylland, 2023, sekretariat)
    client.force_login(sekretariat)
    one_district = _counts(client, _url(page, world))

    for district in PoliceDistrict.objects.exclude(pk=nordjylland.pk):
        other = factories.user(role=RoleAssignment.Role.SECRETARIAT, district=district)
        _fill(district, 2023, other)

    assert _counts(client, _url(page, world)) == one_district


@pytest.mark.parametrize("page", PAGES)
def test_sekretariat_pages_cost_the_same_with_ten_plan_years(
    client, sekretariat, nordjylland, page
):
    world = _fill(nordjylland, 2023, sekretariat)
    client.force_login(sekretariat)
    one_year = _counts(client, _url(page, world))

    for year in range(2014, 2023):
        _fill(nordjylland, year, sekretariat)

    assert _counts(client, _url(page, world)) == one_year
