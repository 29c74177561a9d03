"""Crime-figure blocks chosen by the author: the options are checked (a Danish message per field,
nothing kept on error), and the figures and the Danish text follow the choice: offences,
areas, periods and count or per 1,000 inhabitants. Made-up figures, small enough to work out by
hand in the comments."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kredsraad.councils.models import PoliceDistrict
from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Dataset
from kredsraad.statistics.periods import DASH, parse_period, year_earlier
from kredsraad.statistics.reading.block_options import clean_options
from kredsraad.statistics.reading.plan_figures import (
    build_figures,
    changed_figures,
    figures_for_plan,
    figures_now,
)
from kredsraad.statistics.rows import FOLK1A, STRAF11, Parsed, Row

WRITTEN = datetime.date(2022, 12, 6)  # the 2023 plan, written in the autumn of 2022
FETCHED = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)
MUNICIPALITIES = ("810", "813", "820", "825", "840", "846", "849", "851", "860")


def put(cells, *, table=STRAF11, fetched_at=FETCHED) -> None:
    """Cells (area, offence, period, value), imported as a file would be."""
    rows = [Row(table, *cell, line=n) for n, cell in enumerate(cells, 2)]
    importer.apply(
        Parsed(table=table, format="long-csv", rows=rows),
        source=Dataset.Source.FILE,
        fetched_at=fetched_at,
    )


def each_quarter(area, offence, year, per_quarter) -> list:
    return [(area, offence, f"{year}K{q}", per_quarter) for q in (1, 2, 3)]


@pytest.fixture
def nordjylland_district(db):
    return PoliceDistrict.objects.get(code=1)


@pytest.fixture
def violence_types(db):
    """Simple (1252) and serious (1255) violence in Aalborg and Hjørring, 2021 and 2022,
    K1-K3, with DST's labels, which leave the penal code's section out. No Hele landet row, as
    in the detailed STRAF11 export in ../shared/data.

    Aalborg 1252: 100 a quarter in 2022 (300), 50 in 2021 (150); 1255: 10 (30) and 8 (24).
    Hjørring 1252: 20 (60) and 30 (90); 1255: 1 (3, small) and 2 (6).
    Population on 1 January: Aalborg 200,000 (2022) and 125,000 (2021); Hjørring 50,000."""
    importer.load_offence_codes(
        [("1252", "Simpel vold"), ("1255", "Alvorligere vold"), ("1380", "Røveri")]
    )
    cells = []
    for area, counts in {
        "851": {("1252", 2022): 100, ("1252", 2021): 50, ("1255", 2022): 10, ("1255", 2021): 8},
        "860": {("1252", 2022): 20, ("1252", 2021): 30, ("1255", 2022): 1, ("1255", 2021): 2},
    }.items():
        for (offence, year), count in counts.items():
            cells += each_quarter(area, offence, year, count)
    put(cells)
    put(
        [
            ("851", "", "2022K1", 200_000),
            ("851", "", "2021K1", 125_000),
            ("860", "", "2022K1", 50_000),
            ("860", "", "2021K1", 50_000),
        ],
        table=FOLK1A,
    )


def block(figures: dict, code: str) -> dict:
    return next(b for b in figures["offences"] if b["code"] == code)


def row(figures: dict, code: str, area: str) -> dict:
    return next(r for r in block(figures, code)["areas"] if r["area"] == area)


# The options, checked ----------------------------------------------------------------------------


def errors_of(district, options) -> dict:
    with pytest.raises(ValidationError) as refused:
        clean_options(district, options)
    return refused.value.message_dict


@pytest.mark.parametrize(
    ("options", "field", "message"),
    [
        (
            {"offences": ["1252", "9999"]},
            "offences",
            "Overtrædelseskoden 9999 findes ikke i statistikken.",
        ),
        # A code in DST's list without a single row in the data is as good as unknown.
        ({"offences": ["1380"]}, "offences", "Overtrædelseskoden 1380 findes ikke i statistikken."),
        (
            {"offences": "1252, 9999"},
            "offences",
            "Overtrædelseskoden 9999 findes ikke i statistikken.",
        ),
        ({"offences": [1252]}, "offences", "Angiv overtrædelserne som koder."),
        ({"areas": ["999"]}, "areas", "Områdekoden 999 findes ikke i statistikken."),
        (
            {"areas": ["751"]},
            "areas",
            "Kommunen Aarhus (751) ligger ikke i Nordjyllands Politikreds; vælg en af kredsens "
            "kommuner, en region, en politikreds eller hele landet.",
        ),
        (
            {"areas": ["998"]},
            "areas",
            "Området Uoplyst kommune kan ikke vælges; vælg en kommune, en region, en politikreds "
            "eller hele landet.",
        ),
        (
            {"period": "2022K5"},
            "period",
            "Perioden »2022K5« kan ikke læses; skriv fx 2022K1-2022K3 eller 2022.",
        ),
        (
            {"period": "2022K1-2022K3", "baseline": "sidste år"},
            "baseline",
            "Sammenligningsperioden »sidste år« kan ikke læses; skriv fx 2022K1-2022K3 eller 2022.",
        ),
        (
            {"baseline": "2021K1-2021K3"},
            "baseline",
            "Sammenligningsperioden kræver en periode; vælg også perioden, eller lad begge stå "
            "tomme for året til dato.",
        ),
        (
            {"period": "2022K1-2022K3", "baseline": "2021"},
            "baseline",
            "Sammenligningsperioden skal have lige så mange kvartaler som perioden (3 kvartaler).",
        ),
        (
            {"period": "2021", "baseline": "2022"},
            "baseline",
            "Sammenligningsperioden skal ligge før perioden.",
        ),
        (
            {"unit": "per_100"},
            "unit",
            "Enheden »per_100« findes ikke; vælg antal eller pr. 1.000 indbyggere.",
        ),
        ({"colour": "red"}, "__all__", "Ukendt indstilling »colour«."),
        ({"areas": [str(code) for code in range(101, 130)]}, "areas", "Vælg højst 20 områder."),
    ],
)
def test_author_gets_a_danish_message_for_each_bad_option(
    nordjylland_district, violence_types, options, field, message
):
    assert errors_of(nordjylland_district, options) == {field: [message]}


def test_author_is_refused_more_than_six_offences(nordjylland_district, violence_types):
    importer.load_offence_codes([(code, code) for code in ("1", "2", "3", "4", "5")])

    errors = errors_of(
        nordjylland_district, {"offences": ["1252", "1255", "1", "2", "3", "4", "5"]}
    )

    assert errors == {"offences": ["Vælg højst 6 overtrædelser."]}


def test_options_that_are_not_a_mapping_are_refused(nordjylland_district):
    with pytest.raises(ValidationError) as refused:
        clean_options(nordjylland_district, ["1252"])

    assert refused.value.messages == ["Indstillingerne for kriminalitetstallene kan ikke læses."]


def test_options_are_kept_in_one_normal_form(nordjylland_district, violence_types):
    options = {
        "offences": ["1252", "1255", "1252"],
        "areas": ["0851", "860", " Politikreds:1 ", "81", "000"],
        "period": " 2022k1 - 2022K3",
        "baseline": f"2021K1{DASH}2021K3",
        "unit": "count",
    }

    cleaned = clean_options(nordjylland_district, options)

    assert cleaned == {
        "offences": ["1252", "1255"],
        "areas": ["851", "860", "politikreds:1", "081", "000"],
        "period": "2022K1-2022K3",
        "baseline": "2021K1-2021K3",
    }
    assert clean_options(nordjylland_district, {"unit": "count", "offences": []}) == {}


# The figures and the text follow the choice ------------------------------------------------------


@pytest.mark.usefixtures("straf11_hidden")
def test_block_of_two_violence_types_for_two_municipalities_per_1000(
    nordjylland_district, violence_types
):
    options = {"offences": ["1252", "1255"], "areas": ["851", "860"], "unit": "per_1000"}

    figures = figures_for_plan(nordjylland_district, 2023, written=WRITTEN, options=options)

    assert (figures["period"], figures["baseline"]) == ("2022K1-2022K3", "2021K1-2021K3")
    assert [b["name"] for b in figures["offences"]] == [
        "Simpel vold (straffelovens § 244)",
        "Alvorligere vold (straffelovens § 245)",
    ]
    # 300 / 200,000 and 150 / 125,000 per 1,000: 1,50 against 1,20, 25 % more; Hjørring
    # 60 and 90 of 50,000: 1,20 against 1,80, 33,3 % fewer.
    assert figures["paragraphs"][0] == (
        "I de første tre kvartaler af 2022 blev der anmeldt 1,50 tilfælde af simpel vold "
        "(straffelovens § 244) pr. 1.000 indbyggere i Aalborg, 25,0 % flere end i samme periode af "
        "2021. I Hjørring blev der anmeldt 1,20 tilfælde af simpel vold (straffelovens § 244) pr. "
        "1.000 indbyggere, 33,3 % færre end i samme periode af 2021."
    )
    # Hjørring's 3 serious cases are hidden, and so is their rate: the text gives the count as
    # "under 5" and no change. Aalborg's 30 is hidden with them, since the district's figure,
    # which the public reads too, minus Aalborg would give Hjørring's back.
    assert figures["paragraphs"][1] == (
        "I de første tre kvartaler af 2022 blev der anmeldt et skjult antal tilfælde af "
        "alvorligere vold (straffelovens § 245) i Aalborg. I Hjørring blev der anmeldt under 5 "
        "tilfælde af alvorligere vold (straffelovens § 245)."
    )
    hjoerring = row(figures, "1255", "860")
    assert (hjoerring["value"], hjoerring["rate"], hjoerring["value_text"]) == (
        None,
        None,
        "under 5",
    )
    assert hjoerring["cells"] == [DASH, "0,12", DASH, "under 5"]
    assert row(figures, "1252", "851")["cells"] == ["1,50", "1,20", "+25,0 %", "300"]
    assert figures["columns"] == [
        "Område",
        f"Pr. 1.000 indbyggere, 1.{DASH}3. kvartal 2022",
        f"Pr. 1.000 indbyggere, 1.{DASH}3. kvartal 2021",
        "Ændring",
        f"Anmeldelser, 1.{DASH}3. kvartal 2022",
    ]
    assert block(figures, "1252")["caption"] == (
        f"Simpel vold (straffelovens § 244) pr. 1.000 indbyggere, 1.{DASH}3. kvartal 2022 mod "
        f"1.{DASH}3. kvartal 2021"
    )
    assert (
        figures["source"]
        == "Kilde: Danmarks Statistik, STRAF11 og FOLK1A, hentet 25. november 2026"
    )


@pytest.mark.usefixtures("straf11_hidden")
def test_an_area_the_data_does_not_cover_reads_ingen_data_never_0(
    nordjylland_district, violence_types
):
    options = {"offences": ["1252"], "areas": ["851", "000"], "unit": "count"}

    figures = figures_for_plan(nordjylland_district, 2023, written=WRITTEN, options=options)

    country = row(figures, "1252", "000")
    assert (country["value"], country["value_text"], country["change_text"]) == (
        None,
        "ingen data",
        "ingen data",
    )
    assert figures["paragraphs"] == [
        "I de første tre kvartaler af 2022 blev der anmeldt 300 tilfælde af simpel vold "
        "(straffelovens § 244) i Aalborg, 100,0 % flere end i samme periode af 2021. For hele "
        "landet er der ingen data."
    ]


def test_explicit_periods_are_told_in_words(nordjylland_district, violence_types):
    put([(a, "1252", f"{y}K4", 10) for a in ("851", "860") for y in (2021, 2022)])
    options = {"offences": ["1252"], "areas": ["851"], "period": "2022", "baseline": "2021"}

    figures = figures_for_plan(nordjylland_district, 2023, written=WRITTEN, options=options)

    # 300 + 10 against 150 + 10.
    assert figures["paragraphs"] == [
        "I hele 2022 blev der anmeldt 310 tilfælde af simpel vold (straffelovens § 244) i "
        "Aalborg, 93,8 % flere end i 2021."
    ]
    assert (figures["period_label"], figures["baseline_label"]) == ("2022", "2021")


def test_a_period_not_in_the_data_reads_ingen_data(nordjylland_district, violence_types):
    options = {
        "offences": ["1252"],
        "areas": ["851"],
        "period": "2022K1-2022K3",
        "baseline": "2019K1-2019K3",
    }

    figures = figures_for_plan(nordjylland_district, 2023, written=WRITTEN, options=options)

    aalborg = row(figures, "1252", "851")
    assert (aalborg["value_text"], aalborg["baseline_text"]) == ("300", "ingen data")
    assert figures["paragraphs"] == [
        "I de første tre kvartaler af 2022 blev der anmeldt 300 tilfælde af simpel vold "
        "(straffelovens § 244) i Aalborg."
    ]


@pytest.mark.usefixtures("straf11_hidden")
def test_the_district_with_its_municipalities_hides_a_complement(nordjylland_district, db):
    """The default section's rule holds in a chosen block: Læsø's small count beside the
    district's total takes a second hidden cell with it."""
    importer.load_offence_codes([("1252", "Simpel vold")])
    cells = []
    for year, count in ((2021, 20), (2022, 30)):
        cells += [
            c
            for m in MUNICIPALITIES
            for c in each_quarter(m, "1252", year, 1 if m == "825" else count)
        ]
    put(cells)
    options = {"offences": ["1252"], "areas": ["politikreds:1", *MUNICIPALITIES]}

    figures = figures_for_plan(nordjylland_district, 2023, written=WRITTEN, options=options)

    hidden = [r["name"] for r in block(figures, "1252")["areas"] if r["value_hidden"]]
    assert len(hidden) == 2 and "Læsø" in hidden
    assert figures["complemented"] is True
    assert figures["paragraphs"][0].startswith(
        "I de første tre kvartaler af 2022 blev der anmeldt 723 tilfælde af simpel vold "
        "(straffelovens § 244) i Nordjyllands Politikreds, 49,7 % flere"
    )
    assert block(figures, "1252")["body"] == 9  # the municipalities above the district's total


@pytest.mark.usefixtures("straf11_hidden")
def test_empty_options_are_the_section_as_it_always_was(nordjylland_district, violence_types, db):
    importer.load_offence_codes([("12", "Voldsforbrydelser i alt")])
    put([c for m in MUNICIPALITIES for y in (2021, 2022) for c in each_quarter(m, "12", y, 7)])

    default = figures_for_plan(nordjylland_district, 2023, written=WRITTEN)
    empty = figures_for_plan(nordjylland_district, 2023, written=WRITTEN, options={})

    assert empty == default
    assert "choice" not in default and "columns" not in default
    period = parse_period("2022K1-2022K3")
    assert default == build_figures(nordjylland_district, period, year_earlier(period))


def test_each_choice_is_cached_under_its_own_key(nordjylland_district, violence_types):
    one = {"offences": ["1252"], "areas": ["851"]}
    other = {"offences": ["1255"], "areas": ["851"]}

    first = figures_for_plan(nordjylland_district, 2023, written=WRITTEN, options=one)
    second = figures_for_plan(nordjylland_district, 2023, written=WRITTEN, options=other)
    put([("851", "1252", "2022K2", 114)], fetched_at=FETCHED + datetime.timedelta(days=1))
    fresh = figures_for_plan(nordjylland_district, 2023, written=WRITTEN, options=one)

    assert block(first, "1252")["areas"][0]["value"] == 300
    assert [b["code"] for b in second["offences"]] == ["1255"]
    assert block(fresh, "1252")["areas"][0]["value"] == 314


def test_a_revision_is_listed_against_the_frozen_block(nordjylland_district, violence_types):
    options = {"offences": ["1252"], "areas": ["851", "860"], "unit": "per_1000"}
    frozen = figures_for_plan(nordjylland_district, 2023, written=WRITTEN, options=options)
    put([("851", "1252", "2022K2", 120)], fetched_at=FETCHED + datetime.timedelta(days=1))

    now = figures_now(nordjylland_district, frozen)

    assert now["choice"] == frozen["choice"]
    assert changed_figures(frozen, now) == [
        "Simpel vold (straffelovens § 244), Aalborg: 300 → 320",
    ]
    assert changed_figures(now, now) == []
