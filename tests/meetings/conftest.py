"""A coming meeting of Nordjylland's kredsråd with three members: Rådsmedlem Nord (whose person
has the persona's e-mail), Anna Andersen (an e-mail, no user) and Bo Berg (no e-mail)."""

import datetime

import pytest
from django.utils import timezone

from kredsraad.meetings import actions
from kredsraad.meetings.models import Meeting
from tests import factories


def seat(council, organisation, name: str, email: str = ""):
    person = factories.person(title="Medlem", name=name, organisation=organisation, email=email)
    factories.membership(council, person)
    return person


@pytest.fixture
def members(kredsraad_nord, politi_nord, raadsmedlem):
    return [
        seat(kredsraad_nord, politi_nord, "Rådsmedlem Nord", raadsmedlem.email),
        seat(kredsraad_nord, politi_nord, "Anna Andersen", "anna.andersen@politi.dk"),
        seat(kredsraad_nord, politi_nord, "Bo Berg"),
    ]


def plan(council, by, *, ahead=datetime.timedelta(days=10), **values) -> Meeting:
    starts = timezone.now().replace(microsecond=0) + ahead
    meeting = actions.create_meeting(
        council,
        by=by,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Politigården, Aalborg",
        **values,
    )
    actions.add_item(meeting, title="Velkomst", kind="orientation", by=by)
    return meeting


@pytest.fixture
def coming(kredsraad_nord, sekretariat, members):
    return plan(kredsraad_nord, sekretariat)


def in_the_past(meeting: Meeting, *, status=Meeting.Status.AGENDA_SENT) -> Meeting:
    """Move a meeting to yesterday, as time does (the actions refuse a past date)."""
    yesterday = timezone.now() - datetime.timedelta(days=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=yesterday, ends_at=yesterday + datetime.timedelta(hours=2), status=status
    )
    meeting.refresh_from_db()
    return meeting
