"""Periods as Danmarks Statistik writes them, and the periods a comparison is made of."""

import pytest

from kredsraad.statistics.periods import (
    Period,
    PeriodError,
    Quarter,
    parse_period,
    parse_quarter,
    whole_year,
    year_earlier,
    year_to_date,
)


@pytest.mark.parametrize("text", ["2022K3", "2022Q3", "2022k3", " 2022 K3 "])
def test_quarter_is_read_with_k_or_q(text):
    quarter = parse_quarter(text)

    assert quarter == Quarter(2022, 3)
    assert str(quarter) == "2022K3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022K3", "2022K3"),
        ("2022Q3", "2022K3"),
        ("2022K1-2022K3", "2022K1-2022K3"),
        ("2022Q1 – 2022Q3", "2022K1-2022K3"),  # noqa: RUF001
        ("2021K4-2022K2", "2021K4-2022K2"),
        ("2022", "2022K1-2022K4"),
        ("2021-2022", "2021K1-2022K4"),
    ],
)
def test_period_is_written_back_with_k(text, expected):
    assert str(parse_period(text)) == expected


def test_range_includes_both_ends_across_a_new_year():
    period = parse_period("2021K4-2022K2")

    assert period.codes() == ["2021K4", "2022K1", "2022K2"]
    assert len(period) == 3


def test_year_is_its_four_quarters():
    assert parse_period("2022") == whole_year(2022)
    assert whole_year(2022).codes() == ["2022K1", "2022K2", "2022K3", "2022K4"]


@pytest.mark.parametrize("text", ["2022K5", "2022K0", "22K1", "2022-K1", "K3", "", "2022K1-"])
def test_unreadable_period_is_refused_in_danish(text):
    with pytest.raises(PeriodError) as error:
        parse_period(text)

    assert str(error.value) == f"Ugyldig periode »{text.strip()}«. Skriv fx 2022K1-2022K3."


def test_backwards_range_is_refused_in_danish():
    with pytest.raises(PeriodError) as error:
        parse_period("2022K3-2022K1")

    assert str(error.value) == (
        "Perioden »2022K3-2022K1« slutter, før den begynder. Skriv fx 2022K1-2022K3."
    )


def test_year_earlier_is_the_same_quarters():
    assert str(year_earlier("2022K1-2022K3")) == "2021K1-2021K3"
    assert str(year_earlier(parse_period("2021K4-2022K1"))) == "2020K4-2021K1"
    assert str(year_earlier(Quarter(2022, 1))) == "2021K1"


def test_year_to_date_runs_from_the_first_quarter_of_the_year():
    assert year_to_date("2022K3") == Period(Quarter(2022, 1), Quarter(2022, 3))
    assert str(year_to_date(Quarter(2023, 1))) == "2023K1"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2022K3", "3. kvartal 2022"),
        ("2022K1-2022K3", "1.–3. kvartal 2022"),  # noqa: RUF001
        ("2022", "2022"),
        ("2021-2022", "2021–2022"),  # noqa: RUF001
        ("2021K4-2022K2", "4. kvartal 2021–2. kvartal 2022"),  # noqa: RUF001
    ],
)
def test_period_reads_in_danish_words(text, label):
    assert parse_period(text).label == label
