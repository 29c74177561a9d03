"""The secretariat takes next year's plan from draft to published version 1."""

import pytest

from kredsraad.plans import actions

from .conftest import confirm_step, sign_in


@pytest.mark.django_db(transaction=True)
def test_secretariat_rolls_over_edits_and_publishes_the_2024_plan(
    page, sekretariat, nordjylland, kredsraad_nord, politi_nord
):
    plan_2023 = actions.create_plan(nordjylland, year=2023, by=sekretariat)
    actions.add_focus_area(
        plan_2023,
        title="Indbrud",
        body="Bo trygt udbredes.",
        themes=["burglary"],
        responsible=politi_nord,
        by=sekretariat,
    )
    sign_in(page, sekretariat)
    p = page.page

    p.get_by_role("link", name="Samarbejdsplaner").click()
    page.check()
    p.get_by_role("link", name="Kredsrådets samarbejdsplan 2023").click()
    page.check()
    confirm_step(page, "Opret næste års plan (2024)", button="Opret planen for 2024")
    assert p.get_by_role("heading", level=1).inner_text() == "Kredsrådets samarbejdsplan 2024"

    p.get_by_role("link", name="Rediger Indbrud").click()
    page.check()
    p.get_by_label("Titel").fill("Indbrud i boliger")
    p.get_by_role("button", name="Gem").click()
    page.check()
    p.get_by_role("link", name="Kredsrådets samarbejdsplan 2024").click()
    page.check()

    confirm_step(page, "Send til drøftelse")
    confirm_step(
        page,
        "Godkend planen",
        fields={
            "Godkendt den": "2023-12-05",
            "Reference": "Kredsrådets møde 5. december 2023, punkt 2",
        },
    )
    confirm_step(page, "Offentliggør")
    assert "Version 1 er offentliggjort og låst." in p.locator("main").inner_text()

    p.get_by_role("link", name="Version 1").click()
    page.check()
    assert "Versionen er låst og ændres ikke." in p.locator("main").inner_text()
    assert "03.1 Indbrud i boliger" in p.locator("main").inner_text()
