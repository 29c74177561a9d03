"""Spreadsheets people upload, read without believing what a file says about itself.

An XLSX workbook is a zip of XML, and both layers can ask for far more memory than the file
takes on disk: a 12 KB sheet that declares `<dimension ref="A1:XFD2000"/>` makes openpyxl pad
every row to 16,384 cells, and a few kilobytes of deflated XML can unpack to gigabytes. So a
workbook is checked before openpyxl parses anything (`check_workbook`: the zip's declared
sizes and compression ratios, then a count of rows and cells in each sheet's XML, read in
chunks), and its rows are then read one at a time (`sheet_rows`) with the declared dimension
checked and ignored. Everything beyond the caller's `Limits` is refused with a Danish message
naming the problem, before memory grows.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

EXCEL_COLUMNS = 16_384  # XFD, Excel's last column
EXCEL_ROWS = 1_048_576
ZIP_MEMBERS = 1_000  # a workbook has a few dozen parts; thousands means something else
RATIO = 200  # uncompressed to compressed, for parts over a megabyte: real sheets stay far below
RATIO_FROM = 1024 * 1024
CHUNK = 1024 * 1024

# A row or a cell element in a sheet's XML (with or without a namespace prefix), and a shared
# string. Counted on the raw bytes so nothing is built for them; a false match in a comment
# only makes the count larger.
ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
STRING_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
BOM = "\ufeff"
UTF8_BOM = b"\xef\xbb\xbf"
WINDOWS_1252 = "Windows-1252"
# What æ, ø and å look like when UTF-8 was read as Windows-1252 and saved again.
MOJIBAKE = {letter: letter.encode("utf-8").decode("cp1252") for letter in "æøåÆØÅ"}
TAG_TAIL = 64  # bytes kept between chunks so a tag cut in two is still found


@dataclass(frozen=True)
class Limits:
    """How large a table the caller is willing to read."""

    rows: int
    columns: int
    cells: int
    unpacked: int  # bytes of the whole workbook once unzipped


class Refused(Exception):
    """The file is beyond the limits; the message is Danish and says what is too large."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


def check_workbook(content: bytes, limits: Limits) -> None:
    """Refuse a zip whose parts unpack beyond `limits.unpacked` or at a ratio no spreadsheet
    has, or whose sheets hold more rows, cells or cells in one row than `limits` allow. A zip
    that cannot be opened passes: openpyxl then says it is no workbook."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    with archive:
        members = archive.infolist()
        if len(members) > ZIP_MEMBERS:
            raise Refused(
                _(
                    "Regnearket består af %(count)s dele; et Excel-regneark har højst nogle hundrede."
                )
                % {"count": _n(len(members))}
            )
        # zipfile stops at the declared size when it unpacks, so the declared sizes are bounds.
        total = sum(member.file_size for member in members)
        if total > limits.unpacked:
            raise Refused(
                _(
                    "Regnearket fylder %(size)s, når det er pakket ud; højst %(max)s kan "
                    "indlæses. Del det op, eller gem det som CSV."
                )
                % {"size": filesizeformat(total), "max": filesizeformat(limits.unpacked)}
            )
        for member in members:
            if member.file_size > RATIO_FROM and member.file_size > RATIO * max(
                member.compress_size, 1
            ):
                raise Refused(
                    _(
                        "Regnearkets del »%(part)s« er pakket %(ratio)s gange tættere sammen, "
                        "end et regneark kan være; filen indlæses ikke."
                    )
                    % {
                        "part": member.filename,
                        "ratio": _n(member.file_size // max(member.compress_size, 1)),
                    }
                )
        for member in members:
            name = member.filename.casefold()
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                _count_sheet(archive, member, limits)
            elif name == "xl/sharedstrings.xml":
                _count_strings(archive, member, limits)


def _tags(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes in chunks, each ending before a tag the next chunk completes, so a
    pattern over tags finds each one exactly once."""
    with archive.open(member) as stream:
        carry = b""
        while chunk := stream.read(CHUNK):
            data = carry + chunk
            cut = data.rfind(b"<")
            if cut > len(data) - TAG_TAIL:
                data, carry = data[:cut], data[cut:]
            else:
                carry = b""
            yield data
        yield carry


def _count_sheet(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits) -> None:
    """Rows, cells and cells per row of a sheet's XML, before openpyxl builds any of them."""
    rows = cells = in_row = 0
    for data in _tags(archive, member):
        position = 0
        for row in ROW_TAG.finditer(data):
            in_row += len(CELL_TAG.findall(data, position, row.start()))
            cells = _settle_row(cells, in_row, limits, rows)
            in_row, rows, position = 0, rows + 1, row.end()
            if rows > limits.rows:
                raise Refused(_too_many_rows(limits))
        in_row += len(CELL_TAG.findall(data, position))
    _settle_row(cells, in_row, limits, rows)


def _settle_row(cells: int, in_row: int, limits: Limits, line: int) -> int:
    """The cells so far with a finished row's added, refused beyond the limits."""
    if in_row > limits.columns:
        raise Refused(
            _(
                "Række %(line)s i regnearket har %(count)s celler; højst %(max)s kolonner kan "
                "indlæses."
            )
            % {"line": _n(line), "count": _n(in_row), "max": _n(limits.columns)},
            line=line or None,
        )
    cells += in_row
    if cells > limits.cells:
        raise Refused(_too_many_cells(limits))
    return cells


def _count_strings(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits) -> None:
    """openpyxl holds every shared string in memory; a real sheet has no more than cells."""
    strings = 0
    for data in _tags(archive, member):
        strings += len(STRING_TAG.findall(data))
        if strings > limits.cells:
            raise Refused(_too_many_cells(limits))


def sheet_rows(sheet, limits: Limits) -> Iterator[tuple[int, tuple]]:
    """The rows of an openpyxl read-only sheet as (line, values), one at a time, with empty
    cells after the last value left off. The declared dimension (`<dimension ref=…>`) is
    refused beyond `limits` and otherwise ignored: openpyxl would pad every row to it. Raises
    Refused at the first row beyond the limits, or with a value beyond the last column."""
    declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
    if declared_rows > limits.rows or declared_columns > limits.columns:
        raise Refused(
            _(
                "Regnearket angiver sin størrelse som %(rows)s rækker og %(columns)s kolonner "
                "(%(ref)s); højst %(max_rows)s rækker og %(max_columns)s kolonner kan indlæses. "
                "Slet de tomme rækker og kolonner, eller gem arket som CSV."
            )
            % {
                "rows": _n(declared_rows),
                "columns": _n(declared_columns),
                "ref": _dimension(sheet),
                "max_rows": _n(limits.rows),
                "max_columns": _n(limits.columns),
            }
        )
    sheet.reset_dimensions()
    width = limits.columns
    for line, row in enumerate(sheet.iter_rows(values_only=True), 1):
        if line > limits.rows:
            raise Refused(_too_many_rows(limits), line=line)
        if not row:
            yield line, ()
            continue
        if len(row) > width:
            # Cells beyond the last column only count when they hold something (a formatted
            # cell far to the right is harmless); tuple.count keeps this at C speed.
            if row.count(None) - row[:width].count(None) != len(row) - width:
                raise Refused(
                    _(
                        "Linje %(line)s i regnearket har indhold efter kolonne %(max)s; højst "
                        "%(max)s kolonner kan indlæses."
                    )
                    % {"line": _n(line), "max": _n(width)},
                    line=line,
                )
            row = row[:width]
        end = len(row)
        while end and row[end - 1] is None:
            end -= 1
        yield line, row[:end]


def _dimension(sheet) -> str:
    try:
        return sheet.calculate_dimension()
    except (ValueError, TypeError):
        return "?"


def _too_many_rows(limits: Limits) -> str:
    return _(
        "Regnearket har mere end %(max)s rækker; højst %(max)s kan indlæses. Del det op, eller "
        "gem det som CSV."
    ) % {"max": _n(limits.rows)}


def _too_many_cells(limits: Limits) -> str:
    return _(
        "Regnearket har mere end %(max)s celler; højst %(max)s kan indlæses. Del det op, eller "
        "gem det som CSV."
    ) % {"max": _n(limits.cells)}


def decode(content: bytes) -> tuple[str, str]:
    """A CSV file's text and the name of its encoding, as Danish users' files come: UTF-16 by
    its BOM, UTF-8 (with or without BOM) when it decodes, else Windows-1252, which Danish
    Excel's »CSV (semikolonsepareret)« is. Bytes that mean nothing become U+FFFD, which the
    readers refuse as lost letters. A UTF-8 file cut off in the middle of a letter is read up
    to the cut (its last line then shows as cut off)."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16", errors="replace").lstrip(BOM), "UTF-16"
    if content.startswith(UTF8_BOM):
        return content[3:].decode("utf-8", errors="replace"), _("UTF-8 med BOM")
    try:
        return content.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.end == len(content):
            return content[: error.start].decode("utf-8"), "UTF-8"
    return content.decode("cp1252", errors="replace"), WINDOWS_1252


def csv_rows(
    text: str, *, delimiter: str, max_field: int, max_lines: int
) -> Iterator[tuple[int, list[str]]]:
    """The records of CSV text as (line, fields), the line being where the record ends. Raises
    Refused, naming the line, at a field over `max_field` characters (a quote never closed
    swallows the rest of the file into one), past `max_lines` lines, or for what the csv module
    cannot read; `max_field` must stay under the module's own limit (131,072), which would
    otherwise raise first with its English message."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for fields in reader:
            line = reader.line_num
            if line > max_lines:
                raise Refused(
                    _(
                        "Filen har mere end %(max)s linjer; højst %(max)s kan indlæses. Del den "
                        "op, og indlæs delene hver for sig."
                    )
                    % {"max": _n(max_lines)},
                    line=line,
                )
            # One sum in C per record; the fields are looked at one by one only when it is large.
            if sum(map(len, fields)) > max_field and max(map(len, fields)) > max_field:
                raise _field_too_long(line, max_field)
            yield line, fields
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise _field_too_long(reader.line_num, max_field) from error
        raise Refused(
            _("Linje %(line)s kan ikke læses som CSV (%(error)s).")
            % {"line": _n(reader.line_num), "error": error},
            line=reader.line_num,
        ) from error


def _field_too_long(line: int, max_field: int) -> Refused:
    return Refused(
        _(
            "Linje %(line)s har et felt med mere end %(max)s tegn; højst %(max)s tegn i ét felt "
            'kan indlæses. Mangler et afsluttende anførselstegn (")?'
        )
        % {"line": _n(line), "max": _n(max_field)},
        line=line,
    )
