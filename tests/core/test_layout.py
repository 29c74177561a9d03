"""The frame every page shares: the installation's own name, the phone menu's drawer, the print
stylesheet, and the heading above a form's errors."""

import datetime
import re
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse

from kredsraad.meetings import actions as meeting_actions
from kredsraad.plans import actions as plan_actions
from tests import factories
from tests.plans.conftest import approved


class VisibleText(HTMLParser):
    """The text a reader sees: no markup, attributes, scripts or styles."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    # A command to type (<code>) names the program, which keeps its name.
    HIDDEN = {"script", "style", "code"}

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(response) -> str:
    parser = VisibleText()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


def code_name_in(response) -> list[str]:
    """Where the page shows the code name, other than in a command for the administrator to
    type (»kredsraad statistics import …«: the program keeps its name)."""
    return re.findall(
        r".{0,40}kredsraad(?! statistics ).{0,40}", visible_text(response), re.IGNORECASE
    )


def title(response) -> str:
    html = response.content.decode()
    return html[html.index("<title>") + 7 : html.index("</title>")].strip()


@pytest.fixture
def main_pages(nordjylland, sekretariat, kredsraad_nord, politi_nord):
    plan = plan_actions.create_plan(nordjylland, year=2023, by=sekretariat)
    approved(plan, sekretariat, kredsraad_nord)
    plan_actions.publish_plan(plan, by=sekretariat)
    cph = ZoneInfo("Europe/Copenhagen")
    meeting = meeting_actions.create_meeting(
        kredsraad_nord,
        by=sekretariat,
        now=datetime.datetime(2023, 5, 1, 9, tzinfo=cph),
        starts_at=datetime.datetime(2099, 6, 14, 13, tzinfo=cph),
        ends_at=datetime.datetime(2099, 6, 14, 15, tzinfo=cph),
        place="Politigården",
    )
    initiative = factories.initiative("Tryghedsvandringer", district=nordjylland, lead=politi_nord)
    slug = nordjylland.slug
    return [
        nordjylland.get_absolute_url(),
        reverse("plans:plans", args=[slug]),
        plan.get_absolute_url(),
        reverse("initiatives:initiatives", args=[slug]),
        initiative.get_absolute_url(),
        reverse("meetings:district_meetings", args=[slug]),
        meeting.get_absolute_url(),
        reverse("statistics:district", args=[slug]),
        reverse("api_tokens"),
        reverse("publishing:public_index"),
        reverse("publishing:public_district", args=[slug]),
        reverse("publishing:public_plan", args=[slug, plan.uuid]),
    ]


def test_every_page_is_titled_and_headed_with_the_installations_name(
    client, sekretariat, nordjylland, settings
):
    settings.KREDSRAAD_SITE_NAME = "Nordjyllands Politi og kommunerne"
    client.force_login(sekretariat)

    response = client.get(reverse("plans:plans", args=[nordjylland.slug]))

    assert title(response) == (
        "Samarbejdsplaner · Nordjyllands Politi · Nordjyllands Politi og kommunerne"
    )
    assert (
        '<a class="site-name" href="/"><span>Nordjyllands Politi og kommunerne</span></a>'
        in response.content.decode()
    )


def test_the_site_is_named_for_the_authority_by_default(client, db):
    response = client.get(reverse("accounts:login"))

    assert title(response) == "Log ind · Politiets og kommunernes samarbejde"


def test_an_installation_shows_its_logo_beside_its_name(client, settings, db):
    settings.KREDSRAAD_SITE_LOGO = "core/favicon.svg"

    response = client.get(reverse("publishing:public_index"))

    assert (
        '<a class="site-name" href="/offentlig/"><img class="site-logo" '
        'src="/static/core/favicon.svg" alt=""><span>Politiets og kommunernes samarbejde</span></a>'
        in response.content.decode()
    )


def test_a_logo_elsewhere_is_shown_from_its_own_address(client, settings, db):
    settings.KREDSRAAD_SITE_LOGO = "https://politi.example/logo.svg"

    response = client.get(reverse("accounts:login"))

    assert 'src="https://politi.example/logo.svg"' in response.content.decode()


def test_the_code_name_is_not_shown_on_any_main_page(client, sekretariat, main_pages):
    client.force_login(sekretariat)

    shown = {url: code_name_in(client.get(url)) for url in main_pages}

    assert shown == {url: [] for url in main_pages}


def test_a_visitor_sees_no_code_name_on_the_public_pages(client, main_pages):
    public = [url for url in main_pages if url.startswith("/offentlig/")]

    shown = {url: code_name_in(client.get(url)) for url in public}

    assert shown == {url: [] for url in public}


def test_the_password_reset_email_names_the_installation(client, sekretariat, settings):
    settings.KREDSRAAD_SITE_NAME = "Syd- og Sønderjyllands Politi"

    client.post(reverse("accounts:password_reset"), {"email": sekretariat.email})

    assert mail.outbox[0].subject == "Ny adgangskode til Syd- og Sønderjyllands Politi"
    assert "ny adgangskode til Syd- og Sønderjyllands Politi." in mail.outbox[0].body


def test_a_wrong_password_says_you_are_not_signed_in_and_why(client, sekretariat):
    response = client.post(
        reverse("accounts:login"), {"username": sekretariat.email, "password": "forkert"}
    )

    html = response.content.decode()
    assert '<p class="alert-heading">Du er ikke logget ind</p>' in html
    assert '<p class="alert-text">E-mail eller adgangskode er forkert.</p>' in html
    assert "Ændringen er ikke gemt" not in html


def test_a_form_that_saves_keeps_its_heading_for_errors():
    form = forms.Form(data={})
    form.full_clean()
    form.add_error(None, "Nogen har gemt imens.")

    html = render_to_string("core/_form_fields.html", {"form": form})

    assert '<p class="alert-heading">Ændringen er ikke gemt</p>' in html


def test_the_phone_drawer_holds_the_menu_the_user_log_out_and_the_language(
    client, sekretariat, nordjylland
):
    client.force_login(sekretariat)

    response = client.get(reverse("plans:plans", args=[nordjylland.slug]))

    html = response.content.decode()
    drawer = html[html.index('<div class="mobile-drawer') : html.index('<div class="overlay">')]
    assert '<a href="#menu" class="function-link button-menu-open js-menu-open' in html
    assert 'class="function-link button-menu-close js-menu-close"' in drawer
    assert '<nav class="navigation-menu-mobile" aria-label="Hovedmenu">' in drawer
    assert 'href="/kreds/nordjyllands-politi/planer/"' in drawer
    assert "Sekretariat Nord" in drawer
    assert ">Log ud</button>" in drawer
    assert ">API-nøgler</a>" in drawer
    assert ">Mine beskeder</a>" in drawer
    assert 'lang="en">English</button>' in drawer


def test_a_visitor_changes_language_without_a_menu(client, db):
    response = client.get(reverse("publishing:public_index"))

    html = response.content.decode()
    assert 'class="mobile-drawer' not in html
    assert "button-menu-open" not in html
    assert 'lang="en">English</button>' in html


def test_pages_load_dkfds_script_and_print_stylesheet_from_their_own_origin(client, db):
    response = client.get(reverse("accounts:login"))

    html = response.content.decode()
    assert '<script src="/static/dkfds/js/dkfds.min.js" defer></script>' in html
    assert '<link rel="stylesheet" href="/static/core/print.css" media="print">' in html
    assert "<script>" not in html
    assert " style=" not in html
