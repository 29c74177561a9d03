"""E-mail notices: the participants hear of a sent agenda, of changes after sending (at most once
a day) and of approved minutes, each once, unless they turned that kind off; the secretariat
sees who received the agenda and when. Under pytest a queued task runs at once, so the e-mails
are in mail.outbox once the transaction's on-commit callbacks have run."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone, translation

from kredsraad.core import effects
from kredsraad.core.effects import Effect
from kredsraad.meetings import actions, notices
from kredsraad.meetings.models import Meeting, Minutes, Notice
from kredsraad.meetings.reminders import due_reminders
from tests.meetings.conftest import in_the_past


@pytest.fixture
def sent(coming, sekretariat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_agenda(coming, by=sekretariat)
    coming.refresh_from_db()
    return coming


def outbox() -> list[tuple[str, str]]:
    return sorted((m.to[0], m.subject) for m in mail.outbox)


def test_sending_the_agenda_mails_each_participant_with_an_address(sent, raadsmedlem):
    subject = f"Dagsorden: {sent}"

    assert outbox() == sorted([("anna.andersen@politi.dk", subject), (raadsmedlem.email, subject)])
    assert sorted(Notice.objects.values_list("kind", "key")) == [
        ("agenda_sent", f"agenda_sent:{sent.uuid}"),
        ("agenda_sent", f"agenda_sent:{sent.uuid}"),
    ]


def test_the_notice_greets_the_person_and_links_the_meeting(sent):
    anna = next(m for m in mail.outbox if m.to == ["anna.andersen@politi.dk"])

    assert anna.body.startswith("Kære Anna Andersen\n\nDagsordenen til Kredsrådet for")
    assert f"{settings.KREDSRAAD_BASE_URL}{sent.get_absolute_url()}" in anna.body
    assert f"{settings.KREDSRAAD_BASE_URL}{reverse('accounts:notices')}" in anna.body


def test_an_announcement_twice_mails_once(sent, sekretariat, django_capture_on_commit_callbacks):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        effects.announce(Effect.AGENDA_CHANGED, sent, by=sekretariat)
        effects.announce(Effect.AGENDA_CHANGED, sent, by=sekretariat)

    assert len(mail.outbox) == 2  # one each for the two who can be reached
    assert {m.subject for m in mail.outbox} == {f"Dagsordenen er ændret: {sent}"}
    assert Notice.objects.filter(kind="agenda_changed").count() == 2


def test_a_burst_of_changes_mails_once_a_day(
    sent, sekretariat, django_capture_on_commit_callbacks, monkeypatch
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for title in ["Orientering fra politiet", "Eventuelt", "Næste møde"]:
            actions.add_item(sent, title=title, kind="orientation", by=sekretariat)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(notices.timezone, "localdate", lambda: tomorrow)

    with django_capture_on_commit_callbacks(execute=True):
        actions.add_item(sent, title="Rettelse", kind="orientation", by=sekretariat)

    assert len(mail.outbox) == 4  # two people, two days
    assert Notice.objects.filter(key=f"agenda_changed:{sent.uuid}:{tomorrow}").count() == 2


def test_a_participant_without_the_agenda_gets_it_with_the_next_change(
    sent, sekretariat, members, django_capture_on_commit_callbacks
):
    bo = members[2]
    bo.email = "bo.berg@politi.dk"
    bo.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        actions.add_item(sent, title="Eventuelt", kind="orientation", by=sekretariat)

    assert ("bo.berg@politi.dk", f"Dagsorden: {sent}") in outbox()


def test_a_member_who_turned_agenda_notices_off_gets_none(
    coming, sekretariat, raadsmedlem, members, django_capture_on_commit_callbacks
):
    raadsmedlem.notify_agenda = False
    raadsmedlem.save()
    members[0].email = raadsmedlem.email.upper()  # matched whatever the case
    members[0].save()

    with django_capture_on_commit_callbacks(execute=True):
        actions.send_agenda(coming, by=sekretariat)

    assert [m.to for m in mail.outbox] == [["anna.andersen@politi.dk"]]
    assert not Notice.objects.filter(recipient__iexact=raadsmedlem.email).exists()


def test_the_confirmation_lists_who_turned_notices_off(client, coming, sekretariat, raadsmedlem):
    raadsmedlem.notify_agenda = False
    raadsmedlem.save()
    client.force_login(sekretariat)

    page = client.get(reverse("meetings:send_agenda", args=[coming.pk])).content.decode()

    assert "Rådsmedlem Nord, Medlem (medlem): har fravalgt denne slags beskeder" in page
    assert "Dagsordenen sendes med e-mail og link til 1 deltager." in page


def test_nothing_is_mailed_before_the_send_commits(coming, sekretariat):
    # The test's transaction never commits, as one that rolls back: the Notice rows go with
    # it, and nothing was handed to the worker.
    actions.send_agenda(coming, by=sekretariat)

    assert mail.outbox == []
    assert Notice.objects.count() == 2


def test_approved_minutes_are_mailed_once_with_a_link(
    coming, sekretariat, django_capture_on_commit_callbacks
):
    meeting = in_the_past(coming, status=Meeting.Status.HELD)
    meeting.items.update(decided=True, decision="Taget til efterretning.")
    minutes = Minutes.objects.create(meeting=meeting)

    with django_capture_on_commit_callbacks(execute=True):
        actions.approve_minutes(minutes, how="chair", on=timezone.localdate(), by=sekretariat)
        notices.queue_notices(Effect.MINUTES_APPROVED, meeting, by=sekretariat)

    assert len(mail.outbox) == 2
    assert mail.outbox[0].subject == f"Referat godkendt: {meeting}"
    link = f"{settings.KREDSRAAD_BASE_URL}{reverse('meetings:minutes', args=[meeting.pk])}"
    assert link in mail.outbox[0].body
    assert Notice.objects.filter(kind="minutes_approved").count() == 2


def test_minutes_notices_follow_their_own_choice(
    coming, sekretariat, raadsmedlem, django_capture_on_commit_callbacks
):
    raadsmedlem.notify_minutes = False
    raadsmedlem.save()
    meeting = in_the_past(coming, status=Meeting.Status.HELD)
    meeting.items.update(decided=True, decision="Taget til efterretning.")

    with django_capture_on_commit_callbacks(execute=True):
        actions.approve_minutes(
            Minutes.objects.create(meeting=meeting),
            how="chair",
            on=timezone.localdate(),
            by=sekretariat,
        )

    assert [m.to for m in mail.outbox] == [["anna.andersen@politi.dk"]]


# Who received the agenda -----------------------------------------------------------------------


def test_the_secretariat_sees_who_received_the_agenda_and_when(client, sent, sekretariat):
    client.force_login(sekretariat)

    page = client.get(sent.get_absolute_url()).content.decode()

    assert "Hvem har fået dagsordenen" in page
    assert "Anna Andersen, Medlem" in page.split("Hvem har fået dagsordenen")[1]
    notice = Notice.objects.get(recipient="anna.andersen@politi.dk")
    with translation.override("da"):
        when = formats.date_format(timezone.localtime(notice.queued_at), "SHORT_DATETIME_FORMAT")
    assert when in page.split("agenda-receipts")[1]


def test_a_council_member_does_not_see_the_receipts(client, sent, raadsmedlem):
    client.force_login(raadsmedlem)

    page = client.get(sent.get_absolute_url()).content.decode()

    assert "Hvem har fået dagsordenen" not in page


# Reminders -------------------------------------------------------------------------------------


def test_a_user_who_turned_reminders_off_is_not_reminded(sent, raadsmedlem):
    soon = sent.starts_at - datetime.timedelta(days=1)
    before = [r.recipient for r in due_reminders(now=soon) if r.key.startswith("meeting-agenda")]
    raadsmedlem.notify_reminders = False
    raadsmedlem.save()

    after = [r.recipient for r in due_reminders(now=soon) if r.key.startswith("meeting-agenda")]

    assert before == [raadsmedlem.email]
    assert after == []


# Choosing one's notices ------------------------------------------------------------------------


def test_a_member_turns_agenda_notices_off_on_their_settings_page(client, raadsmedlem):
    client.force_login(raadsmedlem)
    url = reverse("accounts:notices")

    page = client.get(url).content.decode()
    response = client.post(url, {"minutes": "on", "reminders": "on"}, follow=True)

    assert page.count('type="checkbox"') == 3
    assert "Dine valg af beskeder er gemt." in response.content.decode()
    raadsmedlem.refresh_from_db()
    assert (raadsmedlem.notify_agenda, raadsmedlem.notify_minutes) == (False, True)
    assert raadsmedlem.notify_reminders


def test_the_settings_page_needs_a_sign_in(client):
    response = client.get(reverse("accounts:notices"))

    assert response.status_code == 302
    assert "/konto/log-ind/" in response["Location"]
