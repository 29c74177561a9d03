"""The statistics tables as CSV (Danish Excel) and XLSX: the same figures as the page, for the
same choices, computed here from the cells the test stores."""

import csv
import datetime
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Dataset
from kredsraad.statistics.reading.downloads import Cell, Table, as_csv, as_xlsx
from kredsraad.statistics.rows import FOLK1A, STRAF11, Parsed, Row

SLUG = "nordjyllands-politi"
NORDJYLLAND = {
    "810": "Brønderslev",
    "813": "Frederikshavn",
    "820": "Vesthimmerlands",
    "825": "Læsø",
    "840": "Rebild",
    "846": "Mariagerfjord",
    "849": "Jammerbugt",
    "851": "Aalborg",
    "860": "Hjørring",
}
FETCHED = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC)
CHOICES = {"overtraedelse": "12", "fra": "2024K1", "til": "2024K2", "visning": "antal"}


def count(code: str, quarter: str) -> int:
    """A different count for every municipality and quarter: Aalborg 2024K1 is 851 + 10 + 1."""
    year, number = int(quarter[:4]), int(quarter[5])
    return int(code) + (year - 2023) * 10 + number


QUARTERS = ["2023K1", "2023K2", "2023K3", "2023K4", "2024K1", "2024K2"]
POPULATION = {code: 10_000 + int(code) for code in NORDJYLLAND}


@pytest.fixture
def violence(db):
    importer.load_offence_codes([("TOT", "Overtrædelsens art i alt"), ("12", "Vold i alt")])
    rows = [
        Row(STRAF11, code, "12", quarter, count(code, quarter), line=n)
        for n, (code, quarter) in enumerate(
            [(c, q) for c in NORDJYLLAND for q in QUARTERS] + [("000", q) for q in QUARTERS], 2
        )
    ]
    importer.apply(
        Parsed(table=STRAF11, format="long-csv", rows=rows),
        source=Dataset.Source.FILE,
        fetched_at=FETCHED,
    )
    people = [
        Row(FOLK1A, code, "", f"{year}K1", value, line=n)
        for n, (code, value, year) in enumerate(
            [(c, v, y) for c, v in POPULATION.items() for y in (2023, 2024)], 2
        )
    ]
    importer.apply(
        Parsed(table=FOLK1A, format="long-csv", rows=people),
        source=Dataset.Source.FILE,
        fetched_at=FETCHED,
    )


def download(client, table: str, export: str, **choices):
    name = "statistics:download_csv" if export == "csv" else "statistics:download_xlsx"
    return client.get(reverse(name, args=[SLUG, table]), choices or CHOICES)


def expected_municipalities() -> list[list[str]]:
    """The CSV rows by hand: name; count; count a year earlier; change; per 1,000."""
    lines = []
    for code, name in sorted(NORDJYLLAND.items(), key=lambda item: item[1].replace("Aa", "Å")):
        now = count(code, "2024K1") + count(code, "2024K2")
        before = count(code, "2023K1") + count(code, "2023K2")
        change = (Decimal(now - before) * 100 / before).quantize(Decimal("0.1"), ROUND_HALF_UP)
        rate = (Decimal(now) * 1000 / POPULATION[code]).quantize(Decimal("0.01"), ROUND_HALF_UP)
        lines.append(
            [
                name,
                str(now),
                str(before),
                f"{change}".replace(".", ","),
                f"{rate}".replace(".", ","),
            ]
        )
    return lines


def test_municipalities_csv_opens_in_danish_excel_with_the_pages_figures(
    client, sekretariat, violence
):
    client.force_login(sekretariat)

    response = download(client, "kommuner", "csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="kommuner-nordjyllands-politi-12-2024K1-2024K2.csv"'
    )
    assert response.content.startswith("\N{BYTE ORDER MARK}".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Kommune",
        "Anmeldelser 1.–2. kvartal 2024",  # noqa: RUF001
        "Anmeldelser 1.–2. kvartal 2023",  # noqa: RUF001
        "Ændring",
        "Pr. 1.000 indbyggere 1.–2. kvartal 2024",  # noqa: RUF001
    ]
    assert rows[1:10] == expected_municipalities()
    district_now = sum(count(c, "2024K1") + count(c, "2024K2") for c in NORDJYLLAND)
    assert rows[10][:2] == ["Nordjyllands Politi i alt", str(district_now)]


def test_xlsx_holds_numbers_and_the_source(client, sekretariat, violence):
    client.force_login(sekretariat)

    response = download(client, "kommuner", "xlsx")

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    aalborg = next(row for row in rows if row[0] == "Aalborg")
    now = count("851", "2024K1") + count("851", "2024K2")
    before = count("851", "2023K1") + count("851", "2023K2")
    assert aalborg[1:4] == (
        now,
        before,
        pytest.approx(float(Decimal(now - before) * 100 / before), abs=0.05),
    )
    assert rows[-1] == (
        "Kilde: Danmarks Statistik, STRAF11, hentet 20. november 2026; folketal: "
        "FOLK1A, hentet 20. november 2026.",
        None,
        None,
        None,
        None,
    )


def test_quarters_csv_follows_the_chosen_period(client, sekretariat, violence):
    client.force_login(sekretariat)

    response = download(client, "kvartaler", "csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Kvartal", "Anmeldelser", "Markering"]
    assert rows[1:] == [
        [q, str(sum(count(c, q) for c in NORDJYLLAND)), "valgt periode" if q >= "2024K1" else ""]
        for q in QUARTERS
    ]


def test_comparison_csv_has_the_district_and_the_country(client, sekretariat, violence):
    client.force_login(sekretariat)

    response = download(client, "sammenligning", "csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    country_now = count("000", "2024K1") + count("000", "2024K2")
    assert [row[:2] for row in rows[1:]] == [
        [
            "Nordjyllands Politi",
            str(sum(count(c, "2024K1") + count(c, "2024K2") for c in NORDJYLLAND)),
        ],
        ["Hele landet", str(country_now)],
    ]


def test_years_csv_has_both_areas_and_marks_the_unfinished_year(client, sekretariat, violence):
    client.force_login(sekretariat)

    response = download(client, "aar", "csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    district = {
        y: sum(count(c, q) for c in NORDJYLLAND for q in QUARTERS if q[:4] == y)
        for y in ("2023", "2024")
    }
    people = sum(POPULATION.values())
    rate = {
        y: f"{(Decimal(v) * 1000 / people).quantize(Decimal('0.01'), ROUND_HALF_UP)}".replace(
            ".", ","
        )
        for y, v in district.items()
    }
    country = {y: sum(count("000", q) for q in QUARTERS if q[:4] == y) for y in ("2023", "2024")}
    assert rows == [
        [
            "År",
            "Nordjyllands Politi: anmeldelser",
            "Nordjyllands Politi: pr. 1.000 indbyggere",
            "Hele landet: anmeldelser",
            "Hele landet: pr. 1.000 indbyggere",
            "Markering",
        ],
        ["2023", str(district["2023"]), rate["2023"], str(country["2023"]), "", ""],
        [
            "2024",
            str(district["2024"]),
            rate["2024"],
            str(country["2024"]),
            "",
            "Kun 1.\N{EN DASH}2. kvartal 2024",
        ],
    ]


def test_unknown_table_is_a_404_and_bad_choices_a_danish_400(client, sekretariat, violence):
    client.force_login(sekretariat)

    unknown = client.get(reverse("statistics:download_csv", args=[SLUG, "hemmelig"]))
    bad = download(client, "kommuner", "csv", fra="2024K2", til="2024K1")

    assert unknown.status_code == 404
    assert bad.status_code == 400
    assert bad.content.decode() == "Til-kvartalet 2024K1 ligger før fra-kvartalet 2024K2."


def test_text_that_looks_like_a_formula_stays_text():
    table = Table(
        name="test",
        caption="Test",
        columns=["=Område", "Tal"],
        rows=[
            [Cell('=HYPERLINK("x")', "x"), Cell(-3, "-3")],
            [Cell("@navn", "n"), Cell(None, "\N{EN DASH}")],
        ],
    )

    rows = list(csv.reader(io.StringIO(as_csv(table).decode("utf-8-sig")), delimiter=";"))
    sheet = load_workbook(io.BytesIO(as_xlsx(table))).active

    assert rows == [["'=Område", "Tal"], ['\'=HYPERLINK("x")', "-3"], ["'@navn", ""]]
    assert sheet["A2"].value == '=HYPERLINK("x")'
    assert sheet["A2"].data_type == "s"
    assert sheet["B2"].value == -3
