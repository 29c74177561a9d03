"""Statistics files read into rows with Danmarks Statistik's codes. The format is told from the
content, never from the name; every problem in a file is reported at once, and a file with
problems gives no rows at all. Nothing here touches the database: labels come in as `Labels`,
and whether a code exists is the importer's question.

`read` understands what Danmarks Statistik hands out:

- API CSV and BULK (api.statbank.dk/v1/data/…/CSV or BULK), format "api-csv" (BULK looks the
  same): `;`-separated, a header of variable names and INDHOLD (`OMRÅDE;OVERTRÆD;TID;INDHOLD`,
  also `Tid`), cells as codes ("851"), labels ("Aalborg") or both ("851 Aalborg",
  valuePresentation=CodeAndValue). BULK leaves out zero cells; nothing is made up for them.
- The long CSV of the reference data, format "long-csv": `,`-separated, codes and labels in
  separate columns (`OMRÅDE_kode,OMRÅDE,OVERTRÆD_kode,OVERTRÆD,TID,INDHOLD`). The code column
  wins; its label column is not checked.
- StatBank web exports in the wide layout, format "wide": periods as columns (`" "," ","2007K1",…`
  or with `;`), the first columns the labels of the area and the offence, in Danish or English,
  their header cells blank or named. Which label column is which is told from the values. A
  blank label cell repeats the one above it (StatBank writes a group's label once). When the
  offence is no column, a line above the header naming one offence (its label or "code label",
  typically under the title "Anmeldte forbrydelser efter område, overtrædelsens art og tid")
  holds for every row; the same goes for a single area.
- XLSX, format "xlsx": either layout on the first sheet, with title lines above it if need be.
- Population (FOLK1A): a layout without an offence column, or whose value column is
  `folketal…`, is FOLK1A with offence "". KØN and ALDER are read into sex and age ("" for their
  totals); CIVILSTAND keeps its total only (there is no field for the others).

Quarters "2022K3" and "2022Q3" both become "2022K3", but a file that mixes K and Q is refused;
years ("2022") are read as they are. ".." is a missing value (`None`). A count must be a whole,
non-negative number ("12", "12,0" and "1.234" read; "12,5" does not). An area code column
(`OMRÅDE_kode`, or a column holding nothing but numbers) pads "81" to "081"; "0851" is always
read as "851". Encodings: UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252. Text
whose letters were destroyed before it reached us (U+FFFD, or UTF-8 read as Windows-1252:
"Ã" and a second character for "ø") is refused, as are web pages, JSON, empty and truncated
files. In a CSV file every line under the header must have all its columns (a one-cell note
under a wide table reads as a cut-off line); a wide row without numbers (a group's heading, a
note in a workbook, whose rows are all as wide as the sheet) is passed over. Problems
that can repeat on every line (counts, duplicates, broken lines) are listed up to 50 of each
kind and then counted; unknown labels are listed once each, with the first line they are on.

`read_police` reads the police's own export; see there.
"""

import io
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kredsraad.core import spreadsheets
from kredsraad.statistics.rows import FOLK1A, STRAF11, Labels, Parsed, Problem, Row

POLICE = "police"

ZIP = b"PK\x03\x04"  # an XLSX workbook is a zip archive
OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls: an OLE compound file
BOM = "\ufeff"
REPLACEMENT = "\ufffd"
MOJIBAKE = spreadsheets.MOJIBAKE
MISSING = ".."
SHOWN_PER_KIND = 50  # value, duplicate and line problems beyond this are counted, not listed
HEAD_LINES = 40  # the header must be among the first lines (titles may come before it)
DELIMITERS = (";", ",", "\t")
# A cell holds a code, a label, a number or a title line above the table; notes under a table
# are the longest, at a few hundred characters. A longer field is a quote never closed.
MAX_FIELD = 10_000
# Lines of a CSV file: all of STRAF11 in the long layout is 725,040, and the rows read are held
# until the import, so more than twice that is refused rather than read.
MAX_LINES = 2_000_000
# A workbook's rows are all held while it is read, so its size is bounded before openpyxl
# builds them: Excel's own row limit; columns for 20 years of quarters and then some; cells for
# several hundred thousand rows of the long layout (about 150 MB held at most). Larger tables
# come as CSV, which is read as it goes.
WORKBOOK_LIMITS = spreadsheets.Limits(
    rows=spreadsheets.EXCEL_ROWS, columns=1_000, cells=3_000_000, unpacked=250 * 1024 * 1024
)

AREA, OFFENCE, TIME, VALUE = "area", "offence", "time", "value"
SEX, AGE, CIVIL = "sex", "age", "civil"
# Header names, casefolded, without a suffix such as "_kode", and what they hold.
ROLES = {
    name: role
    for role, names in {
        AREA: ("område", "region", "area"),
        OFFENCE: ("overtræd", "overtrædelse", "overtrædelsens art", "type of offence"),
        TIME: ("tid", "time", "kvartal", "periode"),
        SEX: ("køn", "sex"),
        AGE: ("alder", "age"),
        CIVIL: ("civilstand", "marital status"),
        VALUE: ("indhold", "content", "antal", "value"),  # and "folketal…"
    }.items()
    for name in names
}
# The name a column is called by in messages.
COLUMN_NAMES = {
    AREA: "OMRÅDE",
    OFFENCE: "OVERTRÆD",
    TIME: "TID",
    SEX: "KØN",
    AGE: "ALDER",
    CIVIL: "CIVILSTAND",
    VALUE: "INDHOLD",
}
CODE, LABEL, MIXED = "code", "label", "mixed"  # what a column's cells are
SUFFIXES = {"_kode": CODE, "_code": CODE, " kode": CODE, "_tekst": LABEL, "_label": LABEL}
# The totals of KØN, ALDER and CIVILSTAND, as codes and as Danish and English labels.
TOTALS = {"tot", "ialt", "i alt", "total", "in total", "age, total"}
TOTALS |= {"køn i alt", "alder i alt", "civilstand i alt"}
SEXES = {"1": "1", "mænd": "1", "men": "1", "2": "2", "kvinder": "2", "women": "2"}

AREA_CODE = re.compile(r"0?\d{3}")  # "851", and "0851" as some registers write it
OFFENCE_CODE = re.compile(r"TOT|\d{1,4}", re.IGNORECASE)
QUARTER = re.compile(r"(\d{4})\s*([KQ])\s*([1-4])", re.IGNORECASE)
YEAR = re.compile(r"\d{4}")
AGE_LABEL = re.compile(r"(\d{1,3})\s*(?:år|years?)", re.IGNORECASE)
WHOLE = re.compile(r"-?\d{1,3}(?:\.\d{3})+|-?\d+(?:,0+)?")  # 1.234 and 12,0: Danish
NUMBER = re.compile(r"-?\d[\d.]*(?:,\d+)?|-?\d*\.\d+")

_UNSEEN = object()  # not looked up yet
_BAD = object()  # a count that cannot be used; the problem is already reported

Records = Iterator[tuple[int, list[str]]]  # (line, cells) of a file

# Problem kinds that can repeat on every line: only the first SHOWN_PER_KIND are listed.
CAPPED = {"value", "duplicate", "line"}


class _Refused(Exception):
    """The file cannot be read at all: one problem, no rows."""

    def __init__(self, message: str, line: int | None = None, value: str = ""):
        super().__init__(message)
        self.problem = Problem(line, "", value, message)


# Public ------------------------------------------------------------------------------------------


def read(name: str, content: bytes, *, labels: Labels, table: str | None = None) -> Parsed:
    """The rows of a file from Danmarks Statistik (see the module for the formats), with codes
    for labels looked up in `labels`. `table` names the table when the file cannot say
    (default STRAF11, or FOLK1A for a layout without offences). An unknown label is a problem
    here; an unknown code is left to the importer. With problems, `rows` is empty."""
    try:
        return _read(name, content, labels, table)
    except _Refused as refused:
        return Parsed(table=table or STRAF11, format="", problems=[refused.problem])


def _read(name: str, content: bytes, labels: Labels, table: str | None) -> Parsed:
    source = _open(content)
    found = _locate(source)
    if found is None:
        return Parsed(
            table=table or STRAF11,
            format="xlsx" if source.xlsx else "",
            problems=[_no_header(source)],
        )
    delimiter, index, layout = found
    records = source.records(delimiter)
    preamble = list(islice(records, index))
    header_line, header = next(records)
    if layout == "long":
        cells, format = _read_long(header_line, header, records, source, labels, table)
    else:
        cells, format = _read_wide(header_line, header, preamble, records, source, labels, table)
    if source.xlsx:
        format = "xlsx"
    parsed = cells.parsed(format)
    if not parsed.problems:
        parsed.notes.insert(
            0,
            _("»%(name)s« er læst som %(format)s (%(encoding)s): %(count)s rækker.")
            % {
                "name": name,
                "format": _format_name(format if not source.xlsx else layout),
                "encoding": source.encoding,
                "count": number_format(len(parsed.rows), force_grouping=True),
            },
        )
    return parsed


def read_police(name: str, content: bytes, *, mapping: dict[str, str], areas: Labels) -> Parsed:
    """The rows of the police's own export, table "police".

    A header line names the columns, in any order and with `;`, `,` or tab between them (XLSX
    works too): the area (KOMMUNE, OMRÅDE …: a municipality's name as in `areas`, "Aalborg
    Kommune" too, or its code), the police's category (KATEGORI, OVERTRÆDELSE …), the quarter
    (PERIODE, KVARTAL …: "2023K1" or "2023 K1", Q for K too; "1. kvt. 2023" is not read) and
    the count (ANTAL …). Other columns are left out with a note. `mapping` takes a category
    (casefolded) to an offence code; every category without one is a problem. Categories that
    map to the same code are added up per area and quarter. With problems, `rows` is empty."""
    try:
        return _read_police(name, content, mapping, areas)
    except _Refused as refused:
        return Parsed(table=POLICE, format="police", problems=[refused.problem])


def _read_police(name: str, content: bytes, mapping: dict[str, str], areas: Labels) -> Parsed:
    source = _open(content)
    cells = _Cells(POLICE, areas)
    found = _locate_police(source)
    if found is None:
        cells.report("structure", 1, "", "", _police_columns_message())
        return cells.parsed("police")
    delimiter, index, columns, unused = found
    records = source.records(delimiter)
    _header_line, header = next(islice(records, index, None))
    for name_of_column in unused:
        cells.notes.append(
            _("Kolonnen »%(name)s« bruges ikke og er sprunget over.") % {"name": name_of_column}
        )
    categories = {_words(text): code for text, code in mapping.items()}
    _read_police_rows(cells, header, records, columns, categories, source)
    parsed = cells.parsed("police")
    if not parsed.problems:
        parsed.notes.insert(
            0,
            _("»%(name)s« er læst som politiets eksport (%(encoding)s): %(count)s rækker.")
            % {
                "name": name,
                "encoding": source.encoding,
                "count": number_format(len(parsed.rows), force_grouping=True),
            },
        )
    return parsed


# Opening: bytes to records -----------------------------------------------------------------------


@dataclass
class _Source:
    """A file's records, by delimiter: a text file is read again for each delimiter tried, and
    its first lines (`head`) are enough to find the header."""

    records: Callable[[str | None], Records]
    head: Callable[[str | None], Records]
    delimiters: tuple
    encoding: str
    xlsx: bool = False
    text: str = ""  # the decoded file, for a text file


def _open(content: bytes) -> _Source:
    """The file as records, or _Refused when it is empty, no data or its letters are broken."""
    if not content.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise _Refused(_("Filen er tom."))
    if content.startswith(ZIP):
        return _workbook(content)
    if content.startswith(OLD_EXCEL):
        raise _Refused(
            _("Filen er i Excels gamle format (.xls). Gem den som .xlsx eller CSV, og prøv igen.")
        )
    text, encoding = spreadsheets.decode(content)
    _refuse_non_data(text)
    if "\x00" in text[:4096]:
        raise _Refused(_("Filen er hverken en tekstfil (CSV) eller et Excel-regneark (.xlsx)."))
    _refuse_broken_letters(text)
    head = _head(text)
    return _Source(
        records=lambda delimiter: _text_records(text, delimiter),
        head=lambda delimiter: _text_records(head, delimiter),
        delimiters=DELIMITERS,
        encoding=encoding,
        text=text,
    )


# How a web page (or an XML error answer) starts, after any space, BOM, comment or <?xml …?>.
MARKUP = re.compile(r"<(?:!doctype|html|head|body|title|meta|\?xml|!--)", re.IGNORECASE)


def _refuse_non_data(text: str) -> None:
    start = text[:2048].lstrip(BOM + " \t\r\n\x00").casefold()
    if MARKUP.match(start):
        raise _Refused(
            _(
                "Filen er en webside, ikke data – måske en fejlside fra Danmarks Statistik. "  # noqa: RUF001
                "Hent tabellen igen som CSV eller BULK (eller gem den som CSV eller Excel fra "
                "Statistikbanken), og prøv igen."
            )
        )
    if start.startswith(("{", "[")):
        try:
            answer = json.loads(text)
        except ValueError:
            return  # not JSON after all: read on as text
        message = answer.get("message") if isinstance(answer, dict) else None
        if message:
            raise _Refused(
                _(
                    "Filen er et svar fra Danmarks Statistik uden data: »%(message)s«. Ret "
                    "udtrækket, og hent det igen som CSV eller BULK."
                )
                % {"message": str(message)[:300]}
            )
        raise _Refused(
            _("Filen er JSON, ikke en tabel. Hent data fra Danmarks Statistik som CSV eller BULK.")
        )


def _refuse_broken_letters(text: str, line: int | None = None) -> None:
    """Letters lost before the file reached us cannot be repaired here. `line` is the line of
    `text` when it is one line (a workbook row); else the line is counted."""
    broken = text.find(REPLACEMENT)
    if broken >= 0:
        line = line or _line_at(text, broken)
        raise _Refused(
            _(
                "Filen indeholder ødelagte tegn (%(char)s) i stedet for bogstaver som æ, ø og å "
                "(første gang i linje %(line)d). De kan ikke gendannes her; hent den igen fra "
                "Danmarks Statistik eller gem den som UTF-8, og prøv igen."
            )
            % {"char": REPLACEMENT, "line": line},
            line=line,
            value=REPLACEMENT,
        )
    found = [index for garbled in MOJIBAKE.values() if (index := text.find(garbled)) >= 0]
    if found:
        line = line or _line_at(text, min(found))
        raise _Refused(
            _(
                "Filen indeholder tegn som »%(oe)s« og »%(ae)s« i stedet for ø og æ (første "
                "gang i linje %(line)d): den er gemt som UTF-8, åbnet som et andet tegnsæt og "
                "gemt igen. Hent den igen fra Danmarks Statistik eller gem den som UTF-8, og "
                "prøv igen."
            )
            % {"oe": MOJIBAKE["ø"], "ae": MOJIBAKE["æ"], "line": line},
            line=line,
        )


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _head(text: str) -> str:
    """The first lines, enough to find the header without parsing the whole file."""
    end = 0
    for _n in range(HEAD_LINES):
        end = text.find("\n", end) + 1
        if end == 0:
            return text
    return text[:end]


def _text_records(text: str, delimiter: str | None) -> Records:
    try:
        yield from spreadsheets.csv_rows(
            text, delimiter=delimiter or ";", max_field=MAX_FIELD, max_lines=MAX_LINES
        )
    except spreadsheets.Refused as refused:
        raise _Refused(refused.message, line=refused.line) from refused


def _workbook(content: bytes) -> _Source:
    from openpyxl import load_workbook

    try:
        spreadsheets.check_workbook(content, WORKBOOK_LIMITS)
    except spreadsheets.Refused as refused:
        raise _Refused(refused.message, line=refused.line) from refused
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises a handful of kinds for a zip that is no workbook
        raise _Refused(
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
        raise _Refused(refused.message, line=refused.line) from refused
    finally:
        workbook.close()
    width = max((len(row) for _line, row in records), default=0)
    for _line, row in records:
        row.extend([""] * (width - len(row)))
    if not any(any(cell.strip() for cell in row) for _line, row in records):
        raise _Refused(_("Filen er tom."))
    for line, row in records:
        _refuse_broken_letters("\t".join(row), line)
    return _Source(
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


# The header --------------------------------------------------------------------------------------


def _locate(source: _Source) -> tuple[str | None, int, str] | None:
    """(delimiter, number of records before the header, "long" or "wide") for the first header
    found with any delimiter; the earliest and widest wins."""
    best = None
    for delimiter in source.delimiters:
        for index, (_line, fields) in enumerate(source.head(delimiter)):
            layout = _layout(fields)
            if layout:
                rank = (index, -len(fields))
                if best is None or rank < best[0]:
                    best = (rank, (delimiter, index, layout))
                break
    return best[1] if best else None


def _layout(fields: list[str]) -> str | None:
    """ "long" for a header of variable names with a value column, "wide" for labels followed
    by periods."""
    roles = [_column(cell)[0] for cell in fields]
    if VALUE in roles and sum(1 for role in roles if role and role != VALUE) >= 1:
        return "long"
    cells = [cell.strip() for cell in fields]
    if len(cells) >= 2 and not _is_period(cells[0]) and any(_is_period(cell) for cell in cells[1:]):
        return "wide"
    return None


def _column(cell: str) -> tuple[str | None, str]:
    """(role, CODE/LABEL/MIXED) of a header cell; role None for a name we do not know."""
    name = " ".join(cell.replace(BOM, "").split()).casefold()
    kind = MIXED
    for suffix, suffix_kind in SUFFIXES.items():
        if name.endswith(suffix):
            name, kind = name[: -len(suffix)].strip(), suffix_kind
            break
    if name.startswith(("folketal", "population")):
        return VALUE, kind
    return ROLES.get(name), kind


def _is_period(text: str) -> bool:
    return bool(QUARTER.fullmatch(text) or YEAR.fullmatch(text))


def _no_header(source: _Source) -> Problem:
    if source.xlsx:
        lines = ((line, ";".join(fields)) for line, fields in source.head(None))
    else:
        lines = enumerate(source.text.lstrip(BOM).splitlines()[:HEAD_LINES], 1)
    line, first = next(((line, text) for line, text in lines if text.strip(" ;,\t")), (1, ""))
    return Problem(
        line,
        "",
        first[:80],
        _(
            "Filens opbygning kendes ikke: der er ingen overskrift, som kredsraad kan læse. "
            "Første linje er »%(first)s«. Forventet er fx OMRÅDE;OVERTRÆD;TID;INDHOLD fra "
            "Statistikbankens API, OMRÅDE_kode,OMRÅDE,OVERTRÆD_kode,OVERTRÆD,TID,INDHOLD eller "
            "en tabel fra Statistikbanken med kvartalerne (2022K1, 2022K2 …) som kolonner."
        )
        % {"first": first[:80]},
    )


# What has been read so far ------------------------------------------------------------------------


@dataclass
class _Cells:
    """The rows of a file by cell, the labels and codes resolved once per distinct text, and
    the problems found so far."""

    table: str
    labels: Labels
    rows: dict[tuple, Row] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counted: Counter = field(default_factory=Counter)
    areas: dict[str, object] = field(default_factory=dict)
    offences: dict[str, object] = field(default_factory=dict)
    periods: dict[str, object] = field(default_factory=dict)
    values: dict[str, object] = field(default_factory=dict)
    unknown: set[tuple[str, str]] = field(default_factory=set)  # (role, casefolded text)
    letters: dict[str, tuple[str, int]] = field(default_factory=dict)  # "K"/"Q" → (text, line)
    padded: dict[str, int] = field(default_factory=dict)  # "81" read as "081" → first line
    area_texts: bool = False  # a mixed area column held a label
    repeats: int = 0
    skipped_civil: int = 0

    def report(self, kind: str, line: int | None, column: str, value: str, message: str) -> None:
        self.counted[kind] += 1
        if kind not in CAPPED or self.counted[kind] <= SHOWN_PER_KIND:
            self.problems.append(Problem(line, column, value, message))

    def parsed(self, format: str) -> Parsed:
        self._settle_padding()
        if len(self.letters) > 1:
            (k_text, k_line), (q_text, q_line) = self.letters["K"], self.letters["Q"]
            self.report(
                "structure",
                max(k_line, q_line),
                COLUMN_NAMES[TIME],
                q_text,
                _(
                    "Filen blander kvartaler skrevet med K (»%(k)s«, linje %(k_line)d) og med Q "
                    "(»%(q)s«, linje %(q_line)d). Hent hele filen på ét sprog: dansk (K) eller "
                    "engelsk (Q)."
                )
                % {"k": k_text, "k_line": k_line, "q": q_text, "q_line": q_line},
            )
        if not self.rows and not self.problems:
            self.report(
                "structure", None, "", "", _("Filen har en overskrift, men ingen rækker med tal.")
            )
        problems = sorted(self.problems, key=lambda problem: problem.line or 0)
        for kind, count in sorted(self.counted.items()):
            if kind in CAPPED and count > SHOWN_PER_KIND:
                problems.append(
                    Problem(
                        None,
                        "",
                        "",
                        _("Og %(count)d fejl mere af samme slags, som ikke er vist her.")
                        % {"count": count - SHOWN_PER_KIND},
                    )
                )
        notes = list(self.notes)
        if self.repeats:
            notes.append(
                _("%(count)d rækker stod to gange med samme tal og er kun talt med én gang.")
                % {"count": self.repeats}
            )
        if self.skipped_civil:
            notes.append(
                _(
                    "%(count)d rækker for de enkelte civilstande er sprunget over; kun »I alt« "
                    "bruges."
                )
                % {"count": self.skipped_civil}
            )
        rows = [] if problems else list(self.rows.values())
        return Parsed(table=self.table, format=format, rows=rows, problems=problems, notes=notes)

    # Labels and codes, each distinct text once

    def area(self, raw: str, line: int, column: str, kind: str = MIXED) -> str | None:
        text = raw.strip()
        code = None
        if not text:
            self.empty(line, column)
        elif kind != LABEL and text.isdigit() and len(text) <= 4:
            if len(text) == 4 and text.startswith("0"):
                code = text[1:]
            elif len(text) < 3:
                code = text.zfill(3)
                if kind == MIXED:
                    self.padded.setdefault(text, line)
            else:
                code = text
        elif kind == CODE:
            code = text  # whether it exists is the importer's question
        else:
            code = self.labels.area(text)
            if code is None:
                head, _space, rest = text.partition(" ")
                if kind != LABEL and rest and AREA_CODE.fullmatch(head):
                    code = head[-3:]
            if kind == MIXED:
                self.area_texts = True
            if code is None:
                self.unknown_text(AREA, text, line, column)
        code = sys.intern(code) if code else None
        if text:
            self.areas[raw] = code
        return code

    def offence(self, raw: str, line: int, column: str, kind: str = MIXED) -> str | None:
        text = raw.strip()
        code = None
        if not text:
            self.empty(line, column)
        elif kind == CODE or (kind == MIXED and OFFENCE_CODE.fullmatch(text)):
            code = text.upper() if text.casefold() == "tot" else text
        else:
            code = self.labels.offence(text)
            if code is None:
                head, _space, rest = text.partition(" ")
                if kind != LABEL and rest and OFFENCE_CODE.fullmatch(head):
                    code = head.upper()
            if code is None:
                self.unknown_text(OFFENCE, text, line, column)
        code = sys.intern(code) if code else None
        if text:
            self.offences[raw] = code
        return code

    def period(self, raw: str, line: int, column: str) -> str | None:
        text = raw.strip()
        quarter = QUARTER.fullmatch(text)
        if quarter:
            letter = quarter[2].upper()
            self.letters.setdefault(letter, (text, line))
            period = sys.intern(f"{quarter[1]}K{quarter[3]}")
        elif YEAR.fullmatch(text):
            period = sys.intern(text)
        else:
            period = None
            if text:
                self.unknown_text(TIME, text, line, column)
            else:
                self.empty(line, column)
        if text:
            self.periods[raw] = period
        return period

    def number(self, raw: str, line: int, column: str):
        """The count in a cell: an int, None for "..", or _BAD (reported)."""
        text = raw.strip()
        if text == MISSING:
            self.values[raw] = None
            return None
        if text.isascii() and text.isdigit():
            value = int(text)
        elif WHOLE.fullmatch(text):
            value = int(text.replace(".", "").split(",")[0])
        else:
            where = {"value": text, "line": line, "column": column}
            if not text:
                message = _(
                    "Linje %(line)d, kolonne %(column)s, er tom. Et tal, der mangler, skrives »..«."
                )
            elif NUMBER.fullmatch(text):
                message = _(
                    "»%(value)s« i linje %(line)d, kolonne %(column)s, er ikke et helt tal; et "
                    "antal har ingen decimaler."
                )
            else:
                message = _(
                    "»%(value)s« i linje %(line)d, kolonne %(column)s, er ikke et tal. Et tal, "
                    "der mangler, skrives »..«."
                )
            self.report("value", line, column, text, message % where)
            return _BAD
        if value < 0:
            self.report(
                "value",
                line,
                column,
                text,
                _(
                    "»%(value)s« i linje %(line)d, kolonne %(column)s, er negativt; et antal kan "
                    "ikke være negativt."
                )
                % {"value": text, "line": line, "column": column},
            )
            return _BAD
        self.values[raw] = value
        return value

    def other(self, role: str, raw: str, line: int, column: str) -> str | None:
        """KØN, ALDER or CIVILSTAND: "" for a total, else a short code; None for unknown."""
        text = raw.strip()
        key = " ".join(text.split()).casefold()
        head = key.partition(" ")[0]
        if key in TOTALS or (head in TOTALS and head != "i"):
            return ""
        if role == SEX:
            code = SEXES.get(key) or SEXES.get(head)
        elif role == AGE:
            age = AGE_LABEL.fullmatch(key)
            if age:  # "0 år", "17 years"
                code = age[1]
            elif text and " " not in text and len(text) <= 20:  # a code: "17", "100OV"
                code = text
            elif head[:1].isdigit() and len(head) <= 20:  # "code label": "17 17 år"
                code = text.partition(" ")[0]
            else:
                code = None
        else:  # CIVIL: one code per civil status; only the total is kept
            code = text or None
        if code is None:
            self.unknown_text(role, text, line, column)
        return code

    def add(self, area, offence, period, value, line, age="", sex="") -> None:
        """One cell; a second row for the same cell is dropped when it has the same value and
        a problem when not."""
        key = (area, offence, period, age, sex)
        seen = self.rows.get(key)
        if seen is None:
            self.rows[key] = Row(self.table, area, offence, period, value, age, sex, line)
        elif seen.value == value:
            self.repeats += 1
        else:
            self.duplicate(seen, value, line)

    def duplicate(self, seen: Row, value, line: int) -> None:
        cell = ", ".join(
            part for part in (seen.area, seen.offence, seen.period, seen.age, seen.sex) if part
        )
        self.report(
            "duplicate",
            line,
            COLUMN_NAMES[VALUE],
            cell,
            _(
                "Samme celle (%(cell)s) står to gange med forskellige tal: %(first)s i linje "
                "%(first_line)d og %(second)s i linje %(second_line)d."
            )
            % {
                "cell": cell,
                "first": _shown(seen.value),
                "first_line": seen.line,
                "second": _shown(value),
                "second_line": line,
            },
        )

    def empty(self, line: int, column: str) -> None:
        self.report(
            "value",
            line,
            column,
            "",
            _("Linje %(line)d, kolonne %(column)s, er tom.") % {"line": line, "column": column},
        )

    def unknown_text(self, role: str, text: str, line: int, column: str) -> None:
        """Every distinct unknown text is a problem, named with the first line it is on."""
        key = (role, text.casefold())
        if key in self.unknown:
            return
        self.unknown.add(key)
        where = {"value": text, "line": line, "column": column}
        if role == AREA:
            message = _(
                "Ukendt område »%(value)s« (første gang i linje %(line)d). Brug Danmarks "
                "Statistiks navn eller kode, fx »Aalborg« eller »851«."
            )
        elif role == OFFENCE:
            message = _(
                "Ukendt overtrædelse »%(value)s« (første gang i linje %(line)d). Brug Danmarks "
                "Statistiks betegnelse eller kode, fx »Indbrud i beboelser« eller »1320«, og "
                "indlæs kodelisten med `kredsraad statistics codes`, hvis den mangler."
            )
        elif role == TIME:
            message = _(
                "Ukendt periode »%(value)s« (første gang i linje %(line)d). Skriv kvartaler som "
                "2022K3 (eller 2022Q3) og år som 2022."
            )
        else:
            message = _(
                "Ukendt værdi »%(value)s« i kolonnen %(column)s (første gang i linje %(line)d)."
            )
        self.report("unknown", line, column, text, message % where)

    def _settle_padding(self) -> None:
        """ "81" is "081" only in a column of codes; beside labels it is a mistake."""
        if not self.area_texts:
            return
        for text, line in self.padded.items():
            self.report(
                "unknown",
                line,
                COLUMN_NAMES[AREA],
                text,
                _(
                    "Områdekoden »%(value)s« (første gang i linje %(line)d) har for få cifre. "
                    "Danmarks Statistiks områdekoder har tre cifre, fx 081 og 851."
                )
                % {"value": text, "line": line},
            )


def _shown(value: int | None) -> str:
    return MISSING if value is None else str(value)


def _format_name(format: str) -> str:
    return {
        "api-csv": _("CSV fra Statistikbankens API (CSV eller BULK)"),
        "long-csv": _("lang CSV med koder og betegnelser"),
        "long": _("lang tabel i Excel"),
        "wide": _("tabel fra Statistikbanken med perioderne som kolonner"),
    }.get(format, format)


# The long layout: one row per cell ---------------------------------------------------------------


@dataclass
class _Columns:
    """Where each variable is: (index, CODE/LABEL/MIXED) per role. Where a variable has a code
    column and a label column, the code column is read and the label column is not."""

    found: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)

    def first(self, role: str) -> tuple[int, str] | None:
        candidates = self.found.get(role)
        if not candidates:
            return None
        return min(candidates, key=lambda column: {CODE: 0, MIXED: 1, LABEL: 2}[column[1]])


def _read_long(
    header_line: int,
    header: list[str],
    records: Records,
    source: _Source,
    labels: Labels,
    table: str | None,
) -> tuple[_Cells, str]:
    cells = _Cells(table or STRAF11, labels)
    while header and not header[-1].strip():
        header.pop()
    width = len(header)
    columns = _Columns()
    for index, cell in enumerate(header):
        name = cell.replace(BOM, "").strip()
        columns.names[index] = name
        role, kind = _column(cell)
        if not name:
            cells.report(
                "structure",
                header_line,
                "",
                "",
                _("Kolonne %(number)d har ingen overskrift.") % {"number": index + 1},
            )
        elif role is None:
            cells.report(
                "structure",
                header_line,
                name,
                name,
                _(
                    "Ukendt kolonne »%(name)s«. Kendte kolonner er OMRÅDE, OVERTRÆD, TID, KØN, "
                    "ALDER, CIVILSTAND og INDHOLD (eller folketal), evt. med _kode efter navnet."
                )
                % {"name": name},
            )
        elif any(kind == other for _i, other in columns.found.get(role, [])):
            cells.report(
                "structure",
                header_line,
                name,
                name,
                _("Kolonnen »%(name)s« står mere end én gang.") % {"name": name},
            )
        else:
            columns.found.setdefault(role, []).append((index, kind))
    value_column = columns.first(VALUE)
    if table is None:
        folketal = value_column and _column(header[value_column[0]])[0] == VALUE
        folketal = folketal and columns.names[value_column[0]].casefold().startswith("folketal")
        table = FOLK1A if folketal or columns.first(OFFENCE) is None else STRAF11
    cells.table = table
    population = table == FOLK1A
    required = [AREA, TIME, VALUE] + ([] if population else [OFFENCE])
    for role in required:
        if columns.first(role) is None:
            cells.report(
                "structure",
                header_line,
                COLUMN_NAMES[role],
                "",
                _("Filen mangler kolonnen %(name)s.") % {"name": COLUMN_NAMES[role]},
            )
    if population and columns.first(OFFENCE):
        index = columns.first(OFFENCE)[0]
        cells.report(
            "structure",
            header_line,
            columns.names[index],
            "",
            _("Tabellen %(table)s har ingen overtrædelser, men filen har kolonnen »%(name)s«.")
            % {"table": FOLK1A, "name": columns.names[index]},
        )
    coded = any(kind != MIXED for found in columns.found.values() for _i, kind in found)
    format = "long-csv" if coded else "api-csv"
    if cells.problems:
        return cells, format
    _long_rows(cells, columns, width, records, source)
    return cells, format


def _long_rows(
    cells: _Cells,
    columns: _Columns,
    width: int,
    records: Records,
    source: _Source,
) -> None:
    """The hot loop: ~700,000 rows for all of STRAF11. Each distinct text is resolved once."""
    ia, area_kind = columns.first(AREA)
    it = columns.first(TIME)[0]
    iv = columns.first(VALUE)[0]
    io_, offence_kind = columns.first(OFFENCE) or (None, MIXED)
    extras = [
        (index, role)
        for role in (SEX, AGE, CIVIL)
        for index, _kind in columns.found.get(role, [])[:1]
    ]
    names = columns.names
    area_name, time_name, value_name = names[ia], names[it], names[iv]
    offence_name = names[io_] if io_ is not None else ""
    areas, offences, periods, values = cells.areas, cells.offences, cells.periods, cells.values
    rows, table = cells.rows, cells.table
    unseen, bad = _UNSEEN, _BAD
    short: list[tuple[int, int]] = []
    last: tuple[int, list[str]] = (0, [])
    for line, fields in records:
        if not fields:
            continue  # an empty line
        last = line, fields
        if len(fields) != width and _irregular(cells, line, fields, width, short):
            continue
        raw = fields[ia]
        area = areas.get(raw, unseen)
        if area is unseen:
            if not raw.strip() and not any(cell.strip() for cell in fields):
                continue  # a line of separators only
            area = cells.area(raw, line, area_name, area_kind)
        if io_ is None:
            offence = ""
        else:
            raw = fields[io_]
            offence = offences.get(raw, unseen)
            if offence is unseen:
                offence = cells.offence(raw, line, offence_name, offence_kind)
        raw = fields[it]
        period = periods.get(raw, unseen)
        if period is unseen:
            period = cells.period(raw, line, time_name)
        raw = fields[iv]
        value = values.get(raw, unseen)
        if value is unseen:
            value = cells.number(raw, line, value_name)
        age = sex = ""
        if extras:
            found = _extras(cells, extras, fields, line, names)
            if found is None:
                continue
            age, sex = found
        if area is None or offence is None or period is None or value is bad:
            continue
        key = (area, offence, period, age, sex)
        seen = rows.get(key)
        if seen is None:
            rows[key] = Row(table, area, offence, period, value, age, sex, line)
        elif seen.value == value:
            cells.repeats += 1
        else:
            cells.duplicate(seen, value, line)
    _settle_end(cells, source, width, short, last)


def _extras(cells: _Cells, extras, fields, line, names) -> tuple[str, str] | None:
    """(age, sex) of a row, or None when the row is to be left out (a single civil status, or
    an unknown value, which is reported)."""
    age = sex = ""
    for index, role in extras:
        code = cells.other(role, fields[index], line, names[index])
        if code is None:
            return None
        if role == CIVIL:
            if code:
                cells.skipped_civil += 1
                return None
        elif role == AGE:
            age = code
        else:
            sex = code
    return age, sex


def _settle_end(
    cells: _Cells,
    source: _Source,
    width: int,
    short: list[tuple[int, int]],
    last: tuple[int, list[str]],
) -> None:
    """A quote never closed (the csv module then reads on to the end of the file) or a last
    line with too few columns means the file was cut off; other short lines are broken.
    `short` holds (line, cells found) of the short lines, `last` the last record read."""
    line, fields = last
    unclosed = (
        not source.xlsx
        and source.text.count('"') % 2 == 1
        and (len(fields) < width or any("\n" in cell for cell in fields))
    )
    for short_line, found in short:
        if short_line != line:
            message = _("Linje %(line)d har %(found)d kolonner, men overskriften har %(expected)d.")
            kind = "line"
        elif unclosed:
            continue
        else:
            message = _(
                "Filen ser ud til at være afskåret: den sidste linje (%(line)d) har kun "
                "%(found)d af %(expected)d kolonner. Hent filen igen."
            )
            kind = "structure"
        where = {"line": short_line, "found": found, "expected": width}
        cells.report(kind, short_line, "", "", message % where)
    if unclosed:
        start = line - sum(cell.count("\n") for cell in fields)
        cells.report(
            "structure",
            start,
            "",
            "",
            _(
                "Filen ser ud til at være afskåret: et felt i anførselstegn, der begynder i "
                "linje %(line)d, bliver aldrig afsluttet. Hent filen igen."
            )
            % {"line": start},
        )


def _irregular(
    cells: _Cells, line: int, fields: list[str], width: int, short: list[tuple[int, int]]
) -> bool:
    """True for a line to skip: blank, too short (noted in `short` for `_settle_end`) or with
    cells beyond the header (reported)."""
    if not any(cell.strip() for cell in fields):
        return True
    if len(fields) < width:
        short.append((line, len(fields)))
        return True
    if any(cell.strip() for cell in fields[width:]):
        cells.report(
            "line",
            line,
            "",
            "",
            _("Linje %(line)d har flere kolonner (%(found)d) end overskriften (%(expected)d).")
            % {"line": line, "found": len(fields), "expected": width},
        )
        return True
    return False


# The wide layout: periods as columns --------------------------------------------------------------


def _read_wide(
    header_line: int,
    header: list[str],
    preamble: list[tuple[int, list[str]]],
    records: Records,
    source: _Source,
    labels: Labels,
    table: str | None,
) -> tuple[_Cells, str]:
    cells = _Cells(table or STRAF11, labels)
    while header and not header[-1].strip():
        header.pop()
    width = len(header)
    first_period = next(i for i, cell in enumerate(header) if i and _is_period(cell.strip()))
    label_columns = list(range(first_period))
    periods: list[tuple[int, str, str]] = []  # (index, period, header text)
    for index in range(first_period, width):
        text = header[index].strip()
        if not text:
            cells.report(
                "structure",
                header_line,
                "",
                "",
                _("Kolonne %(number)d har ingen overskrift.") % {"number": index + 1},
            )
            continue
        if _is_period(text):
            periods.append((index, cells.period(header[index], header_line, text), text))
        else:
            cells.report(
                "structure",
                header_line,
                text,
                text,
                _("Ukendt kolonne »%(name)s« mellem perioderne.") % {"name": text},
            )
    body = list(records)
    roles = _label_roles(cells, header, label_columns, body)
    constant = {} if cells.problems else _constants(cells, roles, preamble, table)
    if cells.problems:
        return cells, "wide"
    _wide_rows(cells, header, roles, constant, periods, width, body, source)
    return cells, "wide"


def _label_roles(
    cells: _Cells,
    header: list[str],
    label_columns: list[int],
    body: list[tuple[int, list[str]]],
) -> dict[str, int]:
    """Which label column is the area and which the offence: by a header name when there is
    one, else by whether more of the column's values read as areas or as offences; a column
    that cannot tell takes the first role still free in StatBank's order (area, offence), so
    that its unknown labels are listed."""
    roles: dict[str, int] = {}
    undecided = []
    for index in label_columns:
        role, _kind = _column(header[index]) if header[index].strip() else (None, MIXED)
        if role in (AREA, OFFENCE, SEX, AGE, CIVIL) and role not in roles:
            roles[role] = index
        else:
            undecided.append(index)
    unsure = []
    for index in undecided:
        texts = {fields[index].strip() for _line, fields in body if len(fields) > index} - {""}
        areas = sum(1 for text in texts if _reads_as_area(cells.labels, text))
        offences = sum(1 for text in texts if _reads_as_offence(cells.labels, text))
        role = AREA if areas > offences else OFFENCE if offences > areas else None
        if role and role not in roles:
            roles[role] = index
        else:
            unsure.append((index, min(texts, default="")))
    for index, example in unsure:
        free = next((role for role in (AREA, OFFENCE) if role not in roles), None)
        if free:
            roles[free] = index
            continue
        cells.report(
            "structure",
            None,
            header[index].strip(),
            example,
            _(
                "Kan ikke se, om kolonne %(number)d (fx »%(example)s«) er områder eller "
                "overtrædelser."
            )
            % {"number": index + 1, "example": example},
        )
    return roles


def _reads_as_area(labels: Labels, text: str) -> bool:
    if text.isdigit():
        return len(text) == 3 or (len(text) == 4 and text.startswith("0"))
    head, _space, rest = text.partition(" ")
    return labels.area(text) is not None or bool(rest and AREA_CODE.fullmatch(head))


def _reads_as_offence(labels: Labels, text: str) -> bool:
    if text.isdigit():
        return len(text) != 3 and len(text) <= 4
    head, _space, rest = text.partition(" ")
    return labels.offence(text) is not None or bool(
        OFFENCE_CODE.fullmatch(text) or (rest and OFFENCE_CODE.fullmatch(head))
    )


def _constants(
    cells: _Cells,
    roles: dict[str, int],
    preamble: list[tuple[int, list[str]]],
    table: str | None,
) -> dict[str, str]:
    """The area or offence that holds for every row when it is no column: named on a line
    above the header (a label, or "code label")."""
    constant: dict[str, str] = {}
    titles = " ".join(cell for _line, fields in preamble for cell in fields).casefold()
    if OFFENCE not in roles and table is None and ("folketal" in titles or "population" in titles):
        cells.table = FOLK1A
    wanted = [AREA] + ([] if cells.table == FOLK1A else [OFFENCE])
    for role in wanted:
        if role in roles:
            continue
        found = {}
        for line, fields in preamble:
            for cell in fields:
                code = _preamble_code(cells.labels, role, cell.strip())
                if code:
                    found.setdefault(code, (line, cell.strip()))
        if len(found) == 1:
            ((code, (line, text)),) = found.items()
            constant[role] = code
            cells.notes.append(
                _("»%(text)s« (%(code)s) er læst fra linje %(line)d og gælder alle rækker.")
                % {"text": text, "code": code, "line": line}
            )
        elif found:
            if role == AREA:
                message = _(
                    "Linjerne over tabellen nævner flere områder (%(values)s); kredsraad kan "
                    "ikke vide, hvilket tabellen gælder."
                )
            else:
                message = _(
                    "Linjerne over tabellen nævner flere overtrædelser (%(values)s); kredsraad "
                    "kan ikke vide, hvilken tabellen gælder."
                )
            values = ", ".join(f"»{text}«" for _line, text in found.values())
            line = min(line for line, _text in found.values())
            cells.report("structure", line, COLUMN_NAMES[role], "", message % {"values": values})
        elif role == OFFENCE:
            cells.report(
                "structure",
                None,
                COLUMN_NAMES[OFFENCE],
                "",
                _(
                    "Filen har ingen kolonne med overtrædelser, og ingen linje over tabellen "
                    "nævner en overtrædelse. Eksportér tabellen med overtrædelsen som kolonne, "
                    "eller én overtrædelse ad gangen med den over tabellen."
                ),
            )
        else:
            cells.report(
                "structure",
                None,
                COLUMN_NAMES[AREA],
                "",
                _(
                    "Filen har ingen kolonne med områder, og ingen linje over tabellen nævner "
                    "et område."
                ),
            )
    return constant


def _preamble_code(labels: Labels, role: str, text: str) -> str | None:
    """A label or "code label" above the table; a bare number there could be anything."""
    if not text:
        return None
    lookup = labels.area if role == AREA else labels.offence
    code = lookup(text)
    if code:
        return code
    head, _space, rest = text.partition(" ")
    pattern = AREA_CODE if role == AREA else OFFENCE_CODE
    if rest and pattern.fullmatch(head) and lookup(rest):
        return head[-3:] if role == AREA else head.upper()
    return None


def _wide_rows(
    cells: _Cells,
    header: list[str],
    roles: dict[str, int],
    constant: dict[str, str],
    periods: list[tuple[int, str, str]],
    width: int,
    body: list[tuple[int, list[str]]],
    source: _Source,
) -> None:
    label_columns = sorted(roles.values())
    above = {index: "" for index in label_columns}  # a blank label cell repeats the one above
    names = {index: header[index].strip() or COLUMN_NAMES[role] for role, index in roles.items()}
    value_indexes = [index for index, _period, _text in periods]
    extras = [(roles[role], role) for role in (SEX, AGE, CIVIL) if role in roles]
    short: list[tuple[int, int]] = []
    last: tuple[int, list[str]] = (0, [])
    for line, fields in body:
        if not fields:
            continue
        last = line, fields
        if len(fields) != width and _irregular(cells, line, fields, width, short):
            continue
        for index in label_columns:
            if fields[index].strip():
                above[index] = fields[index]
        if not any(fields[index].strip() for index in value_indexes):
            continue  # a group's heading, a blank line or a note under the table
        area = constant.get(AREA)
        if area is None:
            raw = above[roles[AREA]]
            area = cells.areas.get(raw, _UNSEEN)
            if area is _UNSEEN:
                area = cells.area(raw, line, names[roles[AREA]])
        offence = constant.get(OFFENCE, "")
        if OFFENCE in roles:
            raw = above[roles[OFFENCE]]
            offence = cells.offences.get(raw, _UNSEEN)
            if offence is _UNSEEN:
                offence = cells.offence(raw, line, names[roles[OFFENCE]])
        age = sex = ""
        if extras:
            found = _extras(cells, extras, [above.get(i, "") for i in range(width)], line, names)
            if found is None:
                continue
            age, sex = found
        for index, period, text in periods:
            raw = fields[index]
            value = cells.values.get(raw, _UNSEEN)
            if value is _UNSEEN:
                value = cells.number(raw, line, text)
            if area is None or offence is None or value is _BAD:
                continue
            cells.add(area, offence, period, value, line, age, sex)
    _settle_end(cells, source, width, short, last)


# The police's export ------------------------------------------------------------------------------

POLICE_COLUMNS = {
    AREA: {"kommune", "kommunenavn", "kommunekode", "område", "gerningskommune", "municipality"},
    "category": {
        "kategori",
        "overtrædelse",
        "overtrædelseskategori",
        "forbrydelse",
        "anmeldelseskategori",
        "gerningskategori",
        "category",
    },
    TIME: {"periode", "kvartal", "tid", "period", "quarter"},
    VALUE: {"antal", "anmeldelser", "antal anmeldelser", "count", "indhold"},
}


def _police_columns_message() -> str:
    return _(
        "Filen har ikke de kolonner, politiets eksport skal have: KOMMUNE (navn eller kode), "
        "KATEGORI, PERIODE (fx 2023K1) og ANTAL. Overskriften skal stå i første linje."
    )


def _locate_police(source: _Source):
    """(delimiter, records before the header, {role: index}, unused column names)."""
    for delimiter in source.delimiters:
        for index, (_line, fields) in enumerate(source.head(delimiter)):
            if not any(cell.strip() for cell in fields):
                continue
            columns, unused = {}, []
            for position, cell in enumerate(fields):
                name = " ".join(cell.replace(BOM, "").split()).casefold()
                role = next((r for r, names in POLICE_COLUMNS.items() if name in names), None)
                if role and role not in columns:
                    columns[role] = position
                elif name:
                    unused.append(cell.strip())
            if len(columns) == len(POLICE_COLUMNS):
                return delimiter, index, columns, unused
            break  # the header is the first line that is not blank
    return None


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _read_police_rows(
    cells: _Cells,
    header: list[str],
    records: Records,
    columns: dict[str, int],
    categories: dict[str, str],
    source: _Source,
) -> None:
    """Each (area, category, quarter) once; categories with the same code added up."""
    names = {role: header[index].strip() for role, index in columns.items()}
    width = max(columns.values()) + 1
    unmapped: dict[str, tuple[str, int]] = {}
    by_category: dict[tuple[str, str, str], tuple[int, int]] = {}  # → (value, line)
    summed: dict[str, set[str]] = {}  # code → categories, for the note
    short: list[tuple[int, int]] = []
    last: tuple[int, list[str]] = (0, [])
    for line, fields in records:
        if not fields:
            continue
        last = line, fields
        if len(fields) < width or not any(cell.strip() for cell in fields):
            if any(cell.strip() for cell in fields):
                short.append((line, len(fields)))
            continue
        area = _police_area(cells, fields[columns[AREA]], line, names[AREA])
        category_text = fields[columns["category"]].strip()
        category = _words(category_text)
        code = categories.get(category)
        if not category:
            cells.empty(line, names["category"])
        elif code is None:
            unmapped.setdefault(category, (category_text, line))
        raw = fields[columns[TIME]]
        period = cells.periods.get(raw, _UNSEEN)
        if period is _UNSEEN:
            period = cells.period(raw, line, names[TIME])
        if period is not None and not QUARTER.fullmatch(raw.strip()):
            cells.unknown_text(TIME, raw.strip(), line, names[TIME])  # a year is no quarter
            period = None
        raw = fields[columns[VALUE]]
        value = cells.number(raw, line, names[VALUE])
        if value is None:  # ".." is DST's; the police always have a number
            cells.report(
                "value",
                line,
                names[VALUE],
                MISSING,
                _("Linje %(line)d, kolonne %(column)s, har intet tal.")
                % {"line": line, "column": names[VALUE]},
            )
            continue
        if area is None or not category or code is None or period is None or value is _BAD:
            continue
        key = (area, category, period)
        seen = by_category.get(key)
        if seen is not None:
            if seen[0] == value:
                cells.repeats += 1
            else:
                cells.duplicate(
                    Row(POLICE, area, category_text, period, seen[0], line=seen[1]), value, line
                )
            continue
        by_category[key] = (value, line)
        summed.setdefault(code, set()).add(category_text)
        cell = (area, code, period, "", "")
        row = cells.rows.get(cell)
        if row is None:
            cells.rows[cell] = Row(POLICE, area, code, period, value, line=line)
        else:
            cells.rows[cell] = Row(POLICE, area, code, period, row.value + value, line=row.line)
    _settle_end(cells, source, width, short, last)
    for category_text, line in sorted(unmapped.values(), key=lambda found: found[1]):
        cells.report(
            "unknown",
            line,
            names["category"],
            category_text,
            _(
                "Kategorien »%(category)s« (linje %(line)d) har ingen tilknytning til en "
                "overtrædelseskode. Tilføj den under »Kategorier fra politiet«, og prøv igen."
            )
            % {"category": category_text, "line": line},
        )
    for code, texts in sorted(summed.items()):
        if len(texts) > 1:
            cells.notes.append(
                _("Kategorierne %(categories)s er lagt sammen under kode %(code)s.")
                % {"categories": ", ".join(f"»{text}«" for text in sorted(texts)), "code": code}
            )


def _police_area(cells: _Cells, raw: str, line: int, column: str) -> str | None:
    """A municipality's code ("851", "0851") or name ("Aalborg", "Aalborg Kommune")."""
    code = cells.areas.get(raw, _UNSEEN)
    if code is not _UNSEEN:
        return code
    text = raw.strip()
    if text.isdigit():
        return cells.area(raw, line, column, CODE)
    words = _words(text)
    if words.endswith(" kommune") and cells.labels.area(text) is None:
        stripped = cells.labels.area(words[: -len(" kommune")])
        if stripped:
            cells.areas[raw] = stripped
            return stripped
    return cells.area(raw, line, column, LABEL)
