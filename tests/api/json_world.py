"""The Nordjylland world the JSON API tests read: a published 2023 plan with an initiative
serving it, a draft 2024 plan, a local initiative, a public and an internal meeting, and
Midt- og Vestjylland beside it."""

import datetime

import pytest
from django.utils import timezone

from kredsraad.api.auth import create_token
from kredsraad.meetings.models import AgendaItem, Meeting
from kredsraad.plans import actions as plan_actions
from tests import factories


def bearer(user) -> dict:
    """Headers for the test client carrying a fresh token of `user`."""
    _token, secret = create_token(user, name="Test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def published_plan(nordjylland, sekretariat, kredsraad_nord, politi_nord):
    plan = plan_actions.create_plan(nordjylland, year=2023, by=sekretariat)
    plan_actions.add_focus_area(
        plan,
        title="Tryghed i nattelivet",
        body="",
        themes=["nightlife"],
        responsible=politi_nord,
        by=sekretariat,
    )
    plan_actions.send_for_discussion(plan, by=sekretariat)
    plan_actions.approve_plan(
        plan,
        council=kredsraad_nord,
        on=datetime.date(2022, 12, 6),
        reference="Møde 4. kvt.",
        by=sekretariat,
    )
    plan_actions.publish_plan(plan, by=sekretariat)
    plan.refresh_from_db()
    return plan


@pytest.fixture
def draft_plan(nordjylland, sekretariat):
    return plan_actions.create_plan(nordjylland, year=2024, by=sekretariat)


@pytest.fixture
def draft_plan_midtvest(midtvest, sekretariat_midtvest):
    return plan_actions.create_plan(midtvest, year=2023, by=sekretariat_midtvest)


@pytest.fixture
def public_initiative(published_plan, nordjylland, politi_nord, sekretariat):
    initiative = factories.initiative(
        "Nattevagter i Aalborg",
        district=nordjylland,
        lead=politi_nord,
        focus_areas=[published_plan.focus_areas.get()],
        all_municipalities=True,
    )
    factories.status_update(
        initiative, period="2023K2", progress=40, author=sekretariat, text="Intern vurdering."
    )
    return initiative


@pytest.fixture
def local_initiative(nordjylland, hjoerring, politi_nord):
    return factories.initiative(
        "Hjørrings egen indsats", district=nordjylland, lead=politi_nord, owner=hjoerring
    )


@pytest.fixture
def initiative_midtvest(midtvest, politi_midtvest):
    return factories.initiative("Midtvests indsats", district=midtvest, lead=politi_midtvest)


def meeting(council, *, days_ahead: int, **values) -> Meeting:
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days_ahead)
    return Meeting.objects.create(
        council=council,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Politigården",
        **values,
    )


@pytest.fixture
def public_meeting(kredsraad_nord):
    found = meeting(kredsraad_nord, days_ahead=20, open_to_public=True, title="Åbent møde")
    AgendaItem.objects.create(meeting=found, position=1, title="Åbent punkt", kind="orientation")
    AgendaItem.objects.create(
        meeting=found, position=2, title="Lukket punkt om en sag", kind="discussion", closed=True
    )
    # Items are public once the agenda is sent (kredsraad.publishing.publicity).
    Meeting.objects.filter(pk=found.pk).update(agenda_sent_at=timezone.now())
    found.refresh_from_db()
    return found


@pytest.fixture
def internal_meeting(kredsraad_nord):
    return meeting(kredsraad_nord, days_ahead=40, title="Internt møde")
