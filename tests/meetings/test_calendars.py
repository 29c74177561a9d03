"""Meetings and deadlines in the members' own calendars: downloads, the council's feed and the
personal feeds a calendar client reads by secret address."""

import datetime
import hashlib
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kredsraad.meetings import calendars
from kredsraad.meetings.models import AgendaItem, CalendarToken, Meeting
from kredsraad.plans import actions as plan_actions
from tests import factories

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
CLOSED_TITLE = "Personsag om en medarbejder"
OPEN_TITLE = "Kriminalitetsudviklingen i Nordjylland"


def meeting(council, *, days_ahead=30, **values) -> Meeting:
    """A two-hour meeting at 17:00 Danish time, `days_ahead` from today."""
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    starts = datetime.datetime.combine(day, datetime.time(17), tzinfo=COPENHAGEN)
    values.setdefault("place", "Politigården")
    return Meeting.objects.create(
        council=council, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), **values
    )


def item(meeting, title, *, position, closed=False) -> AgendaItem:
    return AgendaItem.objects.create(
        meeting=meeting, position=position, title=title, kind="decision", closed=closed
    )


def events(response) -> list:
    return Calendar.from_ical(response.content).walk("VEVENT")


def unfolded(response) -> str:
    """The whole file as text, with the lines folded at 75 octets joined again."""
    return response.content.decode().replace("\r\n ", "")


def feed_url(name, token):
    return reverse(f"meetings:{name}", args=[token])


@pytest.fixture
def meeting_nord(kredsraad_nord):
    new = meeting(kredsraad_nord, address="Jyllandsgade 27, 9000 Aalborg")
    item(new, OPEN_TITLE, position=1)
    item(new, CLOSED_TITLE, position=2, closed=True)
    return new


# One meeting ---------------------------------------------------------------------------------


def test_member_downloads_a_meeting_in_danish_time(client, raadsmedlem, meeting_nord):
    client.force_login(raadsmedlem)

    response = client.get(reverse("meetings:meeting_ics", args=[meeting_nord.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="moede-')
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["PRODID"]) == "-//kredsraad//DA"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    [event] = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert event.start == meeting_nord.starts_at
    assert event.start.hour == 17
    assert event.end == meeting_nord.ends_at
    assert str(event["UID"]) == f"meeting-{meeting_nord.uuid}@kredsraad"
    assert str(event["SUMMARY"]) == "Møde i Kredsrådet for Nordjyllands Politi"
    assert str(event["LOCATION"]) == "Politigården, Jyllandsgade 27, 9000 Aalborg"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]) == f"http://testserver/moeder/{meeting_nord.pk}/"
    assert f"1. {OPEN_TITLE}" in str(event["DESCRIPTION"])


def test_moved_meeting_keeps_its_uid_and_raises_its_sequence(client, raadsmedlem, meeting_nord):
    client.force_login(raadsmedlem)
    url = reverse("meetings:meeting_ics", args=[meeting_nord.pk])
    [before] = events(client.get(url))
    meeting_nord.starts_at += datetime.timedelta(days=7)
    meeting_nord.ends_at += datetime.timedelta(days=7)
    meeting_nord.version += 1
    meeting_nord.save()

    [after] = events(client.get(url))

    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after.start == before.start + datetime.timedelta(days=7)
    assert after.DTSTAMP >= before.DTSTAMP


def test_meeting_out_of_the_house_names_the_hosting_municipality(
    client, raadsmedlem, kredsraad_nord, hjoerring
):
    hosted = meeting(kredsraad_nord, place="Rådhuset", hosted_by=hjoerring)
    client.force_login(raadsmedlem)

    [event] = events(client.get(reverse("meetings:meeting_ics", args=[hosted.pk])))

    assert str(event["LOCATION"]) == "Rådhuset (ude af huset hos Hjørring Kommune)"


def test_visitor_must_log_in_to_download_a_meeting(client, meeting_nord):
    response = client.get(reverse("meetings:meeting_ics", args=[meeting_nord.pk]))

    assert response.status_code == 302


def test_secretariat_cannot_download_another_districts_meeting_or_council(
    client, sekretariat, kredsraad_midtvest
):
    other = meeting(kredsraad_midtvest)
    client.force_login(sekretariat)

    meeting_response = client.get(reverse("meetings:meeting_ics", args=[other.pk]))
    council_response = client.get(reverse("meetings:council_ics", args=[kredsraad_midtvest.pk]))

    assert meeting_response.status_code == 404
    assert council_response.status_code == 404


# The council's feed --------------------------------------------------------------------------


def test_cancelled_meeting_stays_in_the_feed_as_cancelled(client, raadsmedlem, kredsraad_nord):
    cancelled = meeting(kredsraad_nord, status="cancelled", cancelled_reason="For få tilmeldte")
    client.force_login(raadsmedlem)

    [event] = events(client.get(reverse("meetings:council_ics", args=[kredsraad_nord.pk])))

    assert str(event["UID"]) == f"meeting-{cancelled.uuid}@kredsraad"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "Aflyst: Møde i Kredsrådet for Nordjyllands Politi"
    assert "For få tilmeldte" in str(event["DESCRIPTION"])


def test_council_feed_holds_the_past_year_and_everything_ahead(client, raadsmedlem, kredsraad_nord):
    recent = meeting(kredsraad_nord, days_ahead=-300)
    ahead = meeting(kredsraad_nord, days_ahead=400)
    meeting(kredsraad_nord, days_ahead=-400)
    client.force_login(raadsmedlem)

    response = client.get(reverse("meetings:council_ics", args=[kredsraad_nord.pk]))

    assert response["Content-Disposition"] == (
        f'attachment; filename="moeder-raad-{kredsraad_nord.pk}.ics"'
    )
    assert [str(e["UID"]) for e in events(response)] == [
        f"meeting-{recent.uuid}@kredsraad",
        f"meeting-{ahead.uuid}@kredsraad",
    ]


def test_council_feed_query_count_does_not_grow_with_meetings(
    client, sekretariat, kredsraad_nord, hjoerring
):
    def add(days_ahead):
        new = meeting(kredsraad_nord, days_ahead=days_ahead, hosted_by=hjoerring)
        item(new, OPEN_TITLE, position=1)
        item(new, CLOSED_TITLE, position=2, closed=True)

    client.force_login(sekretariat)
    url = reverse("meetings:council_ics", args=[kredsraad_nord.pk])
    add(10)
    client.get(url)  # the first request of a session also writes the session
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add(20)
    add(30)

    with CaptureQueriesContext(connection) as three:
        response = client.get(url)

    assert len(events(response)) == 3
    assert len(three.captured_queries) == len(one.captured_queries)


# Closed items --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["raadsmedlem", "sekretariat"])
def test_closed_items_are_in_no_calendar_even_for_those_inside_the_council(
    client, request, persona, meeting_nord, kredsraad_nord
):
    user = request.getfixturevalue(persona)
    token = calendars.create_calendar_token(user)
    client.force_login(user)

    texts = [
        unfolded(client.get(reverse("meetings:meeting_ics", args=[meeting_nord.pk]))),
        unfolded(client.get(reverse("meetings:council_ics", args=[kredsraad_nord.pk]))),
        unfolded(client.get(feed_url("personal_ics", token))),
    ]

    assert [OPEN_TITLE in text for text in texts] == [True, True, True]
    assert [CLOSED_TITLE in text for text in texts] == [False, False, False]


# Personal feeds ------------------------------------------------------------------------------


def test_calendar_client_reads_the_personal_feed_without_login(
    client, raadsmedlem, meeting_nord, lokalraad_hjoerring
):
    meeting(lokalraad_hjoerring)
    token = calendars.create_calendar_token(raadsmedlem)

    response = client.get(feed_url("personal_ics", token))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert [str(e["UID"]) for e in events(response)] == [f"meeting-{meeting_nord.uuid}@kredsraad"]
    assert str(Calendar.from_ical(response.content)["X-WR-CALNAME"]) == "Mine møder"


def test_coordinators_personal_feed_holds_their_lokalraad(
    client, koordinator_hjoerring, meeting_nord, lokalraad_hjoerring
):
    local = meeting(lokalraad_hjoerring)
    token = calendars.create_calendar_token(koordinator_hjoerring)

    response = client.get(feed_url("personal_ics", token))

    assert [str(e["UID"]) for e in events(response)] == [f"meeting-{local.uuid}@kredsraad"]


@pytest.mark.parametrize("name", ["personal_ics", "deadlines_ics"])
def test_unknown_or_revoked_token_is_404(client, raadsmedlem, meeting_nord, name):
    revoked = calendars.create_calendar_token(raadsmedlem)
    calendars.revoke_calendar_token(raadsmedlem)

    assert client.get(feed_url(name, revoked)).status_code == 404
    assert client.get(feed_url(name, "ukendt-adresse")).status_code == 404


def test_deactivated_users_feed_is_404(client, raadsmedlem, meeting_nord):
    token = calendars.create_calendar_token(raadsmedlem)
    raadsmedlem.is_active = False
    raadsmedlem.save()

    response = client.get(feed_url("personal_ics", token))

    assert response.status_code == 404


@pytest.fixture
def plan_midtvest(midtvest, sekretariat_midtvest):
    """Another district's plan, whose deadline no one in Nordjylland gets."""
    return plan_actions.create_plan(midtvest, year=2024, by=sekretariat_midtvest)


def test_deadlines_feed_holds_handleplan_deadlines_and_open_milestones(
    client, koordinator_hjoerring, sekretariat, nordjylland, laesoe, politi_nord, plan_midtvest
):
    plan = plan_actions.create_plan(nordjylland, year=2024, by=sekretariat)
    district_wide = factories.initiative(
        "Tryg i nattelivet", district=nordjylland, lead=politi_nord
    )
    evaluation = factories.milestone(
        district_wide, "Evaluering", due_date=datetime.date(2024, 9, 15)
    )
    report = factories.milestone(district_wide, "Afrapportering", due_quarter="2024K2")
    factories.milestone(
        district_wide,
        "Opstart",
        due_date=datetime.date(2024, 1, 5),
        done_on=datetime.date(2024, 1, 5),
    )
    laesoes_own = factories.initiative(
        "Læsøs egen indsats", district=nordjylland, lead=politi_nord, owner=laesoe
    )
    factories.milestone(laesoes_own, "Læsøs milepæl", due_date=datetime.date(2024, 5, 1))
    token = calendars.create_calendar_token(koordinator_hjoerring)

    response = client.get(feed_url("deadlines_ics", token))

    found = {str(e["UID"]): e for e in events(response)}
    assert sorted(found) == sorted(
        [
            f"action-plans-due-{plan.pk}@kredsraad",
            f"milestone-{evaluation.pk}@kredsraad",
            f"milestone-{report.pk}@kredsraad",
        ]
    )
    handleplaner = found[f"action-plans-due-{plan.pk}@kredsraad"]
    assert handleplaner.start == datetime.date(2024, 2, 1)
    assert handleplaner.end == datetime.date(2024, 2, 2)
    assert str(handleplaner["SUMMARY"]) == "Frist for lokalrådenes handleplaner 2024"
    assert found[f"milestone-{report.pk}@kredsraad"].start == datetime.date(2024, 6, 30)
    assert found[f"milestone-{evaluation.pk}@kredsraad"]["SEQUENCE"] == evaluation.version
    assert str(found[f"milestone-{evaluation.pk}@kredsraad"]["SUMMARY"]) == "Milepæl: Evaluering"


# The settings page ---------------------------------------------------------------------------


def test_member_makes_a_calendar_address_shown_once_and_stored_hashed(
    client, raadsmedlem, meeting_nord
):
    client.force_login(raadsmedlem)
    url = reverse("meetings:calendar_settings")

    response = client.post(url, {"action": "create"})

    page = response.content.decode()
    [token] = re.findall(r"http://testserver/kalender/([^/]+)/moeder\.ics", page)
    assert f"http://testserver/kalender/{token}/frister.ics" in page
    assert CalendarToken.objects.get(user=raadsmedlem).digest == (
        hashlib.sha256(token.encode()).hexdigest()
    )
    assert token not in client.get(url).content.decode()
    client.logout()
    assert client.get(feed_url("personal_ics", token)).status_code == 200


def test_new_calendar_address_revokes_the_old(client, raadsmedlem, meeting_nord):
    client.force_login(raadsmedlem)
    old = calendars.create_calendar_token(raadsmedlem)

    client.post(reverse("meetings:calendar_settings"), {"action": "create"})

    assert client.get(feed_url("personal_ics", old)).status_code == 404
    assert CalendarToken.objects.filter(user=raadsmedlem).count() == 1


def test_member_revokes_the_calendar_address(client, raadsmedlem, meeting_nord):
    client.force_login(raadsmedlem)
    token = calendars.create_calendar_token(raadsmedlem)

    response = client.post(reverse("meetings:calendar_settings"), {"action": "revoke"}, follow=True)

    assert response.redirect_chain == [(reverse("meetings:calendar_settings"), 302)]
    assert "Kalenderadressen er slettet og virker ikke længere." in response.content.decode()
    assert client.get(feed_url("personal_ics", token)).status_code == 404
    assert not CalendarToken.objects.filter(user=raadsmedlem).exists()
