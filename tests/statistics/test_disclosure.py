"""What the public may read of a table: small counts by source, and the other cells hidden with
them so that no subtraction of published figures across areas or periods gives one back."""

import random

import pytest

from kredsraad.core.quarters import Quarter
from kredsraad.statistics.models import Area, Dataset, Observation, Offence, Table
from kredsraad.statistics.periods import Period
from kredsraad.statistics.reading.disclosure import (
    cell_values,
    determined,
    hidden_pattern,
    is_public_period,
    judge,
    lattice_spans,
)
from kredsraad.statistics.reading.suppression import COMPLEMENT, SMALL
from kredsraad.statistics.rows import STRAF11

YEAR = lattice_spans([1, 2, 3, 4])
# Two districts over two regions, and Christiansø under the country only.
ANCESTORS = {
    "laesoe": frozenset({"laesoe", "nord", "region N", "DK"}),
    "hjoerring": frozenset({"hjoerring", "nord", "region N", "DK"}),
    "aalborg": frozenset({"aalborg", "nord", "region N", "DK"}),
    "viborg": frozenset({"viborg", "midt", "region M", "DK"}),
    "skive": frozenset({"skive", "midt", "region M", "DK"}),
    "christiansoe": frozenset({"christiansoe", "DK"}),
}


def form(area, span):
    """A published figure as the sum of the unknown counts (leaf, quarter)."""
    return {
        (leaf, q): 1
        for leaf, held in ANCESTORS.items()
        if area in held
        for q in range(span[0], span[1] + 1)
    }


def published(values, hidden):
    return [form(*cell) for cell in values if cell not in hidden]


def quarters(**by_leaf):
    return {(leaf, q + 1): n for leaf, counts in by_leaf.items() for q, n in enumerate(counts)}


def test_the_public_reads_quarters_years_to_date_and_years():
    assert lattice_spans([1, 2, 3, 4]) == [(1, 1), (2, 2), (3, 3), (4, 4), (1, 2), (1, 3), (1, 4)]
    assert lattice_spans([1, 2, 3]) == [(1, 1), (2, 2), (3, 3), (1, 2), (1, 3)]
    assert lattice_spans([0]) == [(0, 0)]


@pytest.mark.parametrize(
    ("first", "last", "public"),
    [
        (Quarter(2021, 3), Quarter(2021, 3), True),
        (Quarter(2021, 1), Quarter(2021, 3), True),
        (Quarter(2021, 1), Quarter(2021, 4), True),
        (Quarter(2021, 3), Quarter(2021, 4), False),
        (Quarter(2021, 1), Quarter(2022, 4), False),
        (Quarter(2021, 4), Quarter(2022, 1), False),
    ],
)
def test_only_the_periods_the_public_pages_publish_are_public(first, last, public):
    assert is_public_period(Period(first, last)) is public


def test_laesoe_in_k4_is_hidden_with_a_neighbour_in_k4_and_the_year_and_every_total_stays():
    stored = quarters(
        laesoe=[11, 12, 7, 4],
        hjoerring=[60, 61, 62, 63],
        aalborg=[300, 301, 302, 303],
        viborg=[90, 91, 92, 93],
        skive=[40, 41, 42, 43],
        christiansoe=[0, 0, 0, 0],
    )
    values = cell_values(stored, ANCESTORS, YEAR)

    hidden = hidden_pattern(values, ancestors=ANCESTORS, spans=YEAR, below=5)

    # Hjørring is the smallest neighbour in the same district and region; no total changes.
    assert hidden == {
        ("laesoe", (4, 4)): SMALL,
        ("laesoe", (1, 4)): COMPLEMENT,
        ("hjoerring", (4, 4)): COMPLEMENT,
        ("hjoerring", (1, 4)): COMPLEMENT,
    }
    assert not determined(published(values, hidden), form("laesoe", (4, 4)))


def test_hiding_only_the_small_count_gives_it_back_by_subtraction():
    stored = quarters(laesoe=[11, 12, 7, 4], hjoerring=[60, 61, 62, 63], aalborg=[9, 9, 9, 9])
    values = cell_values(stored, ANCESTORS, YEAR)

    only_small = {("laesoe", (4, 4)): SMALL}

    # The year minus its first three quarters; the district minus its other municipalities.
    assert determined(published(values, only_small), form("laesoe", (4, 4)))


def test_a_small_district_total_is_protected_too():
    stored = quarters(laesoe=[1, 0, 2, 0], hjoerring=[0, 1, 0, 0], aalborg=[0, 0, 0, 0])
    stored |= quarters(viborg=[50, 50, 50, 50], skive=[60, 60, 60, 60])
    values = cell_values(stored, ANCESTORS, YEAR)

    hidden = hidden_pattern(values, ancestors=ANCESTORS, spans=YEAR, below=5)

    assert hidden[("nord", (1, 4))] == SMALL
    for cell, why in hidden.items():
        if why == SMALL:
            assert not determined(published(values, hidden), form(*cell)), cell


def test_no_small_count_is_determined_in_a_thousand_random_years():
    rng = random.Random(14)
    for _year in range(1000):
        stored = {
            (leaf, q): rng.choice([0, 1, 2, 3, 4, 5, 9, 30, 200])
            for leaf in ANCESTORS
            for q in (1, 2, 3, 4)
        }
        spans = lattice_spans(rng.choice([[1], [1, 2], [1, 2, 3], [1, 2, 3, 4], [2, 3]]))
        values = cell_values(
            {k: v for k, v in stored.items() if any(s[0] <= k[1] <= s[1] for s in spans)},
            ANCESTORS,
            spans,
        )

        hidden = hidden_pattern(values, ancestors=ANCESTORS, spans=spans, below=5)

        rows = published(values, hidden)
        for cell, why in hidden.items():
            if why == SMALL:
                assert not determined(rows, form(*cell)), (stored, cell)


def test_the_pattern_is_the_same_however_often_it_is_worked_out():
    stored = quarters(laesoe=[1, 2, 3, 4], hjoerring=[5, 6, 7, 8], viborg=[2, 20, 20, 20])
    values = cell_values(stored, ANCESTORS, YEAR)

    first = hidden_pattern(values, ancestors=ANCESTORS, spans=YEAR, below=5)
    again = hidden_pattern(dict(reversed(values.items())), ancestors=ANCESTORS, spans=YEAR, below=5)

    assert first == again


def test_the_exact_check_sees_a_combination_and_a_free_count():
    rows = [{"a": 1, "b": 1}, {"b": 1, "c": 1}, {"c": 1}]

    assert determined(rows, {"a": 1})
    assert determined(rows, {"a": 2, "b": 1, "c": -1})
    assert not determined(rows, {"d": 1})
    assert not determined([{"a": 1, "b": 1}], {"a": 1})


# The source's decision, from the database -----------------------------------------------------


@pytest.fixture
def laesoe_2023k1(db):
    dataset = Dataset.objects.create(
        table=STRAF11, source=Dataset.Source.FILE, fetched_at="2024-01-01T00:00:00Z"
    )
    violence = Offence.objects.create(code="12", label="Voldsforbrydelser i alt")
    laesoe = Area.objects.get(code="825")
    Observation.objects.create(
        table=STRAF11,
        area=laesoe,
        offence=violence,
        period="2023K1",
        year=2023,
        quarter=1,
        value=3,
        dataset=dataset,
    )
    return {"offence_id": violence.pk, "area_id": laesoe.pk, "value": 3}


K1 = Period(Quarter(2023, 1), Quarter(2023, 1))


def test_danmarks_statistiks_tables_show_small_counts_as_dst_does(laesoe_2023k1):
    assert Table.objects.get(code=STRAF11).small_counts == Table.SmallCounts.SHOWN

    assert judge(STRAF11).hidden(period=K1, **laesoe_2023k1) == ""


def test_the_polices_own_figures_hide_small_counts(db):
    assert Table.objects.get(code="police").small_counts == Table.SmallCounts.HIDDEN


def test_a_table_set_to_hidden_hides_its_small_counts(laesoe_2023k1, straf11_hidden):
    assert judge(STRAF11).hidden(period=K1, **laesoe_2023k1) == SMALL


def test_a_table_nobody_has_described_is_hidden(laesoe_2023k1):
    assert judge("UNKNOWN1").hidden(period=K1, **laesoe_2023k1) == SMALL


def test_ingen_data_is_never_hidden(laesoe_2023k1, straf11_hidden):
    assert judge(STRAF11).hidden(period=K1, **{**laesoe_2023k1, "value": None}) == ""
