"""Figures that can be trusted (issue 14): a figure the data does not hold reads "ingen data"
(JSON null), never 0; a country summed from its municipalities says "beregnet"; seasonal peaks
are not flagged as unusual; percentages and changes have one Danish format."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management.base import CommandError, CommandParser

from kredsraad.statistics.models import Dataset, Offence
from kredsraad.statistics.periods import Quarter
from kredsraad.statistics.reading import compare, downloads
from kredsraad.statistics.reading.cli_compare import add_compare_arguments, run_compare
from kredsraad.statistics.rows import STRAF11
from tests.statistics import test_pages as pages
from tests.statistics.test_compare import (
    NORDJYLLAND,
    NORDJYLLAND_MUNICIPALITIES,
    VIOLENCE,
    area,
    needs_straf11_file,
    nordjylland_and_country,
    store,
    store_real_series,
    store_with_district,
)

FETCHED = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def dataset(db):
    return Dataset.objects.create(
        table=STRAF11, source=Dataset.Source.FILE, file_name="straf11.csv", fetched_at=FETCHED
    )


@pytest.fixture
def violence(db):
    return Offence.objects.create(code="12", label="Voldsforbrydelser i alt")


MINUS = "\N{MINUS SIGN}"


def without_country(cells) -> list[tuple]:
    return [cell for cell in cells if cell[0] != "000"]


def run(*arguments: str) -> tuple[str, str]:
    """(stdout, stderr) of `kredsraad statistics compare`."""
    parser = CommandParser()
    add_compare_arguments(parser)
    out, err = StringIO(), StringIO()
    run_compare(vars(parser.parse_args(arguments)), out, err)
    return out.getvalue(), err.getvalue()


# "ingen data", never 0 ---------------------------------------------------------------------------


def test_country_without_a_row_is_ingen_data_and_never_0(dataset, violence):
    # A file without Hele landet, as the detailed STRAF11 export in ../shared/data is.
    store_with_district(dataset, without_country(nordjylland_and_country("12", VIOLENCE)))

    result = compare.compare(area(NORDJYLLAND), violence, "2022K1-2022K3", against=area("000"))

    country = result.against
    assert (country.value, country.baseline_value, country.change_percent, country.rate) == (
        None,
        None,
        None,
        None,
    )
    assert result.value == 1260  # the district's own figure is still there
    assert country.note.startswith(
        "Hele landet: ingen data for 1.\N{EN DASH}3. kvartal 2022, fordi 91 kommuner mangler i "
        "tabellen, så tallet ikke kan beregnes: "
    )


def test_country_missing_one_quarter_of_the_period_is_ingen_data_not_a_smaller_sum(
    dataset, violence
):
    cells = [
        c for c in nordjylland_and_country("12", VIOLENCE) if (c[0], c[2]) != ("000", "2022K2")
    ]
    store_with_district(dataset, cells)

    country = compare.compare(area("000"), violence, "2022K1-2022K3")

    assert (country.value, country.baseline_value) == (None, 10000)
    assert [(p.value) for p in compare.series(area("000"), violence)][-3:] == [3800, None, 4100]
    years = {y.year: y.value for y in compare.yearly(area("000"), violence)}
    assert years == {2021: 3000 + 3500 + 3500 + 9999, 2022: None}


def test_analyst_gets_null_for_the_country_in_json_and_the_reason_on_stderr(dataset, violence):
    store_with_district(dataset, without_country(nordjylland_and_country("12", VIOLENCE)))

    out, err = run(
        *("--area", NORDJYLLAND, "--offence", "12", "--period", "2022K1-2022K3"),
        *("--against", "000", "--format", "json"),
    )

    figures = json.loads(out)
    assert figures["value"] == 1260
    assert (figures["against"]["value"], figures["against"]["baseline_value"]) == (None, None)
    assert figures["against"]["change_percent"] is None
    assert "Hele landet: ingen data" in err
    assert "91 kommuner mangler" in err


def test_analyst_asking_for_the_country_where_municipalities_are_missing_is_told_which(
    dataset, violence
):
    # Only Nordjylland's nine municipalities are in the data for 2022K1: no Hele landet can be
    # summed, and there is nothing else to show.
    store(
        dataset,
        [(code, "12", q, 5) for code in NORDJYLLAND_MUNICIPALITIES for q in ("2021K1", "2022K1")],
    )

    with pytest.raises(CommandError) as refused:
        run("--area", "000", "--offence", "12", "--period", "2022K1", "--format", "json")

    message = str(refused.value)
    assert message.startswith(
        "Hele landet: ingen data for 1. kvartal 2022, fordi 91 kommuner mangler i tabellen, så "
        "tallet ikke kan beregnes: Albertslund, "
    )
    assert "Aalborg" not in message  # it is in the data
    missing = compare.missing_parts(area("000"), "STRAF11", compare.as_period("2022K1"))
    assert len(missing) == 91
    assert {"Christiansø", "Uoplyst kommune"} <= {a.name for a in missing}


def test_analyst_sees_ingen_data_in_the_danish_table(dataset, violence):
    store_with_district(dataset, without_country(nordjylland_and_country("12", VIOLENCE)))

    out, _err = run(
        "--area", NORDJYLLAND, "--offence", "12", "--period", "2022K1-2022K3", "--against", "000"
    )

    country = next(line for line in out.splitlines() if line.startswith("Hele landet"))
    assert country.split()[2:8] == ["ingen", "data"] * 3
    assert " 0 " not in country
    assert "91 kommuner mangler" in out


# "beregnet" --------------------------------------------------------------------------------------


def test_country_summed_from_its_municipalities_is_marked_beregnet(dataset, violence):
    cells = nordjylland_and_country("12", VIOLENCE)
    store_with_district(dataset, without_country(cells))
    store(dataset, [c for c in cells if c[0] == "000"], derived=True)

    result = compare.compare(area("000"), violence, "2022K1-2022K3")
    out, _err = run("--area", "000", "--offence", "12", "--period", "2022K1-2022K3")

    assert (result.value, result.derived) == (11900, True)
    assert result.as_dict()["derived"] is True
    assert result.note == (
        "Hele landet er beregnet: summen af kommunerne, Christiansø og Uoplyst kommune, fordi "
        "Danmarks Statistiks fil ikke havde tallet selv."
    )
    assert "Hele landet (beregnet)" in out
    assert result.note in out
    assert [y.derived for y in compare.yearly(area("000"), violence)] == [True, True]


def test_a_districts_sum_keeps_its_own_wording_and_is_not_marked_beregnet(dataset, violence):
    store_with_district(dataset, nordjylland_and_country("12", VIOLENCE))

    result = compare.compare(area(NORDJYLLAND), violence, "2022K1-2022K3")

    assert (result.derived, result.note) == (False, "")


# Seasons -----------------------------------------------------------------------------------------


@needs_straf11_file
def test_middelfarts_winter_burglaries_are_a_season_and_not_flagged(dataset):
    # Burglaries of homes in Middelfart peak every fourth quarter (87, 88, 92, 87 in 2016-2019):
    # far from the neighbouring quarters, but not from the fourth quarters before.
    store_real_series(dataset, "410", "1320")

    found = compare.outliers(area("410"), Offence.objects.get(code="1320"))

    assert [str(o.quarter) for o in found] == []


@needs_straf11_file
def test_first_two_years_are_not_judged_for_lack_of_history(dataset):
    # Vesthimmerlands' 2016K1 stands out from its neighbours, but no earlier first quarter
    # exists to compare it with; 2021K1 (847 against about 400) still is flagged.
    store_real_series(dataset, "820", "TOT")

    found = {
        str(o.quarter): o for o in compare.outliers(area("820"), Offence.objects.get(code="TOT"))
    }

    assert "2016K1" not in found
    assert not any(Quarter.parse(q) < Quarter(2018, 1) for q in found)
    assert found["2021K1"].seasons == 3
    assert "1. kvartal de 3 år før" in found["2021K1"].explanation
    assert "samme kvartal i de foregående år" in found["2021K1"].explanation


def test_a_quarter_without_a_figure_is_neither_judged_nor_compared_with():
    points = [compare.Point(Quarter(2020, 1).shifted(n), 100) for n in range(16)]
    points[9] = compare.Point(points[9].quarter, None)

    assert compare.flag_outliers(points) == []


# One format for percentages ----------------------------------------------------------------------


def test_change_and_share_read_alike_in_one_danish_format():
    # Issue 14: "121 %" beside "41,4 %".
    assert [compare.format_percent(v) for v in (121, 41.4)] == ["121,0 %", "41,4 %"]
    assert [compare.format_change(v) for v in (38.1, -4, 0)] == [
        "+38,1 %",
        f"{MINUS}4,0 %",
        "0,0 %",
    ]


# The statistics page and the API -----------------------------------------------------------------


@pytest.fixture
def nordjylland_without_country(db):
    """Nordjylland's municipalities, 2023K1-2024K2, imported as a file without Hele landet."""
    pages.load_codes()
    pages.store(pages.grid(NORDJYLLAND_MUNICIPALITIES, "1", "2023K1", "2024K2"))


def comparison_rows(page) -> dict[str, list[str]]:
    return {row[0].text: [c.text for c in row[1:]] for row in page.tables["sammenligning"].rows}


def test_secretariat_sees_ingen_data_for_the_country_on_the_statistics_page(
    client, sekretariat, nordjylland_without_country
):
    client.force_login(sekretariat)

    page = client.get(pages.url()).context["page"]

    assert comparison_rows(page)["Hele landet"] == ["ingen data"] * 5
    assert any(note.startswith("Hele landet: ingen data for") for note in page.notes)
    csv = downloads.as_csv(page.tables["sammenligning"]).decode("utf-8-sig")
    assert csv.splitlines()[2] == "Hele landet;;;;;"  # empty cells in the file, never 0


def test_secretariat_sees_a_derived_country_marked_beregnet(
    client, sekretariat, nordjylland_without_country
):
    # What the importer writes when every municipality is there: Hele landet, derived.
    dataset = Dataset.objects.create(table=STRAF11, source=Dataset.Source.FILE, fetched_at=FETCHED)
    store(dataset, pages.grid(["000"], "1", "2023K1", "2024K2", value=900), derived=True)
    client.force_login(sekretariat)

    page = client.get(pages.url()).context["page"]

    assert comparison_rows(page)["Hele landet (beregnet)"][:2] == ["1.800", "1.800"]
    assert compare.derived_note("Hele landet") in page.notes
    assert "Hele landet beregnet" in page.tables["aar"].rows[0][-1].text


def test_visitor_reads_null_for_a_country_the_data_does_not_hold_in_the_api(
    client, nordjylland_without_country
):
    response = client.get(
        "/api/statistics/comparison/",
        {"table": STRAF11, "area": "000", "offence": "1", "period": "2024K1-2024K2"},
    )

    assert response.status_code == 200, response.content
    figures = response.json()
    assert (figures["value"], figures["baseline_value"], figures["change_percent"]) == (
        None,
        None,
        None,
    )
    assert figures["note"].startswith("Hele landet: ingen data for")
