"""The plan's crime block when the data has no Hele landet (issue 14): "ingen data" in the page,
the PDF and the Word file, never "Hele landet 0 / 0"; a country summed from the municipalities
reads "beregnet" with the sentence that says why."""

import datetime
import io
import json
import re
import subprocess

import docx
import pytest
from django.urls import reverse

from kredsraad.councils.models import PoliceDistrict
from kredsraad.publishing.documents.blocks import Document
from kredsraad.publishing.documents.pdf import render_pdf
from kredsraad.publishing.documents.plan import crime_figures
from kredsraad.publishing.documents.word import render_docx
from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Area, Dataset, Observation
from kredsraad.statistics.reading.compare import derived_note
from kredsraad.statistics.reading.plan_figures import figures_for_plan
from kredsraad.statistics.rows import STRAF11, Parsed, Row

MUNICIPALITIES = ("810", "813", "820", "825", "840", "846", "849", "851", "860")
FETCHED = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)
WRITTEN = datetime.date(2022, 12, 6)
NO_DATA = "Hele landet ingen data ingen data ingen data"


@pytest.fixture
def violence_without_country(db):
    """Violence in Nordjylland's municipalities, 2021K1-K3 and 2022K1-K3: 20 and 30 a quarter,
    imported from a file with no Hele landet row."""
    importer.load_offence_codes([("12", "Voldsforbrydelser i alt")])
    cells = [
        (code, "12", f"{year}K{quarter}", count)
        for year, count in ((2021, 20), (2022, 30))
        for quarter in (1, 2, 3)
        for code in MUNICIPALITIES
    ]
    rows = [Row(STRAF11, *cell, line=n) for n, cell in enumerate(cells, 2)]
    importer.apply(
        Parsed(table=STRAF11, format="long-csv", rows=rows),
        source=Dataset.Source.FILE,
        fetched_at=FETCHED,
    )
    assert not Observation.objects.filter(area__code="000").exists()


def figures() -> dict:
    return figures_for_plan(PoliceDistrict.objects.get(code=1), 2023, written=WRITTEN)


def one_line(text: str) -> str:
    return " ".join(text.split())


def pdf_text(data: bytes, *, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), "-", "-"]
    result = subprocess.run(args, input=data, capture_output=True, check=True)
    return result.stdout.decode() if layout else one_line(result.stdout.decode())


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return one_line(" ".join([p.text for p in document.paragraphs] + cells))


def test_draft_plan_shows_ingen_data_for_the_country_never_0(
    client, sekretariat, plan_2023, violence_without_country
):
    client.force_login(sekretariat)

    html = client.get(plan_2023.get_absolute_url()).content.decode()

    assert (
        '<th scope="row">Hele landet</th><td>ingen data</td><td>ingen data</td><td>ingen data</td>'
    ) in html
    assert '<th scope="row">Hele landet</th><td>0</td>' not in html
    assert "For hele landet er der ingen data." in html


def test_plan_figures_hold_null_for_the_country(violence_without_country):
    country = figures()["offences"][0]["country"]

    assert (country["value"], country["baseline"], country["change"], country["rate"]) == (
        None,
        None,
        None,
        None,
    )
    assert (country["value_text"], country["change_text"]) == ("ingen data", "ingen data")


def test_pdf_and_word_of_the_block_say_ingen_data_for_the_country(violence_without_country):
    document = Document(title="Samarbejdsplan 2023", cover=[], blocks=crime_figures(figures()))

    data = render_pdf(document)
    pdf, word = pdf_text(data), docx_text(render_docx(document))

    # The PDF's table row, as laid out on the page: the country's cells read "ingen data".
    row = next(line for line in pdf_text(data, layout=True).splitlines() if "Hele landet" in line)
    assert one_line(row).startswith("Hele landet ingen")
    assert not re.search(r"Hele landet\s+0\b", row)
    assert NO_DATA in word
    assert "For hele landet er der ingen data." in pdf
    assert "For hele landet er der ingen data." in word


def test_a_derived_country_reads_beregnet_in_the_page_pdf_and_word(
    client, sekretariat, plan_2023, violence_without_country
):
    # What the importer writes when every municipality is in the file: Hele landet, derived.
    dataset = Dataset.objects.create(table=STRAF11, source=Dataset.Source.FILE, fetched_at=FETCHED)
    district = Area.objects.get(code="politikreds:1")
    Observation.objects.bulk_create(
        Observation(
            table=STRAF11,
            area=Area.objects.get(code="000"),
            offence=o.offence,
            period=o.period,
            year=o.year,
            quarter=o.quarter,
            value=o.value * 10,
            derived=True,
            dataset=dataset,
        )
        for o in Observation.objects.filter(area=district)
    )
    client.force_login(sekretariat)
    note = derived_note("Hele landet")

    html = client.get(plan_2023.get_absolute_url()).content.decode()
    document = Document(title="Samarbejdsplan 2023", cover=[], blocks=crime_figures(figures()))
    pdf, word = pdf_text(render_pdf(document)), docx_text(render_docx(document))

    assert '<th scope="row">Hele landet (beregnet)</th>' in html
    assert note in html
    for text in (pdf, word):
        assert "Hele landet (beregnet)" in text
        assert note in text


def test_open_data_gives_null_for_the_country_never_0(
    client, nordjylland, violence_without_country
):
    url = reverse("publishing:public_data_download", args=[nordjylland.slug, "statistik", "json"])

    rows = json.loads(client.get(url).content)["data"]

    country = next(row for row in rows if row["omraade_kode"] == "000")
    assert (country["antal"], country["antal_foer"], country["aendring_procent"]) == (
        None,
        None,
        None,
    )
    csv = client.get(url.removesuffix("json") + "csv").content.decode("utf-8-sig")
    assert ";000;Hele landet;hele landet;2022K1-2022K3;;;2021K1-2021K3;;;;" in csv
