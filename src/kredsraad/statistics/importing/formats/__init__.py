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

One module per format: `text` (CSV and BULK) and `workbook` (XLSX) open a file into records,
`long`, `wide` and `police_export` read the layouts, `cells` collects what is read with its
problems, and `vocabulary` holds the names they share. This module tells which reader a file
needs and is the only one the rest of kredsraad imports.
"""

from itertools import islice

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kredsraad.statistics import tables
from kredsraad.statistics.importing.formats.cells import format_name
from kredsraad.statistics.importing.formats.long import read_long
from kredsraad.statistics.importing.formats.police_export import POLICE_COLUMNS, read_export
from kredsraad.statistics.importing.formats.text import Source, text_source
from kredsraad.statistics.importing.formats.vocabulary import (
    BOM,
    HEAD_LINES,
    OLD_EXCEL,
    VALUE,
    ZIP,
    Unreadable,
    header_role,
    is_period,
)
from kredsraad.statistics.importing.formats.wide import read_wide
from kredsraad.statistics.importing.formats.workbook import workbook_source
from kredsraad.statistics.rows import POLICE, STRAF11, Labels, Parsed, Problem

__all__ = ["POLICE", "POLICE_COLUMNS", "read", "read_police"]

# Public ------------------------------------------------------------------------------------------


def read(name: str, content: bytes, *, labels: Labels, table: str | None = None) -> Parsed:
    """The rows of a file from Danmarks Statistik (see the module for the formats), with codes
    for labels looked up in `labels`. `table` names the table when the file cannot say
    (default STRAF11, or FOLK1A for a layout without offences). An unknown label is a problem
    here; an unknown code is left to the importer. With problems, `rows` is empty."""
    try:
        return _read(name, content, labels, table)
    except Unreadable as refused:
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
    titled = _title_table(preamble, labels)
    if isinstance(titled, Problem):
        return Parsed(table=table or STRAF11, format=layout, problems=[titled])
    title = ""
    if titled:
        found, title, line = titled
        if table and found != table:
            problem = Problem(
                line,
                "",
                title,
                _(
                    "Titlen i linje %(line)d (»%(title)s«) er tabellen %(found)s, men filen "
                    "er angivet som %(table)s."
                )
                % {"line": line, "title": title[:80], "found": found, "table": table},
            )
            return Parsed(table=table, format=layout, problems=[problem])
        table = found
    if layout == "long":
        cells, format = read_long(header_line, header, records, source, labels, table, title)
    else:
        cells, format = read_wide(header_line, header, preamble, records, source, labels, table)
    if source.xlsx:
        format = "xlsx"
    parsed = cells.parsed(format)
    if not parsed.problems:
        parsed.notes.insert(
            0,
            _("»%(name)s« er læst som %(format)s (%(encoding)s): %(count)s rækker.")
            % {
                "name": name,
                "format": format_name(format if not source.xlsx else layout),
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
        return read_export(name, _open(content), mapping, areas)
    except Unreadable as refused:
        return Parsed(table=POLICE, format="police", problems=[refused.problem])


def _title_table(
    preamble: list[tuple[int, list[str]]], labels: Labels
) -> tuple[str, str, int] | Problem | None:
    """(table, title, line) named by a title line above the header: "UHELDK1: Tilskadekomne
    …" as StatBank writes it, or a known table's title; a Problem when two lines name two
    tables."""
    known = labels.tables or tables.built_in()
    by_title = {
        " ".join(str(d.get("title") or "").split()).casefold(): code for code, d in known.items()
    }
    found: dict[str, tuple[str, int]] = {}
    for line, fields in preamble:
        for cell in fields:
            text = " ".join(cell.split())
            head, colon, _rest = text.partition(":")
            code = head.strip().upper() if colon and head.strip().upper() in known else None
            code = code or by_title.get(text.casefold())
            if code and code != POLICE:
                found.setdefault(code, (text, line))
    if len(found) > 1:
        (first, (first_title, first_line)), (second, (_title, line)) = list(found.items())[:2]
        return Problem(
            line,
            "",
            first_title[:80],
            _(
                "Filen har to titler: linje %(first_line)d er tabellen %(first)s og linje "
                "%(line)d tabellen %(second)s. Gem hver tabel i sin egen fil, og indlæs dem "
                "hver for sig."
            )
            % {"first_line": first_line, "first": first, "line": line, "second": second},
        )
    if found:
        ((code, (title, line)),) = found.items()
        return code, title, line
    return None


def _open(content: bytes) -> Source:
    """The file as records, or Unreadable when it is empty, no data or its letters are broken."""
    if not content.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise Unreadable(_("Filen er tom."))
    if content.startswith(ZIP):
        return workbook_source(content)
    if content.startswith(OLD_EXCEL):
        raise Unreadable(
            _("Filen er i Excels gamle format (.xls). Gem den som .xlsx eller CSV, og prøv igen.")
        )
    return text_source(content)


# The header --------------------------------------------------------------------------------------


def _locate(source: Source) -> tuple[str | None, int, str] | None:
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
    roles = [header_role(cell)[0] for cell in fields]
    if VALUE in roles and sum(1 for role in roles if role and role != VALUE) >= 1:
        return "long"
    cells = [cell.strip() for cell in fields]
    if len(cells) >= 2 and not is_period(cells[0]) and any(is_period(cell) for cell in cells[1:]):
        return "wide"
    return None


def _no_header(source: Source) -> Problem:
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
