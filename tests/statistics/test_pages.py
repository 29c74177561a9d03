"""A police district's statistics page. The figures on the real data are checked against sums of
Danmarks Statistik's own CSV rows, computed here with the csv module and the district mapping
in ../shared/data/mapping, never with the code under test."""

import csv
import datetime
import functools
import json
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from kredsraad.statistics.importing import formats, importer, police
from kredsraad.statistics.importing.boundaries import Outline, load_boundaries
from kredsraad.statistics.models import Dataset
from kredsraad.statistics.rows import FOLK1A, STRAF11, Parsed, Row

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
STRAF11_FILE = SHARED / "dst" / "straf11_8_offences_all_areas_2016K1-2025K4.csv"
FOLK1A_FILE = SHARED / "dst" / "folk1a_population_2016-2025.csv"
CODES_FILE = SHARED / "dst" / "straf11_offence_codes_2022.csv"
MAPPING_FILE = SHARED / "mapping" / "politikredse_kommuner.csv"
needs_shared_data = pytest.mark.skipif(
    not all(f.is_file() for f in (STRAF11_FILE, FOLK1A_FILE, CODES_FILE, MAPPING_FILE)),
    reason="../shared/data is missing",
)
FETCHED = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC)
SLUG = "nordjyllands-politi"
NORDJYLLAND_MUNICIPALITIES = ("810", "813", "820", "825", "840", "846", "849", "851", "860")


def url(slug=SLUG, **choices) -> str:
    query = "&".join(f"{key}={value}" for key, value in choices.items())
    return reverse("statistics:district", args=[slug]) + (f"?{query}" if query else "")


# The real data, summed by hand -------------------------------------------------------------


@functools.cache
def raw_straf11() -> dict[tuple[str, str, str], int]:
    """(area code, offence code, quarter) → count, straight from DST's file."""
    with STRAF11_FILE.open(encoding="utf-8-sig", newline="") as file:
        return {
            (r["OMRÅDE_kode"], r["OVERTRÆD_kode"], r["TID"]): int(r["INDHOLD"])
            for r in csv.DictReader(file)
        }


@functools.cache
def raw_population() -> dict[tuple[str, int], int]:
    with FOLK1A_FILE.open(encoding="utf-8-sig", newline="") as file:
        return {
            (r["OMRÅDE_kode"], int(r["TID"][:4])): int(r["folketal_1_i_kvartalet"])
            for r in csv.DictReader(file)
        }


@functools.cache
def nordjylland_from_mapping() -> dict[str, str]:
    """Code → DST name of the municipalities the mapping puts in police district 1."""
    with MAPPING_FILE.open(encoding="utf-8-sig", newline="") as file:
        return {
            f"{int(r['kommunekode']):03d}": r["kommune_navn_dst"]
            for r in csv.DictReader(file)
            if r["politikreds_dst_kode"] == "1"
        }


def quarters(first: str, last: str) -> list[str]:
    start, end = (int(first[:4]), int(first[5])), (int(last[:4]), int(last[5]))
    found, (year, number) = [], start
    while (year, number) <= end:
        found.append(f"{year}K{number}")
        year, number = (year, number + 1) if number < 4 else (year + 1, 1)
    return found


def summed(codes, offence: str, periods: list[str]) -> int:
    return sum(
        raw_straf11().get((code, offence, period), 0) for code in codes for period in periods
    )


def per_1000(value: int, population: int) -> Decimal:
    return (Decimal(value) * 1000 / population).quantize(Decimal("0.01"), ROUND_HALF_UP)


def change(value: int, baseline: int) -> Decimal:
    return (Decimal(value - baseline) * 100 / baseline).quantize(Decimal("0.1"), ROUND_HALF_UP)


def import_file(path: Path, table: str) -> None:
    content = path.read_bytes()
    parsed = formats.read(path.name, content, labels=importer.labels(), table=table)
    importer.apply(parsed, source=Dataset.Source.FILE, file_name=path.name, fetched_at=FETCHED)


@pytest.fixture
def real_statistics(db):
    """STRAF11 and FOLK1A from ../shared/data, read and imported as an upload would be."""
    importer.load_offence_codes(importer.read_offence_codes(CODES_FILE.read_bytes()))
    import_file(STRAF11_FILE, STRAF11)
    import_file(FOLK1A_FILE, FOLK1A)


def values(table) -> dict[str, list]:
    """Row header → the row's values (numbers as stored, not as shown)."""
    return {row[0].value: [cell.value for cell in row[1:]] for row in table.rows}


# The page on the real data -----------------------------------------------------------------


@needs_shared_data
def test_mapping_and_registry_agree_on_nordjyllands_municipalities():
    assert sorted(nordjylland_from_mapping()) == sorted(NORDJYLLAND_MUNICIPALITIES)


@needs_shared_data
def test_secretariat_sees_the_newest_year_against_the_year_before_for_district_and_country(
    client, sekretariat, real_statistics
):
    client.force_login(sekretariat)
    municipalities = nordjylland_from_mapping()
    period, baseline = quarters("2025K1", "2025K4"), quarters("2024K1", "2024K4")
    district = summed(municipalities, "TOT", period)
    district_before = summed(municipalities, "TOT", baseline)
    district_population = sum(raw_population()[code, 2025] for code in municipalities)
    country = summed(["000"], "TOT", period)
    country_before = summed(["000"], "TOT", baseline)

    response = client.get(url())

    page = response.context["page"]
    assert (page.offence.code, str(page.period), str(page.baseline)) == (
        "TOT",
        "2025K1-2025K4",
        "2024K1-2024K4",
    )
    assert values(page.tables["sammenligning"]) == {
        "Nordjyllands Politi": [
            district,
            district_before,
            change(district, district_before),
            per_1000(district, district_population),
            per_1000(district_before, sum(raw_population()[c, 2024] for c in municipalities)),
        ],
        "Hele landet": [
            country,
            country_before,
            change(country, country_before),
            per_1000(country, raw_population()["000", 2025]),
            per_1000(country_before, raw_population()["000", 2024]),
        ],
    }
    text = response.content.decode()
    assert f"{district:,}".replace(",", ".") in text  # Danish thousands: 25.737
    assert "Kilde: Danmarks Statistik, STRAF11, hentet 20. november 2026" in text


@needs_shared_data
def test_municipalities_and_quarters_match_the_files_rows_for_violence_in_2022(
    client, raadsmedlem, real_statistics
):
    client.force_login(raadsmedlem)
    municipalities = nordjylland_from_mapping()
    period, baseline = quarters("2022K1", "2022K3"), quarters("2021K1", "2021K3")

    response = client.get(url(overtraedelse="12", fra="2022K1", til="2022K3", visning="antal"))

    page = response.context["page"]
    expected = {
        name: [
            summed([code], "12", period),
            summed([code], "12", baseline),
            change(summed([code], "12", period), summed([code], "12", baseline)),
            per_1000(summed([code], "12", period), raw_population()[code, 2022]),
        ]
        for code, name in municipalities.items()
    }
    expected["Nordjyllands Politi i alt"] = [
        summed(municipalities, "12", period),
        summed(municipalities, "12", baseline),
        change(summed(municipalities, "12", period), summed(municipalities, "12", baseline)),
        per_1000(
            summed(municipalities, "12", period),
            sum(raw_population()[code, 2022] for code in municipalities),
        ),
    ]
    assert values(page.tables["kommuner"]) == expected
    # Five years of quarters up to the period's end, each the sum of the nine municipalities.
    series = values(page.tables["kvartaler"])
    assert {q: row[0] for q, row in series.items()} == {
        q: summed(municipalities, "12", [q]) for q in quarters("2017K4", "2022K3")
    }
    assert [q for q, row in series.items() if "valgt periode" in row[1]] == period
    assert "usædvanligt" in series["2022K2"][1]


@needs_shared_data
def test_aalborgs_violence_in_2022k2_is_flagged_with_its_danish_explanation(
    client, sekretariat, real_statistics
):
    client.force_login(sekretariat)

    response = client.get(url(overtraedelse="12", fra="2022K1", til="2022K3"))

    flags = [(f.area, str(f.outlier.quarter)) for f in response.context["page"].flags]
    assert ("Aalborg", "2022K2") in flags
    aalborg = raw_straf11()["851", "12", "2022K2"]
    text = response.content.decode()
    assert f"<strong>Aalborg</strong>, 2022K2: {aalborg} anmeldelser mod typisk" in text


@needs_shared_data
def test_charts_carry_their_figures_inline_in_danish_format(client, sekretariat, real_statistics):
    client.force_login(sekretariat)

    response = client.get(url(overtraedelse="1320", fra="2024K1", til="2024K4", visning="antal"))

    page = response.context["page"]
    bars = page.charts["kommuner"].spec
    assert bars["config"]["font"] == "DejaVu Sans"
    assert bars["config"]["locale"]["number"]["decimal"] == ","
    shown = {v["kommune"]: v["vaerdi"] for v in bars["data"]["values"]}
    assert shown["Aalborg"] == summed(["851"], "1320", quarters("2024K1", "2024K4"))
    series = page.charts["kvartaler"].spec["data"]["values"]
    assert [v["kvartal"] for v in series] == quarters("2020K1", "2024K4")
    assert "url" not in json.dumps(page.charts["kvartaler"].spec["data"])
    assert 'id="spec-kvartaler" type="application/json"' in response.content.decode()


@needs_shared_data
def test_years_of_the_district_and_country_are_the_sums_of_the_files_rows(
    client, sekretariat, real_statistics
):
    client.force_login(sekretariat)
    municipalities = nordjylland_from_mapping()
    years = range(2016, 2026)

    response = client.get(url(overtraedelse="12", fra="2025K1", til="2025K4"))

    page = response.context["page"]
    expected = {}
    for year in years:
        district = summed(municipalities, "12", quarters(f"{year}K1", f"{year}K4"))
        country = summed(["000"], "12", quarters(f"{year}K1", f"{year}K4"))
        population = sum(raw_population()[code, year] for code in municipalities)
        expected[str(year)] = [
            district,
            per_1000(district, population),
            country,
            per_1000(country, raw_population()["000", year]),
            "",
        ]
    assert values(page.tables["aar"]) == expected
    assert page.tables["aar"].columns == [
        "År",
        "Nordjyllands Politi: anmeldelser",
        "Nordjyllands Politi: pr. 1.000 indbyggere",
        "Hele landet: anmeldelser",
        "Hele landet: pr. 1.000 indbyggere",
        "Markering",
    ]
    chart = page.charts["aar"].spec["data"]["values"]
    assert [(v["aar"], v["omraade"], v["vaerdi"]) for v in chart[:2]] == [
        ("2016", "Nordjyllands Politi", float(expected["2016"][1])),
        ("2017", "Nordjyllands Politi", float(expected["2017"][1])),
    ]
    assert 'id="spec-aar" type="application/json"' in response.content.decode()


# Choices, permissions and the empty states -------------------------------------------------


def load_codes():
    importer.load_offence_codes(
        [("TOT", "Overtrædelsens art i alt"), ("1", "Straffelov i alt"), ("12", "Vold")]
    )


def store(cells, *, population: dict[str, int] | None = None) -> None:
    """Observations (area, offence, quarter, value) imported as a file is, with the district
    sums the importer writes; and population on 1 January for each year given."""
    rows = [Row(STRAF11, a, o, p, v, line=n) for n, (a, o, p, v) in enumerate(cells, 2)]
    importer.apply(
        Parsed(table=STRAF11, format="long-csv", rows=rows),
        source=Dataset.Source.FILE,
        fetched_at=FETCHED,
    )
    if population:
        years = sorted({int(p[:4]) for _a, _o, p, _v in cells})
        people = [
            Row(FOLK1A, code, "", f"{year}K1", value, line=n)
            for n, (code, value, year) in enumerate(
                [(c, v, y) for c, v in population.items() for y in years], 2
            )
        ]
        importer.apply(
            Parsed(table=FOLK1A, format="long-csv", rows=people),
            source=Dataset.Source.FILE,
            fetched_at=FETCHED,
        )


def grid(codes, offence, first, last, value=10) -> list[tuple]:
    return [(code, offence, q, value) for code in codes for q in quarters(first, last)]


def square(code: str, x: float) -> Outline:
    ring = [[x, 57.0], [x + 0.1, 57.0], [x + 0.1, 57.1], [x, 57.1], [x, 57.0]]
    return Outline(code, code, {"type": "Polygon", "coordinates": [ring]})


@pytest.fixture
def small_data(db):
    load_codes()
    store(grid(NORDJYLLAND_MUNICIPALITIES, "1", "2023K1", "2024K2"))


def test_default_offence_is_straffelov_when_there_are_figures_for_it(
    client, sekretariat, small_data
):
    store(grid(NORDJYLLAND_MUNICIPALITIES, "TOT", "2023K1", "2024K2", value=20))
    client.force_login(sekretariat)

    page = client.get(url()).context["page"]

    assert page.offence.code == "1"
    assert (str(page.period), str(page.baseline)) == ("2024K1-2024K2", "2023K1-2023K2")


def test_page_opens_on_everything_when_straffelov_stops_before_the_newest_quarter(
    client, sekretariat, small_data
):
    # An older detailed file brought code 1 up to 2024K2; a newer file holds TOT to 2025K1.
    store(grid(NORDJYLLAND_MUNICIPALITIES, "TOT", "2023K1", "2025K1", value=20))
    client.force_login(sekretariat)

    page = client.get(url()).context["page"]

    assert page.offence.code == "TOT"
    assert str(page.period) == "2025K1"


def test_another_districts_page_and_downloads_are_a_404(client, sekretariat_midtvest, small_data):
    client.force_login(sekretariat_midtvest)

    page = client.get(url())
    download = client.get(reverse("statistics:download_csv", args=[SLUG, "kommuner"]))

    assert (page.status_code, download.status_code) == (404, 404)


def test_user_without_a_role_gets_a_404(client, uden_rolle, small_data):
    client.force_login(uden_rolle)

    assert client.get(url()).status_code == 404


def test_administrator_and_coordinator_see_the_districts_page(
    client, administrator, koordinator_hjoerring, small_data
):
    for user in (administrator, koordinator_hjoerring):
        client.force_login(user)

        response = client.get(url())

        assert response.status_code == 200
        assert response.context["page"].ready


def test_visitor_is_sent_to_sign_in(client, small_data):
    response = client.get(url())

    assert response.status_code == 302


def test_page_without_statistics_explains_how_to_import(client, sekretariat, nordjylland):
    client.force_login(sekretariat)

    response = client.get(url())

    text = response.content.decode()
    assert "Der er ingen statistik endnu" in text
    assert "kredsraad statistics import straf11.csv" in text
    assert "kredsraad statistics boundaries" in text
    try:
        upload = reverse("statistics:upload", args=[SLUG])
    except Exception:  # the upload page is built separately
        upload = None
    if upload:
        assert f'href="{upload}"' in text


def test_page_without_boundaries_says_how_to_load_them_and_keeps_the_table(
    client, sekretariat, small_data
):
    client.force_login(sekretariat)

    response = client.get(url())

    page = response.context["page"]
    assert not page.has_boundaries
    assert "kort" not in page.charts
    assert "kredsraad statistics boundaries" in response.content.decode()
    assert len(page.tables["kommuner"].rows) == 10  # nine municipalities and the district


def test_map_embeds_the_outlines_wound_for_vega(client, sekretariat, small_data):
    load_boundaries(
        [square(code, 9 + n / 10) for n, code in enumerate(NORDJYLLAND_MUNICIPALITIES)],
        source="test",
    )
    client.force_login(sekretariat)

    page = client.get(url(visning="aendring")).context["page"]

    spec = page.charts["kort"].spec
    features = spec["data"]["values"]["features"]
    assert len(features) == 9
    ring = features[0]["geometry"]["coordinates"][0]
    twice_area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring))
    assert twice_area < 0  # clockwise, as d3-geo wants an exterior ring
    assert spec["layer"][1]["encoding"]["color"]["scale"]["domainMid"] == 0
    assert {f["properties"]["vaerdi"] for f in features} == {0.0}  # 20 against 20


def test_a_year_not_over_is_marked_with_its_quarters_and_kept_off_the_line(
    client, sekretariat, small_data
):
    client.force_login(sekretariat)

    page = client.get(url()).context["page"]

    years = values(page.tables["aar"])
    assert years == {
        # The test stores no Hele landet row: "ingen data", never 0.
        "2023": [9 * 4 * 10, None, None, None, ""],
        "2024": [9 * 2 * 10, None, None, None, "Kun 1.\N{EN DASH}2. kvartal 2024"],
    }
    spec = page.charts["aar"].spec
    assert [(v["aar"], v["vaerdi"], v["helt"]) for v in spec["data"]["values"]] == [
        ("2023", 360, True),
        ("1.\N{EN DASH}2. kvartal 2024", 180, False),
    ]
    assert spec["layer"][0]["transform"] == [{"filter": {"field": "helt", "equal": True}}]


def test_period_ending_before_it_starts_is_refused_in_danish(client, sekretariat, small_data):
    client.force_login(sekretariat)

    response = client.get(url(fra="2024K2", til="2024K1"))

    assert not response.context["page"].ready
    assert "Til-kvartalet 2024K1 ligger før fra-kvartalet 2024K2." in response.content.decode()


def test_more_than_four_quarters_are_refused_in_danish(client, sekretariat, small_data):
    client.force_login(sekretariat)

    response = client.get(url(fra="2023K1", til="2024K2"))

    assert (
        "Vælg højst fire kvartaler (2023K1\N{EN DASH}2024K2 er flere)" in response.content.decode()
    )


def test_unknown_offence_is_a_form_error(client, sekretariat, small_data):
    client.force_login(sekretariat)

    response = client.get(url(overtraedelse="9999"))

    assert not response.context["page"].ready
    assert "9999 er ikke en af de tilgængelige valgmuligheder" in response.content.decode()


def test_period_without_a_year_before_in_the_data_says_so(client, sekretariat, small_data):
    client.force_login(sekretariat)

    response = client.get(url(fra="2023K1", til="2023K2"))

    assert "STRAF11 har ingen tal for 1 Straffelov i alt i 2022K1, 2022K2" in (
        response.content.decode()
    )


def test_counts_are_shown_when_no_population_is_loaded(client, sekretariat, small_data):
    client.force_login(sekretariat)

    page = client.get(url(visning="pr-1000")).context["page"]

    assert page.measure.key == "count"
    assert page.notes[0] == (
        "Folketallet (FOLK1A) er ikke indlæst, så kommunerne vises med antal anmeldelser i "
        "stedet for pr. 1.000 indbyggere."
    )


def test_statistics_is_in_the_main_menu_and_marked_as_the_current_page(
    client, sekretariat, small_data
):
    client.force_login(sekretariat)

    text = client.get(url()).content.decode()

    assert (
        f'<li class="active"><a href="{url()}" class="nav-link" aria-current="page">'
        "<span>Statistik</span></a></li>"
    ) in text
    # Once in the menu bar and once in the phone's drawer; only one of them is shown at a time.
    assert text.count('aria-current="page"') == 2


# The police's own figures ------------------------------------------------------------------

POLICE_QUARTERS = quarters("2023K1", "2024K2")


def police_export() -> bytes:
    """Violence in Aalborg (40, 41, …) and Hjørring (5 a quarter), by the police's category."""
    lines = ["Kommune;Kategori;Periode;Antal"]
    for n, quarter in enumerate(POLICE_QUARTERS):
        lines += [
            f"Aalborg;Vold mod person;{quarter};{40 + n}",
            f"Hjørring;Vold mod person;{quarter};5",
        ]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def police_figures(small_data, nordjylland):
    police.save_mapping(nordjylland, police.read_mapping("Vold mod person;12\n"), by=None)
    parsed = police.read_export(nordjylland, "politi.csv", police_export())
    return importer.apply(
        parsed, source=Dataset.Source.POLICE, file_name="politi.csv", fetched_at=FETCHED
    )


def test_page_without_police_figures_offers_no_choice_of_source(client, sekretariat, small_data):
    client.force_login(sekretariat)

    response = client.get(url(kilde="politi"))

    page = response.context["page"]
    assert page.source_form is None
    assert page.table == STRAF11
    assert 'name="kilde"' not in response.content.decode()


def test_district_with_police_figures_offers_them_and_shows_danmarks_statistik_first(
    client, sekretariat, police_figures
):
    client.force_login(sekretariat)

    response = client.get(url())

    page = response.context["page"]
    text = response.content.decode()
    assert page.table == STRAF11
    assert page.source.startswith("Kilde: Danmarks Statistik, STRAF11")
    assert (
        'type="radio" class="form-radio" name="kilde" value="dst" id="id_kilde_0" checked' in text
    )
    assert '<label for="id_kilde_1">Politiets egne tal</label>' in text


def test_secretariat_sees_the_polices_own_figures_in_the_same_tables_and_charts(
    client, sekretariat, police_figures
):
    client.force_login(sekretariat)
    aalborg = {q: 40 + n for n, q in enumerate(POLICE_QUARTERS)}

    response = client.get(url(kilde="politi"))

    page = response.context["page"]
    assert page.table == "police"
    assert (page.offence.code, str(page.period)) == ("12", "2024K1-2024K2")
    now = aalborg["2024K1"] + aalborg["2024K2"] + 2 * 5
    before = aalborg["2023K1"] + aalborg["2023K2"] + 2 * 5
    assert values(page.tables["sammenligning"]) == {
        "Nordjyllands Politi": [now, before, change(now, before), None, None]
    }
    municipalities = values(page.tables["kommuner"])
    assert municipalities["Aalborg"][:2] == [aalborg["2024K1"] + aalborg["2024K2"], 81]
    assert municipalities["Hjørring"][:2] == [10, 10]
    assert municipalities["Læsø"][:2] == [0, 0]
    assert {q: row[0] for q, row in values(page.tables["kvartaler"]).items()} == {
        q: aalborg[q] + 5 for q in POLICE_QUARTERS
    }
    assert list(values(page.tables["aar"])) == ["2023", "2024"]
    bars = {v["kommune"]: v["vaerdi"] for v in page.charts["kommuner"].spec["data"]["values"]}
    assert bars["Aalborg"] == aalborg["2024K1"] + aalborg["2024K2"]
    imported = date_format(timezone.localtime(police_figures.imported_at), "DATE_FORMAT")
    assert (
        page.source
        == f"Kilde: Politiets egne tal for Nordjyllands Politi (politi.csv), indlæst {imported}."
    )
    text = response.content.decode()
    assert page.source in text
    assert '<input type="hidden" name="kilde" value="politi"' in text
    assert "Hele landet" not in [row[0].value for row in page.tables["sammenligning"].rows]


def test_polices_figures_download_with_their_own_name(client, sekretariat, police_figures):
    client.force_login(sekretariat)

    response = client.get(
        reverse("statistics:download_csv", args=[SLUG, "sammenligning"]), {"kilde": "politi"}
    )

    assert response["Content-Disposition"] == (
        'attachment; filename="sammenligning-politi-nordjyllands-politi-12-2024K1-2024K2.csv"'
    )


# Queries -----------------------------------------------------------------------------------


def count_queries(client, slug) -> int:
    cache.clear()  # the figures computed, not the ones kept (tests/scale counts those)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(slug))
    assert response.status_code == 200
    assert response.context["page"].ready
    return len(queries.captured_queries)


def test_query_count_does_not_grow_with_municipalities_or_quarters(
    client, administrator, django_assert_max_num_queries
):
    load_codes()
    # Bornholm: one municipality (and Christiansø), two years. Nordjylland: nine, six years.
    store(
        grid(["400", "411"], "1", "2023K1", "2024K4")
        + grid(NORDJYLLAND_MUNICIPALITIES, "1", "2019K1", "2024K4"),
        population={code: 1000 for code in ["400", *NORDJYLLAND_MUNICIPALITIES]},
    )
    load_boundaries(
        [square(code, 9 + n / 10) for n, code in enumerate(["400", *NORDJYLLAND_MUNICIPALITIES])],
        source="test",
    )
    client.force_login(administrator)
    client.get(url("bornholms-politi"))  # the session and the user's scope, once

    small = count_queries(client, "bornholms-politi")
    with django_assert_max_num_queries(small):
        large = count_queries(client, SLUG)

    assert large == small
    # With the one that names the municipalities Hele landet lacks, the data's state (the key
    # of the kept figures) and the years' populations.
    assert small <= 21


def test_series_and_rates_follow_the_stored_rows(client, sekretariat, db):
    load_codes()
    cells = grid(NORDJYLLAND_MUNICIPALITIES, "1", "2023K1", "2024K3", value=5)
    cells += [("851", "1", "2024K3", 500)]  # Aalborg's second row for 2024K3 replaces the first
    cells = [c for c in cells if not (c[0] == "851" and c[2] == "2024K3" and c[3] == 5)]
    store(cells, population={code: 2000 for code in NORDJYLLAND_MUNICIPALITIES})
    client.force_login(sekretariat)

    page = client.get(url()).context["page"]

    rows = defaultdict(int)
    for _code, _offence, quarter, value in cells:
        rows[quarter] += value
    assert {q: v[0] for q, v in values(page.tables["kvartaler"]).items()} == dict(rows)
    aalborg = values(page.tables["kommuner"])["Aalborg"]
    assert aalborg == [510, 15, change(510, 15), per_1000(510, 2000)]
