"""Asking for a reset link: throttled per e-mail and per address, with the same neutral answer
whether a link was sent or not."""

import datetime

from django.core import mail
from django.urls import reverse

from kredsraad.accounts.models import PasswordResetRequest
from tests import factories


def ask(client, email, address="10.1.0.1"):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_visitor_asking_again_and_again_gets_only_a_few_emails(client, sekretariat, settings):
    answers = [ask(client, sekretariat.email) for _ in range(10)]

    assert len(mail.outbox) == settings.KREDSRAAD_PASSWORD_RESET_PER_EMAIL
    assert {(a.status_code, a.url) for a in answers} == {
        (302, reverse("accounts:password_reset_done"))
    }


def test_asking_from_many_addresses_does_not_lift_the_limit_per_email(
    client, sekretariat, settings
):
    for n in range(10):
        ask(client, sekretariat.email.upper(), address=f"10.1.1.{n}")

    assert len(mail.outbox) == settings.KREDSRAAD_PASSWORD_RESET_PER_EMAIL


def test_address_asking_for_many_accounts_is_throttled(client, db, settings):
    settings.KREDSRAAD_PASSWORD_RESET_PER_ADDRESS = 2
    users = [factories.user() for _ in range(4)]

    for user in users:
        ask(client, user.email, address="10.1.2.2")
    ask(client, users[3].email, address="10.1.3.3")

    assert [message.to for message in mail.outbox] == [
        [users[0].email],
        [users[1].email],
        [users[3].email],
    ]


def test_visitor_gets_a_link_again_once_the_window_has_passed(client, sekretariat, settings):
    for _ in range(settings.KREDSRAAD_PASSWORD_RESET_PER_EMAIL + 1):
        ask(client, sekretariat.email)
    PasswordResetRequest.objects.update(
        requested_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )

    ask(client, sekretariat.email)

    assert len(mail.outbox) == settings.KREDSRAAD_PASSWORD_RESET_PER_EMAIL + 1
