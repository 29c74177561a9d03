"""The personal start page does the same work for each role however much history the
installation holds: its query count is the same with one year of plans and meetings as with ten,
and with one district as with all twelve (issue 15).

Each role's page is filled with what it lists (a planned meeting within two weeks with its
proposals, held minutes waiting, a plan out for discussion with paragraphs to review, this
quarter's status duties, a handleplan due, recent changes); the history around it is written in
bulk, as years of use leave it: earlier years' approved plans, initiatives with their status
updates and held meetings with approved minutes, in Nordjylland and in every other district."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kredsraad.core.quarters import Quarter
from kredsraad.councils.models import Council, PoliceDistrict
from kredsraad.initiatives.models import Initiative, StatusUpdate
from kredsraad.meetings.models import AgendaItem, Meeting, Minutes
from kredsraad.plans import actions as plan_actions
from kredsraad.plans.models import CooperationPlan, PlanSection
from tests import factories
from tests.scale.test_meeting_pages_scale import meeting_history

TODAY = timezone.localdate()
ROLES = ("sekretariat", "koordinator_hjoerring", "raadsmedlem", "analytiker")


def _meeting(council, days: int, *, status=Meeting.Status.PLANNED) -> Meeting:
    starts = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    starts += datetime.timedelta(days=days)
    return Meeting.objects.create(
        council=council,
        title=f"Møde i {council.name}",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Politigården",
        status=status,
    )


@pytest.fixture
def this_year(sekretariat, kredsraad_nord, lokalraad_hjoerring, politi_nord, nordjylland):
    """What the start page lists now: this year's plan out for discussion with a paragraph to
    review, an initiative due to report, a planned meeting within two weeks and held minutes
    waiting, for the kredsråd and for Hjørring's lokalråd."""
    plan = plan_actions.create_plan(nordjylland, year=TODAY.year, by=sekretariat)
    PlanSection.objects.filter(plan=plan).update(needs_review=True)
    CooperationPlan.objects.filter(pk=plan.pk).update(status=CooperationPlan.Status.DISCUSSION)
    hjoerring = lokalraad_hjoerring.municipality
    for council in (kredsraad_nord, lokalraad_hjoerring):
        _meeting(council, 5)
        held = _meeting(council, -3, status=Meeting.Status.HELD)
        Minutes.objects.create(meeting=held, status=Minutes.Status.DRAFT, body="Udkast.")
    initiative = factories.initiative(
        "Tryghedsvandring",
        district=nordjylland,
        lead=politi_nord,
        municipalities=[hjoerring],
        starts=datetime.date(TODAY.year, 1, 1),
    )
    factories.status_update(
        initiative,
        period=str(Quarter.of(TODAY).shifted(-1)),
        progress=40,
        author=sekretariat,
        light=StatusUpdate.Light.SERIOUS,
    )
    return plan


def plan_history(district: PoliceDistrict, years, *, author) -> None:
    """Approved plans of earlier years, each with an initiative that is finished and reported
    on every quarter, and a plan item on a kredsråd meeting; written in bulk."""
    lead = factories.organisation(f"Politiet {district.pk} {min(years)}", district=district)
    plans = CooperationPlan.objects.bulk_create(
        CooperationPlan(
            district=district,
            year=year,
            title=f"Samarbejdsplan {year}",
            status=CooperationPlan.Status.APPROVED,
            action_plans_due=datetime.date(year, 3, 1),
        )
        for year in years
    )
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            district=district,
            external_id=f"historik-{district.pk}-{plan.year}",
            title=f"Indsats {plan.year}",
            lead_organisation=lead,
            status=Initiative.Status.FINISHED,
            starts=datetime.date(plan.year, 1, 1),
            ends=datetime.date(plan.year, 12, 31),
        )
        for plan in plans
    )
    StatusUpdate.objects.bulk_create(
        StatusUpdate(
            initiative=initiative,
            period=f"{initiative.starts.year}K{quarter}",
            progress=quarter * 25,
            light=StatusUpdate.Light.SERIOUS,
            text="Status.",
            author=author,
        )
        for initiative in initiatives
        for quarter in range(1, 5)
    )
    kredsraad = Council.objects.get(district=district, kind=Council.Kind.DISTRICT)
    meetings = {m.starts_at.year: m for m in Meeting.objects.filter(council=kredsraad)}
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meetings[plan.year],
            position=10,
            title=f"Drøftelse af {plan.title}",
            kind=AgendaItem.Kind.DISCUSSION,
            plan=plan,
            source=f"plan-discussion:{plan.pk}",
        )
        for plan in plans
        if plan.year in meetings
    )


def history(district: PoliceDistrict, years, *, uploader) -> None:
    """Held meetings with approved minutes for the kredsråd and a lokalråd, and the plans."""
    councils = Council.objects.filter(district=district).order_by("kind", "pk")[:2]
    for council in councils:
        meeting_history(council, years, uploader=uploader, content={})
    plan_history(district, years, author=uploader)


def start_page_queries(client, user) -> int:
    client.force_login(user)
    client.get(reverse("councils:home"))  # the new login's session is saved once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("councils:home"))
    assert response.status_code == 200
    return len(queries.captured_queries)


def everyone(request) -> dict:
    return {role: request.getfixturevalue(role) for role in ROLES}


def test_each_roles_start_page_costs_the_same_with_ten_years_of_history(
    client, request, this_year, nordjylland, sekretariat
):
    users = everyone(request)
    history(nordjylland, [TODAY.year - 1], uploader=sekretariat)
    one_year = {role: start_page_queries(client, user) for role, user in users.items()}

    history(nordjylland, range(TODAY.year - 10, TODAY.year - 1), uploader=sekretariat)
    ten_years = {role: start_page_queries(client, user) for role, user in users.items()}

    assert ten_years == one_year


def test_each_roles_start_page_costs_the_same_with_twelve_districts(
    client, request, this_year, nordjylland, sekretariat
):
    users = everyone(request)
    history(nordjylland, [TODAY.year - 1], uploader=sekretariat)
    one_district = {role: start_page_queries(client, user) for role, user in users.items()}

    for district in PoliceDistrict.objects.exclude(pk=nordjylland.pk):
        factories.district_council(district)
        history(district, [TODAY.year - 1], uploader=sekretariat)
        _meeting(Council.objects.get(district=district, kind=Council.Kind.DISTRICT), 5)
    twelve_districts = {role: start_page_queries(client, user) for role, user in users.items()}

    assert twelve_districts == one_district


def test_the_start_page_lists_what_the_filled_year_holds(client, this_year, sekretariat):
    """The fixture above fills every part of the secretariat's page, so the counts compared
    above are those of a full page, not an empty one."""
    client.force_login(sekretariat)

    page = client.get(reverse("councils:home")).context["page"]

    assert (bool(page.meetings), bool(page.deadlines), bool(page.tasks), bool(page.changes)) == (
        True,
        True,
        True,
        True,
    )
