"""A member of the kredsråd, on a 375 px phone, signs in, finds the next meeting's agenda from the
start page, registers afbud with a note, sees it registered, and signs out from the menu drawer.
Every page passes axe-core and none scrolls sideways."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from kredsraad.meetings.models import Meeting

from .test_plan_pages_accessibility import MEMBER, sign_in_as

NOTE = "Min stedfortræder, Jens Hansen, kommer i stedet."


@pytest.fixture
def next_meeting(transactional_db):
    call_command("demo", "--quiet")
    meeting = Meeting.objects.get(title="Kredsrådets næste møde")
    # The demo's rådsmedlem sits in the kredsråd as Aalborg's mayor: the seat is the participant
    # whose person has the account's e-mail.
    assert meeting.participants.filter(person__email=MEMBER).exists()
    return meeting


def fits(p) -> bool:
    return p.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


@pytest.mark.django_db(transaction=True)
def test_member_registers_afbud_for_the_next_meeting_on_a_phone(page, next_meeting):
    p = page.page
    p.set_viewport_size({"width": 375, "height": 800})

    sign_in_as(page, MEMBER)
    assert p.url == page.base_url + reverse("councils:home")
    assert fits(p)
    p.get_by_role("link", name="Kredsrådets næste møde").first.click()
    page.check()
    assert p.url == page.base_url + next_meeting.get_absolute_url()
    assert p.get_by_role("heading", name="Dagsorden").is_visible()
    assert fits(p)

    p.get_by_role("link", name="Meld afbud").click()
    page.check()
    assert fits(p)
    p.get_by_label("Bemærkning").fill(NOTE)
    p.get_by_role("button", name="Meld afbud").click()
    page.check()

    assert p.url == page.base_url + next_meeting.get_absolute_url()
    assert p.get_by_text("Dit afbud er meldt.").is_visible()
    attendance = p.get_by_role("region", name="Din deltagelse")
    assert "Du har meldt afbud" in attendance.inner_text()
    assert NOTE in attendance.inner_text()
    seat = next_meeting.participants.get(person__email=MEMBER)
    assert seat.absence_reported_at is not None
    assert seat.absence_note == NOTE

    p.get_by_role("link", name="Menu").click()
    drawer = p.get_by_role("dialog", name="Menu")
    assert drawer.get_by_text("Demo Rådsmedlem").is_visible()
    page.check()
    drawer.get_by_role("button", name="Log ud").click()
    page.check()

    assert p.url == page.base_url + reverse("accounts:login")
    assert p.get_by_role("link", name="Menu").count() == 0
