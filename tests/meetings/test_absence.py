"""Afbud: a council member says beforehand that they will not come (with an optional note), and
can take it back; the secretariat can do it for them and sees the attendance before the
meeting. Only for a meeting still ahead, and only by a participant."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.meetings import actions
from kredsraad.meetings.models import Meeting, Notice, Participant
from tests.meetings.conftest import in_the_past, plan, seat


def absence_url(meeting):
    return reverse("meetings:absence", args=[meeting.pk])


def own_seat(meeting) -> Participant:
    return meeting.participants.get(person__name="Rådsmedlem Nord")


def test_a_member_reports_afbud_with_a_note(client, raadsmedlem, coming):
    client.force_login(raadsmedlem)

    form = client.get(absence_url(coming))
    response = client.post(
        absence_url(coming), {"absence_note": "Suppleanten kommer i stedet"}, follow=True
    )

    assert form.status_code == 200
    assert "Dit afbud er meldt." in response.content.decode()
    assert "Du har meldt afbud" in response.content.decode()
    mine = own_seat(coming)
    assert mine.absence_note == "Suppleanten kommer i stedet"
    assert mine.absence_reported_by == raadsmedlem
    assert mine.absence_reported_at is not None


def test_a_member_takes_the_afbud_back(client, raadsmedlem, coming):
    actions.report_absence(own_seat(coming), note="Syg", by=raadsmedlem)
    client.force_login(raadsmedlem)

    response = client.post(reverse("meetings:absence_withdraw", args=[coming.pk]), follow=True)

    assert "Afbuddet er trukket tilbage." in response.content.decode()
    mine = own_seat(coming)
    assert (mine.absence_reported_at, mine.absence_note) == (None, "")


def test_the_meeting_page_offers_a_member_their_afbud(client, raadsmedlem, coming):
    client.force_login(raadsmedlem)

    page = client.get(coming.get_absolute_url()).content.decode()

    assert f'href="{absence_url(coming)}"' in page


def test_the_secretariat_reports_afbud_for_a_member_and_sees_the_attendance(
    client, sekretariat, coming
):
    anna = coming.participants.get(person__name="Anna Andersen")
    client.force_login(sekretariat)

    response = client.post(
        reverse("meetings:absence_for", args=[coming.pk, anna.pk]),
        {"absence_note": "Ringede i morges"},
        follow=True,
    )

    page = response.content.decode()
    assert "Afbud er meldt for Anna Andersen, Medlem." in page
    assert "2 deltager, 1 har meldt afbud" in page
    assert "Ringede i morges" in page
    anna.refresh_from_db()
    assert anna.absence_reported_by == sekretariat


def test_the_secretariat_takes_back_an_afbud_for_a_member(client, sekretariat, coming):
    anna = coming.participants.get(person__name="Anna Andersen")
    actions.report_absence(anna, by=sekretariat)
    client.force_login(sekretariat)

    client.post(reverse("meetings:absence_withdraw_for", args=[coming.pk, anna.pk]))

    anna.refresh_from_db()
    assert anna.absence_reported_at is None


def test_afbud_leaves_the_member_unticked_when_the_meeting_is_marked_held(
    client, sekretariat, raadsmedlem, coming
):
    actions.report_absence(own_seat(coming), by=raadsmedlem)
    meeting = in_the_past(coming)
    client.force_login(sekretariat)

    response = client.get(reverse("meetings:mark_held", args=[meeting.pk]))

    page = response.content.decode()
    ticked = set(response.context["form"].fields["present"].initial)
    assert {p.person.name for p in meeting.participants.filter(pk__in=ticked)} == {
        "Anna Andersen",
        "Bo Berg",
    }
    assert "1 deltager har meldt afbud og er ikke markeret som til stede." in page


# Bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (Meeting.Status.HELD, "Mødet er afholdt. Afbud meldes før mødet."),
        (Meeting.Status.MINUTES_APPROVED, "Mødet er afholdt. Afbud meldes før mødet."),
        (Meeting.Status.AGENDA_SENT, "Mødet er begyndt. Afbud meldes før mødet."),
    ],
)
def test_afbud_after_the_meeting_is_refused(client, raadsmedlem, coming, status, message):
    meeting = in_the_past(coming, status=status)
    client.force_login(raadsmedlem)

    response = client.post(absence_url(meeting), {"absence_note": ""}, follow=True)

    assert message in response.content.decode()
    assert own_seat(meeting).absence_reported_at is None


def test_afbud_for_a_cancelled_meeting_is_refused(client, raadsmedlem, coming, sekretariat):
    actions.cancel_meeting(coming, reason="Formanden er syg", by=sekretariat)
    client.force_login(raadsmedlem)

    response = client.post(absence_url(coming), {"absence_note": ""}, follow=True)

    assert "Mødet er aflyst, så der er ikke noget at melde afbud til." in (
        response.content.decode()
    )
    assert own_seat(coming).absence_reported_at is None


def test_someone_not_invited_has_no_afbud_to_report(client, sekretariat, coming):
    client.force_login(sekretariat)  # sees the meeting, but has no seat at it

    assert client.get(absence_url(coming)).status_code == 404
    assert client.post(absence_url(coming), {"absence_note": ""}).status_code == 404


def test_another_districts_user_cannot_reach_the_afbud(client, sekretariat_midtvest, coming):
    client.force_login(sekretariat_midtvest)

    assert client.post(absence_url(coming), {"absence_note": ""}).status_code == 404


def test_a_member_cannot_report_afbud_for_someone_else(client, raadsmedlem, coming):
    anna = coming.participants.get(person__name="Anna Andersen")
    client.force_login(raadsmedlem)

    response = client.post(
        reverse("meetings:absence_for", args=[coming.pk, anna.pk]), {"absence_note": ""}
    )

    assert response.status_code == 404
    anna.refresh_from_db()
    assert anna.absence_reported_at is None


def test_a_note_too_long_is_refused_beside_the_field(client, raadsmedlem, coming):
    client.force_login(raadsmedlem)

    response = client.post(absence_url(coming), {"absence_note": "x" * 301})

    assert response.status_code == 200
    assert "form-error-message" in response.content.decode()
    assert own_seat(coming).absence_reported_at is None


def test_the_action_refuses_a_note_too_long_by_any_path(raadsmedlem, coming):
    with pytest.raises(actions.ValidationError) as error:
        actions.report_absence(own_seat(coming), note="x" * 301, by=raadsmedlem)

    assert error.value.message_dict["absence_note"] == ["Bemærkningen må højst være 300 tegn."]


def test_taking_back_an_afbud_never_reported_is_refused(raadsmedlem, coming):
    with pytest.raises(actions.MeetingStateError, match="Der er ikke meldt afbud"):
        actions.withdraw_absence(own_seat(coming), by=raadsmedlem)


# Query counts ---------------------------------------------------------------------------------


def test_the_meeting_page_takes_the_same_queries_for_one_or_ten_participants(
    client, sekretariat, kredsraad_nord, politi_nord
):
    seat(kredsraad_nord, politi_nord, "Første Medlem", "foerste@politi.dk")
    small = plan(kredsraad_nord, sekretariat)
    for n in range(9):
        seat(kredsraad_nord, politi_nord, f"Medlem {n}", f"medlem{n}@politi.dk")
    large = plan(kredsraad_nord, sekretariat, ahead=datetime.timedelta(days=20))
    for meeting in (small, large):
        actions.report_absence(meeting.participants.first(), note="Syg", by=sekretariat)
        actions.send_agenda(meeting, by=sekretariat)
    assert (small.participants.count(), large.participants.count()) == (1, 10)
    assert Notice.objects.filter(meeting=large).count() == 10
    client.force_login(sekretariat)
    client.get(small.get_absolute_url())

    with CaptureQueriesContext(connection) as one:
        client.get(small.get_absolute_url())
    with CaptureQueriesContext(connection) as ten:
        client.get(large.get_absolute_url())

    assert len(ten.captured_queries) == len(one.captured_queries)
