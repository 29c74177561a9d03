"""Agenda proposals: drafting a meeting's agenda, the secretariat (or a lokalråd's koordinator)
sees what is due with the reason for each, and accepts or dismisses it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.meetings import proposals
from kredsraad.meetings.actions import MeetingStateError
from kredsraad.meetings.models import (
    ActionItem,
    AgendaItem,
    DismissedProposal,
    Meeting,
    StandingItem,
)
from kredsraad.plans import actions as plan_actions
from tests import factories

CPH = ZoneInfo("Europe/Copenhagen")
TODAY = datetime.date(2023, 5, 1)


def meeting(council, day: datetime.date, status="planned") -> Meeting:
    starts = datetime.datetime(day.year, day.month, day.day, 14, 0, tzinfo=CPH)
    return Meeting.objects.create(
        council=council,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Politigården, Aalborg",
        status=status,
    )


def item(meeting, title="Punkt", kind="orientation", **values) -> AgendaItem:
    position = meeting.items.count() + 1
    return AgendaItem.objects.create(
        meeting=meeting, position=position, title=title, kind=kind, **values
    )


def keys(meeting, prefix="") -> list[str]:
    """The keys proposed for the meeting, those starting with `prefix`."""
    found = proposals.proposals_for(meeting, today=TODAY)
    return [p.key for p in found if p.key.startswith(prefix)]


def proposal(meeting, key):
    return next(p for p in proposals.proposals_for(meeting, today=TODAY) if p.key == key)


@pytest.fixture
def q2_meeting(kredsraad_nord):
    return meeting(kredsraad_nord, datetime.date(2023, 6, 13))


@pytest.fixture
def q4_meeting(kredsraad_nord):
    return meeting(kredsraad_nord, datetime.date(2023, 11, 28))


@pytest.fixture
def pilot(nordjylland, politi_nord):
    """A district initiative (the social-fraud pilot) reporting to the kredsråd."""
    return factories.initiative(
        "Pilotprojekt om socialbedrageri", district=nordjylland, lead=politi_nord
    )


# Report milestones -----------------------------------------------------------------------------


def test_report_milestone_due_in_the_meetings_quarter_is_proposed(q2_meeting, pilot):
    report = factories.milestone(
        pilot, "Erfaringerne fremlægges for kredsrådet", kind="report", due_quarter="2023K2"
    )

    found = proposal(q2_meeting, f"milestone:{report.pk}")

    assert found.title == "Afrapportering: Pilotprojekt om socialbedrageri"
    assert "2. kvartal 2023" in found.reason
    assert (found.milestone, found.initiative) == (report, pilot)


def test_overdue_report_milestone_with_a_date_is_proposed(q2_meeting, pilot):
    report = factories.milestone(
        pilot, "Status til rådet", kind="report", due_date=datetime.date(2023, 3, 31)
    )

    assert keys(q2_meeting, "milestone") == [f"milestone:{report.pk}"]


def test_milestones_not_due_not_reports_or_reached_are_not_proposed(q2_meeting, pilot):
    factories.milestone(pilot, "Næste kvartal", kind="report", due_quarter="2023K3")
    factories.milestone(pilot, "Efter kvartalet", kind="report", due_date=datetime.date(2023, 7, 1))
    factories.milestone(pilot, "Evaluering", kind="evaluation", due_quarter="2023K2")
    factories.milestone(
        pilot, "Fremlagt", kind="report", due_quarter="2023K1", done_on=datetime.date(2023, 3, 1)
    )

    assert keys(q2_meeting, "milestone") == []


def test_milestone_already_on_an_agenda_of_the_council_is_not_proposed(
    kredsraad_nord, q2_meeting, pilot
):
    report = factories.milestone(pilot, "Til rådet", kind="report", due_quarter="2023K2")
    earlier = meeting(kredsraad_nord, datetime.date(2023, 5, 2))
    item(earlier, milestone=report, initiative=pilot)

    assert keys(q2_meeting, "milestone") == []


def test_milestone_on_a_cancelled_meetings_agenda_is_proposed_again(
    kredsraad_nord, q2_meeting, pilot
):
    report = factories.milestone(pilot, "Til rådet", kind="report", due_quarter="2023K2")
    cancelled = meeting(kredsraad_nord, datetime.date(2023, 5, 2), status="cancelled")
    item(cancelled, milestone=report, initiative=pilot)

    assert keys(q2_meeting, "milestone") == [f"milestone:{report.pk}"]


def test_lokalraad_gets_milestones_of_initiatives_in_its_municipality(
    nordjylland, politi_nord, lokalraad_hjoerring, hjoerring, aalborg
):
    named = factories.initiative(
        "I Hjørring", district=nordjylland, lead=politi_nord, municipalities=[hjoerring]
    )
    everywhere = factories.initiative(
        "Alle kommuner", district=nordjylland, lead=politi_nord, all_municipalities=True
    )
    own = factories.initiative(
        "Hjørrings egen", district=nordjylland, lead=politi_nord, owner=hjoerring
    )
    elsewhere = factories.initiative(
        "Kun Aalborg", district=nordjylland, lead=politi_nord, municipalities=[aalborg]
    )
    reports = [
        factories.milestone(i, "Til lokalrådet", kind="report", due_quarter="2023K2")
        for i in (named, everywhere, own, elsewhere)
    ]
    local_meeting = meeting(lokalraad_hjoerring, datetime.date(2023, 6, 1))

    found = keys(local_meeting)

    assert sorted(found) == sorted(f"milestone:{m.pk}" for m in reports[:3])


def test_kredsraad_does_not_get_a_municipalitys_local_initiative(
    nordjylland, politi_nord, hjoerring, q2_meeting
):
    own = factories.initiative(
        "Hjørrings egen", district=nordjylland, lead=politi_nord, owner=hjoerring
    )
    factories.milestone(own, "Til lokalrådet", kind="report", due_quarter="2023K2")

    assert keys(q2_meeting, "milestone") == []


def test_another_districts_milestones_and_red_initiatives_are_never_proposed(
    midtvest, politi_midtvest, sekretariat_midtvest, q2_meeting
):
    theirs = factories.initiative(
        "Tryghedsvandringer i Holstebro", district=midtvest, lead=politi_midtvest
    )
    factories.milestone(theirs, "Til kredsrådet", kind="report", due_quarter="2023K2")
    factories.status_update(
        theirs, period="2023K1", progress=10, light="serious", author=sekretariat_midtvest
    )

    assert keys(q2_meeting) == ["crime-trends:2023"]


# The plan year ---------------------------------------------------------------------------------


def test_q4_meeting_without_next_years_plan_proposes_making_the_draft(q4_meeting):
    found = proposal(q4_meeting, "plan-draft:2024")

    assert found.kind == "discussion"
    assert "ingen samarbejdsplan for 2024" in found.reason


def test_q4_meeting_proposes_discussing_next_years_draft(q4_meeting, nordjylland, sekretariat):
    plan = plan_actions.create_plan(nordjylland, year=2024, by=sekretariat)

    found = keys(q4_meeting, "plan")

    assert found == [f"plan-discussion:{plan.pk}"]
    assert proposal(q4_meeting, found[0]).plan == plan


def test_q4_meeting_proposes_approving_a_plan_sent_for_discussion(
    q4_meeting, nordjylland, sekretariat
):
    plan = plan_actions.create_plan(nordjylland, year=2024, by=sekretariat)
    plan_actions.send_for_discussion(plan, by=sekretariat)

    approval = proposal(q4_meeting, f"plan-approval:{plan.pk}")

    assert keys(q4_meeting, "plan") == [f"plan-discussion:{plan.pk}", f"plan-approval:{plan.pk}"]
    assert (approval.kind, approval.effect, approval.plan) == ("decision", "approve_plan", plan)


def test_plan_discussed_at_an_earlier_meeting_is_only_proposed_for_approval(
    kredsraad_nord, q4_meeting, nordjylland, sekretariat
):
    plan = plan_actions.create_plan(nordjylland, year=2024, by=sekretariat)
    plan_actions.send_for_discussion(plan, by=sekretariat)
    october = meeting(kredsraad_nord, datetime.date(2023, 10, 10), status="held")
    item(october, kind="discussion", plan=plan)

    assert keys(q4_meeting, "plan") == [f"plan-approval:{plan.pk}"]


def test_approved_plan_and_meetings_before_q4_get_no_plan_proposals(
    kredsraad_nord, q4_meeting, nordjylland, sekretariat
):
    plan = plan_actions.create_plan(nordjylland, year=2024, by=sekretariat)
    plan_actions.send_for_discussion(plan, by=sekretariat)
    plan_actions.approve_plan(
        plan,
        council=kredsraad_nord,
        on=datetime.date(2023, 11, 1),
        reference="Møde",
        by=sekretariat,
    )
    september = meeting(kredsraad_nord, datetime.date(2023, 9, 12))

    assert keys(q4_meeting, "plan") == []
    assert keys(september, "plan") == []


def test_this_years_plan_still_in_discussion_is_proposed_for_approval(
    kredsraad_nord, nordjylland, sekretariat
):
    plan = plan_actions.create_plan(nordjylland, year=2023, by=sekretariat)
    plan_actions.send_for_discussion(plan, by=sekretariat)
    january = meeting(kredsraad_nord, datetime.date(2023, 1, 20))

    assert keys(january) == [f"plan-discussion:{plan.pk}", f"plan-approval:{plan.pk}"]


def test_lokalraad_gets_no_plan_year_proposals(lokalraad_hjoerring):
    local_q4 = meeting(lokalraad_hjoerring, datetime.date(2023, 11, 28))

    assert keys(local_q4) == []


# Crime trends ------------------------------------------------------------------------------------


def test_crime_trends_are_proposed_at_the_councils_quarter_with_youth_crime(q2_meeting):
    found = proposal(q2_meeting, "crime-trends:2023")

    assert found.topic == "crime_trends"
    assert "ungdomskriminalitet" in found.title
    assert "ungdomskriminaliteten" in found.reason


def test_crime_trends_are_not_proposed_before_the_councils_quarter(kredsraad_nord):
    march = meeting(kredsraad_nord, datetime.date(2023, 1, 20))

    assert "crime-trends:2023" not in keys(march)


def test_crime_trends_held_earlier_in_the_year_are_not_proposed_again(kredsraad_nord):
    june = meeting(kredsraad_nord, datetime.date(2023, 6, 13), status="held")
    item(june, kind="discussion", topic="crime_trends")
    september = meeting(kredsraad_nord, datetime.date(2023, 9, 12))

    assert "crime-trends:2023" not in keys(september)


def test_crime_trends_on_a_cancelled_meeting_are_proposed_at_a_later_one(kredsraad_nord):
    june = meeting(kredsraad_nord, datetime.date(2023, 6, 13), status="cancelled")
    item(june, kind="discussion", topic="crime_trends")
    september = meeting(kredsraad_nord, datetime.date(2023, 9, 12))

    assert "crime-trends:2023" in keys(september)


def test_lokalraad_is_not_proposed_the_crime_trend_discussion(lokalraad_hjoerring):
    local_q2 = meeting(lokalraad_hjoerring, datetime.date(2023, 6, 1))

    assert keys(local_q2) == []


# Handleplaner ------------------------------------------------------------------------------------


@pytest.fixture
def plan_2023(nordjylland, sekretariat):
    return plan_actions.create_plan(nordjylland, year=2023, by=sekretariat)


def adopted(council, plan, by, on=datetime.date(2023, 1, 25)):
    action_plan = plan_actions.create_action_plan(council, plan=plan, by=by)
    plan_actions.add_item(action_plan, title="Tryghedsvandring", by=by)
    return plan_actions.adopt_action_plan(action_plan, on=on, by=by)


def test_first_meeting_after_the_deadline_gets_handleplan_status_naming_the_missing(
    kredsraad_nord, plan_2023, lokalraad_hjoerring, lokalraad_laesoe, koordinator_hjoerring
):
    adopted(lokalraad_hjoerring, plan_2023, koordinator_hjoerring)
    plan_actions.create_action_plan(lokalraad_laesoe, plan=plan_2023, by=koordinator_hjoerring)
    march = meeting(kredsraad_nord, datetime.date(2023, 3, 7))

    found = proposal(march, "action-plans:2023")

    assert (found.topic, found.plan) == ("action_plans", plan_2023)
    assert "1. februar 2023" in found.reason
    assert "Læsø" in found.reason
    assert "Hjørring" not in found.reason


def test_handleplan_status_is_not_proposed_before_the_deadline_or_twice(kredsraad_nord, plan_2023):
    january = meeting(kredsraad_nord, datetime.date(2023, 1, 20))
    march = meeting(kredsraad_nord, datetime.date(2023, 3, 7), status="held")
    item(march, topic="action_plans", plan=plan_2023)
    june = meeting(kredsraad_nord, datetime.date(2023, 6, 13))

    assert "action-plans:2023" not in keys(january)
    assert "action-plans:2023" not in keys(june)


# Red initiatives -------------------------------------------------------------------------------


def test_initiative_whose_latest_status_is_red_is_proposed(q2_meeting, pilot, sekretariat):
    factories.status_update(
        pilot, period="2023K1", progress=20, light="serious", author=sekretariat
    )

    found = proposal(q2_meeting, f"red:{pilot.pk}:2023K1")

    assert (found.kind, found.initiative) == ("discussion", pilot)
    assert "alvorligt udfordret" in found.reason


def test_initiative_back_on_track_is_not_proposed(q2_meeting, pilot, sekretariat):
    factories.status_update(
        pilot, period="2023K1", progress=20, light="serious", author=sekretariat
    )
    factories.status_update(
        pilot, period="2023K2", progress=40, light="on_track", author=sekretariat
    )

    assert keys(q2_meeting, "red") == []


def test_red_status_taken_up_once_comes_back_only_with_a_new_quarters_report(
    kredsraad_nord, q2_meeting, pilot, sekretariat
):
    factories.status_update(
        pilot, period="2023K1", progress=20, light="serious", author=sekretariat
    )
    proposals.accept(q2_meeting, f"red:{pilot.pk}:2023K1", by=sekretariat)
    september = meeting(kredsraad_nord, datetime.date(2023, 9, 12))
    assert f"red:{pilot.pk}:2023K1" not in keys(september)

    factories.status_update(
        pilot, period="2023K2", progress=20, light="serious", author=sekretariat
    )

    assert f"red:{pilot.pk}:2023K2" in keys(september)


# Standing items and action items -----------------------------------------------------------------


def test_standing_items_every_meeting_and_once_a_quarter(kredsraad_nord):
    every = StandingItem.objects.create(
        council=kredsraad_nord, title="Nyt fra politiet", kind="orientation"
    )
    q2 = StandingItem.objects.create(
        council=kredsraad_nord, title="Beredskab og forsyning", kind="discussion", quarter=2
    )
    first = meeting(kredsraad_nord, datetime.date(2023, 4, 18))
    second = meeting(kredsraad_nord, datetime.date(2023, 6, 13))
    january = meeting(kredsraad_nord, datetime.date(2023, 1, 20))

    assert keys(first, "standing") == [f"standing:{q2.pk}", f"standing:{every.pk}"]
    assert keys(second, "standing") == [f"standing:{every.pk}"]
    assert keys(january, "standing") == [f"standing:{every.pk}"]


def test_open_action_items_from_earlier_meetings_are_followed_up(
    kredsraad_nord, lokalraad_hjoerring, q2_meeting
):
    march = meeting(kredsraad_nord, datetime.date(2023, 3, 7), status="held")
    decided = item(march, kind="decision")
    ActionItem.objects.create(
        item=decided, title="Send analysen", owner="Politiet", due=datetime.date(2023, 4, 1)
    )
    ActionItem.objects.create(
        item=decided,
        title="Allerede gjort",
        owner="Politiet",
        due=datetime.date(2023, 4, 1),
        done_on=datetime.date(2023, 3, 20),
    )
    later = meeting(kredsraad_nord, datetime.date(2023, 9, 12), status="planned")
    ActionItem.objects.create(
        item=item(later), title="Senere", owner="Politiet", due=datetime.date(2023, 10, 1)
    )
    local = meeting(lokalraad_hjoerring, datetime.date(2023, 3, 8), status="held")
    ActionItem.objects.create(
        item=item(local), title="Lokalt", owner="Kommunen", due=datetime.date(2023, 4, 1)
    )

    found = proposal(q2_meeting, "action-items")

    assert found.topic == "action_items"
    assert found.title == "Opfølgning på aktionspunkter"
    assert found.reason == "Et aktionspunkt fra et tidligere møde er ikke udført: Send analysen."
    assert "overskredet" in found.description


# Accept and dismiss ----------------------------------------------------------------------------


def test_secretariat_accepts_a_proposal_as_an_item_with_its_links_and_source(
    q2_meeting, pilot, sekretariat
):
    report = factories.milestone(pilot, "Til rådet", kind="report", due_quarter="2023K2")
    item(q2_meeting, title="Godkendelse af dagsorden")

    accepted = proposals.accept(q2_meeting, f"milestone:{report.pk}", by=sekretariat)

    assert accepted.position == 2
    assert (accepted.milestone, accepted.initiative) == (report, pilot)
    assert accepted.source == f"milestone:{report.pk}"
    assert accepted.proposal == "Det indstilles, at rådet tager afrapporteringen til efterretning."
    assert f"milestone:{report.pk}" not in keys(q2_meeting)


def test_accepting_the_plan_approval_makes_a_decision_item_that_approves(
    q4_meeting, nordjylland, sekretariat
):
    plan = plan_actions.create_plan(nordjylland, year=2024, by=sekretariat)
    plan_actions.send_for_discussion(plan, by=sekretariat)

    accepted = proposals.accept(q4_meeting, f"plan-approval:{plan.pk}", by=sekretariat)

    assert (accepted.kind, accepted.effect, accepted.plan) == ("decision", "approve_plan", plan)
    assert accepted.title == "Godkendelse af samarbejdsplanen for 2024"


def test_a_stale_or_unknown_key_is_refused(q2_meeting, sekretariat):
    proposals.accept(q2_meeting, "crime-trends:2023", by=sekretariat)

    with pytest.raises(MeetingStateError, match="ikke længere aktuelt"):
        proposals.accept(q2_meeting, "crime-trends:2023", by=sekretariat)
    with pytest.raises(MeetingStateError):
        proposals.dismiss(q2_meeting, "milestone:999999", by=sekretariat)
    assert q2_meeting.items.count() == 1


def test_proposals_are_refused_for_a_held_meeting(kredsraad_nord, sekretariat):
    june = meeting(kredsraad_nord, datetime.date(2023, 6, 13), status="held")

    with pytest.raises(MeetingStateError):
        proposals.accept(june, "crime-trends:2023", by=sekretariat)
    assert june.items.count() == 0


def test_dismissed_proposal_never_comes_back_for_the_meeting_but_does_for_the_next(
    kredsraad_nord, q2_meeting, sekretariat
):
    proposals.dismiss(q2_meeting, "crime-trends:2023", by=sekretariat)
    september = meeting(kredsraad_nord, datetime.date(2023, 9, 12))

    assert "crime-trends:2023" not in keys(q2_meeting)
    assert "crime-trends:2023" in keys(september)
    assert DismissedProposal.objects.get().dismissed_by == sekretariat


def test_proposals_take_the_same_queries_for_one_or_three_of_everything(
    kredsraad_nord, q2_meeting, nordjylland, politi_nord, sekretariat
):
    earlier = meeting(kredsraad_nord, datetime.date(2023, 3, 7), status="held")

    def add_one(n):
        initiative = factories.initiative(f"Indsats {n}", district=nordjylland, lead=politi_nord)
        factories.milestone(initiative, "Til rådet", kind="report", due_quarter="2023K2")
        factories.status_update(
            initiative, period="2023K1", progress=5, light="serious", author=sekretariat
        )
        StandingItem.objects.create(council=kredsraad_nord, title=f"Fast {n}", kind="orientation")
        ActionItem.objects.create(item=item(earlier), title=f"Opgave {n}", owner="P", due=TODAY)

    add_one(1)
    with CaptureQueriesContext(connection) as one:
        one_count = len(proposals.proposals_for(q2_meeting, today=TODAY))
    add_one(2)
    add_one(3)

    with CaptureQueriesContext(connection) as three:
        three_count = len(proposals.proposals_for(q2_meeting, today=TODAY))

    assert three_count == one_count + 6
    assert len(three.captured_queries) == len(one.captured_queries)


# Pages -----------------------------------------------------------------------------------------


def test_secretariat_sees_the_proposals_with_their_reasons(client, sekretariat, q2_meeting):
    client.force_login(sekretariat)

    response = client.get(reverse("meetings:proposals", args=[q2_meeting.pk]))

    assert response.status_code == 200
    assert "Kriminalitetsudviklingen, herunder ungdomskriminalitet" in response.text
    assert "mindst én gang om året" in response.text
    assert "Sæt på dagsordenen" in response.text


def test_council_member_cannot_open_the_proposals(client, raadsmedlem, q2_meeting):
    client.force_login(raadsmedlem)

    response = client.get(reverse("meetings:proposals", args=[q2_meeting.pk]))

    assert response.status_code == 404


def test_another_districts_secretariat_cannot_open_the_proposals(
    client, sekretariat_midtvest, q2_meeting
):
    client.force_login(sekretariat_midtvest)

    response = client.get(reverse("meetings:proposals", args=[q2_meeting.pk]))

    assert response.status_code == 404


def test_koordinator_runs_the_proposals_of_its_lokalraads_meeting(
    client, koordinator_hjoerring, lokalraad_hjoerring, q2_meeting
):
    StandingItem.objects.create(
        council=lokalraad_hjoerring, title="Nyt fra SSP", kind="orientation"
    )
    local = meeting(lokalraad_hjoerring, datetime.date(2023, 6, 1))
    client.force_login(koordinator_hjoerring)

    own = client.get(reverse("meetings:proposals", args=[local.pk]))
    response = client.post(
        reverse("meetings:proposal_accept", args=[local.pk]),
        {"key": f"standing:{StandingItem.objects.get().pk}"},
    )
    kredsraad = client.get(reverse("meetings:proposals", args=[q2_meeting.pk]))

    assert own.status_code == 200
    assert "Nyt fra SSP" in own.text
    assert response.status_code == 302
    assert [(i.title, i.source) for i in local.items.all()] == [
        ("Nyt fra SSP", f"standing:{StandingItem.objects.get().pk}")
    ]
    assert kredsraad.status_code == 404


def test_secretariat_accepts_and_dismisses_on_the_page(client, sekretariat, q4_meeting):
    client.force_login(sekretariat)
    url = reverse("meetings:proposals", args=[q4_meeting.pk])

    accepted = client.post(
        reverse("meetings:proposal_accept", args=[q4_meeting.pk]),
        {"key": "crime-trends:2023"},
        follow=True,
    )
    dismissed = client.post(
        reverse("meetings:proposal_dismiss", args=[q4_meeting.pk]),
        {"key": "plan-draft:2024"},
        follow=True,
    )
    stale = client.post(
        reverse("meetings:proposal_dismiss", args=[q4_meeting.pk]),
        {"key": "plan-draft:2024"},
        follow=True,
    )

    assert accepted.redirect_chain == [(url, 302)]
    assert "er sat på dagsordenen" in accepted.text
    assert "afvist for dette møde" in dismissed.text
    assert "ikke længere aktuelt" in stale.text
    assert [i.source for i in q4_meeting.items.all()] == ["crime-trends:2023"]
    assert "Der er ingen forslag til mødet lige nu." in stale.text


def test_proposals_of_a_held_meeting_send_the_secretariat_back_to_the_meeting(
    client, sekretariat, kredsraad_nord
):
    june = meeting(kredsraad_nord, datetime.date(2023, 6, 13), status="held")
    client.force_login(sekretariat)

    response = client.get(reverse("meetings:proposals", args=[june.pk]))

    assert response.status_code == 302
    assert response.url == june.get_absolute_url()


def test_proposals_page_query_count_does_not_grow(
    client, sekretariat, kredsraad_nord, q2_meeting, nordjylland, politi_nord
):
    def add_one(n):
        initiative = factories.initiative(f"Indsats {n}", district=nordjylland, lead=politi_nord)
        factories.milestone(initiative, "Til rådet", kind="report", due_quarter="2023K2")
        factories.status_update(
            initiative, period="2023K1", progress=5, light="serious", author=sekretariat
        )

    client.force_login(sekretariat)
    url = reverse("meetings:proposals", args=[q2_meeting.pk])
    add_one(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add_one(2)
    add_one(3)

    with CaptureQueriesContext(connection) as three:
        response = client.get(url)

    assert response.text.count("Sæt på dagsordenen") == 7
    assert len(three.captured_queries) == len(one.captured_queries)
