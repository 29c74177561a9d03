"""The secretariat sends an agenda through its confirmation: the page names who will get it by
e-mail (and who cannot be reached), and after sending the meeting page lists who received it
and when."""

import datetime

import pytest
from django.utils import timezone

from kredsraad.meetings import actions
from kredsraad.meetings.models import Meeting, Notice
from tests import factories

from .conftest import sign_in


def seat(council, organisation, name, email=""):
    person = factories.person(title="Medlem", name=name, organisation=organisation, email=email)
    factories.membership(council, person)


@pytest.mark.django_db(transaction=True)
def test_secretariat_sends_the_agenda_and_sees_who_received_it(
    page, sekretariat, kredsraad_nord, politi_nord
):
    seat(kredsraad_nord, politi_nord, "Anna Andersen", "anna.andersen@politi.dk")
    seat(kredsraad_nord, politi_nord, "Bo Berg")
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=14)
    meeting = actions.create_meeting(
        kredsraad_nord,
        by=sekretariat,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Politigården, Aalborg",
    )
    actions.add_item(meeting, title="Velkomst", kind="orientation", by=sekretariat)
    p = page.page

    sign_in(page, sekretariat)
    page.goto(meeting.get_absolute_url())
    p.get_by_role("link", name="Send dagsordenen").click()
    page.check()  # axe-core on the confirmation page
    confirmation = p.locator("main").inner_text()
    assert "Dagsordenen sendes med e-mail og link til 1 deltager." in confirmation
    assert "Anna Andersen, Medlem (medlem), anna.andersen@politi.dk" in confirmation
    assert "Bo Berg, Medlem (medlem): ingen e-mailadresse, kan ikke nås" in confirmation
    assert Meeting.objects.get().status == Meeting.Status.PLANNED  # nothing sent yet

    p.get_by_role("button", name="Send dagsordenen").click()
    page.check()

    assert "Dagsordenen er udsendt." in p.locator("main").inner_text()
    receipts = p.locator(".agenda-receipts").inner_text()
    assert "Anna Andersen, Medlem" in receipts
    assert "anna.andersen@politi.dk" in receipts
    assert "Dagsorden udsendt" in receipts
    sent_at = timezone.localtime(Notice.objects.get().queued_at)
    assert f"{sent_at:%d.%m.%Y %H.%M}" in receipts  # a table cell's short format
    assert "Bo Berg" not in receipts
