"""A member of the kredsråd on a 375 px phone opens »Søg« from the menu drawer, searches for
»indbrud«, narrows the hits to initiatives in Aalborg and opens one. The page passes axe-core
and never scrolls sideways; a search of only small words explains itself."""

import pytest
from django.core.management import call_command

from .test_plan_pages_accessibility import MEMBER, sign_in_as


def fits(p) -> bool:
    return p.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


@pytest.mark.django_db(transaction=True)
def test_member_searches_for_burglary_on_a_phone(page):
    call_command("demo", "--quiet")
    p = page.page
    p.set_viewport_size({"width": 375, "height": 800})
    sign_in_as(page, MEMBER)

    p.get_by_role("link", name="Menu").click()
    p.get_by_role("dialog", name="Menu").get_by_role("link", name="Søg").click()
    page.check()
    assert fits(p)

    p.get_by_label("Søg efter").fill("indbrud")
    p.get_by_role("button", name="Søg", exact=True).click()
    page.check()
    assert fits(p)
    assert "resultater for »indbrud«" in p.get_by_role("heading", level=2).inner_text()
    assert p.locator(".search-result mark").first.is_visible()

    p.get_by_text("Afgræns søgningen").click()
    p.get_by_label("Type").select_option(label="Indsats")
    p.get_by_label("Kommune").select_option(label="Aalborg")
    p.get_by_role("button", name="Søg", exact=True).click()
    page.check()
    assert fits(p)
    first = p.locator(".search-result").first
    assert "Indsats" in first.inner_text()
    first.get_by_role("link").click()
    page.check()
    assert "/indsatser/" in p.url

    page.goto("/soeg/?q=og+i+at")
    assert p.get_by_text("kun almindelige ord").is_visible()
    assert fits(p)
