"""Issue 12's main story, in Chromium with axe-core. The administrator sets Sydøstjyllands Politi
up in one step; its secretariat writes a 2023-2026 strategy with a goal, approves and publishes
it, then writes the 2024 plan in three heading levels with an organisation chart and a focus
area whose goal counts residential burglaries in the district, ties the plan to the strategy,
and takes it through discussion and approval to publication. A visitor finds the goal with its
frozen value on the public plan (also 375 px wide), in its PDF and in the JSON API."""

import datetime
import io
import re
import subprocess

import pytest
from PIL import Image
from playwright.sync_api import expect

from kredsraad.accounts.models import RoleAssignment
from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Dataset
from kredsraad.statistics.registry import load_areas
from kredsraad.statistics.rows import STRAF11, Parsed, Row
from tests import factories

from .conftest import confirm_step, sign_in

SLUG = "sydoestjyllands-politi"
DISTRICT = "Sydøstjyllands Politi"
FETCHED = datetime.datetime(2024, 2, 20, 9, 0, tzinfo=datetime.UTC)
HORSENS, VEJLE = "615", "630"
GOAL = "Færre indbrud i beboelser i 2025 end i 2022"
STRATEGY_GOAL = "Færre indbrud i beboelser i 2026 end i 2022"
ALT = "Organisationsdiagram: kredsrådet øverst, de syv lokalråd under det."


def burglaries(years, *, fetched_at):
    """Residential burglary (1320) per quarter in two of the district's municipalities, as a
    STRAF11 file would bring them: (year, Horsens a quarter, Vejle a quarter)."""
    cells = []
    for year, horsens, vejle in years:
        for quarter in range(1, 5):
            cells.append((HORSENS, "1320", f"{year}K{quarter}", horsens))
            cells.append((VEJLE, "1320", f"{year}K{quarter}", vejle))
    rows = [Row(STRAF11, *cell, line=n) for n, cell in enumerate(cells, 2)]
    importer.apply(
        Parsed(table=STRAF11, format="long-csv", rows=rows),
        source=Dataset.Source.FILE,
        fetched_at=fetched_at,
    )


def burglaries_in_the_district():
    """300 in 2022 and 260 in 2023."""
    load_areas()  # the browser tests' database was emptied; the registry's areas come back
    importer.load_offence_codes([("1320", "Indbrud i beboelser")])
    burglaries([(2022, 40, 35), (2023, 35, 30)], fetched_at=FETCHED)


def organisation_chart(tmp_path):
    path = tmp_path / "organisation.png"
    out = io.BytesIO()
    Image.new("RGB", (120, 80), "navy").save(out, "PNG")
    path.write_bytes(out.getvalue())
    return path


def fill_burglary_goal(p, *, statement, target, deadline):
    p.get_by_label("Mål", exact=True).fill(statement)
    p.get_by_label("Retning", exact=True).select_option(label="Ned")
    p.get_by_label("Målværdi", exact=True).fill(target)
    p.get_by_label("Udgangspunkt (periode)", exact=True).fill("2022")
    p.get_by_label("Frist", exact=True).fill(deadline)
    p.get_by_label("Indikator", exact=True).select_option(label="Statistikken")
    p.get_by_label("Tabel (valgfri)", exact=True).fill("STRAF11")
    p.get_by_label("Mål i tabellen (valgfri)", exact=True).fill("1320")
    p.get_by_label("Område (valgfri)", exact=True).fill("politikreds:4")
    p.get_by_label("Enhed", exact=True).select_option(label="Antal")


def main_text(p) -> str:
    return " ".join(p.locator("main").inner_text().split())


@pytest.mark.django_db(transaction=True)
def test_new_district_writes_a_strategy_and_a_three_level_plan_with_a_measured_goal(
    page, administrator, tmp_path
):
    burglaries_in_the_district()
    district = factories.district(SLUG)
    secretariat = factories.user(
        role=RoleAssignment.Role.SECRETARIAT, district=district, name="Sekretariat Sydøst"
    )
    p = page.page

    # 1. The administrator sets the district up in one step.
    sign_in(page, administrator)
    p.get_by_text("Skift politikreds").click()
    p.get_by_role("navigation", name="Skift politikreds").get_by_role("link", name=DISTRICT).click()
    page.check()
    p.get_by_role("link", name="Opsæt politikredsen").click()
    page.check()
    p.get_by_label("År for samarbejdsplanen").fill("2024")
    p.get_by_role("button", name="Vis for året").click()
    page.check()
    assert "Kredsrådets samarbejdsplan 2024" in p.locator("main table").inner_text()
    p.get_by_role("button", name=re.compile(r"^Opret \d+ rækker$")).click()
    page.check()
    assert f"{DISTRICT} er sat op" in p.get_by_role("status").first.inner_text()
    p.get_by_role("button", name="Log ud").click()
    page.check()

    # 2a. Its secretariat writes the strategy with a goal, approves and publishes it.
    sign_in(page, secretariat)
    p.get_by_role("link", name="Samarbejdsplaner").click()
    page.check()
    p.get_by_role("link", name="Flerårige strategier").click()
    page.check()
    p.get_by_role("link", name="Ny strategi").click()
    page.check()
    p.get_by_label("Titel").fill("Tryghedsstrategi 2023-2026")
    p.get_by_label("Første år").fill("2023")
    p.get_by_label("Sidste år").fill("2026")
    p.get_by_label("Tekst (Markdown)").fill("Færre borgere skal opleve indbrud i hjemmet.")
    p.get_by_role("button", name="Gem").click()
    page.check()
    p.get_by_role("link", name="Tilføj mål").click()
    page.check()
    fill_burglary_goal(p, statement=STRATEGY_GOAL, target="240", deadline="2026")
    p.get_by_role("button", name="Gem").click()
    page.check()
    assert STRATEGY_GOAL in main_text(p)
    confirm_step(
        page,
        "Godkend strategien",
        fields={
            "Godkendt den": "2023-11-28",
            "Reference": "Kredsrådets møde 28. november 2023, punkt 3",
        },
    )
    confirm_step(page, "Offentliggør")
    assert "Offentliggjort" in p.locator(".plan-state").inner_text()

    # 2b. The year's plan: a section moved to the top, a subsection and a sub-subsection.
    p.get_by_role("link", name="Samarbejdsplaner").click()
    page.check()
    p.get_by_role("link", name="Kredsrådets samarbejdsplan 2024").click()
    page.check()
    p.get_by_role("link", name="Nyt afsnit").click()
    page.check()
    p.get_by_label("Overskrift").fill("Indledning")
    p.get_by_label("Tekst (Markdown)").fill("Kredsrådet samler politiet og syv kommuner.")
    p.get_by_role("button", name="Gem").click()
    page.check()
    for _ in range(5):  # after the five standard sections: up to the top
        p.get_by_role("button", name="Op Indledning").click()
        page.check()
    p.get_by_role("link", name="Nyt underafsnit til Indledning").click()
    page.check()
    p.get_by_label("Overskrift").fill("Organisationen")
    p.get_by_role("button", name="Gem").click()
    page.check()
    p.get_by_role("link", name="Nyt underafsnit til Organisationen").click()
    page.check()
    p.get_by_label("Overskrift").fill("Kredsrådets sekretariat")
    p.get_by_label("Tekst (Markdown)").fill("Sekretariatet forbereder kredsrådets møder.")
    p.get_by_role("button", name="Gem").click()
    page.check()
    rows = p.locator("#edit-heading + table tbody tr")
    assert [
        " ".join(rows.nth(i).locator("td").nth(j).inner_text().split())
        for i in range(3)
        for j in range(2)
    ] == ["01", "Indledning", "01.1", "Organisationen", "01.1.1", "Kredsrådets sekretariat"]

    # The organisation chart goes into 01.1 with its alt text.
    p.get_by_role("link", name="Rediger Organisationen").click()
    page.check()
    p.get_by_label("Billede", exact=True).set_input_files(organisation_chart(tmp_path))
    p.get_by_label("Alternativ tekst").fill(ALT)
    p.get_by_role("button", name="Tilføj billede").click()
    page.check()
    assert p.get_by_role("img", name=ALT).count() == 1
    p.get_by_role("link", name="Samarbejdsplaner").click()
    page.check()
    p.get_by_role("link", name="Kredsrådets samarbejdsplan 2024").click()
    page.check()

    # Tied to the strategy first: a year's goal counts only toward its plan's own strategy.
    p.get_by_role("combobox", name="Strategi").select_option(
        label="Tryghedsstrategi 2023-2026 (2023\u20132026)"
    )
    p.get_by_role("button", name="Gem strategi").click()
    page.check()

    # A focus area with its goal on burglary, contributing to the strategy's goal.
    p.get_by_role("link", name="Nyt indsatsområde").click()
    page.check()
    p.get_by_label("Titel").fill("Indbrud i boliger")
    p.get_by_label("Tekst (Markdown)").fill("Nabohjælp udbredes i alle syv kommuner.")
    p.get_by_label("Ansvarlig").select_option(label=DISTRICT)
    p.get_by_role("button", name="Gem").click()
    page.check()
    assert p.get_by_role("heading", level=1).inner_text() == "04.1 Indbrud i boliger"
    p.get_by_role("link", name="Tilføj mål").click()
    page.check()
    fill_burglary_goal(p, statement=GOAL, target="250", deadline="2025")
    p.get_by_label("Bidrager til strategiens mål").select_option(label=STRATEGY_GOAL)
    p.get_by_role("button", name="Gem").click()
    page.check()
    assert GOAL in main_text(p)
    assert "Seneste værdi 260 (2023)" in main_text(p)

    # Discussed, approved and published.
    p.get_by_role("link", name="Indbrud i boliger").click()
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
    assert "Version 1 er offentliggjort og låst." in main_text(p)
    p.get_by_role("button", name="Log ud").click()
    page.check()
    # A year later DST has 2024's figures; the published plan keeps the value it froze.
    burglaries([(2024, 30, 25)], fetched_at=FETCHED + datetime.timedelta(days=365))

    # 3. A visitor reads the public plan: three levels, the chart, the goal as frozen.
    p.get_by_role("link", name="Kredsrådenes offentlige sider").click()
    page.check()
    p.get_by_role("link", name=DISTRICT).click()
    page.check()
    p.get_by_role("link", name="Kredsrådets samarbejdsplan 2024").first.click()
    page.check()
    public_url = p.url
    text = main_text(p)
    for heading in ("01 Indledning", "01.1 Organisationen", "01.1.1 Kredsrådets sekretariat"):
        assert heading in text
    assert "Tryghedsstrategi 2023-2026" in text
    chart = p.get_by_role("img", name=ALT)
    expect(chart).to_have_count(1)
    goal = p.locator(".goal").filter(has_text=GOAL)
    expect(goal).to_have_count(1)
    goal_text = " ".join(goal.inner_text().split())
    assert "Seneste værdi 260 (2023)" in goal_text
    assert "Udgangspunkt 300 (2022)" in goal_text
    assert "På vej" in goal_text

    # Its PDF, built when the plan was published, says the same.
    pdf_link = p.get_by_role("link", name="Hent").filter(has_text="PDF").first
    opened = []

    def keep(route):
        response = route.fetch()
        opened.append(response)
        route.fulfill(response=response)

    tab = p.context.new_page()
    tab.route("**/dokumenter/**", keep)
    tab.goto(page.base_url + pdf_link.get_attribute("href"))
    (pdf,) = opened
    assert pdf.headers["content-type"] == "application/pdf"
    pdf_text = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=pdf.body(), capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    tab.close()
    assert f"Mål: {GOAL}. Mål for 2025: 250" in pdf_text
    assert "Seneste: 260 (2023)." in pdf_text

    # And the JSON API.
    listing = p.request.get(f"{page.base_url}/api/plans/?district={SLUG}").json()
    (plan,) = listing["results"]
    detail = p.request.get(f"{page.base_url}/api/plans/{plan['uuid']}/").json()
    (area,) = detail["focus_areas"]
    (api_goal,) = area["goals"]
    assert (api_goal["statement"], api_goal["latest_value"], api_goal["latest_label"]) == (
        GOAL,
        "260",
        "2023",
    )
    assert (api_goal["progress"], api_goal["data_date"]) == ("on_track", "2024-02-20")

    # 4. At 375 px the public plan still passes axe-core and does not scroll sideways.
    p.set_viewport_size({"width": 375, "height": 800})
    p.goto(public_url)
    page.check()
    assert p.evaluate("document.documentElement.scrollWidth") <= 375 + 1
