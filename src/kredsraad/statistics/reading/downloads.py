"""The tables beside the statistics charts, and the same tables as CSV and XLSX.

A `Table` holds each cell's value and the text the page shows for it, so the page and the
files cannot disagree. CSV is for Danish Excel: `;` between cells, UTF-8 with a BOM, numbers
with a decimal comma and no thousands separator (so Excel reads them as numbers). XLSX cells
hold real numbers with a Danish-looking number format; text stays text, never a formula."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

# Excel runs a cell that starts like a formula; such text gets a quote in front in CSV.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Cell:
    value: int | Decimal | str | None
    text: str  # as the page shows it: "1.234", "12,5 %", a dash for none
    decimals: int = 0  # for a number: how many the files keep

    @property
    def is_number(self) -> bool:
        """A number, or a number's place left empty (shown as a dash)."""
        return not isinstance(self.value, str)


@dataclass(frozen=True)
class Table:
    """`rows[n][0]` is the row's header (a `<th scope="row">` on the page)."""

    name: str  # the download's name: "kommuner" → kommuner.csv
    caption: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    source: str = ""  # "Kilde: Danmarks Statistik, STRAF11, hentet …"; below the XLSX table

    @property
    def head(self) -> list[tuple[str, bool]]:
        """(column, whether it holds numbers), judged by the first row: numbers are
        right-aligned on the page."""
        kinds = [cell.is_number for cell in self.rows[0]] if self.rows else []
        return [
            (column, n > 0 and n < len(kinds) and kinds[n]) for n, column in enumerate(self.columns)
        ]


def as_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_guard(column) for column in table.columns])
    writer.writerows([_csv_cell(cell) for cell in row] for row in table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(cell: Cell) -> str:
    if cell.value is None:
        return ""
    if isinstance(cell.value, int | Decimal):
        return f"{cell.value:.{cell.decimals}f}".replace(".", ",")
    return _guard(str(cell.value))


def _guard(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def as_xlsx(table: Table) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.name[:31]
    sheet.append([_text(column) for column in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for r, row in enumerate(table.rows, start=2):
        for c, value in enumerate(row, start=1):
            if isinstance(value.value, int | Decimal):
                target = sheet.cell(row=r, column=c, value=value.value)
                target.number_format = "#,##0" + (
                    "." + "0" * value.decimals if value.decimals else ""
                )
            elif value.value is not None:
                target = sheet.cell(row=r, column=c, value=_text(str(value.value)))
                target.data_type = "s"  # text that starts with "=" stays text
    sheet.column_dimensions["A"].width = 28
    for letter in "BCDEFG"[: max(len(table.columns) - 1, 0)]:
        sheet.column_dimensions[letter].width = 18
    sheet.freeze_panes = "B2"
    if table.source:
        sheet.cell(row=len(table.rows) + 3, column=1, value=_text(table.source)).data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)
