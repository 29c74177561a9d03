"""Small counts are hidden in what is published, and so is whatever would give them back: the
district's total minus the other municipalities, a change in per cent, a rate."""

import pytest
from django.utils import translation

from kredsraad.statistics.reading.suppression import (
    COMPLEMENT,
    SMALL,
    change_is_shown,
    hidden_in_column,
    hidden_text,
    is_small,
    rate_is_shown,
)


@pytest.mark.parametrize(
    ("value", "below", "small"),
    [(0, 5, False), (1, 5, True), (4, 5, True), (5, 5, False), (None, 5, False), (9, 10, True)],
)
def test_counts_from_1_to_just_under_the_threshold_are_small(value, below, small):
    assert is_small(value, below=below) is small


def test_laesoe_alone_small_gets_the_smallest_safe_municipality_hidden_beside_it():
    # Nordjylland's violence in 2022K1-K3 in the order the table lists the municipalities.
    values = [99, 179, 191, 104, 1, 154, 60, 86, 1107]

    hidden = hidden_in_column(values, below=5)

    assert hidden == {4: SMALL, 6: COMPLEMENT}


def test_the_complement_is_never_a_zero_when_a_larger_count_can_hide_the_small_one():
    hidden = hidden_in_column([0, 3, 12, 40], below=5)

    assert hidden == {1: SMALL, 2: COMPLEMENT}


def test_two_small_counts_hide_each_other_and_need_no_complement():
    hidden = hidden_in_column([2, 3, 50, 60], below=5)

    assert hidden == {0: SMALL, 1: SMALL}


def test_without_a_published_total_a_small_count_needs_no_complement():
    hidden = hidden_in_column([2, 50, 60], below=5, total_shown=False)

    assert hidden == {0: SMALL}


def test_the_threshold_decides_what_is_small():
    values = [1, 4, 7, 120]

    assert hidden_in_column(values, below=1) == {}
    assert hidden_in_column(values, below=8) == {0: SMALL, 1: SMALL, 2: SMALL}


def test_a_column_without_small_counts_hides_nothing():
    assert hidden_in_column([12, 40, 0, 7], below=5) == {}


def test_hidden_counts_read_in_danish():
    with translation.override("da"):
        assert hidden_text(SMALL, below=5) == "under 5"
        assert hidden_text(SMALL, below=3) == "under 3"
        assert hidden_text(COMPLEMENT, below=5) == "skjult"


def test_no_change_or_rate_is_worked_out_from_a_hidden_count():
    assert change_is_shown("", "") is True
    assert change_is_shown(SMALL, "") is False
    assert change_is_shown("", COMPLEMENT) is False
    assert rate_is_shown("") is True
    assert rate_is_shown(SMALL) is False
    assert rate_is_shown(COMPLEMENT) is False
