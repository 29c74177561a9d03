"""Signing in, being locked out, resetting a password, and timing out."""

import time

from django.core import mail
from django.urls import reverse

from tests import factories


def test_secretariat_signs_in_with_email(client, sekretariat):
    response = client.post(
        reverse("accounts:login"),
        {"username": sekretariat.email.upper(), "password": factories.PASSWORD},
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(sekretariat.pk)


def test_wrong_password_gets_danish_message(client, sekretariat):
    response = client.post(
        reverse("accounts:login"), {"username": sekretariat.email, "password": "forkert"}
    )

    assert response.status_code == 200
    assert "E-mail eller adgangskode er forkert." in response.content.decode()


def test_repeated_failures_lock_the_account_out(client, sekretariat, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:login"), {"username": sekretariat.email, "password": "forkert"}
        )

    response = client.post(
        reverse("accounts:login"), {"username": sekretariat.email, "password": factories.PASSWORD}
    )

    assert response.status_code == 429
    assert "Kontoen er midlertidigt spærret" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_link_that_sets_new_password(client, sekretariat):
    client.post(reverse("accounts:password_reset"), {"email": sekretariat.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/konto/nulstil/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]

    form_page = client.get("/" + path, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "nyt-langt-kodeord-2026", "new_password2": "nyt-langt-kodeord-2026"},
    )

    assert mail.outbox[0].subject == "Ny adgangskode til Politiets og kommunernes samarbejde"
    assert response.status_code == 302
    sekretariat.refresh_from_db()
    assert sekretariat.check_password("nyt-langt-kodeord-2026")


def test_idle_session_is_signed_out(client, sekretariat, nordjylland, settings):
    client.force_login(sekretariat)
    client.get(nordjylland.get_absolute_url())
    session = client.session
    session["last_activity"] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 1
    session.save()

    response = client.get(nordjylland.get_absolute_url())

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
