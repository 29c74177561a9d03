"""The public statistics page hides small counts: a municipality with fewer reports than
KREDSRAAD_STATISTICS_SUPPRESS_BELOW shows »under N«, never the number."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from kredsraad.publishing import public
from kredsraad.publishing.documents.blocks import Paragraph
from kredsraad.publishing.documents.plan import crime_figures
from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Dataset
from kredsraad.statistics.rows import STRAF11, Parsed, Row

MUNICIPALITIES = ("810", "813", "820", "825", "840", "846", "849", "851", "860")
LAESOE = "825"


def import_straf11(cells) -> None:
    """Cells (area, offence, period, value), imported as a small STRAF11 file would be."""
    rows = [Row(STRAF11, *cell, line=n) for n, cell in enumerate(cells, 2)]
    importer.apply(
        Parsed(table=STRAF11, format="long-csv", rows=rows),
        source=Dataset.Source.FILE,
        fetched_at=datetime.datetime(2023, 11, 25, 9, 0, tzinfo=datetime.UTC),
    )


@pytest.mark.usefixtures("straf11_hidden")
def test_visitor_sees_under_5_for_a_small_municipality_and_never_its_count(
    client, nordjylland, settings
):
    settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW = 5
    importer.load_offence_codes([("12", "Voldsforbrydelser i alt")])
    # Læsø: 1 report in each of 2022's first three quarters, 3 in all; the others 20 each.
    cells = []
    for year in (2022, 2023):
        for quarter in (1, 2, 3):
            period = f"{year}K{quarter}"
            cells += [(c, "12", period, 1 if c == LAESOE else 20) for c in MUNICIPALITIES]
            cells.append(("000", "12", period, 1000))
    import_straf11(cells)
    cache.clear()

    response = client.get(reverse("publishing:public_statistics", args=[nordjylland.slug]))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="row">Læsø</th><td>under 5</td><td>under 5</td>' in html
    assert '<th scope="row">Læsø</th><td>3</td>' not in html
    assert "Tal under 5 vises som »under 5«" in html


def laesoe_small_in_2022_and_2023(settings):
    settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW = 5
    importer.load_offence_codes([("12", "Voldsforbrydelser i alt")])
    cells = []
    for year in (2022, 2023):
        for quarter in (1, 2, 3):
            period = f"{year}K{quarter}"
            cells += [
                (c, "12", period, 1 if c == LAESOE else 20 + n)
                for n, c in enumerate(MUNICIPALITIES)
            ]
            cells.append(("000", "12", period, 1000))
    import_straf11(cells)
    cache.clear()


def test_visitor_reads_danmarks_statistiks_small_counts_as_dst_publishes_them(
    client, nordjylland, settings
):
    laesoe_small_in_2022_and_2023(settings)

    response = client.get(reverse("publishing:public_statistics", args=[nordjylland.slug]))

    assert '<th scope="row">Læsø</th><td>3</td><td>3</td>' in response.content.decode()
    assert "under 5" not in response.content.decode()


@pytest.mark.usefixtures("straf11_hidden")
def test_visitor_sees_skjult_beside_under_5_and_the_sentence_explaining_it(
    client, nordjylland, settings
):
    laesoe_small_in_2022_and_2023(settings)

    response = client.get(reverse("publishing:public_statistics", args=[nordjylland.slug]))

    html = response.content.decode()
    assert '<th scope="row">Læsø</th><td>under 5</td><td>under 5</td>' in html
    # Brønderslev (810), the smallest neighbour, is hidden with Læsø; the district stays.
    assert '<th scope="row">Brønderslev</th><td>skjult</td><td>skjult</td>' in html
    assert "året minus dets kvartaler" in html
    assert "Nordjyllands Politikreds</td><td>under" not in html


@pytest.mark.usefixtures("straf11_hidden")
def test_the_plans_pdf_and_word_explain_skjult_as_the_page_does(nordjylland, settings):
    laesoe_small_in_2022_and_2023(settings)
    data = public.public_statistics(nordjylland)

    texts = [block.text for block in crime_figures(data) if isinstance(block, Paragraph)]

    assert data["complemented"] is True
    assert any("Står der »skjult«, er tallet udeladt" in text for text in texts)
