"""The secretariat plans a kredsråd meeting from the proposals, sends the agenda, records the
decisions (the plan's approval among them) and approves the minutes; a member keeps the
meeting in their calendar while it moves."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from kredsraad.initiatives.models import Milestone
from kredsraad.meetings.models import Meeting
from kredsraad.plans import actions as plan_actions
from tests import factories

from .conftest import sign_in


def download(page, link_name) -> Calendar:
    with page.page.expect_download() as info:
        page.page.get_by_role("link", name=link_name).click()
    return Calendar.from_ical(open(info.value.path(), "rb").read())


def the_event(calendar):
    (event,) = [c for c in calendar.walk("VEVENT")]
    return event


def sign_out(page):
    page.page.get_by_role("button", name="Log ud").click()
    page.check()


@pytest.mark.django_db(transaction=True)
def test_secretariat_runs_a_meeting_from_proposals_to_approved_minutes(
    page, sekretariat, raadsmedlem, nordjylland, kredsraad_nord, politi_nord
):
    starts = (timezone.localtime() + datetime.timedelta(days=7)).replace(
        hour=13, minute=0, second=0, microsecond=0
    )
    plan = plan_actions.create_plan(nordjylland, year=starts.year, by=sekretariat)
    plan_actions.send_for_discussion(plan, by=sekretariat)
    pilot = factories.initiative("Socialbedrageri-pilot", district=nordjylland, lead=politi_nord)
    factories.milestone(
        pilot,
        title="Resultater til kredsrådet",
        kind=Milestone.Kind.REPORT,
        due_date=starts.date() - datetime.timedelta(days=1),
    )
    p = page.page

    sign_in(page, sekretariat)
    p.get_by_role("link", name="Møder", exact=True).first.click()
    page.check()
    p.get_by_role("link", name=kredsraad_nord.name).first.click()
    page.check()
    p.get_by_role("link", name="Planlæg møde").click()
    page.check()
    p.get_by_label("Titel").fill("Kredsrådsmøde")
    p.get_by_label("Starter").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    p.get_by_label("Slutter").fill(
        (starts + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    )
    p.get_by_label("Sted", exact=True).fill("Politigården, Aalborg")
    p.get_by_role("button", name="Gem").click()
    page.check()
    meeting = Meeting.objects.get()

    p.get_by_role("link", name="Forslag til dagsordenen").click()
    page.check()
    assert "Resultater til kredsrådet" in p.locator("main").inner_text()
    while p.get_by_role("button", name="Sæt på dagsordenen").count():
        p.get_by_role("button", name="Sæt på dagsordenen").first.click()
        page.check()
    assert "Der er ingen forslag til mødet lige nu." in p.locator("main").inner_text()
    p.get_by_role("link", name="Tilbage til mødet").click()
    page.check()
    agenda = p.locator(".agenda").inner_text()
    assert "Afrapportering: Socialbedrageri-pilot" in agenda
    assert f"Godkendelse af samarbejdsplanen for {starts.year}" in agenda
    p.get_by_role("link", name="Send dagsordenen").click()
    page.check()
    p.get_by_role("button", name="Send dagsordenen").click()
    page.check()
    assert "Dagsordenen er udsendt." in p.locator("main").inner_text()
    sign_out(page)

    # A member puts the meeting and the council's meetings in their calendar.
    sign_in(page, raadsmedlem)
    page.goto(meeting.get_absolute_url())
    first = the_event(download(page, "Hent i kalender (.ics)"))
    page.goto(f"/raad/{kredsraad_nord.pk}/moeder/")
    feed = the_event(download(page, "Hent rådets møder (.ics)"))
    assert str(feed["UID"]) == str(first["UID"])
    sign_out(page)

    # The secretariat moves the meeting an hour; the member's calendar keeps the same event.
    sign_in(page, sekretariat)
    page.goto(meeting.get_absolute_url())
    p.get_by_role("link", name="Rediger mødet").click()
    page.check()
    later = starts + datetime.timedelta(hours=1)
    p.get_by_label("Starter").fill(later.strftime("%Y-%m-%dT%H:%M"))
    p.get_by_label("Slutter").fill((later + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    p.get_by_role("button", name="Gem").click()
    page.check()
    sign_out(page)
    sign_in(page, raadsmedlem)
    page.goto(meeting.get_absolute_url())
    moved = the_event(download(page, "Hent i kalender (.ics)"))
    assert str(moved["UID"]) == str(first["UID"])
    assert int(moved["SEQUENCE"]) > int(first["SEQUENCE"])
    assert moved.decoded("DTSTART") == later
    sign_out(page)

    # The day comes; the meeting is held.
    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=now - datetime.timedelta(hours=3), ends_at=now - datetime.timedelta(hours=1)
    )
    sign_in(page, sekretariat)
    page.goto(meeting.get_absolute_url())
    p.get_by_role("link", name="Registrér som afholdt").click()
    page.check()
    p.get_by_role("button", name="Registrér som afholdt").click()
    page.check()
    while p.get_by_role("link", name="Registrér beslutning på punkt").count():
        p.get_by_role("link", name="Registrér beslutning på punkt").first.click()
        page.check()
        p.get_by_label("Beslutning").fill("Godkendt som indstillet.")
        p.get_by_role("button", name="Gem").click()
        page.check()

    page.goto(plan.get_absolute_url())
    state = p.locator(".plan-state").inner_text()
    assert "Godkendt" in state and "punkt" in state
    plan.refresh_from_db()
    assert plan.status == "approved" and plan.approval_item.meeting_id == meeting.pk

    page.goto(meeting.get_absolute_url())
    p.get_by_role("link", name="Referat (udkast)").click()
    page.check()
    p.get_by_role("link", name="Godkend og lås referatet").click()
    page.check()
    p.get_by_role("button", name="Godkend og lås referatet").click()
    page.check()
    assert "Referatet er godkendt og låst." in p.locator("main").inner_text()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_APPROVED
