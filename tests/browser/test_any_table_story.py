"""Nordjylland's analytiker (who also sits in the district's secretariat) imports UHELDK1 from
Danmarks Statistik through the upload page, picks injured pedestrians aged 65 and over for the
district on the page of any table, and puts that series into the 2023 plan as a figure block.
Every page is checked with axe-core at 1280 and at 375 px, where it must fit."""

from collections import defaultdict

import pytest
from django.urls import reverse

from kredsraad.accounts.models import RoleAssignment
from kredsraad.plans import actions
from kredsraad.plans.models import PlanSection
from kredsraad.statistics.registry import load_areas
from kredsraad.statistics.tables import load_known_tables
from tests.statistics.tables_data import NORDJYLLAND, UHELDK1_FILE, needs_files, raw

from .conftest import sign_in


def pedestrians_65(year: str) -> dict[str, int]:
    """Area → injured pedestrians aged 65+ (both sexes) in `year`, from the raw file."""
    found = defaultdict(int)
    for r in raw(UHELDK1_FILE):
        if (r["INDBLAND_kode"], r["ALDER_kode"], r["TID"]) == ("71", "6599", year):
            found[r["OMRÅDE_kode"]] += int(r["INDHOLD"])
    return found


def fits(page) -> bool:
    return page.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def check_on_a_phone(page, *, must_fit: bool = True) -> None:
    page.page.set_viewport_size({"width": 375, "height": 800})
    page.check()
    if must_fit:
        assert fits(page)
    page.page.set_viewport_size({"width": 1280, "height": 900})


@needs_files
@pytest.mark.django_db(transaction=True)
def test_analytiker_imports_uheldk1_and_puts_pedestrians_65_plus_in_the_plan(
    page, analytiker, nordjylland
):
    load_areas()  # the flushed database lost the statistics areas and tables with the rest
    load_known_tables()
    RoleAssignment.objects.create(
        user=analytiker, role=RoleAssignment.Role.SECRETARIAT, district=nordjylland
    )
    plan = actions.create_plan(nordjylland, year=2023, by=analytiker)
    section = plan.sections.get(kind=PlanSection.Kind.CRIME_TRENDS)
    p = page.page
    main = p.locator("main")
    p.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, analytiker)

    # The import, as any StatBank file.
    p.get_by_role("link", name="Statistik", exact=True).click()
    page.check()
    p.get_by_role("link", name="Indlæs tal").click()
    page.check()
    p.get_by_label("Fil", exact=True).set_input_files(str(UHELDK1_FILE))
    p.get_by_role("button", name="Vis forhåndsvisning").click()
    page.check()
    assert "UHELDK1" in main.inner_text()
    p.get_by_role("button", name="Indlæs", exact=True).click()
    p.get_by_text("celler i UHELDK1").first.wait_for(timeout=120_000)
    page.check()

    # The measure: pedestrians, 65 and over, every sex, per municipality.
    page.goto(f"/kreds/{nordjylland.slug}/statistik/")
    p.get_by_role("link", name="Tal fra alle tabeller").first.click()
    page.check()
    p.get_by_label("Indblandede transportmidler", exact=True).select_option("71")
    p.get_by_label("Alder", exact=True).select_option("6599")
    p.get_by_label("Antal", exact=True).check()
    p.get_by_role("button", name="Vis tallene").click()
    p.wait_for_url("**ALDER=6599**")
    p.locator("#series-text").wait_for()
    page.check()
    expected = pedestrians_65("2022")
    table = p.locator("table", has=p.locator("caption", has_text="i kredsens kommuner, 2022"))
    aalborg = table.locator("tr", has=p.locator("th", has_text="Aalborg")).locator("td")
    assert aalborg.first.inner_text() == str(expected["851"])
    district = table.locator("tr", has=p.locator("th", has_text="Nordjyllands Politikreds"))
    assert district.locator("td").first.inner_text() == str(
        sum(expected[code] for code in NORDJYLLAND)
    )
    check_on_a_phone(page)
    series = p.locator("#series-text").inner_text()
    assert series == "UHELDK1:UHELD=*;INDBLAND=71;ALDER=6599;KØN=*"

    # Into the plan, as a figure block.
    page.goto(reverse("plans:section_edit", args=[section.pk]))
    p.get_by_label("Serie fra en anden tabel").fill(series)
    p.get_by_label("Periode (valgfri)", exact=True).fill("2022")
    p.get_by_role("button", name="Gem").click()
    page.check()
    assert PlanSection.objects.get(pk=section.pk).options == {
        "series": series,
        "period": "2022K1-2022K4",
    }
    page.goto(plan.get_absolute_url())
    caption = p.locator("caption", has_text="Fodgænger, 65 år og derover")
    assert "2022 mod 2021" in caption.first.inner_text()
    check_on_a_phone(page)
