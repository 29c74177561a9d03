"""The administrator sets Midt- og Vestjylland up in one step: sees what will be created,
confirms, and finds the kredsråd with its chair and the year's empty plan."""

import pytest
from django.urls import reverse

from kredsraad.plans.models import CooperationPlan

from .conftest import sign_in


@pytest.mark.django_db(transaction=True)
def test_administrator_sets_up_a_district_in_one_step(page, administrator, midtvest):
    sign_in(page, administrator)
    p = page.page

    page.goto(reverse("councils:district", args=[midtvest.slug]))
    p.get_by_role("link", name="Opsæt politikredsen").click()
    page.check()
    p.get_by_label("År for samarbejdsplanen").fill("2027")
    p.get_by_role("button", name="Vis for året").click()
    page.check()
    created = p.locator("main table").inner_text()
    assert "Politidirektør, Midt- og Vestjyllands Politi" in created
    assert "Kredsrådets samarbejdsplan 2027" in created
    p.get_by_role("button", name="Opret 70 rækker").click()
    page.check()

    assert "Midt- og Vestjyllands Politi er sat op: 70 oprettet" in (
        p.get_by_role("status").first.inner_text()
    )
    assert CooperationPlan.objects.filter(district=midtvest, year=2027).exists()
    p.get_by_role("link", name="Kredsrådet for Midt- og Vestjyllands Politi").click()
    page.check()
    assert "Politidirektør" in p.locator("main").inner_text()

    page.goto(reverse("plans:district_setup", args=[midtvest.slug]) + "?year=2027")
    assert "Alt findes allerede. Der er intet at oprette." in p.locator("main").inner_text()
