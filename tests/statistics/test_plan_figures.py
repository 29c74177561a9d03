"""The figures of the samarbejdsplan's crime-trend section. On Danmarks Statistik's real file
each expected figure is summed here from the file's own rows for the district's municipalities
(as the mapping file lists them), never taken from the code under test."""

import csv
import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from kredsraad.councils.models import PoliceDistrict
from kredsraad.demo.statistics import load_statistics, shared_data
from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Dataset, Observation
from kredsraad.statistics.periods import Period, Quarter
from kredsraad.statistics.reading.plan_figures import (
    build_figures,
    changed_figures,
    figures_for_plan,
    newest_quarter_before,
)
from kredsraad.statistics.rows import STRAF11, Parsed, Row

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
STRAF11_FILE = DATA / "dst" / "straf11_8_offences_all_areas_2016K1-2025K4.csv"
FOLK1A_FILE = DATA / "dst" / "folk1a_population_2016-2025.csv"
MAPPING_FILE = DATA / "mapping" / "politikredse_kommuner.csv"
MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]
APPROVED_2022 = datetime.date(2022, 12, 6)  # the 2023 plan, written in the autumn of 2022


# The real file, read by hand ----------------------------------------------------------------


def nordjylland_names() -> dict[str, str]:
    """Code → name of Nordjyllands Politi's municipalities, from the mapping file."""
    with MAPPING_FILE.open(encoding="utf-8-sig", newline="") as file:
        return {
            row["kommunekode"]: row["kommune_navn_dst"]
            for row in csv.DictReader(file)
            if row["politikreds_navn"] == "Nordjyllands Politi"
        }


def nordjylland_codes() -> set[str]:
    return set(nordjylland_names())


def raw_sums() -> dict:
    """(area, offence, year) → the sum of K1-K3, with area "district" for Nordjylland's
    municipalities summed."""
    codes = nordjylland_codes()
    sums = defaultdict(int)
    with STRAF11_FILE.open(encoding="utf-8-sig", newline="") as file:
        for row in csv.DictReader(file):
            year, quarter = row["TID"].split("K")
            if quarter == "4":
                continue
            key = (row["OVERTRÆD_kode"], int(year))
            sums[(row["OMRÅDE_kode"], *key)] += int(row["INDHOLD"])
            if row["OMRÅDE_kode"] in codes:
                sums[("district", *key)] += int(row["INDHOLD"])
    return sums


def raw_population(area: str, year: int) -> int:
    with FOLK1A_FILE.open(encoding="utf-8-sig", newline="") as file:
        for row in csv.DictReader(file):
            if row["OMRÅDE_kode"] == area and row["TID"] == f"{year}K1":
                return int(row["folketal_1_i_kvartalet"])
    raise LookupError(area)


def danish(number) -> str:
    """1958 → "1.958", Decimal("73.1") → "73,1" (written here, not with the product's helper)."""
    whole, _, decimals = f"{number:,}".partition(".")
    return whole.replace(",", ".") + (f",{decimals}" if decimals and decimals != "0" else "")


def change(value: int, baseline: int) -> Decimal:
    return (Decimal(value - baseline) * 100 / baseline).quantize(Decimal("0.1"), ROUND_HALF_UP)


@pytest.fixture
def real_data(db):
    if not (STRAF11_FILE.is_file() and FOLK1A_FILE.is_file() and MAPPING_FILE.is_file()):
        pytest.skip("../shared/data has no STRAF11, FOLK1A or mapping file")
    load_statistics(shared_data())
    return raw_sums()


@pytest.fixture
def nordjylland_district(db):
    return PoliceDistrict.objects.get(code=1)


def block(figures: dict, code: str) -> dict:
    return next(b for b in figures["offences"] if b["code"] == code)


def row(figures: dict, code: str, name: str) -> dict:
    return next(r for r in block(figures, code)["municipalities"] if r["name"] == name)


# On the real data -------------------------------------------------------------------------------


def test_2023_plan_compares_the_first_three_quarters_of_2022_with_2021(
    real_data, nordjylland_district
):
    figures = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)

    assert (figures["period"], figures["baseline"]) == ("2022K1-2022K3", "2021K1-2021K3")
    for code in ("12", "1320", "TOT"):
        district, country = block(figures, code)["district"], block(figures, code)["country"]
        expected = (real_data["district", code, 2022], real_data["district", code, 2021])
        assert (district["value"], district["baseline"]) == expected
        assert district["change"] == float(change(*expected))
        national = (real_data["000", code, 2022], real_data["000", code, 2021])
        assert (country["value"], country["baseline"]) == national
        assert country["change"] == float(change(*national))


def test_the_data_without_straffelov_i_alt_gives_the_overall_figure_from_tot(
    real_data, nordjylland_district
):
    figures = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)

    assert [b["code"] for b in figures["offences"]] == ["12", "1320", "TOT"]


def test_violence_is_told_in_the_plans_words_with_danish_numbers(real_data, nordjylland_district):
    value, baseline = real_data["district", "12", 2022], real_data["district", "12", 2021]
    national = change(real_data["000", "12", 2022], real_data["000", "12", 2021])

    figures = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)

    assert figures["paragraphs"][0] == (
        f"I de første tre kvartaler af 2022 blev der anmeldt {danish(value)} voldsforbrydelser i "
        f"Nordjyllands Politikreds, {danish(change(value, baseline))} % flere end i samme periode "
        f"af 2021. På landsplan var stigningen {danish(national)} %."
    )
    # The figures the task names, as a check on the hand sums above.
    assert figures["paragraphs"][0].startswith(
        "I de første tre kvartaler af 2022 blev der anmeldt 1.958 voldsforbrydelser i "
        "Nordjyllands Politikreds, 73,1 % flere"
    )


@pytest.mark.usefixtures("straf11_hidden")
def test_municipalities_show_count_change_and_rate_per_1000(real_data, nordjylland_district):
    value, baseline = real_data["851", "12", 2022], real_data["851", "12", 2021]
    rate = (Decimal(value) * 1000 / raw_population("851", 2022)).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )

    figures = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)

    aalborg = row(figures, "12", "Aalborg")
    assert (aalborg["value"], aalborg["baseline"]) == (value, baseline)
    # A change carries its sign and one decimal (the product's one format for changes).
    expected = change(value, baseline)
    sign = "+" if expected > 0 else "\N{MINUS SIGN}" if expected < 0 else ""
    assert aalborg["change_text"] == f"{sign}{abs(expected):.1f} %".replace(".", ",")
    assert aalborg["rate_text"] == danish(rate)
    names = [r["name"] for r in block(figures, "12")["municipalities"]]
    assert len(names) == len(nordjylland_codes()) == 9


def test_source_names_the_tables_and_the_newest_fetch_in_danish(real_data, nordjylland_district):
    fetched = max(
        datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC)
        for path in (STRAF11_FILE, FOLK1A_FILE)
    )
    day = timezone.localtime(fetched).date()

    figures = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)

    assert figures["source"] == (
        f"Kilde: Danmarks Statistik, STRAF11 og FOLK1A, hentet "
        f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
    )
    assert figures["data_date"] == day.isoformat()


def test_source_date_follows_a_later_revision(real_data, nordjylland_district):
    later = datetime.datetime(2027, 3, 2, 9, 0, tzinfo=datetime.UTC)
    revise("851", "12", "2022K2", 724, fetched_at=later)

    figures = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)

    assert figures["source"].endswith("hentet 2. marts 2027")


@pytest.mark.parametrize(
    ("written", "period", "opening", "then"),
    [
        (
            datetime.date(2022, 5, 2),
            "2022K1",
            "I første kvartal af 2022",
            "i samme periode af 2021",
        ),
        (
            datetime.date(2022, 8, 15),
            "2022K1-2022K2",
            "I første halvår af 2022",
            "i samme periode af 2021",
        ),
        (
            datetime.date(2022, 12, 6),
            "2022K1-2022K3",
            "I de første tre kvartaler af 2022",
            "i samme periode af 2021",
        ),
        (datetime.date(2023, 2, 20), "2022K1-2022K4", "I hele 2022", "i 2021"),
        (datetime.date(2026, 11, 25), "2022K1-2022K4", "I hele 2022", "i 2021"),
    ],
)
def test_the_plan_shows_the_quarters_known_when_it_was_written(
    real_data, nordjylland_district, written, period, opening, then
):
    figures = figures_for_plan(nordjylland_district, 2023, written=written)

    assert figures["period"] == period
    violence = figures["paragraphs"][0]
    assert violence.startswith(f"{opening} blev der anmeldt ")
    assert f" end {then}." in violence


def test_a_fall_is_told_as_fewer_and_nationally_as_a_fall(real_data, nordjylland_district):
    value, baseline = real_data["district", "12", 2021], real_data["district", "12", 2020]
    national = change(real_data["000", "12", 2021], real_data["000", "12", 2020])
    assert value < baseline and national < 0  # the 2022 plan: violence fell in 2021

    figures = figures_for_plan(nordjylland_district, 2022, written=datetime.date(2021, 12, 7))

    assert figures["paragraphs"][0] == (
        f"I de første tre kvartaler af 2021 blev der anmeldt {danish(value)} voldsforbrydelser i "
        f"Nordjyllands Politikreds, {danish(-change(value, baseline))} % færre end i samme "
        f"periode af 2020. På landsplan var faldet {danish(-national)} %."
    )


@pytest.mark.usefixtures("straf11_hidden")
def test_laesoe_small_count_is_published_as_under_5_with_a_complement_hidden(
    real_data, nordjylland_district
):
    laesoe_2022 = real_data["825", "12", 2022]
    assert 0 < laesoe_2022 < 5

    figures = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)

    laesoe = row(figures, "12", "Læsø")
    assert (laesoe["value"], laesoe["value_text"]) == (None, "under 5")
    assert (laesoe["change"], laesoe["rate"]) == (None, None)
    # The complement: the municipality with the fewest reports among those not small.
    complement = min(
        (real_data[code, "12", 2022], name)
        for code, name in nordjylland_names().items()
        if real_data[code, "12", 2022] >= 5
    )[1]
    hidden = [r["name"] for r in block(figures, "12")["municipalities"] if r["value_hidden"]]
    assert sorted(hidden) == sorted(["Læsø", complement])
    assert row(figures, "12", complement)["value_text"] == "skjult"
    assert row(figures, "12", complement)["rate"] is None
    assert figures["suppressed"] and figures["complemented"]


@pytest.mark.usefixtures("straf11_hidden")
def test_the_threshold_setting_decides_what_is_hidden(real_data, nordjylland_district, settings):
    settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW = 1

    figures = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)

    laesoe = row(figures, "12", "Læsø")
    assert laesoe["value"] == real_data["825", "12", 2022]
    assert figures["suppressed"] is False

    settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW = 100

    figures = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)

    small = {
        r["name"] for r in block(figures, "12")["municipalities"] if r["value_hidden"] == "small"
    }
    expected = {
        name for code, name in nordjylland_names().items() if 0 < real_data[code, "12", 2022] < 100
    }
    assert small == expected
    assert row(figures, "12", "Brønderslev")["value_text"] == "under 100"  # 99 reports


def test_a_revised_figure_is_listed_as_old_and_new(real_data, nordjylland_district):
    frozen = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)
    district = real_data["district", "12", 2022]
    aalborg = real_data["851", "12", 2022]
    revise("851", "12", "2022K2", 724)  # 710 in the file

    now = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)

    assert changed_figures(frozen, now) == [
        f"Voldsforbrydelser, Aalborg: {danish(aalborg)} → {danish(aalborg + 14)}",
        f"Voldsforbrydelser, Nordjyllands Politikreds: {danish(district)} → {danish(district + 14)}",
    ]
    assert changed_figures(now, now) == []


# On small made-up data ---------------------------------------------------------------------------

MUNICIPALITIES = ("810", "813", "820", "825", "840", "846", "849", "851", "860")


@pytest.fixture
def codes(db):
    importer.load_offence_codes(
        [
            ("TOT", "Overtrædelsens art i alt"),
            ("12", "Voldsforbrydelser i alt"),
            ("1320", "Indbrud i beboelser"),
        ]
    )


def put(cells, *, fetched_at=None) -> None:
    """Cells (area, offence, period, value), imported as a file would be."""
    rows = [Row(STRAF11, *cell, line=n) for n, cell in enumerate(cells, 2)]
    importer.apply(
        Parsed(table=STRAF11, format="long-csv", rows=rows),
        source=Dataset.Source.FILE,
        fetched_at=fetched_at or datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC),
    )


def revise(area, offence, period, value, *, fetched_at=None) -> None:
    put([(area, offence, period, value)], fetched_at=fetched_at)


def quarters(offence: str, per_municipality: dict[str, int], country: dict[str, int]) -> list:
    return [
        (code, offence, period, value)
        for period, value in per_municipality.items()
        for code in MUNICIPALITIES
    ] + [("000", offence, period, value) for period, value in country.items()]


def test_an_unchanged_count_is_told_as_as_many(codes, nordjylland_district):
    put(quarters("12", {"2021K1": 10, "2022K1": 10}, {"2021K1": 500, "2022K1": 500}))

    figures = build_figures(
        nordjylland_district,
        Period(Quarter(2022, 1), Quarter(2022, 1)),
        Period(Quarter(2021, 1), Quarter(2021, 1)),
    )

    assert figures["paragraphs"] == [
        "I første kvartal af 2022 blev der anmeldt 90 voldsforbrydelser i Nordjyllands "
        "Politikreds, lige så mange som i samme periode af 2021. På landsplan var antallet "
        "uændret."
    ]


def test_an_offence_without_figures_is_left_out(codes, nordjylland_district):
    put(quarters("1320", {"2021K1": 6, "2022K1": 8}, {"2021K1": 300, "2022K1": 280}))

    figures = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)

    assert [b["code"] for b in figures["offences"]] == ["1320"]
    assert figures["paragraphs"] == [
        "I første kvartal af 2022 blev der anmeldt 72 indbrud i beboelser i Nordjyllands "
        "Politikreds, 33,3 % flere end i samme periode af 2021. På landsplan var faldet 6,7 %."
    ]
    assert figures["source"] == "Kilde: Danmarks Statistik, STRAF11, hentet 25. november 2026"
    assert figures["has_rates"] is False


def test_without_statistics_the_section_says_none_are_imported_and_how(db, nordjylland_district):
    figures = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)

    assert figures["figures"] is False
    assert figures["reason"] == "Der er endnu ikke indlæst tal fra Danmarks Statistik."
    assert "kredsraad statistics import" in figures["how_to_import"]


def test_data_only_after_the_plan_was_written_gives_no_figures(codes, nordjylland_district):
    put(quarters("12", {"2023K1": 10}, {"2023K1": 500}))

    figures = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)

    assert figures["figures"] is False
    assert "før 2023" in figures["reason"]


def test_newest_quarter_is_before_the_plan_year_and_ended_when_written(codes):
    put(quarters("12", {p: 1 for p in ("2022K2", "2022K3", "2022K4", "2023K1")}, {}))

    assert newest_quarter_before(2023, written=datetime.date(2022, 9, 30)) == Quarter(2022, 2)
    assert newest_quarter_before(2023, written=datetime.date(2022, 10, 1)) == Quarter(2022, 3)
    assert newest_quarter_before(2023, written=datetime.date(2024, 6, 1)) == Quarter(2022, 4)
    assert newest_quarter_before(2022, written=datetime.date(2024, 6, 1)) is None


def test_an_import_refreshes_the_cached_figures(codes, nordjylland_district):
    """The figures are cached under the newest import, so a revised figure shows at once."""
    put(quarters("12", {"2021K1": 10, "2022K1": 10}, {"2021K1": 500, "2022K1": 500}))
    first = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)
    Observation.objects.filter(table=STRAF11, period="2022K1", area__code="851").update(value=50)
    cached = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)

    revise("851", "12", "2022K1", 40)
    fresh = figures_for_plan(nordjylland_district, 2023, written=APPROVED_2022)

    assert cached == first  # a write behind the importer's back is not seen …
    assert "anmeldt 90 voldsforbrydelser" in first["paragraphs"][0]
    assert "anmeldt 120 voldsforbrydelser" in fresh["paragraphs"][0]  # … an import is
