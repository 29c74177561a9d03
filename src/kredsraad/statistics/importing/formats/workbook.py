"""XLSX workbooks as records: the first sheet, read within `WORKBOOK_LIMITS`, its cells as
the text a CSV file would hold."""

import io
from itertools import islice

from django.utils.translation import gettext as _

from kredsraad.core import spreadsheets
from kredsraad.statistics.importing.formats.text import Source, refuse_broken_letters
from kredsraad.statistics.importing.formats.vocabulary import HEAD_LINES, Unreadable

# A workbook's rows are all held while it is read, so its size is bounded before openpyxl
# builds them: Excel's own row limit; columns for 20 years of quarters and then some; cells for
# several hundred thousand rows of the long layout (about 150 MB held at most). Larger tables
# come as CSV, which is read as it goes.
WORKBOOK_LIMITS = spreadsheets.Limits(
    rows=spreadsheets.EXCEL_ROWS, columns=1_000, cells=3_000_000, unpacked=250 * 1024 * 1024
)


def workbook_source(content: bytes) -> Source:
    from openpyxl import load_workbook

    try:
        spreadsheets.check_workbook(content, WORKBOOK_LIMITS)
    except spreadsheets.Refused as refused:
        raise Unreadable(refused.message, line=refused.line) from refused
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises a handful of kinds for a zip that is no workbook
        raise Unreadable(
            _(
                "Filen er en zip-fil, men ikke et Excel-regneark (.xlsx). Gem tabellen som .xlsx "
                "eller CSV, og prøv igen."
            )
        ) from error
    try:
        sheet = workbook.worksheets[0]
        # Rows without a cell are left out (their line numbers stay): a sheet can put its
        # last row a million lines down at no cost to itself.
        records = [
            (line, [_cell(value) for value in row])
            for line, row in spreadsheets.sheet_rows(sheet, WORKBOOK_LIMITS)
            if row
        ]
    except spreadsheets.Refused as refused:
        raise Unreadable(refused.message, line=refused.line) from refused
    finally:
        workbook.close()
    width = max((len(row) for _line, row in records), default=0)
    for _line, row in records:
        row.extend([""] * (width - len(row)))
    if not any(any(cell.strip() for cell in row) for _line, row in records):
        raise Unreadable(_("Filen er tom."))
    for line, row in records:
        refuse_broken_letters("\t".join(row), line)
    return Source(
        records=lambda _delimiter: iter(records),
        head=lambda _delimiter: islice(records, HEAD_LINES),
        delimiters=(None,),
        encoding="Excel",
        xlsx=True,
    )


def _cell(value) -> str:
    """A workbook cell as the text a CSV file would hold: 12.0 → "12", 12.5 → "12,5"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
