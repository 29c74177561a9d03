"""A new password takes the account back: API tokens made before it stop working, whichever way
the password was changed. Re-hashing the same password (a hasher upgrade) keeps them."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core import mail
from django.urls import reverse

from kredsraad.accounts.models import User
from kredsraad.api.auth import create_token
from kredsraad.api.models import ApiToken
from tests import factories

NEW_PASSWORD = "nyt-langt-kodeord-2026"


class OneRoundPBKDF2(PBKDF2PasswordHasher):
    """A newer hasher for the upgrade story, cheap enough for a test."""

    iterations = 1


def reads_with(client, secret) -> int:
    return client.get("/api/plans/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code


def test_password_reset_ends_the_users_api_tokens(client, sekretariat):
    _token, secret = create_token(sekretariat, name="Intranet")
    client.post(reverse("accounts:password_reset"), {"email": sekretariat.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/konto/nulstil/" in line)
    form_page = client.get("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True)

    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert reads_with(client, secret) == 401


def test_administrator_changing_a_password_in_the_admin_ends_the_users_api_tokens(
    client, sekretariat
):
    superuser = User.objects.create_superuser("drift@politi.dk", NEW_PASSWORD, full_name="Drift")
    _token, secret = create_token(sekretariat, name="Intranet")
    client.force_login(superuser)

    response = client.post(
        reverse("admin:auth_user_password_change", args=[sekretariat.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    client.logout()

    assert response.status_code == 302
    assert reads_with(client, secret) == 401


def test_password_set_from_the_command_line_ends_the_users_api_tokens(client, sekretariat):
    _token, secret = create_token(sekretariat, name="Intranet")

    # What `kredsraad changepassword` and a shell do.
    sekretariat.set_password(NEW_PASSWORD)
    sekretariat.save()

    assert reads_with(client, secret) == 401


def test_a_token_made_after_the_new_password_works(client, sekretariat):
    sekretariat.set_password(NEW_PASSWORD)
    sekretariat.save()

    _token, secret = create_token(sekretariat, name="Intranet")

    assert reads_with(client, secret) == 200


def test_token_page_tells_the_owner_which_tokens_the_new_password_ended(client, sekretariat):
    create_token(sekretariat, name="Intranet")
    sekretariat.set_password(NEW_PASSWORD)
    sekretariat.save()
    client.force_login(sekretariat)

    page = client.get(reverse("api_tokens"))

    assert "Virker ikke længere: din adgangskode er skiftet" in page.text
    assert ApiToken.objects.get().revoked_at is None


def test_hash_upgrade_at_sign_in_keeps_the_tokens(client, sekretariat, settings):
    _token, secret = create_token(sekretariat, name="Intranet")
    settings.PASSWORD_HASHERS = [
        f"{__name__}.OneRoundPBKDF2",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]

    client.post(
        reverse("accounts:login"),
        {"username": sekretariat.email, "password": factories.PASSWORD},
    )
    client.logout()

    sekretariat.refresh_from_db()
    assert sekretariat.password.startswith("pbkdf2_sha256$1$")
    assert reads_with(client, secret) == 200
