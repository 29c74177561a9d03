"""Hjørring's koordinator writes and adopts the handleplan; the coverage matrix shows it."""

import re

import pytest

from kredsraad.plans import actions

from .conftest import confirm_step, sign_in


@pytest.mark.django_db(transaction=True)
def test_coordinator_writes_and_adopts_handleplan_and_coverage_shows_it(
    page, sekretariat, koordinator_hjoerring, nordjylland, politi_nord, lokalraad_hjoerring
):
    plan = actions.create_plan(nordjylland, year=2023, by=sekretariat)
    actions.add_focus_area(
        plan, title="Indbrud", body="", themes=["burglary"], responsible=politi_nord, by=sekretariat
    )
    sign_in(page, koordinator_hjoerring)
    p = page.page

    p.get_by_role("link", name="Samarbejdsplaner").click()
    page.check()
    p.get_by_role("link", name="Kredsrådets samarbejdsplan 2023").click()
    page.check()
    p.get_by_role("link", name="Lokalrådenes handleplaner").click()
    page.check()
    p.get_by_role("button", name="Opret handleplan for Hjørring Kommune").click()
    page.check()
    p.get_by_role("link", name="Ny handling").click()
    page.check()
    p.get_by_label("Titel").fill("Fri for Indbrud i Hjørring")
    p.get_by_label("Indsatsområde").select_option(label="Indbrud")
    p.get_by_label("Start").fill("2023-02-15")
    p.get_by_role("button", name="Gem").click()
    page.check()
    confirm_step(page, "Vedtag handleplanen", fields={"Vedtaget af lokalrådet den": "2023-01-30"})
    assert "Vedtaget 30. januar 2023" in p.locator("main").inner_text()

    p.get_by_role("link", name="Kredsrådets samarbejdsplan 2023").click()
    page.check()
    p.get_by_role("link", name="Dækning pr. kommune").click()
    page.check()
    cell = p.get_by_role("link", name=re.compile(r"^1 tiltag\s*: Indbrud, Hjørring$"))
    assert cell.count() == 1
    cell.click()
    page.check()
    assert "Fri for Indbrud i Hjørring" in p.locator("main").inner_text()
