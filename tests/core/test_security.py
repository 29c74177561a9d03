"""The headers every page sends, and the production check."""

import os
import subprocess

from django.urls import reverse

from kredsraad.api.auth import create_token
from tests import factories


def test_every_page_sends_strict_content_security_policy(client):
    response = client.get(reverse("accounts:login"))

    policy = dict(
        part.strip().split(" ", 1)
        for part in response.headers["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script_or_style(client, sekretariat, kredsraad_nord):
    client.force_login(sekretariat)

    body = client.get(kredsraad_nord.get_absolute_url()).content.decode()

    assert "<script>" not in body
    assert "<style" not in body
    assert " style=" not in body


def test_production_settings_pass_deploy_check():
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "x" * 20 + "-production-secret-with-enough-entropy-0123456789abcdef",
        "ALLOWED_HOSTS": "kredsraad.example",
        "DATABASE_URL": "postgres://kredsraad:secret@db.example:5432/kredsraad",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only

    result = subprocess.run(
        ["kredsraad", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_footer_links_to_the_configured_accessibility_statement(client, settings):
    settings.ACCESSIBILITY_STATEMENT_URL = "https://www.was.digst.dk/kredsraad-example"

    body = client.get(reverse("accounts:login")).content.decode()

    assert (
        '<a href="https://www.was.digst.dk/kredsraad-example">Tilgængelighedserklæring</a>' in body
    )


def test_visitor_asking_for_favicon_ico_is_sent_to_the_site_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response.headers["Location"].endswith("core/favicon.svg")


def test_signed_in_pages_are_not_stored_by_browsers_or_proxies(client, sekretariat, nordjylland):
    client.force_login(sekretariat)

    response = client.get(nordjylland.get_absolute_url())

    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]


def test_answer_to_a_signed_in_users_login_is_not_stored(client, sekretariat):
    response = client.post(
        reverse("accounts:login"),
        {"username": sekretariat.email, "password": factories.PASSWORD},
    )

    assert response.status_code == 302
    assert "no-store" in response.headers["Cache-Control"]


def test_api_answers_to_a_token_are_not_stored(client, sekretariat):
    _token, secret = create_token(sekretariat, name="Intranet")

    response = client.get("/api/plans/", HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


def test_public_pages_for_visitors_stay_cacheable(client, nordjylland):
    response = client.get(reverse("publishing:public_district", args=[nordjylland.slug]))
    api = client.get("/api/plans/")

    assert response.status_code == 200

    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert "no-store" not in api.headers.get("Cache-Control", "")
