"""The secretariat on a phone (375 px), a tablet (768 px) and a desktop (1280 px): the menu, the
user, »Log ud« and the language are within reach at every width, no main page scrolls sideways,
and every page passes axe-core at every width. Without JavaScript the menu still opens."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from kredsraad.demo.data import PASSWORD
from kredsraad.initiatives.models import Initiative
from kredsraad.meetings.models import Meeting
from kredsraad.plans.models import CooperationPlan

from .test_plan_pages_accessibility import SECRETARIAT, SLUG, sign_in_as

WIDTHS = (375, 768, 1280)
# DKFDS's breakpoint: below it the menu lives in the drawer behind the menu button.
DRAWER_BELOW = 992


@pytest.fixture
def demo(transactional_db):
    call_command("demo", "--quiet")
    plan = CooperationPlan.objects.get(district__slug=SLUG, year=2023)
    return {
        "plan": plan,
        "initiative": Initiative.objects.filter(district__slug=SLUG).order_by("pk").first(),
        "meeting": Meeting.objects.get(title="Kredsrådets møde 2. kvartal 2023"),
    }


def main_pages(demo):
    return [
        reverse("councils:district", args=[SLUG]),
        reverse("plans:plans", args=[SLUG]),
        demo["plan"].get_absolute_url(),
        reverse("initiatives:initiatives", args=[SLUG]),
        demo["initiative"].get_absolute_url(),
        reverse("meetings:district_meetings", args=[SLUG]),
        demo["meeting"].get_absolute_url(),
        reverse("statistics:district", args=[SLUG]),
    ]


def public_pages(demo):
    return [
        reverse("publishing:public_index"),
        reverse("publishing:public_plan", args=[SLUG, demo["plan"].uuid]),
    ]


def sideways(p) -> int:
    """How far the page reaches past the screen's right edge, in pixels (0: it fits)."""
    return p.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


@pytest.mark.django_db(transaction=True)
def test_secretariat_reaches_the_menu_and_reads_every_main_page_at_every_width(page, demo):
    p = page.page
    sign_in_as(page, SECRETARIAT)
    too_wide = {}

    for width in WIDTHS:
        p.set_viewport_size({"width": width, "height": 800})
        for url in main_pages(demo):
            page.goto(url)
            if sideways(p) > 0:
                too_wide[(width, url)] = sideways(p)

        if width < DRAWER_BELOW:
            # The initiatives stack into one block per initiative, each cell labelled.
            page.goto(reverse("initiatives:initiatives", args=[SLUG]))
            first_row = p.locator("#initiative-results tbody tr").first
            assert first_row.locator("td").nth(1).get_attribute("data-title") == "Tovholder"
            assert p.locator("#initiative-results thead").is_hidden()

        page.goto(reverse("plans:plans", args=[SLUG]))
        if width < DRAWER_BELOW:
            assert p.get_by_role("navigation", name="Hovedmenu").count() == 0
            p.get_by_role("link", name="Menu").click()
            drawer = p.get_by_role("dialog", name="Menu")
            menu = drawer.get_by_role("navigation", name="Hovedmenu")
            assert menu.get_by_role("link", name="Samarbejdsplaner").is_visible()
            assert drawer.get_by_text("Demo Sekretariat").is_visible()
            assert drawer.get_by_role("button", name="Log ud").is_visible()
            assert drawer.get_by_role("button", name="English").is_visible()
            assert drawer.get_by_role("link", name="API-nøgler").is_visible()
            page.check()
            p.keyboard.press("Escape")
            assert not drawer.is_visible()
            assert p.evaluate("document.activeElement.textContent.trim()") == "Menu"
            # The drawer takes the reader to a page and closes behind them.
            p.get_by_role("link", name="Menu").click()
            menu.get_by_role("link", name="Møder").click()
            page.check()
            assert p.url.endswith(reverse("meetings:district_meetings", args=[SLUG]))
            assert not drawer.is_visible()
        else:
            assert not p.get_by_role("link", name="Menu").is_visible()
            menu = p.get_by_role("navigation", name="Hovedmenu")
            assert menu.get_by_role("link", name="Samarbejdsplaner").is_visible()
            assert p.locator(".portal-user").get_by_text("Demo Sekretariat").is_visible()
            assert p.get_by_role("button", name="Log ud").is_visible()
            assert p.get_by_role("button", name="English").is_visible()

    assert too_wide == {}


@pytest.mark.django_db(transaction=True)
def test_visitor_reads_the_public_pages_at_every_width(page, demo):
    p = page.page
    too_wide = {}

    for width in WIDTHS:
        p.set_viewport_size({"width": width, "height": 800})
        for url in public_pages(demo):
            page.goto(url)
            if sideways(p) > 0:
                too_wide[(width, url)] = sideways(p)
        assert p.get_by_role("button", name="English").is_visible()
        assert p.get_by_role("link", name="Menu").count() == 0

    assert too_wide == {}


@pytest.mark.django_db(transaction=True)
def test_the_phone_menu_opens_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    p = context.new_page()
    p.goto(live_server.url + reverse("accounts:login"))
    p.get_by_label("E-mail").fill(SECRETARIAT)
    p.get_by_label("Adgangskode").fill(PASSWORD)
    p.get_by_role("button", name="Log ind").click()
    p.goto(live_server.url + reverse("plans:plans", args=[SLUG]))

    p.get_by_role("link", name="Menu").click()

    drawer = p.get_by_role("dialog", name="Menu")
    assert drawer.get_by_role("link", name="Møder").is_visible()
    assert drawer.get_by_role("button", name="Log ud").is_visible()
    drawer.get_by_role("link", name="Luk menuen").click()
    assert not drawer.is_visible()
    context.close()
