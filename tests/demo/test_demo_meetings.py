"""`kredsraad demo` loads the kredsråd's four meetings of 2023, two lokalråd meetings and a
planned meeting or two ahead, and loading it again changes nothing."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from pghistory.models import Events

from kredsraad.councils.models import Council
from kredsraad.meetings.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    Minutes,
    Participant,
    StandingItem,
)

S = Meeting.Status


@pytest.fixture
def kredsraad(db):
    call_command("demo", "--quiet")
    return Council.objects.get(district__code=1, kind=Council.Kind.DISTRICT)


def _meetings_2023(council: Council):
    return council.meetings.filter(starts_at__year=2023).order_by("starts_at")


def _counts() -> dict[str, int]:
    models = (Meeting, Participant, AgendaItem, ActionItem, Minutes, StandingItem, Events)
    return {model.__name__: model.objects.count() for model in models}


def test_demo_run_twice_leaves_meetings_as_they_were(kredsraad):
    before = _counts()

    call_command("demo", "--quiet")

    assert _counts() == before


def test_demo_kredsraad_meets_once_a_quarter_in_2023(kredsraad):
    meetings = _meetings_2023(kredsraad)

    quarters = [(timezone.localtime(m.starts_at).month - 1) // 3 + 1 for m in meetings]

    assert quarters == [1, 2, 3, 4]
    assert {m.status for m in meetings} == {S.MINUTES_APPROVED}


def test_demo_third_quarter_meeting_is_out_of_house_in_broenderslev(kredsraad):
    hosted = [(m.title, str(m.hosted_by)) for m in _meetings_2023(kredsraad) if m.hosted_by]

    assert hosted == [("Kredsrådets møde 3. kvartal 2023", "Brønderslev Kommune")]


def test_demo_second_quarter_discusses_crime_trends_and_the_social_fraud_pilot(kredsraad):
    q2 = kredsraad.meetings.get(title="Kredsrådets møde 2. kvartal 2023")

    items = q2.items.select_related("initiative", "milestone")

    topics = {item.topic for item in items}
    pilot = items.get(initiative__external_id="NJ-socialbedrageri-pilot")
    assert AgendaItem.Topic.CRIME_TRENDS in topics
    assert pilot.milestone.kind == "report"


def test_demo_kredsraad_meetings_start_in_copenhagen_time(kredsraad):
    q2 = kredsraad.meetings.get(title="Kredsrådets møde 2. kvartal 2023")

    assert timezone.localtime(q2.starts_at).time() == datetime.time(13)
    assert q2.starts_at.astimezone(datetime.UTC).time() == datetime.time(11)  # summer time


def test_demo_past_meetings_have_approved_minutes_within_the_deadline(kredsraad):
    past = Meeting.objects.filter(starts_at__lt=timezone.now()).select_related("minutes", "council")

    for meeting in past:
        minutes = meeting.minutes
        waited = minutes.approved_on - timezone.localtime(meeting.starts_at).date()
        assert minutes.status == Minutes.Status.APPROVED
        assert 0 <= waited.days <= meeting.council.minutes_within_days
        assert meeting.title in minutes.html
    assert past.count() == 6


def test_demo_past_meetings_record_every_decision_and_who_came(kredsraad):
    undecided = AgendaItem.objects.filter(meeting__starts_at__lt=timezone.now(), decided=False)
    absent = Participant.objects.filter(meeting__council=kredsraad, attended=False)

    assert undecided.count() == 0
    assert sorted(str(p.person) for p in absent.select_related("person__organisation")) == [
        "Borgmester, Læsø Kommune",
        "Borgmester, Mariagerfjord Kommune",
    ]


def test_demo_closed_item_shows_in_the_frozen_minutes_marked_closed(kredsraad):
    closed = AgendaItem.objects.select_related("meeting__minutes").get(closed=True)

    assert closed.title == "Den sikkerheds- og forsyningsmæssige situation"
    assert f"{closed.title} (lukket punkt)" in closed.meeting.minutes.html


def test_demo_action_items_one_done_and_one_still_open(kredsraad):
    open_items = ActionItem.objects.filter(done_on=None)

    assert [a.title for a in open_items] == [
        "Lokalrådet i Vesthimmerland vedtager sin handleplan for 2023"
    ]
    assert ActionItem.objects.exclude(done_on=None).count() == 2


def test_demo_lokalraad_adopted_their_handleplan_at_a_meeting(kredsraad):
    items = AgendaItem.objects.filter(action_plan__isnull=False).select_related(
        "meeting", "action_plan__council__municipality"
    )

    adopted = sorted(
        (i.action_plan.council.municipality.name, timezone.localtime(i.meeting.starts_at).date())
        for i in items
    )
    assert adopted == [
        ("Aalborg", datetime.date(2023, 1, 24)),
        ("Hjørring", datetime.date(2023, 1, 19)),
    ]
    assert all(
        i.action_plan.adopted_on == timezone.localtime(i.meeting.starts_at).date() for i in items
    )


def test_demo_has_planned_meetings_ahead_with_open_items(kredsraad):
    ahead = Meeting.objects.filter(starts_at__gt=timezone.now()).select_related("council")

    assert sorted((str(m.council), m.status) for m in ahead) == [
        ("Kredsrådet for Nordjyllands Politi", S.AGENDA_SENT),
        ("Kredsrådet for Nordjyllands Politi", S.PLANNED),
        ("Lokalrådet i Hjørring Kommune", S.PLANNED),
    ]
    for meeting in ahead:
        assert meeting.items.filter(decided=False).count() == 2
        assert timezone.localtime(meeting.starts_at).weekday() < 5


def test_demo_leaves_a_planned_meeting_the_user_moved(kredsraad):
    planned = kredsraad.meetings.get(status=S.PLANNED)
    moved = planned.starts_at + datetime.timedelta(days=7)
    Meeting.objects.filter(pk=planned.pk).update(
        starts_at=moved, ends_at=planned.ends_at + datetime.timedelta(days=7)
    )

    call_command("demo", "--quiet")

    (again,) = kredsraad.meetings.filter(status=S.PLANNED)
    assert (again.pk, again.starts_at) == (planned.pk, moved)


def test_demo_kredsraad_discusses_the_security_situation_at_every_meeting(kredsraad):
    standing = StandingItem.objects.get(council=kredsraad)
    on_agenda = AgendaItem.objects.filter(meeting__council=kredsraad, title=standing.title)

    assert (standing.title, standing.kind, standing.quarter) == (
        "Den sikkerheds- og forsyningsmæssige situation",
        AgendaItem.Kind.DISCUSSION,
        None,
    )
    assert on_agenda.count() == 4


def test_demo_has_a_sent_agenda_with_its_notices_and_an_afbud(kredsraad):
    sent = kredsraad.meetings.get(status=S.AGENDA_SENT, starts_at__gt=timezone.now())

    assert sorted(sent.notices.values_list("recipient", flat=True)) == [
        "politidirektoer@demo.kredsraad.invalid",
        "raadsmedlem@demo.kredsraad.dk",
    ]
    (afbud,) = sent.participants.exclude(absence_reported_at=None)
    assert str(afbud.person) == "Borgmester, Brønderslev Kommune"
    assert afbud.absence_note == "Viceborgmesteren deltager i stedet."
