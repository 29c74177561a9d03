"""Compliance per council and year: each rule green or red with the reason, or not met yet while
its deadline is ahead."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.councils.models import Council
from kredsraad.meetings.compliance import compliance
from kredsraad.meetings.models import AgendaItem, Meeting, Minutes
from kredsraad.plans import actions as plan_actions
from kredsraad.plans.models import ActionPlan

CPH = ZoneInfo("Europe/Copenhagen")
AFTER_2023 = datetime.date(2024, 1, 15)
MID_2023 = datetime.date(2023, 6, 20)


def meeting(council, day: datetime.date, status="held") -> Meeting:
    starts = datetime.datetime(day.year, day.month, day.day, 14, 0, tzinfo=CPH)
    return Meeting.objects.create(
        council=council,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Politigården, Aalborg",
        status=status,
    )


def item(meeting, **values) -> AgendaItem:
    return AgendaItem.objects.create(
        meeting=meeting,
        position=meeting.items.count() + 1,
        title="Punkt",
        kind="discussion",
        **values,
    )


def approved_minutes(meeting, on: datetime.date) -> Minutes:
    return Minutes.objects.create(meeting=meeting, status="approved", approved_on=on)


def check(council, code, year=2023, today=AFTER_2023):
    return next(c for c in compliance(council, year, today=today) if c.code == code)


QUARTERS = [
    datetime.date(2023, 3, 7),
    datetime.date(2023, 6, 13),
    datetime.date(2023, 9, 12),
    datetime.date(2023, 12, 5),
]


# Meetings held ---------------------------------------------------------------------------------


def test_four_held_meetings_meet_the_requirement(kredsraad_nord):
    for day in QUARTERS:
        meeting(kredsraad_nord, day)

    found = check(kredsraad_nord, "meetings")

    assert found.ok
    assert found.reason == "4 møder afholdt; kravet er mindst 4."


def test_too_few_meetings_after_the_year_is_red(kredsraad_nord):
    for day in QUARTERS[:3]:
        meeting(kredsraad_nord, day)
    meeting(kredsraad_nord, QUARTERS[3], status="cancelled")

    found = check(kredsraad_nord, "meetings")

    assert (found.ok, found.pending) == (False, False)
    assert found.reason == "Kun 3 møder afholdt i 2023; kravet er mindst 4."


def test_during_the_year_planned_meetings_count_as_on_track(kredsraad_nord):
    for day in QUARTERS[:2]:
        meeting(kredsraad_nord, day)
    for day in QUARTERS[2:]:
        meeting(kredsraad_nord, day, status="planned")

    found = check(kredsraad_nord, "meetings", today=MID_2023)

    assert (found.ok, found.pending) == (False, True)
    assert (
        found.reason == "2 møder afholdt og 2 planlagt; kravet er mindst 4. Rådet er på rette spor."
    )


def test_during_the_year_missing_meetings_are_named(kredsraad_nord):
    meeting(kredsraad_nord, QUARTERS[0])

    found = check(kredsraad_nord, "meetings", today=MID_2023)

    assert "Der mangler at blive planlagt 3 møder." in found.reason


# The plans -------------------------------------------------------------------------------------


@pytest.fixture
def plan_2024(nordjylland, sekretariat):
    return plan_actions.create_plan(nordjylland, year=2024, by=sekretariat)


def approve(plan, council, by, on):
    plan_actions.send_for_discussion(plan, by=by)
    return plan_actions.approve_plan(plan, council=council, on=on, reference="Møde", by=by)


def test_next_years_plan_discussed_at_a_held_meeting_is_green(kredsraad_nord, plan_2024):
    item(meeting(kredsraad_nord, QUARTERS[3]), plan=plan_2024)

    found = check(kredsraad_nord, "plan_discussed")

    assert found.ok
    assert found.name == "Samarbejdsplanen for 2024 drøftet"
    assert found.reason == "Drøftet på kredsrådets møde 5. december 2023."


def test_next_years_plan_only_on_a_planned_meeting_is_red_after_the_year(kredsraad_nord, plan_2024):
    item(meeting(kredsraad_nord, QUARTERS[3], status="planned"), plan=plan_2024)

    found = check(kredsraad_nord, "plan_discussed")
    during = check(kredsraad_nord, "plan_discussed", today=MID_2023)

    assert (found.ok, found.pending) == (False, False)
    assert found.reason == "Planen har ikke været på et afholdt møde i 2023."
    assert (during.ok, during.pending) == (False, True)


def test_missing_next_years_plan_is_red(kredsraad_nord):
    found = check(kredsraad_nord, "plan_approved")

    assert not found.ok
    assert found.reason == "Der er ingen samarbejdsplan for 2024."


def test_next_years_plan_approved_during_the_year_is_green(kredsraad_nord, plan_2024, sekretariat):
    approve(plan_2024, kredsraad_nord, sekretariat, datetime.date(2023, 12, 5))

    found = check(kredsraad_nord, "plan_approved")

    assert found.ok
    assert found.reason == "Godkendt 5. december 2023."


def test_next_years_plan_approved_after_new_year_is_red(kredsraad_nord, plan_2024, sekretariat):
    approve(plan_2024, kredsraad_nord, sekretariat, datetime.date(2024, 1, 10))

    found = check(kredsraad_nord, "plan_approved")

    assert not found.ok
    assert found.reason == "Godkendt for sent, 10. januar 2024; fristen var årets udgang."


def test_next_years_plan_still_in_draft_is_red(kredsraad_nord, plan_2024):
    found = check(kredsraad_nord, "plan_approved")

    assert not found.ok
    assert found.reason == "Planen er kladde."


def test_this_years_published_plan_is_green(kredsraad_nord, nordjylland, sekretariat):
    plan = plan_actions.create_plan(nordjylland, year=2023, by=sekretariat)
    approve(plan, kredsraad_nord, sekretariat, datetime.date(2022, 12, 6))
    plan_actions.publish_plan(
        plan, by=sekretariat, at=datetime.datetime(2022, 12, 20, 10, 0, tzinfo=CPH)
    )

    found = check(kredsraad_nord, "plan_published")

    assert found.ok
    assert found.reason == "Offentliggjort 20. december 2022."


def test_this_years_plan_approved_but_not_published_is_red(
    kredsraad_nord, nordjylland, sekretariat
):
    plan = plan_actions.create_plan(nordjylland, year=2023, by=sekretariat)
    approve(plan, kredsraad_nord, sekretariat, datetime.date(2022, 12, 6))

    found = check(kredsraad_nord, "plan_published", today=MID_2023)

    assert (found.ok, found.pending) == (False, False)
    assert found.reason == (
        "Planen er godkendt; den skulle være offentliggjort ved årets begyndelse."
    )


# Crime trends ----------------------------------------------------------------------------------


def test_crime_trends_discussed_at_a_held_meeting_is_green(kredsraad_nord):
    item(meeting(kredsraad_nord, QUARTERS[1]), topic="crime_trends")

    found = check(kredsraad_nord, "crime_trends")

    assert found.ok
    assert found.reason == "Drøftet, herunder ungdomskriminaliteten, på mødet 13. juni 2023."


def test_crime_trends_not_discussed_is_red_after_the_year(kredsraad_nord):
    item(meeting(kredsraad_nord, QUARTERS[1], status="cancelled"), topic="crime_trends")

    found = check(kredsraad_nord, "crime_trends")

    assert (found.ok, found.pending) == (False, False)
    assert found.reason == ("Kriminalitetsudviklingen blev ikke drøftet på et afholdt møde i 2023.")


def test_crime_trends_on_a_planned_agenda_is_pending(kredsraad_nord):
    item(meeting(kredsraad_nord, QUARTERS[2], status="planned"), topic="crime_trends")

    found = check(kredsraad_nord, "crime_trends", today=MID_2023)

    assert (found.ok, found.pending) == (False, True)
    assert "12. september 2023" in found.reason


# Handleplaner ----------------------------------------------------------------------------------


@pytest.fixture
def plan_2023(nordjylland, sekretariat):
    return plan_actions.create_plan(nordjylland, year=2023, by=sekretariat)


def adopt_all(district, plan, on=datetime.date(2023, 1, 25), special=None):
    """Every lokalråd's handleplan adopted `on`; `special` maps a council to another date, or
    to None for no handleplan at all."""
    special = special or {}
    for council in Council.objects.filter(district=district, kind="local"):
        day = special.get(council, on)
        if day is not None:
            ActionPlan.objects.create(council=council, plan=plan, status="adopted", adopted_on=day)


def test_every_handleplan_adopted_by_the_deadline_is_green(kredsraad_nord, nordjylland, plan_2023):
    adopt_all(nordjylland, plan_2023)

    found = check(kredsraad_nord, "action_plans")

    assert found.ok
    assert found.reason.startswith("Alle ")
    assert found.reason.endswith("handleplaner er vedtaget inden fristen 1. februar 2023.")


def test_late_and_missing_handleplaner_are_named(
    kredsraad_nord, nordjylland, plan_2023, lokalraad_hjoerring, lokalraad_laesoe
):
    adopt_all(
        nordjylland,
        plan_2023,
        special={lokalraad_hjoerring: datetime.date(2023, 3, 15), lokalraad_laesoe: None},
    )

    found = check(kredsraad_nord, "action_plans", today=MID_2023)

    assert (found.ok, found.pending) == (False, False)
    assert found.reason == (
        "Fristen var 1. februar 2023. Vedtaget for sent: Hjørring (15. marts 2023). "
        "Ikke vedtaget: Læsø."
    )


def test_handleplaner_before_the_deadline_are_pending(kredsraad_nord, plan_2023):
    found = check(kredsraad_nord, "action_plans", today=datetime.date(2023, 1, 10))

    assert (found.ok, found.pending) == (False, True)
    assert found.reason.startswith("Fristen er 1. februar 2023. Endnu ikke vedtaget: ")


def test_lokalraad_is_checked_for_its_own_handleplan(lokalraad_hjoerring, plan_2023):
    ActionPlan.objects.create(
        council=lokalraad_hjoerring,
        plan=plan_2023,
        status="adopted",
        adopted_on=datetime.date(2023, 1, 30),
    )

    checks = compliance(lokalraad_hjoerring, 2023, today=AFTER_2023)
    found = next(c for c in checks if c.code == "action_plans")

    assert [c.code for c in checks] == ["meetings", "action_plans", "minutes"]
    assert found.ok
    assert found.name == "Handleplanen vedtaget til tiden"
    assert found.reason == "Handleplanen er vedtaget inden fristen 1. februar 2023."


def test_lokalraad_without_its_handleplan_is_red(lokalraad_laesoe, plan_2023):
    found = check(lokalraad_laesoe, "action_plans")

    assert found.reason == "Fristen var 1. februar 2023. Ikke vedtaget: Læsø."


# Minutes -----------------------------------------------------------------------------------------


def test_minutes_approved_within_the_limit_are_green(kredsraad_nord):
    approved_minutes(meeting(kredsraad_nord, QUARTERS[0]), datetime.date(2023, 3, 20))
    approved_minutes(meeting(kredsraad_nord, QUARTERS[1]), datetime.date(2023, 7, 13))

    found = check(kredsraad_nord, "minutes")

    assert found.ok
    assert found.reason == "Alle 2 referater er godkendt senest 30 dage efter mødet."


def test_late_and_still_waiting_minutes_are_named(kredsraad_nord):
    approved_minutes(meeting(kredsraad_nord, QUARTERS[0]), datetime.date(2023, 4, 21))
    meeting(kredsraad_nord, QUARTERS[1])

    found = check(kredsraad_nord, "minutes", today=datetime.date(2023, 8, 1))

    assert (found.ok, found.pending) == (False, False)
    assert found.reason == (
        "Kravet er godkendelse senest 30 dage efter mødet. "
        "Godkendt for sent: mødet 7. marts 2023 (efter 45 dage). "
        "Venter stadig ud over fristen: mødet 13. juni 2023."
    )


def test_minutes_waiting_within_the_limit_are_pending(kredsraad_nord):
    Minutes.objects.create(meeting=meeting(kredsraad_nord, QUARTERS[1]))

    found = check(kredsraad_nord, "minutes", today=MID_2023)

    assert (found.ok, found.pending) == (False, True)
    assert found.reason == (
        "Afventer godkendelse inden for fristen: mødet 13. juni 2023 (frist 13. juli 2023)."
    )


def test_compliance_takes_the_same_queries_for_one_or_three_meetings(
    kredsraad_nord, nordjylland, plan_2023
):
    adopt_all(nordjylland, plan_2023)
    approved_minutes(meeting(kredsraad_nord, QUARTERS[0]), datetime.date(2023, 3, 20))
    with CaptureQueriesContext(connection) as one:
        compliance(kredsraad_nord, 2023, today=AFTER_2023)
    for day in QUARTERS[1:3]:
        item(meeting(kredsraad_nord, day), topic="crime_trends")

    with CaptureQueriesContext(connection) as three:
        compliance(kredsraad_nord, 2023, today=AFTER_2023)

    assert len(three.captured_queries) == len(one.captured_queries)


# The page --------------------------------------------------------------------------------------


def test_secretariat_sees_the_compliance_table(client, sekretariat, kredsraad_nord):
    for day in QUARTERS:
        approved_minutes(meeting(kredsraad_nord, day), day + datetime.timedelta(days=7))
    client.force_login(sekretariat)

    response = client.get(reverse("meetings:compliance", args=[kredsraad_nord.pk]), {"aar": "2023"})

    assert response.status_code == 200
    assert "4 møder afholdt; kravet er mindst 4." in response.text
    assert '<span class="badge badge-success">Opfyldt</span>' in response.text
    assert '<span class="badge badge-error">Ikke opfyldt</span>' in response.text
    assert "?aar=2022" in response.text
    assert "?aar=2024" in response.text


def test_council_member_and_koordinator_see_the_kredsraads_compliance(
    client, raadsmedlem, koordinator_hjoerring, kredsraad_nord, lokalraad_hjoerring
):
    url = reverse("meetings:compliance", args=[kredsraad_nord.pk])
    client.force_login(raadsmedlem)
    member = client.get(url)
    client.force_login(koordinator_hjoerring)
    koordinator = client.get(url)
    own = client.get(reverse("meetings:compliance", args=[lokalraad_hjoerring.pk]))

    assert (member.status_code, koordinator.status_code, own.status_code) == (200, 200, 200)


def test_another_districts_council_compliance_is_404(client, sekretariat, kredsraad_midtvest):
    client.force_login(sekretariat)

    response = client.get(reverse("meetings:compliance", args=[kredsraad_midtvest.pk]))

    assert response.status_code == 404


def test_a_year_that_is_no_year_shows_the_current_year(client, sekretariat, kredsraad_nord):
    client.force_login(sekretariat)

    response = client.get(
        reverse("meetings:compliance", args=[kredsraad_nord.pk]), {"aar": "sidste"}
    )

    assert response.status_code == 200
    assert response.context["year"] == datetime.date.today().year


def test_compliance_page_query_count_does_not_grow(client, sekretariat, kredsraad_nord):
    client.force_login(sekretariat)
    url = reverse("meetings:compliance", args=[kredsraad_nord.pk])
    approved_minutes(meeting(kredsraad_nord, QUARTERS[0]), datetime.date(2023, 3, 20))
    client.get(url, {"aar": "2023"})
    with CaptureQueriesContext(connection) as one:
        client.get(url, {"aar": "2023"})
    for day in QUARTERS[1:3]:
        approved_minutes(meeting(kredsraad_nord, day), day + datetime.timedelta(days=40))

    with CaptureQueriesContext(connection) as three:
        response = client.get(url, {"aar": "2023"})

    assert "Godkendt for sent: mødet 13. juni 2023" in response.text
    assert len(three.captured_queries) == len(one.captured_queries)
