"""The checks every XLSX import makes before openpyxl parses a workbook."""

import io

import pytest
from openpyxl import load_workbook

from kredsraad.core import spreadsheets
from tests.spreadsheets import wide_rows, with_rows_at, workbook

LIMITS = spreadsheets.Limits(rows=100, columns=10, cells=500, unpacked=1024 * 1024)


def refusal(content: bytes, limits=LIMITS) -> str:
    with pytest.raises(spreadsheets.Refused) as refused:
        spreadsheets.check_workbook(content, limits)
    return refused.value.message


def test_a_workbook_within_the_limits_passes():
    spreadsheets.check_workbook(workbook([("a", "b")] * 50), LIMITS)


def test_a_zip_that_is_no_zip_is_left_to_openpyxl_to_refuse():
    spreadsheets.check_workbook(b"PK\x03\x04 and nothing else", LIMITS)


def test_a_row_with_more_cells_than_columns_is_refused_by_its_xml():
    assert refusal(wide_rows(workbook([("a",)]), 1, 11)) == (
        "Række 2 i regnearket har 11 celler; højst 10 kolonner kan indlæses."
    )


def test_more_rows_than_the_limit_are_refused_by_their_xml():
    assert refusal(workbook([("a",)] * 101)) == (
        "Regnearket har mere end 100 rækker; højst 100 kan indlæses. Del det op, eller gem det "
        "som CSV."
    )


def test_more_cells_than_the_limit_are_refused_by_their_xml():
    assert refusal(workbook([("a",) * 10] * 51)) == (
        "Regnearket har mere end 500 celler; højst 500 kan indlæses. Del det op, eller gem det "
        "som CSV."
    )


def test_a_workbook_unpacking_beyond_the_limit_is_refused():
    limits = spreadsheets.Limits(rows=10**6, columns=10**4, cells=10**7, unpacked=100 * 1024)

    assert refusal(wide_rows(workbook([("a",)]), 1000, 10), limits) == (
        "Regnearket fylder 173,3\xa0KB, når det er pakket ud; højst 100,0\xa0KB kan indlæses. "
        "Del det op, eller gem det som CSV."
    )


def test_rows_far_down_are_counted_as_they_are_read():
    limits = spreadsheets.Limits(rows=1000, columns=10, cells=500, unpacked=1024 * 1024)
    content = with_rows_at(workbook([("a",)]), 5000)

    spreadsheets.check_workbook(content, limits)  # the XML has two rows
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    with pytest.raises(spreadsheets.Refused) as refused:
        list(spreadsheets.sheet_rows(sheet, limits))

    assert refused.value.line == 1001
