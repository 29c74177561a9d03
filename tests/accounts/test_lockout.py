"""Being locked out after failed sign-ins: by the account however its e-mail is spelled, and by
the address that tries many accounts; the admin's login counts the same."""

import pytest
from django.urls import reverse

from kredsraad.accounts.models import User
from tests import factories


@pytest.fixture
def temp2(db):
    return User.objects.create_user(
        "temp2.sek@politi.dk", factories.PASSWORD, full_name="Midlertidig sekretær"
    )


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_failures_in_different_spellings_count_against_one_account(client, temp2, settings):
    spellings = ["temp2.sek@politi.dk", "TEMP2.SEK@POLITI.DK", "Temp2.sek@politi.dk"]
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, spellings[n % len(spellings)], "forkert")

    response = sign_in(client, " temp2.SEK@politi.dk ", factories.PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_correct_password_in_another_spelling_does_not_clear_the_lock(client, temp2, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "temp2.sek@politi.dk", "forkert")
    sign_in(client, "TEMP2.SEK@politi.dk", factories.PASSWORD)

    response = sign_in(client, "temp2.sek@politi.dk", factories.PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lookalike_spelling_the_login_accepts_counts_as_the_same_account(client, temp2, settings):
    # PostgreSQL upper-cases a dotless i (U+0131) to I, so the login finds the account by
    # this spelling, which lower-casing alone would count as another account.
    lookalike = "temp2.sek@pol\u0131t\u0131.dk"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, lookalike, "forkert")

    response = sign_in(client, "temp2.sek@politi.dk", factories.PASSWORD)

    assert response.status_code == 429


def test_account_is_locked_from_every_address(client, temp2, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "temp2.sek@politi.dk", "forkert", address=f"10.0.1.{n}")

    response = sign_in(client, "temp2.sek@politi.dk", factories.PASSWORD, address="10.0.2.1")

    assert response.status_code == 429


def test_address_trying_many_accounts_is_locked_out(client, temp2, settings):
    for n in range(settings.KREDSRAAD_LOGIN_ADDRESS_FAILURE_LIMIT):
        sign_in(client, f"gaet{n}@politi.dk", "forkert", address="10.0.3.3")

    from_there = sign_in(client, "temp2.sek@politi.dk", factories.PASSWORD, address="10.0.3.3")
    elsewhere = sign_in(client, "temp2.sek@politi.dk", factories.PASSWORD, address="10.0.4.4")

    assert from_there.status_code == 429
    assert elsewhere.status_code == 302


def test_a_valid_sign_in_does_not_forgive_what_its_address_tried_on_other_accounts(
    client, temp2, sekretariat, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "temp2.sek@politi.dk", "forkert", address="10.0.5.5")
    sign_in(client, sekretariat.email, factories.PASSWORD, address="10.0.5.5")
    client.logout()

    response = sign_in(client, "temp2.sek@politi.dk", "forkert", address="10.0.5.5")

    assert response.status_code == 429


def test_admin_login_is_locked_by_the_same_count(client, administrator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, administrator.email.upper(), "forkert")

    response = client.post(
        reverse("admin:login"),
        {"username": administrator.email, "password": factories.PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
