"""The headers every page sends, and the production check."""

import os
import subprocess

from django.urls import reverse


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
