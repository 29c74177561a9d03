"""Comparisons read nothing but the stored observations: each expected figure below is summed
from the rows the test stores (or from Danmarks Statistik's own file), not from the code."""

import csv
import datetime
import functools
import json
from collections import defaultdict
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management.base import CommandError, CommandParser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kredsraad.statistics.importing import formats, importer
from kredsraad.statistics.models import Area, Dataset, Observation, Offence, Population
from kredsraad.statistics.periods import Quarter, year_to_date
from kredsraad.statistics.reading import compare
from kredsraad.statistics.reading.cli_compare import add_compare_arguments, run_compare
from kredsraad.statistics.rows import STRAF11

NORDJYLLAND = "politikreds:1"
# Aalborg first: the helpers below give it what the others do not.
NORDJYLLAND_MUNICIPALITIES = ("851", "810", "813", "820", "825", "840", "846", "849", "860")
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
STRAF11_FILE = SHARED / "dst" / "straf11_8_offences_all_areas_2016K1-2025K4.csv"
CODES_FILE = SHARED / "dst" / "straf11_offence_codes_2022.csv"
MAPPING_FILE = SHARED / "mapping" / "politikredse_kommuner.csv"
needs_straf11_file = pytest.mark.skipif(
    not STRAF11_FILE.is_file(), reason="../shared/data/dst/ has no STRAF11 file"
)
needs_the_mapping_too = pytest.mark.skipif(
    not all(f.is_file() for f in (STRAF11_FILE, CODES_FILE, MAPPING_FILE)),
    reason="../shared/data has no STRAF11 file, offence codes or district mapping",
)


@pytest.fixture
def dataset(db):
    return Dataset.objects.create(
        table=STRAF11,
        source=Dataset.Source.FILE,
        file_name="straf11.csv",
        fetched_at=datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC),
    )


@pytest.fixture
def offences(db):
    return {
        code: Offence.objects.create(code=code, label=label)
        for code, label in [
            ("TOT", "Overtrædelsens art i alt"),
            ("12", "Voldsforbrydelser i alt"),
            ("1320", "Indbrud i beboelser"),
        ]
    }


@pytest.fixture
def violence(offences):
    return offences["12"]


def area(code: str) -> Area:
    return Area.objects.get(code=code)


def store(dataset, cells, *, derived=False) -> None:
    """Observations from (area code, offence code, period, value)."""
    areas = dict(Area.objects.values_list("code", "pk"))
    offences = dict(Offence.objects.values_list("code", "pk"))
    Observation.objects.bulk_create(
        Observation(
            table=STRAF11,
            area_id=areas[area_code],
            offence_id=offences[offence_code],
            period=period,
            year=int(period[:4]),
            quarter=int(period[5]),
            value=value,
            derived=derived,
            dataset=dataset,
        )
        for area_code, offence_code, period, value in cells
    )


def store_with_district(dataset, cells) -> None:
    """The cells and, as the importer writes them, Nordjylland's sums of its municipalities."""
    store(dataset, cells)
    sums = defaultdict(int)
    for area_code, offence_code, period, value in cells:
        if area_code in NORDJYLLAND_MUNICIPALITIES:
            sums[offence_code, period] += value
    store(
        dataset,
        [(NORDJYLLAND, offence, period, value) for (offence, period), value in sums.items()],
        derived=True,
    )


def spread(total: int, codes=NORDJYLLAND_MUNICIPALITIES) -> list[int]:
    """`total` over the municipalities: 10 each, the rest to the first (Aalborg)."""
    return [total - 10 * (len(codes) - 1)] + [10] * (len(codes) - 1)


def nordjylland_and_country(offence: str, quarters: dict[str, tuple[int, int]]) -> list[tuple]:
    """Cells for Nordjylland's municipalities and the country: period → (district, country)."""
    cells = []
    for period, (district, country) in quarters.items():
        cells += [
            (code, offence, period, value)
            for code, value in zip(NORDJYLLAND_MUNICIPALITIES, spread(district), strict=True)
        ]
        cells.append(("000", offence, period, country))
    return cells


def summed(cells, areas, periods) -> int:
    return sum(value for code, _, period, value in cells if code in areas and period in periods)


def population(dataset, code: str, year: int, value: int) -> None:
    Population.objects.create(area=area(code), year=year, value=value, dataset=dataset)


# The plan's sentence: "26 % more reports of violence than in the same period a year earlier;
# nationally 19 %".
VIOLENCE = {
    "2021K1": (300, 3000),
    "2021K2": (350, 3500),
    "2021K3": (350, 3500),
    "2021K4": (999, 9999),  # outside both periods
    "2022K1": (400, 3800),
    "2022K2": (430, 4000),
    "2022K3": (430, 4100),
}


def test_district_is_compared_with_the_country_over_the_same_quarters_a_year_earlier(
    dataset, violence, django_assert_num_queries
):
    cells = nordjylland_and_country("12", VIOLENCE)
    store_with_district(dataset, cells)
    period, baseline = ["2022K1", "2022K2", "2022K3"], ["2021K1", "2021K2", "2021K3"]
    nordjylland, country = area(NORDJYLLAND), area("000")

    with django_assert_num_queries(2):
        result = compare.compare(nordjylland, violence, "2022K1-2022K3", against=country)

    assert str(result.baseline) == "2021K1-2021K3"
    assert result.value == summed(cells, NORDJYLLAND_MUNICIPALITIES, period) == 1260
    assert result.baseline_value == summed(cells, NORDJYLLAND_MUNICIPALITIES, baseline) == 1000
    assert result.change_percent == Decimal("26.0")
    assert result.against.area.code == "000"
    assert result.against.value == summed(cells, {"000"}, period) == 11900
    assert result.against.baseline_value == summed(cells, {"000"}, baseline) == 10000
    assert result.against.change_percent == Decimal("19.0")


def test_change_is_rounded_to_one_decimal_and_absent_after_a_quarter_without_reports(
    dataset, offences
):
    store(
        dataset,
        [
            ("851", "1320", "2021K1", 3),
            ("851", "1320", "2022K1", 4),
            ("825", "1320", "2021K1", 0),
            ("825", "1320", "2022K1", 2),
        ],
    )

    aalborg = compare.compare(area("851"), offences["1320"], "2022K1")
    laesoe = compare.compare(area("825"), offences["1320"], "2022K1")

    assert aalborg.change_percent == Decimal("33.3")  # 1/3 = 33.33… %
    assert laesoe.value == 2
    assert laesoe.change_percent is None


def test_rate_per_1000_divides_by_the_population_of_the_periods_first_year(dataset, violence):
    store_with_district(dataset, nordjylland_and_country("12", VIOLENCE))
    population(dataset, NORDJYLLAND, 2021, 589_000)
    population(dataset, NORDJYLLAND, 2022, 590_000)
    population(dataset, NORDJYLLAND, 2023, 1)  # a later year is never used
    population(dataset, "000", 2022, 5_873_420)

    result = compare.compare(area(NORDJYLLAND), violence, "2022K1-2022K3", against=area("000"))

    assert (result.population, result.baseline_population) == (590_000, 589_000)
    assert result.rate == Decimal("2.14")  # 1,260 / 590,000 * 1,000 = 2.1355…
    assert result.baseline_rate == Decimal("1.70")  # 1,000 / 589,000 * 1,000 = 1.6978…
    assert result.against.rate == Decimal("2.03")  # 11,900 / 5,873,420 * 1,000 = 2.0261…
    assert result.against.baseline_rate is None  # no population stored for 2021


def test_year_to_date_is_compared_with_the_same_quarters_a_year_earlier(dataset, violence):
    cells = nordjylland_and_country("12", VIOLENCE)
    store_with_district(dataset, cells)

    latest = compare.latest_quarter(violence)
    result = compare.compare(area("000"), violence, year_to_date(latest))

    assert latest == Quarter(2022, 3)
    assert (str(result.period), str(result.baseline)) == ("2022K1-2022K3", "2021K1-2021K3")
    assert result.value == 3800 + 4000 + 4100


def test_comparison_is_refused_for_quarters_not_in_the_data(dataset, violence):
    store_with_district(dataset, nordjylland_and_country("12", VIOLENCE))

    with pytest.raises(compare.CompareError) as error:
        compare.compare(area("851"), violence, "2022K3-2022K4")

    assert str(error.value) == (
        "STRAF11 har ingen tal for 12 Voldsforbrydelser i alt i 2022K4. Indlæs kvartalet, "
        "eller vælg en anden periode."
    )


def test_district_breakdown_lists_its_municipalities_and_its_total(dataset, violence):
    cells = nordjylland_and_country("12", VIOLENCE)
    store_with_district(dataset, cells)
    population(dataset, NORDJYLLAND, 2022, 590_000)
    population(dataset, "851", 2022, 221_082)

    breakdown = compare.by_municipality(area(NORDJYLLAND), violence, "2022K1-2022K3")

    assert [row.area.code for row in breakdown.rows] == [
        "810",  # Brønderslev
        "813",  # Frederikshavn
        "860",  # Hjørring
        "849",  # Jammerbugt
        "825",  # Læsø
        "846",  # Mariagerfjord
        "840",  # Rebild
        "820",  # Vesthimmerland
        "851",  # Aalborg: in Danish order, Aa is Å, the last letter
    ]
    assert breakdown.total.area.code == NORDJYLLAND
    assert breakdown.total.value == sum(row.value for row in breakdown.rows) == 1260
    assert breakdown.total.baseline_value == sum(row.baseline_value for row in breakdown.rows)
    aalborg = breakdown.rows[-1]
    assert (aalborg.value, aalborg.baseline_value) == (1260 - 3 * 80, 1000 - 3 * 80)
    assert aalborg.change_percent == Decimal("34.2")  # 1,020 / 760 = 1.3421…
    assert aalborg.rate == Decimal("4.61")  # 1,020 / 221,082 * 1,000 = 4.6136…
    assert breakdown.rows[0].rate is None


@pytest.mark.parametrize("municipalities", [3, 9])
def test_district_breakdown_takes_two_queries_however_many_municipalities_have_rows(
    dataset, violence, municipalities
):
    codes = NORDJYLLAND_MUNICIPALITIES[:municipalities]
    cells = [
        (code, "12", period, value)
        for period in ("2021K1", "2022K1")
        for code, value in zip(codes, spread(500, codes), strict=True)
    ]
    store_with_district(dataset, cells)
    nordjylland = area(NORDJYLLAND)

    with CaptureQueriesContext(connection) as queries:
        breakdown = compare.by_municipality(nordjylland, violence, "2022K1")

    assert len(queries) == 2
    assert len(breakdown.rows) == 9
    assert breakdown.total.value == 500


def test_only_a_district_is_broken_down_into_municipalities(dataset, violence):
    with pytest.raises(compare.CompareError) as error:
        compare.by_municipality(area("081"), violence, "2022K1")

    assert str(error.value) == (
        "»Region Nordjylland« er ikke en politikreds; kun en politikreds kan deles op i kommuner."
    )


def test_series_shows_a_quarter_without_a_row_as_zero(dataset, offences):
    store(
        dataset,
        [
            ("825", "1320", "2022K1", 2),
            ("851", "1320", "2022K2", 40),  # Læsø has no row: BULK leaves zeros out
            ("825", "1320", "2022K3", 1),
            ("825", "1320", "2022K4", 3),
        ],
    )

    points = compare.series(area("825"), offences["1320"], start="2022K1", end="2022K3")

    assert [(str(p.quarter), p.value) for p in points] == [
        ("2022K1", 2),
        ("2022K2", 0),
        ("2022K3", 1),
    ]


def test_years_are_summed_and_an_unfinished_year_is_marked(dataset, violence):
    store_with_district(dataset, nordjylland_and_country("12", VIOLENCE))

    years = compare.yearly(area("000"), violence)

    assert [(y.year, y.value, y.complete) for y in years] == [
        (2021, 3000 + 3500 + 3500 + 9999, True),
        (2022, 3800 + 4000 + 4100, False),
    ]


def test_years_have_their_rate_and_an_unfinished_year_names_its_quarters(dataset, violence):
    store_with_district(dataset, nordjylland_and_country("12", VIOLENCE))
    population(dataset, NORDJYLLAND, 2021, 590_000)
    population(dataset, "000", 2022, 5_900_000)

    years = compare.yearly_by_area([area(NORDJYLLAND), area("000")], violence)

    district, country = years[area(NORDJYLLAND).pk], years[area("000").pk]
    assert [(y.year, y.value, y.rate) for y in district] == [
        (2021, 300 + 350 + 350 + 999, Decimal("3.39")),  # 1999 / 590
        (2022, 400 + 430 + 430, None),
    ]
    assert [(y.value, y.rate) for y in country] == [
        (3000 + 3500 + 3500 + 9999, None),
        (3800 + 4000 + 4100, Decimal("2.02")),  # 11900 / 5900
    ]
    assert [y.period.label for y in district] == ["2021", "1.\N{EN DASH}3. kvartal 2022"]


def test_years_of_two_areas_take_two_queries(dataset, violence):
    store_with_district(dataset, nordjylland_and_country("12", VIOLENCE))
    areas = [area(NORDJYLLAND), area("000")]

    with CaptureQueriesContext(connection) as queries:
        compare.yearly_by_area(areas, violence)

    assert len(queries.captured_queries) == 2  # the sums, and the populations beside them


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("000", "000"),
        ("081", "081"),
        ("81", "081"),
        ("851", "851"),
        ("0851", "851"),
        ("politikreds:1", NORDJYLLAND),
        ("Politikreds:01", NORDJYLLAND),
    ],
)
def test_area_is_found_by_danmarks_statistiks_code_or_district_number(db, code, expected):
    assert compare.area_by_code(code).code == expected


def test_unknown_area_is_refused_with_examples(db):
    with pytest.raises(compare.CompareError) as error:
        compare.area_by_code("999")

    assert str(error.value) == (
        "Ukendt område »999«. Brug en områdekode fra Danmarks Statistik, fx 000 (Hele landet), "
        "081 (Region Nordjylland) eller 851 (Aalborg), eller en politikreds som politikreds:1 "
        "(Nordjyllands Politi)."
    )


def test_unknown_offence_is_refused_with_examples(offences):
    with pytest.raises(compare.CompareError) as error:
        compare.offence_by_code("99")

    assert str(error.value) == (
        "Ukendt overtrædelse »99«. Brug en kode fra Danmarks Statistik, fx TOT (i alt), "
        "12 (voldsforbrydelser) eller 1320 (indbrud i beboelser)."
    )


# Outliers ----------------------------------------------------------------------------------------


@functools.cache
def straf11_file_rows() -> list[dict]:
    with STRAF11_FILE.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def store_real_series(dataset, area_code: str, offence_code: str) -> None:
    Offence.objects.get_or_create(code=offence_code, defaults={"label": offence_code})
    store(
        dataset,
        [
            (area_code, offence_code, row["TID"], int(row["INDHOLD"]))
            for row in straf11_file_rows()
            if row["OMRÅDE_kode"] == area_code and row["OVERTRÆD_kode"] == offence_code
        ],
    )


@needs_straf11_file
def test_aalborg_violence_in_2022k2_is_flagged_and_its_neighbours_are_not(dataset):
    store_real_series(dataset, "851", "12")

    found = compare.outliers(area("851"), Offence.objects.get(code="12"))

    flagged = {str(outlier.quarter): outlier for outlier in found}
    assert "2022K2" in flagged
    assert "2022K1" not in flagged
    assert "2022K3" not in flagged
    outlier = flagged["2022K2"]
    assert (outlier.value, outlier.median, outlier.low, outlier.high) == (710, 191.5, 172, 205)
    assert outlier.score == pytest.approx(0.6745 * (710 - 191.5) / 10)  # MAD 10
    assert outlier.explanation == (
        "2022K2: 710 anmeldelser mod typisk 172–205 i de 8 omgivende kvartaler (median 191,5) "  # noqa: RUF001
        "og 178–216 i 2. kvartal de 3 år før; 35,0 robuste standardafvigelser over medianen "  # noqa: RUF001
        "(grænsen er 3,5). " + compare.outlier_method()
    )


@needs_straf11_file
def test_vesthimmerlands_total_in_2021k1_is_flagged_and_its_neighbours_are_not(dataset):
    store_real_series(dataset, "820", "TOT")

    found = compare.outliers(area("820"), Offence.objects.get(code="TOT"))

    flagged = {str(outlier.quarter) for outlier in found}
    assert "2021K1" in flagged
    assert "2020K4" not in flagged
    assert "2021K2" not in flagged


# District sums on the real data ------------------------------------------------------------------


@functools.cache
def districts_from_mapping() -> dict[str, set[str]]:
    """ "politikreds:N" → the area codes ../shared/data/mapping puts in district N (Christiansø,
    411, among Bornholm's)."""
    districts = defaultdict(set)
    with MAPPING_FILE.open(encoding="utf-8-sig", newline="") as file:
        for row in csv.DictReader(file):
            districts[f"politikreds:{row['politikreds_dst_kode']}"].add(
                f"{int(row['kommunekode']):03d}"
            )
    return dict(districts)


@pytest.fixture
def real_straf11(db):
    """The reference STRAF11 file, read and imported as an upload is."""
    importer.load_offence_codes(importer.read_offence_codes(CODES_FILE.read_bytes()))
    parsed = formats.read(
        STRAF11_FILE.name, STRAF11_FILE.read_bytes(), labels=importer.labels(), table=STRAF11
    )
    importer.apply(
        parsed,
        source=Dataset.Source.FILE,
        file_name=STRAF11_FILE.name,
        fetched_at=datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC),
    )


@needs_the_mapping_too
def test_every_districts_stored_figure_is_the_sum_of_its_municipalities_rows(real_straf11):
    district_of = {
        code: district for district, codes in districts_from_mapping().items() for code in codes
    }
    expected = defaultdict(int)
    for row in straf11_file_rows():
        district = district_of.get(row["OMRÅDE_kode"])
        if district is not None:
            expected[district, row["OVERTRÆD_kode"], row["TID"]] += int(row["INDHOLD"])

    with CaptureQueriesContext(connection) as queries:
        stored = {
            (area_code, offence_code, period): value
            for area_code, offence_code, period, value in Observation.objects.filter(
                table=STRAF11, area__kind=Area.Kind.DISTRICT, age="", sex=""
            ).values_list("area__code", "offence__code", "period", "value")
        }

    assert len(queries.captured_queries) == 1
    assert len(districts_from_mapping()) == 12
    assert "411" in districts_from_mapping()["politikreds:12"]  # Christiansø in Bornholms Politi
    assert len(expected) == 12 * 8 * 40  # every district, offence and quarter of the file
    assert stored == dict(expected)


@needs_the_mapping_too
def test_hele_landet_in_the_file_is_its_municipalities_christiansoe_and_uoplyst_kommune():
    parts = set().union(*districts_from_mapping().values()) | {"998"}
    country, summed_parts = defaultdict(int), defaultdict(int)
    for row in straf11_file_rows():
        cell = row["OVERTRÆD_kode"], row["TID"]
        if row["OMRÅDE_kode"] == "000":
            country[cell] += int(row["INDHOLD"])
        elif row["OMRÅDE_kode"] in parts:
            summed_parts[cell] += int(row["INDHOLD"])

    assert len(parts) == 98 + 2  # the municipalities, Christiansø (411) and Uoplyst kommune (998)
    assert len(country) == 8 * 40
    assert summed_parts == country


def test_a_small_count_is_not_flagged_for_ordinary_noise(dataset, offences):
    # Læsø: burglaries are mostly 0; 2 in a quarter is Poisson noise, 12 is not.
    values = [0, 0, 1, 0, 0, 2, 0, 0, 0, 12, 0, 1, 0, 0]
    periods = [str(Quarter(2021, 1).shifted(n)) for n in range(len(values))]
    store(dataset, [("825", "1320", p, v) for p, v in zip(periods, values, strict=True)])

    found = compare.outliers(area("825"), offences["1320"])

    assert [(str(o.quarter), o.value) for o in found] == [("2023K2", 12)]
    assert found[0].mad == 0
    assert found[0].explanation == (
        "2023K2: 12 anmeldelser mod typisk 0–2 i de 8 omgivende kvartaler (median 0) og 0–2 i "  # noqa: RUF001
        "2. kvartal de 2 år før; 12,0 robuste standardafvigelser over medianen (grænsen er 3,5). "
        + compare.outlier_method()
    )


# Danish numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("121"), "121,0 %"), (Decimal("41.4"), "41,4 %"), (Decimal("12.55"), "12,6 %")],
)
def test_percentages_are_written_with_one_decimal(value, text):
    assert compare.format_percent(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("38.1"), "+38,1 %"),
        (Decimal("-4"), "\N{MINUS SIGN}4,0 %"),
        (Decimal("0.04"), "0,0 %"),
        (Decimal("1234.5"), "+1.234,5 %"),
        (None, "–"),  # noqa: RUF001
    ],
)
def test_changes_are_written_with_their_sign_and_one_decimal(value, text):
    assert compare.format_change(value) == text


def test_rates_are_written_with_two_decimals():
    assert (compare.format_rate(Decimal("3.5")), compare.format_rate(None)) == ("3,50", "–")  # noqa: RUF001


def test_numbers_are_grouped_and_rounded_half_up_the_danish_way():
    assert compare.format_number(12345) == "12.345"
    assert compare.format_number(191.5) == "191,5"
    assert compare.format_number(Decimal("2.135"), 2) == "2,14"
    assert compare.format_number(34.97, 1) == "35,0"


# The command -------------------------------------------------------------------------------------


def run(*arguments: str) -> str:
    parser = CommandParser()
    add_compare_arguments(parser)
    out = StringIO()
    run_compare(vars(parser.parse_args(arguments)), out)
    return out.getvalue()


def test_analyst_gets_district_and_country_as_json(dataset, violence):
    store_with_district(dataset, nordjylland_and_country("12", VIOLENCE))

    output = run(
        *("--area", NORDJYLLAND, "--offence", "12", "--period", "2022K1-2022K3"),
        *("--baseline", "2021K1-2021K3", "--against", "000", "--format", "json"),
    )

    figures = json.loads(output)
    # The keys, and the names, table, populations and rates beside them.
    keys = {
        *("area", "offence", "period", "baseline", "value", "baseline_value", "change_percent"),
        *("area_name", "offence_label", "table", "population", "baseline_population"),
        *("rate_per_1000", "baseline_rate_per_1000", "derived", "note"),
    }
    assert set(figures) == keys | {"against"}
    assert set(figures["against"]) == keys
    assert {key: figures[key] for key in ("area", "offence", "period", "baseline")} == {
        "area": NORDJYLLAND,
        "offence": "12",
        "period": "2022K1-2022K3",
        "baseline": "2021K1-2021K3",
    }
    assert (figures["value"], figures["baseline_value"], figures["change_percent"]) == (
        1260,
        1000,
        26.0,
    )
    against = figures["against"]
    assert (against["area"], against["value"], against["baseline_value"]) == ("000", 11900, 10000)
    assert against["change_percent"] == 19.0


def test_analyst_gets_a_danish_table_with_the_year_before_by_default(dataset, violence):
    store_with_district(dataset, nordjylland_and_country("12", VIOLENCE))
    population(dataset, NORDJYLLAND, 2022, 590_000)

    output = run("--area", NORDJYLLAND, "--offence", "12", "--period", "2022Q1-2022Q3")

    assert output.splitlines() == [
        "12 Voldsforbrydelser i alt, STRAF11",
        "1.–3. kvartal 2022 mod 1.–3. kvartal 2021",  # noqa: RUF001
        "",
        "Område               2022K1-2022K3  2021K1-2021K3  Ændring  Pr. 1.000 2022K1-2022K3"
        "  Pr. 1.000 2021K1-2021K3",
        "Nordjyllands Politi          1.260          1.000  +26,0 %                     2,14"
        "                        –",  # noqa: RUF001
        "",
        "Pr. 1.000 indbyggere: folketallet 1. januar 2022 og 2021 (FOLK1A).",
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ("--area", "999", "--offence", "12", "--period", "2022K1"),
            "Ukendt område »999«.",
        ),
        (
            ("--area", "851", "--offence", "99", "--period", "2022K1"),
            "Ukendt overtrædelse »99«.",
        ),
        (
            ("--area", "851", "--offence", "12", "--period", "2022K5"),
            "Ugyldig periode »2022K5«. Skriv fx 2022K1-2022K3.",
        ),
    ],
)
def test_analyst_is_told_in_danish_what_is_wrong(violence, arguments, message):
    with pytest.raises(CommandError) as error:
        run(*arguments)

    assert str(error.value).startswith(message)
