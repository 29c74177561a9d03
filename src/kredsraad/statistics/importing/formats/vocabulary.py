"""What the readers know: the names of columns and what they hold, the shapes of codes,
quarters and counts, and the refusal of a file that cannot be read at all."""

import re
from collections.abc import Iterator

from kredsraad.core import spreadsheets
from kredsraad.statistics.rows import Problem

ZIP = b"PK\x03\x04"  # an XLSX workbook is a zip archive
OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls: an OLE compound file
BOM = "\ufeff"
REPLACEMENT = "\ufffd"
MOJIBAKE = spreadsheets.MOJIBAKE
MISSING = ".."
SHOWN_PER_KIND = 50  # value, duplicate and line problems beyond this are counted, not listed
HEAD_LINES = 40  # the header must be among the first lines (titles may come before it)
DELIMITERS = (";", ",", "\t")


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

UNSEEN = object()  # not looked up yet
BAD = object()  # a count that cannot be used; the problem is already reported

Records = Iterator[tuple[int, list[str]]]  # (line, cells) of a file

# Problem kinds that can repeat on every line: only the first SHOWN_PER_KIND are listed.
CAPPED = {"value", "duplicate", "line"}


class Unreadable(Exception):
    """The file cannot be read at all: one problem, no rows."""

    def __init__(self, message: str, line: int | None = None, value: str = ""):
        super().__init__(message)
        self.problem = Problem(line, "", value, message)


def header_role(cell: str) -> tuple[str | None, str]:
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


def is_period(text: str) -> bool:
    return bool(QUARTER.fullmatch(text) or YEAR.fullmatch(text))
