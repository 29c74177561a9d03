"""A visitor reads a published plan on a phone: its member, lokalråd and crime-figure tables
scroll inside their own regions, so the page itself stays 375 px wide and passes axe-core."""

import pytest
from django.urls import reverse

from kredsraad.plans import actions
from tests import factories
from tests.plans.conftest import approved
from tests.plans.test_crime_trends_section import violence_figures  # noqa: F401  (fixture)


@pytest.mark.django_db(transaction=True)
def test_visitor_reads_the_public_plan_at_375_px_without_sideways_scrolling(
    page,
    nordjylland,
    sekretariat,
    kredsraad_nord,
    lokalraad_laesoe,
    politi_nord,
    violence_figures,  # noqa: F811
):
    chair = factories.person(
        title="Politidirektør", organisation=politi_nord, name="Lise Marie Holm-Kristiansen"
    )
    factories.membership(kredsraad_nord, chair)
    plan = actions.create_plan(nordjylland, year=2023, by=sekretariat)
    approved(plan, sekretariat, kredsraad_nord)
    actions.publish_plan(plan, by=sekretariat)
    p = page.page
    p.set_viewport_size({"width": 375, "height": 800})

    page.goto(reverse("publishing:public_plan", args=[nordjylland.slug, plan.uuid]))
    page.check()

    assert p.evaluate("document.documentElement.scrollWidth") <= 375
    regions = p.locator(".plan-document .table--responsive-scroll[tabindex='0']")
    assert regions.count() >= 3
    regions.first.focus()
    assert p.evaluate("document.activeElement.getAttribute('role')") == "region"
