"""Any stored table read as a series (statistics.reading.series): a measure by area and period,
checked against sums of Danmarks Statistik's own rows computed with the csv module."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError

from kredsraad.goals.actions import check_goal
from kredsraad.goals.models import Goal
from kredsraad.goals.progress import readings
from kredsraad.statistics.models import Offence, Table
from kredsraad.statistics.reading.block_options import clean_options
from kredsraad.statistics.reading.plan_figures import figures_for_plan
from kredsraad.statistics.reading.series import (
    Figure,
    SeriesError,
    default_measure,
    parse_measure,
    read_series,
)

from .tables_data import (
    NORDJYLLAND,
    STRAF40_FILE,
    needs_files,
    pedestrians_65,
    raw,
    store,
    store_population,
    store_straf40,
    store_uheldk1,
    uheldk1_rows,
)

PEDESTRIANS_65 = "UHELD=0;INDBLAND=71;ALDER=6599;KØN=*"


def uheldk1() -> Table:
    return Table.objects.get(code="UHELDK1")


def rate(value: int, people: int) -> Decimal:
    return (Decimal(value) * 1000 / people).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@needs_files
def test_analytiker_reads_injured_pedestrians_65_plus_per_1000_by_municipality(nordjylland):
    store_uheldk1()
    people = store_population()
    expected = pedestrians_65(uheldk1_rows())

    found = read_series(parse_measure(uheldk1(), PEDESTRIANS_65), district=nordjylland)

    assert found.periods == [str(year) for year in range(2016, 2023)]
    assert [a.code for a in found.municipalities] != []
    for area in found.municipalities:
        for period in found.periods:
            value = expected[(area.code, period)]
            assert found.figure(area.code, period) == Figure(
                value, rate(value, people[(area.code, int(period))])
            )
    for period in found.periods:
        district = sum(expected[(code, period)] for code in NORDJYLLAND)
        assert found.figure("politikreds:1", period).value == district
        assert found.figure("000", period).value == expected[("000", period)]
        assert found.figure("000", period).rate == rate(
            expected[("000", period)], people[("000", int(period))]
        )


@needs_files
def test_a_municipality_without_cells_is_ingen_data_and_so_is_its_district(nordjylland):
    store_uheldk1(areas=("851", "000"))

    found = read_series(parse_measure(uheldk1(), PEDESTRIANS_65), district=nordjylland)

    assert found.figure("825", "2022") == Figure(None)
    assert found.figure("825", "2022").text == "ingen data"
    assert found.figure("politikreds:1", "2022").value is None
    assert found.figure("851", "2022").value is not None
    assert found.figure("851", "2022").rate_text == "ingen data"  # no population stored


def test_a_country_the_importer_derived_reads_beregnet(nordjylland):
    key = {"age": "6599", "sex": "1", "key": "UHELD=0;INDBLAND=71"}
    store("UHELDK1", [("000", "2022", 1234, key), ("851", "2022", 7, key)], derived={"000"})

    found = read_series(parse_measure(uheldk1(), PEDESTRIANS_65), district=nordjylland)

    assert found.figure("000", "2022").derived
    assert found.figure("000", "2022").text == "1.234 (beregnet)"
    assert not found.figure("851", "2022").derived
    assert found.has_derived


def test_several_codes_are_summed_and_all_takes_the_total_where_there_is_one(nordjylland):
    cells = [
        ("851", "2022", 10, {"age": "1824", "sex": "1", "key": "UHELD=0;INDBLAND=71"}),
        ("851", "2022", 20, {"age": "2544", "sex": "1", "key": "UHELD=0;INDBLAND=71"}),
        ("851", "2022", 4, {"age": "2544", "sex": "2", "key": "UHELD=0;INDBLAND=71"}),
        ("851", "2022", 3, {"age": "2544", "sex": "2", "key": "UHELD=1;INDBLAND=71"}),
        ("851", "2022", 50, {"age": "6599", "sex": "2", "key": "UHELD=0;INDBLAND=61"}),
    ]
    store("UHELDK1", cells)

    young = read_series(
        parse_measure(uheldk1(), "INDBLAND=71;ALDER=1824+2544"), district=nordjylland
    )
    killed = read_series(parse_measure(uheldk1(), "UHELD=1;INDBLAND=71"), district=nordjylland)
    everyone = read_series(default_measure(uheldk1()), district=nordjylland)

    assert young.figure("851", "2022").value == 34  # UHELD all is its total 0, not 0 + 1
    assert killed.figure("851", "2022").value == 3
    assert everyone.figure("851", "2022").value == 84


def test_a_breakdown_keeps_one_dimension_apart(nordjylland):
    cells = [
        ("851", "2022", 10, {"age": "1824", "sex": "1", "key": "UHELD=0;INDBLAND=71"}),
        ("851", "2022", 5, {"age": "1824", "sex": "2", "key": "UHELD=0;INDBLAND=71"}),
        ("851", "2022", 20, {"age": "6599", "sex": "1", "key": "UHELD=0;INDBLAND=71"}),
    ]
    store("UHELDK1", cells)

    found = read_series(default_measure(uheldk1()), district=nordjylland, by="ALDER")

    assert found.codes == ["1824", "6599"]
    assert found.figure("851", "2022", "1824").value == 15
    assert found.figure("851", "2022", "6599").value == 20


@needs_files
def test_straf40_is_national_and_sums_its_sexes(nordjylland):
    store_straf40()
    rows = raw(STRAF40_FILE)
    expected = sum(
        int(r["INDHOLD"]) for r in rows if r["TID"] == "2021" and r["ALDER_kode"] == "17"
    )

    found = read_series(
        parse_measure(Table.objects.get(code="STRAF40"), "OVERTRÆD=1;ALDER=17"),
        district=nordjylland,
        periods=["2021"],
    )

    assert [a.code for a in found.areas] == ["000"]
    assert found.figure("000", "2021").value == expected


@pytest.mark.parametrize("periods", [1, 3])
def test_reading_costs_the_same_queries_however_many_periods(
    nordjylland, django_assert_num_queries, periods
):
    key = {"age": "6599", "sex": "1", "key": "UHELD=0;INDBLAND=71"}
    store(
        "UHELDK1",
        [(code, str(2022 - n), 5, key) for code in (*NORDJYLLAND, "000") for n in range(periods)],
    )
    measure = parse_measure(uheldk1(), PEDESTRIANS_65)

    with django_assert_num_queries(4):
        found = read_series(measure, district=nordjylland)

    assert len(found.periods) == periods


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("FARVE=rød", "Tabellen UHELDK1 har ingen dimension »FARVE«"),
        ("INDBLAND=72", "Koden »72« findes ikke i Indblandede transportmidler"),
        ("INDBLAND", "»INDBLAND« kan ikke læses; skriv dimension=kode"),
    ],
)
def test_a_measure_that_does_not_fit_the_table_is_refused_in_danish(db, text, message):
    with pytest.raises(SeriesError) as refused:
        parse_measure(uheldk1(), text)

    assert isinstance(refused.value, ValidationError)
    assert any(m.startswith(message) for m in refused.value.messages)


# A series in a plan's figure block ----------------------------------------------------------

SERIES = "UHELDK1:UHELD=*;INDBLAND=71;ALDER=6599;KØN=*"


def test_a_block_names_a_series_in_one_normal_form(nordjylland):
    cleaned = clean_options(
        nordjylland, {"series": "uheldk1:INDBLAND=71;ALDER=6599", "period": "2022"}
    )

    assert cleaned == {"series": SERIES, "period": "2022K1-2022K4"}


@pytest.mark.parametrize(
    ("options", "field", "message"),
    [
        ({"series": "UHELDK9:INDBLAND=71"}, "series", "Tabellen »UHELDK9« findes ikke"),
        ({"series": "INDBLAND=71"}, "series", "Skriv serien som tabel:mål"),
        ({"series": "UHELDK1:INDBLAND=72"}, "series", "Koden »72« findes ikke"),
        ({"series": SERIES, "period": "2022K3"}, "period", "UHELDK1 har kun hele år"),
    ],
)
def test_a_block_with_a_wrong_series_is_refused_naming_the_field(
    nordjylland, options, field, message
):
    with pytest.raises(ValidationError) as refused:
        clean_options(nordjylland, options)

    assert refused.value.message_dict[field][0].startswith(message)


def test_a_block_cannot_name_offences_and_a_series(nordjylland):
    Offence.objects.create(code="1", label="Straffelov i alt")
    key = {"offence": "1"}
    store("STRAF11", [("851", "2022K1", 5, key)])

    with pytest.raises(ValidationError) as refused:
        clean_options(nordjylland, {"series": SERIES, "offences": ["1"]})

    assert refused.value.message_dict["offences"][0].startswith("Vælg enten overtrædelser")


def test_a_plan_block_shows_injured_pedestrians_65_plus_with_ingen_data_never_0(nordjylland):
    key = {"age": "6599", "sex": "1", "key": "UHELD=0;INDBLAND=71"}
    store(
        "UHELDK1",
        [
            (code, year, 10, key)
            for code in NORDJYLLAND
            if code != "825"
            for year in ("2021", "2022")
        ]
        + [("000", "2022", 500, key), ("000", "2021", 400, key)],
    )

    figures = figures_for_plan(
        nordjylland,
        2023,
        written=datetime.date(2023, 1, 2),
        options={"series": SERIES, "unit": "count"},
    )

    block = figures["offences"][0]
    rows = {row["name"]: row["cells"] for row in block["areas"]}
    assert figures["period_label"] == "2022"
    assert figures["baseline_label"] == "2021"
    assert rows["Aalborg"][:2] == ["10", "10"]
    assert rows["Læsø"][:2] == ["ingen data", "ingen data"]
    assert rows["Nordjyllands Politikreds"][:2] == ["ingen data", "ingen data"]
    assert rows["Hele landet"][:2] == ["500", "400"]
    assert "Hele landet: 500 i 2022 mod 400 i 2021" in figures["paragraphs"][0]
    assert figures["source"].startswith("Kilde: Danmarks Statistik, UHELDK1")


def _hiding_uheldk1_block(nordjylland, series: str) -> dict:
    Table.objects.filter(code="UHELDK1").update(small_counts=Table.SmallCounts.HIDDEN)
    key = {"age": "6599", "sex": "1", "key": "UHELD=0;INDBLAND=71"}
    small = {"825": 2}  # Læsø: a count the public may not read
    store(
        "UHELDK1",
        [
            (code, year, small.get(code, 10 + n), key)
            for n, code in enumerate(NORDJYLLAND)
            for year in ("2021", "2022")
        ],
    )
    figures = figures_for_plan(
        nordjylland,
        2023,
        written=datetime.date(2023, 1, 2),
        options={"series": series, "unit": "count"},
    )
    return {row["name"]: row["cells"][:2] for row in figures["offences"][0]["areas"]}


def test_a_block_from_a_source_that_hides_small_counts_hides_a_neighbour_too(nordjylland):
    rows = _hiding_uheldk1_block(nordjylland, "UHELDK1:UHELD=0;INDBLAND=71;ALDER=6599;KØN=1")

    assert rows["Læsø"] == ["under 5", "under 5"]
    hidden = [name for name, cells in rows.items() if cells == ["skjult", "skjult"]]
    assert len(hidden) == 1  # one neighbour, so the district minus the others gives nothing
    assert rows["Nordjyllands Politikreds"] not in (["skjult", "skjult"], ["under 5", "under 5"])


def test_a_sum_over_codes_from_a_source_that_hides_small_counts_is_not_published(nordjylland):
    rows = _hiding_uheldk1_block(nordjylland, "UHELDK1:UHELD=0;INDBLAND=71;ALDER=6599;KØN=*")

    assert rows["Aalborg"] == ["skjult", "skjult"]
    assert set(map(tuple, rows.values())) <= {("skjult", "skjult"), ("ingen data", "ingen data")}


def test_a_plan_block_on_a_table_without_figures_says_why(nordjylland):
    figures = figures_for_plan(
        nordjylland, 2023, written=datetime.date(2023, 1, 2), options={"series": SERIES}
    )

    assert figures["figures"] is False
    assert figures["reason"].startswith("UHELDK1 har endnu ingen tal før 2023")


# A series as a goal's indicator ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("measure", "message"),
    [
        ("INDBLAND=72", "Koden »72« findes ikke i Indblandede transportmidler"),
        ("FARVE=rød", "Tabellen UHELDK1 har ingen dimension »FARVE«"),
        ("INDBLAND=71;ALDER=6599", None),
    ],
)
def test_a_goal_on_uheldk1_names_a_measure_the_table_has(nordjylland, measure, message):
    goal = Goal(
        district=nordjylland,
        statement="Færre tilskadekomne fodgængere på 65 år og derover",
        direction=Goal.Direction.DOWN,
        target=Decimal(10),
        baseline_period="2022",
        deadline="2025",
        source=Goal.Source.STATISTICS,
        table="UHELDK1",
        measure=measure,
        area="851",
    )

    try:
        check_goal(goal)
        errors = {}
    except ValidationError as error:
        errors = error.message_dict

    found = errors.get("measure", [None])[0]
    assert found == message or found.startswith(message)


def _pedestrian_goal(nordjylland, *, area="851") -> Goal:
    return Goal(
        pk=1,
        district=nordjylland,
        statement="Færre tilskadekomne fodgængere på 65 år og derover",
        direction=Goal.Direction.DOWN,
        target=Decimal(10),
        baseline_period="2020",
        deadline="2025",
        source=Goal.Source.STATISTICS,
        table="UHELDK1",
        measure="UHELD=0;INDBLAND=71;ALDER=6599",
        area=area,
    )


@needs_files
def test_a_goal_on_injured_pedestrians_65_plus_reads_its_years_from_uheldk1(nordjylland):
    store_uheldk1()
    expected = pedestrians_65(uheldk1_rows())

    reading = readings([_pedestrian_goal(nordjylland)])[1]

    assert reading.baseline.count == expected[("851", "2020")]
    assert reading.latest.count == expected[("851", "2022")]
    assert (reading.latest_period.first.year, reading.latest_period.whole_years) == (2022, True)
    assert reading.progress != "no_data"


def test_a_goal_on_a_year_the_table_lacks_is_ingen_data_never_0(nordjylland):
    key = {"age": "6599", "sex": "1", "key": "UHELD=0;INDBLAND=71"}
    store("UHELDK1", [("851", "2020", 12, key)])

    reading = readings([_pedestrian_goal(nordjylland)])[1]

    assert reading.baseline.count == 12
    assert (reading.latest.value, reading.progress) == (None, "no_data")


def test_a_goal_on_a_source_that_hides_small_counts_hides_them(nordjylland):
    Table.objects.filter(code="UHELDK1").update(small_counts=Table.SmallCounts.HIDDEN)
    key = {"age": "6599", "sex": "1", "key": "UHELD=0;INDBLAND=71"}
    store("UHELDK1", [("851", "2020", 3, key), ("851", "2022", 30, key)])

    reading = readings([_pedestrian_goal(nordjylland)])[1]

    assert reading.baseline.hidden  # a sum over both sexes: not a figure the public may read
    assert reading.latest.hidden
