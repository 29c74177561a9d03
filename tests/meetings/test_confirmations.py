"""Sending the agenda, cancelling, marking a meeting held and approving the minutes each ask for
a confirmation that says what will happen and who will receive or see it; a POST that skipped
the confirmation changes nothing."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from kredsraad.core.confirm import TOKEN_FIELD
from kredsraad.meetings.models import Meeting, Minutes, Notice
from tests.confirming import confirm
from tests.meetings.conftest import in_the_past, plan


def send_url(meeting):
    return reverse("meetings:send_agenda", args=[meeting.pk])


def test_secretariat_reads_who_will_get_the_agenda_before_sending(client, sekretariat, coming):
    client.force_login(sekretariat)

    page = client.get(send_url(coming)).content.decode()

    assert "Dagsordenen sendes med e-mail og link til 2 deltagere." in page
    assert "Rådsmedlem Nord, Medlem (medlem)" in page
    assert "anna.andersen@politi.dk" in page
    assert "Bo Berg, Medlem (medlem): ingen e-mailadresse, kan ikke nås" in page
    assert "1 deltager har ingen e-mailadresse og får ingen besked." in page
    assert "offentliggøres ikke: mødet er ikke åbent for offentligheden" in page
    coming.refresh_from_db()
    assert coming.status == Meeting.Status.PLANNED


def test_a_public_meetings_agenda_is_published_at_its_public_address(
    client, sekretariat, kredsraad_nord, members
):
    meeting = plan(
        kredsraad_nord, sekretariat, open_to_public=True, public_decision="Besluttet 1. marts"
    )
    client.force_login(sekretariat)

    page = client.get(send_url(meeting)).content.decode()

    public = reverse("publishing:public_meeting", args=["nordjyllands-politi", meeting.uuid])
    assert (
        f"Dagsordenen offentliggøres på http://testserver{public} (uden lukkede punkter)." in page
    )


def test_a_meeting_about_to_begin_is_warned_of(client, sekretariat, kredsraad_nord, members):
    meeting = plan(kredsraad_nord, sekretariat, ahead=datetime.timedelta(minutes=5, seconds=40))
    client.force_login(sekretariat)

    page = client.get(send_url(meeting)).content.decode()

    assert "Mødet begynder om 5\xa0minutter." in page  # timeuntil's no-break space


def test_a_send_without_the_confirmation_step_changes_nothing(client, sekretariat, coming):
    client.force_login(sekretariat)

    response = client.post(send_url(coming))

    assert response.status_code == 400
    assert "Handlingen er ikke udført" in response.content.decode()
    coming.refresh_from_db()
    assert (coming.status, coming.agenda_sent_at) == (Meeting.Status.PLANNED, None)
    assert not Notice.objects.exists()


def test_a_forged_confirmation_changes_nothing(client, sekretariat, coming):
    client.force_login(sekretariat)

    response = client.post(send_url(coming), {TOKEN_FIELD: "ikke-et-rigtigt-token"})

    assert response.status_code == 400
    coming.refresh_from_db()
    assert coming.status == Meeting.Status.PLANNED


def test_secretariat_sends_the_agenda_through_the_confirmation(
    client, sekretariat, coming, django_capture_on_commit_callbacks
):
    client.force_login(sekretariat)

    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(client, send_url(coming))

    assert response.status_code == 302
    coming.refresh_from_db()
    assert coming.status == Meeting.Status.AGENDA_SENT
    assert len(mail.outbox) == 2


def test_a_second_send_of_the_same_agenda_is_refused(
    client, sekretariat, coming, django_capture_on_commit_callbacks
):
    client.force_login(sekretariat)
    stale = client.get(send_url(coming)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, send_url(coming))
    token = stale.split(f'name="{TOKEN_FIELD}" value="')[1].split('"')[0]

    from_the_old_page = client.post(send_url(coming), {TOKEN_FIELD: token})
    page_again = client.get(send_url(coming)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        again = confirm(client, send_url(coming))

    assert from_the_old_page.status_code == 409
    assert "Dagsordenen er allerede udsendt" in page_again
    assert again.status_code == 302
    followed = client.get(again["Location"]).content.decode()
    assert "Dagsordenen kan kun sendes for et planlagt møde." in followed
    assert len(mail.outbox) == 2
    assert Notice.objects.count() == 2


def test_a_council_member_has_no_confirmation_to_open(client, raadsmedlem, coming):
    client.force_login(raadsmedlem)

    assert client.get(send_url(coming)).status_code == 404
    assert client.post(send_url(coming)).status_code == 404


def test_the_meeting_page_links_to_the_confirmations(client, sekretariat, coming):
    client.force_login(sekretariat)

    page = client.get(coming.get_absolute_url()).content.decode()

    assert f'href="{send_url(coming)}"' in page
    assert f'href="{reverse("meetings:cancel", args=[coming.pk])}"' in page


# Cancelling ----------------------------------------------------------------------------------


def test_secretariat_cancels_a_meeting_through_the_confirmation(client, sekretariat, coming):
    url = reverse("meetings:cancel", args=[coming.pk])
    client.force_login(sekretariat)

    skipped = client.post(url, {"cancelled_reason": "Formanden er syg"})
    coming.refresh_from_db()
    assert (skipped.status_code, coming.status) == (400, Meeting.Status.PLANNED)

    response = confirm(client, url, {"cancelled_reason": "Formanden er syg"})

    assert response.status_code == 302
    coming.refresh_from_db()
    assert (coming.status, coming.cancelled_reason) == ("cancelled", "Formanden er syg")


def test_a_cancellation_without_a_reason_is_refused_beside_the_field(client, sekretariat, coming):
    client.force_login(sekretariat)

    response = confirm(client, reverse("meetings:cancel", args=[coming.pk]), {})

    assert response.status_code == 400
    assert "Årsag til aflysning" in response.content.decode()
    assert "form-error-message" in response.content.decode()
    coming.refresh_from_db()
    assert coming.status == Meeting.Status.PLANNED


# Marking held ----------------------------------------------------------------------------------


def test_marking_held_says_the_agenda_locks_and_records_who_came(client, sekretariat, coming):
    meeting = in_the_past(coming)
    anna = meeting.participants.get(person__name="Anna Andersen")
    url = reverse("meetings:mark_held", args=[meeting.pk])
    client.force_login(sekretariat)

    page = client.get(url).content.decode()
    skipped = client.post(url, {"present": [anna.pk]})
    meeting.refresh_from_db()
    assert (skipped.status_code, meeting.status) == (400, Meeting.Status.AGENDA_SENT)
    response = confirm(client, url, {"present": [anna.pk]})

    assert "Dagsordenen låses" in page
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert {p.person.name: p.attended for p in meeting.participants.all()} == {
        "Rådsmedlem Nord": False,
        "Anna Andersen": True,
        "Bo Berg": False,
    }


# Approving the minutes ------------------------------------------------------------------------


@pytest.fixture
def minutes(coming, sekretariat):
    meeting = in_the_past(coming, status=Meeting.Status.HELD)
    meeting.items.update(decided=True, decision="Taget til efterretning.")
    return Minutes.objects.create(meeting=meeting)


def approve_url(minutes):
    return reverse("meetings:minutes_approve", args=[minutes.meeting_id])


def test_approving_the_minutes_says_who_is_told_and_where_they_are_published(
    client, sekretariat, minutes
):
    client.force_login(sekretariat)

    page = client.get(approve_url(minutes)).content.decode()

    public = reverse(
        "publishing:public_meeting", args=["nordjyllands-politi", minutes.meeting.uuid]
    )
    assert "Referatet godkendes og låses" in page
    assert "2 deltagere får besked med e-mail og link." in page
    assert f"offentliggøres på http://testserver{public}" in page
    assert 'name="approved_on"' in page  # the form's fields are on the confirmation page


def test_minutes_approved_without_the_confirmation_stay_a_draft(client, sekretariat, minutes):
    client.force_login(sekretariat)
    today = datetime.date.today().isoformat()

    response = client.post(approve_url(minutes), {"approved_how": "chair", "approved_on": today})

    assert response.status_code == 400
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT


def test_secretariat_approves_the_minutes_through_the_confirmation(
    client, sekretariat, raadsmedlem, minutes, django_capture_on_commit_callbacks
):
    client.force_login(sekretariat)
    today = datetime.date.today().isoformat()

    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(
            client, approve_url(minutes), {"approved_how": "chair", "approved_on": today}
        )

    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["anna.andersen@politi.dk", raadsmedlem.email]
    )


def test_an_approval_date_before_the_meeting_is_refused_beside_the_field(
    client, sekretariat, minutes
):
    client.force_login(sekretariat)

    response = confirm(
        client, approve_url(minutes), {"approved_how": "chair", "approved_on": "2020-01-01"}
    )

    assert response.status_code == 400
    assert "Datoen skal ligge mellem mødet og i dag." in response.content.decode()
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT


def test_the_minutes_page_links_to_the_approval_confirmation(client, sekretariat, minutes):
    client.force_login(sekretariat)

    page = client.get(reverse("meetings:minutes", args=[minutes.meeting_id])).content.decode()

    assert f'href="{approve_url(minutes)}"' in page
