"""Hjørring's koordinator reports on an initiative from "Mine opdateringer", and the
initiative's progress, and with it the plan's roll-up, moves."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kredsraad.initiatives.queries import progress_of_focus_areas, progress_of_plan
from kredsraad.plans import actions as plan_actions
from tests import factories

from .conftest import sign_in


@pytest.mark.django_db(transaction=True)
def test_coordinator_writes_a_status_update_and_the_progress_moves(
    page, sekretariat, koordinator_hjoerring, nordjylland, politi_nord, hjoerring, laesoe
):
    # The report is filed for this quarter, and a plan counts its own year's reports.
    year = timezone.localdate().year
    plan = plan_actions.create_plan(nordjylland, year=year, by=sekretariat)
    area = plan_actions.add_focus_area(
        plan,
        title="Tryghed i nattelivet",
        body="",
        themes=[],
        responsible=politi_nord,
        by=sekretariat,
    )
    tryg = factories.initiative(
        "Tryg i byen",
        district=nordjylland,
        lead=politi_nord,
        municipalities=[hjoerring],
        focus_areas=[area],
        starts=datetime.date(year, 1, 1),
    )
    factories.initiative(
        "Kun på Læsø", district=nordjylland, lead=politi_nord, municipalities=[laesoe]
    )
    factories.status_update(tryg, period=f"{year}K1", progress=20, author=sekretariat)
    sign_in(page, koordinator_hjoerring)
    p = page.page

    page.goto("/mine-opdateringer/")
    main = p.locator("main")
    assert "Tryg i byen" in main.inner_text()
    assert "Kun på Læsø" not in main.inner_text()
    p.get_by_role("link", name="Tryg i byen", exact=True).click()
    page.check()
    assert "20 %" in p.locator("#progress-heading + p").inner_text()

    p.get_by_role("link", name="Skriv statusopdatering").click()
    page.check()
    p.get_by_label("Trafiklys").select_option(label="Udfordret")
    p.get_by_label("Fremdrift i procent").fill("160")
    p.get_by_label("Status", exact=True).fill("Flere vagter i weekenden; politiet er med.")
    p.get_by_role("button", name="Gem").click()
    page.check()
    assert "Fremdriften skal være et helt tal fra 0 til 100 %." in main.inner_text()
    p.get_by_label("Fremdrift i procent").fill("60")
    p.get_by_role("button", name="Gem").click()
    page.check()

    assert "Statusopdateringen er gemt." in main.inner_text()
    progress = p.locator("#progress-heading + p").inner_text()
    assert "60 %" in progress
    assert "Udfordret" in progress
    assert "Flere vagter i weekenden" in p.locator(".status-history").inner_text()
    assert progress_of_focus_areas(plan) == {area.pk: Decimal("60.0")}
    assert progress_of_plan(plan) == Decimal("60.0")

    p.get_by_role("link", name="Alle indsatser").click()
    page.check()
    row = p.locator("#initiative-results tr", has_text="Tryg i byen")
    assert "60 %" in row.inner_text()


@pytest.mark.django_db(transaction=True)
def test_secretariat_registers_an_initiative_with_a_milestone_and_imports_a_file(
    page, sekretariat, nordjylland, politi_nord, trygfonden, aalborg
):
    from django.urls import reverse

    sign_in(page, sekretariat)
    p = page.page
    main = p.locator("main")

    page.goto(reverse("initiatives:initiatives", args=[nordjylland.slug]))
    p.get_by_role("link", name="Ny indsats").click()
    page.check()
    p.get_by_label("Titel").fill("Socialbedrageri i Aalborg")
    p.get_by_label("Tovholder").select_option(label="Nordjyllands Politi")
    p.get_by_label("TrygFonden").check()
    p.get_by_label("Aalborg").check()
    p.get_by_label("Start").fill("2023-01-15")
    p.get_by_label("Status").select_option(label="I gang")
    p.get_by_role("button", name="Gem").click()
    page.check()
    assert p.get_by_role("heading", level=1).inner_text() == "Socialbedrageri i Aalborg"

    p.get_by_role("link", name="Ny milepæl").click()
    page.check()
    p.get_by_label("Titel").fill("Evaluering")
    p.get_by_label("Type").select_option(label="Evaluering")
    p.get_by_label("Frist (valgfri)", exact=True).fill("2022-12-01")
    p.get_by_role("button", name="Gem").click()
    page.check()
    assert "ligger før indsatsens start (15. januar 2023)" in main.inner_text()
    p.get_by_label("Frist (valgfri)", exact=True).fill("")
    p.get_by_label("Frist (kvartal) (valgfri)").fill("2023K1")
    p.get_by_role("button", name="Gem").click()
    page.check()
    p.get_by_role("link", name="Marker som nået Evaluering").click()
    page.check()
    p.get_by_label("Nået den").fill("2023-03-20")
    p.get_by_label("Resultat").fill("Piloten fortsætter.")
    p.get_by_role("button", name="Gem").click()
    page.check()
    assert "Piloten fortsætter." in main.inner_text()
    p.get_by_role("link", name="Historik").click()
    page.check()

    page.goto(reverse("initiatives:initiatives", args=[nordjylland.slug]) + "?status=active")
    p.get_by_role("link", name="Indlæs fra fil").click()
    page.check()
    header = "ekstern_id;titel;beskrivelse;tovholder;partnere;fora;kommuner;lokal_kommune;start;slut;status;viderefører;vægt"
    row = "NJ-trafik;Trafikdata;;Nordjyllands Politi;;;alle;;01.01.2023;31.12.2026;I gang;;1"
    bad = row.replace("NJ-trafik", "NJ-x").replace("31.12.2026", "31.02.2023")
    p.get_by_label("Indsatser").set_input_files(
        files=[
            {"name": "i.csv", "mimeType": "text/csv", "buffer": f"{header}\n{row}\n{bad}".encode()}
        ]
    )
    p.get_by_role("button", name="Vis forhåndsvisning").click()
    page.check()
    assert "Datoen 31.02.2023 findes ikke." in main.inner_text()
    p.get_by_label("Indsatser").set_input_files(
        files=[{"name": "i.csv", "mimeType": "text/csv", "buffer": f"{header}\n{row}".encode()}]
    )
    p.get_by_role("button", name="Vis forhåndsvisning").click()
    page.check()
    assert "1 oprettes" in main.inner_text()
    p.get_by_role("button", name="Indlæs ændringerne").click()
    page.check()
    assert "Filen er indlæst: 1 oprettet" in main.inner_text()
    assert p.locator("#initiative-results", has_text="Trafikdata").count() == 1
