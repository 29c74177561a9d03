"""Progress is computed from the statistics and the reported values: reached, on track, off
track, or "ingen data" (never 0); in counts, per 1,000 inhabitants and as a change in %."""

import datetime
from decimal import Decimal

import pytest

from kredsraad.goals.content import goal_entries
from kredsraad.goals.progress import comparable_period
from kredsraad.statistics.periods import parse_period
from tests.goals.conftest import burglary_goal

# Aalborg: 400 burglaries in 2022 and 360 in 2023; 2024 holds only two quarters, so 2023 is the
# newest year to compare with the 2022 baseline. A third of the way to the 2025 deadline
# (4 of 12 quarters), a goal of 300 expects at most 400 - 100 / 3 = 366.7.


def entry(goal) -> dict:
    return goal_entries([goal])[0]


@pytest.mark.parametrize(
    ("direction", "target", "progress", "label"),
    [
        ("down", 300, "on_track", "På vej"),
        ("down", 380, "reached", "Nået"),
        ("down", 100, "off_track", "Ikke på vej"),
        ("up", 500, "off_track", "Ikke på vej"),
        ("up", 350, "reached", "Nået"),
        ("hold", 370, "reached", "Nået"),
        ("hold", 300, "off_track", "Ikke på vej"),
    ],
)
def test_progress_of_a_burglary_goal(
    sekretariat, area, burglaries, direction, target, progress, label
):
    goal = burglary_goal(area, sekretariat, direction=direction, target=Decimal(target))

    shown = entry(goal)

    assert (shown["progress"], shown["progress_label"]) == (progress, label)
    assert (shown["baseline_value"], shown["baseline_text"]) == ("400", "400")
    assert (shown["latest_period"], shown["latest_label"], shown["latest_value"]) == (
        "2023K1-2023K4",
        "2023",
        "360",
    )


def test_goal_entry_has_the_shared_shape(sekretariat, area, burglaries):
    goal = burglary_goal(area, sekretariat, area="politikreds:1")

    shown = entry(goal)

    assert shown == {
        "id": goal.pk,
        "statement": "Færre indbrud i beboelser i Aalborg i 2025 end i 2022",
        "direction": "down",
        "direction_label": "Ned",
        "target": "300",
        "target_text": "300 anmeldelser",
        "unit": "count",
        "unit_label": "Antal",
        "baseline_period": "2022",
        "baseline_label": "2022",
        "baseline_value": "404",
        "baseline_text": "404",
        "deadline": "2025",
        "deadline_label": "2025",
        "source": "statistics",
        "indicator": "Indbrud i beboelser (1320), Nordjyllands Politi, antal anmeldelser",
        "latest_period": "2023K1-2023K4",
        "latest_label": "2023",
        "latest_value": "364",
        "latest_text": "364",
        "progress": "on_track",
        "progress_label": "På vej",
        "data_date": "2024-08-20",
        "contributes_to": None,
    }


def test_rate_per_1000_inhabitants(sekretariat, area, population):
    goal = burglary_goal(area, sekretariat, unit="per_1000", target=Decimal("1.5"))

    shown = entry(goal)

    # 400 / 200,000 and 360 / 200,000 per 1,000; two thirds of the way left: 2.00 - 0.5 / 3.
    assert (shown["baseline_text"], shown["latest_text"]) == ("2,00", "1,80")
    assert shown["target_text"] == "1,50 pr. 1.000 indbyggere"
    assert shown["progress"] == "on_track"


def test_rate_without_population_is_ingen_data(sekretariat, area, burglaries):
    goal = burglary_goal(area, sekretariat, unit="per_1000", target=Decimal("1.5"))

    shown = entry(goal)

    assert (shown["baseline_text"], shown["latest_text"], shown["latest_value"]) == (
        "ingen data",
        "ingen data",
        None,
    )
    assert shown["progress"] == "no_data"


def test_change_against_the_baseline(sekretariat, area, burglaries):
    goal = burglary_goal(area, sekretariat, unit="change", target=Decimal(-5))

    shown = entry(goal)

    assert (shown["latest_value"], shown["latest_text"], shown["target_text"]) == (
        "-10",
        "\N{MINUS SIGN}10,0 %",  # one format for changes: sign, one decimal
        "\N{MINUS SIGN}5,0 %",
    )
    assert shown["progress"] == "reached"


def test_change_still_far_from_the_target_is_off_track(sekretariat, area, burglaries):
    # -10 % after a third of the time, where -50 / 3 = -16.7 % was due.
    goal = burglary_goal(area, sekretariat, unit="change", target=Decimal(-50))

    assert entry(goal)["progress"] == "off_track"


def test_offence_without_figures_is_ingen_data_never_0(sekretariat, area, burglaries):
    goal = burglary_goal(area, sekretariat, measure="12")

    shown = entry(goal)

    assert (shown["baseline_value"], shown["baseline_text"]) == (None, "ingen data")
    assert (shown["latest_value"], shown["latest_text"], shown["latest_period"]) == (
        None,
        "ingen data",
        None,
    )
    assert (shown["progress"], shown["progress_label"], shown["data_date"]) == (
        "no_data",
        "Ingen data",
        None,
    )


def test_baseline_before_the_data_is_ingen_data(sekretariat, area, burglaries):
    goal = burglary_goal(area, sekretariat, baseline_period="2019", deadline="2020")

    assert entry(goal)["progress"] == "no_data"


def test_table_not_yet_imported_is_ingen_data(sekretariat, area, burglaries):
    goal = burglary_goal(area, sekretariat, table="UHELDK1", measure="INDBLAND=71")

    shown = entry(goal)

    assert (shown["latest_text"], shown["progress"]) == ("ingen data", "no_data")
    assert shown["indicator"] == "UHELDK1 INDBLAND=71, Aalborg, antal"


def test_small_counts_are_hidden_where_the_source_hides_them(
    sekretariat, area, burglaries, settings, straf11_hidden
):
    # Læsø: 4 burglaries in 2022 and 4 in 2023, below the threshold of 5.
    settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW = 5
    goal = burglary_goal(area, sekretariat, area="825", target=Decimal(2))

    shown = entry(goal)

    assert (shown["baseline_value"], shown["baseline_text"]) == (None, "under 5")
    assert (shown["latest_value"], shown["latest_text"]) == (None, "under 5")


def test_danmarks_statistiks_small_counts_are_shown_as_it_publishes_them(
    sekretariat, area, burglaries, settings
):
    settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW = 5
    goal = burglary_goal(area, sekretariat, area="825", target=Decimal(2))

    shown = entry(goal)

    assert (shown["baseline_text"], shown["latest_text"]) == ("4", "4")


def test_deadline_caps_the_comparable_period():
    present = {f"{year}K{q}" for year in (2022, 2023, 2024, 2025) for q in (1, 2, 3, 4)}

    found = comparable_period(parse_period("2022"), parse_period("2024").last, present)
    first_three = comparable_period(
        parse_period("2022K1-2022K3"), parse_period("2025").last, present
    )

    assert (str(found), str(first_three)) == ("2024K1-2024K4", "2025K1-2025K3")


def test_data_date_is_the_fetch_of_the_figures(sekretariat, area, burglaries):
    goal = burglary_goal(area, sekretariat)

    assert entry(goal)["data_date"] == datetime.date(2024, 8, 20).isoformat()
