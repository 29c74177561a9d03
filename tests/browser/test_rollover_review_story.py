"""The secretariat rolls a published plan over, sees the copied paragraphs that name last
year's figures, is refused publication until each is confirmed, and then publishes."""

import pytest

from kredsraad.plans import actions
from kredsraad.plans.models import FocusArea, PlanSection
from tests.plans.conftest import approved

from .conftest import confirm_step, sign_in


@pytest.mark.django_db(transaction=True)
def test_secretariat_confirms_the_marked_paragraphs_before_publishing(
    page, sekretariat, nordjylland, kredsraad_nord, politi_nord
):
    plan_2023 = actions.create_plan(nordjylland, year=2023, by=sekretariat)
    area = actions.add_focus_area(
        plan_2023,
        title="Indbrud",
        body="Bo trygt udbredes.\n\nIndbruddene faldt med 12 % i kredsen.",
        themes=[],
        responsible=politi_nord,
        by=sekretariat,
    )
    PlanSection.objects.filter(plan=plan_2023, kind="crime_trends").update(
        body="Tallene sammenligner de første tre kvartaler af 2022 med 2021."
    )
    approved(plan_2023, sekretariat, kredsraad_nord)
    actions.publish_plan(plan_2023, by=sekretariat)
    sign_in(page, sekretariat)
    p = page.page

    page.goto(plan_2023.get_absolute_url())
    confirm_step(page, "Opret næste års plan (2024)", button="Opret planen for 2024")
    marks = p.locator(".review-marks")
    assert marks.get_by_role("heading").inner_text() == "2 afsnit skal gennemses"

    confirm_step(page, "Send til drøftelse")
    assert "Bemærk: 2 afsnit skal gennemses" in p.locator("main").inner_text()
    confirm_step(
        page,
        "Godkend planen",
        fields={
            "Godkendt den": "2023-12-05",
            "Reference": "Kredsrådets møde 5. december 2023, punkt 2",
        },
    )
    confirm_step(page, "Offentliggør")
    assert (
        "Planen har 2 afsnit, der skal gennemses, før den kan offentliggøres: "
        "02 Kriminalitetsudviklingen, 03.1 Indbrud." in p.locator("main").inner_text()
    )

    marks.get_by_role("link", name="02 Kriminalitetsudviklingen").click()
    page.check()
    assert p.locator("mark").all_inner_texts() == ["2022", "2021"]
    p.get_by_role("button", name="Bekræft teksten").click()
    page.check()
    p.locator(".review-marks").get_by_role("link", name="03.1 Indbrud").click()
    page.check()
    assert p.locator("mark").all_inner_texts() == ["12 %"]
    p.get_by_role("button", name="Bekræft teksten").click()
    page.check()
    assert "skal ikke gennemses" in p.locator("main").inner_text()
    p.get_by_role("link", name="Kredsrådets samarbejdsplan 2024").first.click()
    page.check()
    assert p.locator(".review-marks").count() == 0

    confirm_step(page, "Offentliggør")
    assert "Version 1 er offentliggjort og låst." in p.locator("main").inner_text()
    assert not FocusArea.objects.filter(previous=area, needs_review=True).exists()
