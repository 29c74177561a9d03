"""The one quarter arithmetic that reporting, milestones, meetings and figures share."""

import datetime

import pytest

from kredsraad.core.quarters import Quarter


def test_a_day_falls_in_its_quarter():
    assert [Quarter.of(datetime.date(2023, month, 15)).number for month in range(1, 13)] == [
        1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4,
    ]  # fmt: skip


def test_quarters_shift_across_years_both_ways():
    assert (Quarter(2023, 1).shifted(-1), Quarter(2023, 4).shifted(1)) == (
        Quarter(2022, 4),
        Quarter(2024, 1),
    )
    assert Quarter(2022, 3).shifted(-4) == Quarter(2021, 3)


def test_a_run_of_quarters_counts_both_ends():
    assert Quarter(2021, 4).until(Quarter(2022, 2)) == 3


def test_a_quarter_spans_its_first_and_last_day():
    assert (Quarter(2024, 1).first_day, Quarter(2024, 1).last_day) == (
        datetime.date(2024, 1, 1),
        datetime.date(2024, 3, 31),
    )
    assert Quarter(2023, 4).last_day == datetime.date(2023, 12, 31)


def test_only_a_stored_quarter_is_parsed():
    assert str(Quarter.parse("2023K2")) == "2023K2"
    with pytest.raises(ValueError):
        Quarter.parse("2023Q2")


def test_a_quarter_is_named_in_danish():
    assert Quarter(2023, 2).label == "2. kvartal 2023"
