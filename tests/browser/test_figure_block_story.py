"""The secretariat chooses a crime-figure block on a phone: two types of violence in two
municipalities per 1,000 inhabitants, previews the text without leaving the page, and saves it;
every page is checked with axe-core and fits 375 px."""

import datetime

import pytest
from django.urls import reverse

from kredsraad.plans import actions
from kredsraad.plans.models import PlanSection
from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Dataset
from kredsraad.statistics.rows import FOLK1A, STRAF11, Parsed, Row
from tests.browser.conftest import sign_in

FETCHED = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)


def put(cells, *, table=STRAF11) -> None:
    rows = [Row(table, *cell, line=n) for n, cell in enumerate(cells, 2)]
    importer.apply(
        Parsed(table=table, format="long-csv", rows=rows),
        source=Dataset.Source.FILE,
        fetched_at=FETCHED,
    )


def fits(page) -> bool:
    return page.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.django_db(transaction=True)
def test_secretariat_chooses_and_previews_a_figure_block_on_a_phone(page, nordjylland, sekretariat):
    importer.load_offence_codes([("1252", "Simpel vold"), ("1255", "Alvorligere vold")])
    put(
        [
            (area, offence, f"{year}K{q}", count)
            for area in ("851", "860")
            for offence, counts in (("1252", (15, 10)), ("1255", (6, 4)))
            for year, count in zip((2022, 2021), counts, strict=True)
            for q in (1, 2, 3)
        ]
    )
    put([(a, "", f"{y}K1", 100_000) for a in ("851", "860") for y in (2021, 2022)], table=FOLK1A)
    plan = actions.create_plan(nordjylland, year=2023, by=sekretariat)
    section = plan.sections.get(kind=PlanSection.Kind.CRIME_TRENDS)
    page.page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, sekretariat)

    page.goto(reverse("plans:section_edit", args=[section.pk]))
    assert fits(page)
    screen = page.page
    screen.get_by_label("Simpel vold (1252)").check()
    screen.get_by_label("Alvorligere vold (1255)").check()
    screen.get_by_label("Aalborg", exact=True).check()
    screen.get_by_label("Hjørring", exact=True).check()
    screen.get_by_label("Pr. 1.000 indbyggere").check()
    screen.get_by_role("button", name="Vis forhåndsvisning").click()

    preview = screen.locator("#figure-preview")
    preview.get_by_text(
        "0,45 tilfælde af simpel vold (straffelovens § 244)", exact=False
    ).wait_for()
    page.check()
    assert fits(page)
    assert PlanSection.objects.get(pk=section.pk).options == {}

    screen.get_by_role("button", name="Gem").click()
    page.check()

    assert PlanSection.objects.get(pk=section.pk).options == {
        "offences": ["1252", "1255"],
        "areas": ["860", "851"],  # as the page lists them: Danish order, Aalborg last
        "unit": "per_1000",
    }
    assert "pr. 1.000 indbyggere i Hjørring" in screen.content()
