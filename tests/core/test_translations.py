"""English is the second language: its catalog has no gaps and the switch works."""

import re
from pathlib import Path

from django.urls import reverse

CATALOG = Path(__file__).resolve().parents[2] / "src/kredsraad/locale/en/LC_MESSAGES/django.po"


def test_english_catalog_is_complete():
    entries = CATALOG.read_text(encoding="utf-8").split("\n\n")[1:]  # the first is the header

    untranslated = [e for e in entries if re.search(r'msgstr(\[\d\])? ""\Z', e.strip())]
    fuzzy = [e for e in entries if "#, fuzzy" in e]

    assert untranslated == []
    assert fuzzy == []


def test_visitor_reads_danish_whatever_the_browser_asks(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert '<html lang="da">' in response.content.decode()
    assert "Log ind" in response.content.decode()


def test_user_switches_to_english_and_back(client, sekretariat, nordjylland):
    client.force_login(sekretariat)

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(nordjylland.get_absolute_url()).content.decode()
    client.post(reverse("set_language"), {"language": "da", "next": "/"})
    danish = client.get(nordjylland.get_absolute_url()).content.decode()

    assert "Municipalities and local councils" in english
    assert "Kommuner og lokalråd" in danish
