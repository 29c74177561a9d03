"""Text files (CSV, BULK) as records: decoded, refused when they are web pages, JSON or
letters lost on the way, and read line by line within the field and line limits."""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kredsraad.core import spreadsheets
from kredsraad.statistics.importing.formats.vocabulary import (
    BOM,
    DELIMITERS,
    HEAD_LINES,
    MOJIBAKE,
    REPLACEMENT,
    Records,
    Unreadable,
)

# A cell holds a code, a label, a number or a title line above the table; notes under a table
# are the longest, at a few hundred characters. A longer field is a quote never closed.
MAX_FIELD = 10_000
# Lines of a CSV file: all of STRAF11 in the long layout is 725,040, and the rows read are held
# until the import, so more than twice that is refused rather than read.
MAX_LINES = 2_000_000


@dataclass
class Source:
    """A file's records, by delimiter: a text file is read again for each delimiter tried, and
    its first lines (`head`) are enough to find the header."""

    records: Callable[[str | None], Records]
    head: Callable[[str | None], Records]
    delimiters: tuple
    encoding: str
    xlsx: bool = False
    text: str = ""  # the decoded file, for a text file


# How a web page (or an XML error answer) starts, after any space, BOM, comment or <?xml …?>.
MARKUP = re.compile(r"<(?:!doctype|html|head|body|title|meta|\?xml|!--)", re.IGNORECASE)


def _refuse_non_data(text: str) -> None:
    start = text[:2048].lstrip(BOM + " \t\r\n\x00").casefold()
    if MARKUP.match(start):
        raise Unreadable(
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
            raise Unreadable(
                _(
                    "Filen er et svar fra Danmarks Statistik uden data: »%(message)s«. Ret "
                    "udtrækket, og hent det igen som CSV eller BULK."
                )
                % {"message": str(message)[:300]}
            )
        raise Unreadable(
            _("Filen er JSON, ikke en tabel. Hent data fra Danmarks Statistik som CSV eller BULK.")
        )


def refuse_broken_letters(text: str, line: int | None = None) -> None:
    """Letters lost before the file reached us cannot be repaired here. `line` is the line of
    `text` when it is one line (a workbook row); else the line is counted."""
    broken = text.find(REPLACEMENT)
    if broken >= 0:
        line = line or _line_at(text, broken)
        raise Unreadable(
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
        raise Unreadable(
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
        raise Unreadable(refused.message, line=refused.line) from refused


def text_source(content: bytes) -> Source:
    """A text file as records, or Unreadable when it is no data or its letters are broken."""
    text, encoding = spreadsheets.decode(content)
    _refuse_non_data(text)
    if "\x00" in text[:4096]:
        raise Unreadable(_("Filen er hverken en tekstfil (CSV) eller et Excel-regneark (.xlsx)."))
    refuse_broken_letters(text)
    head = _head(text)
    return Source(
        records=lambda delimiter: _text_records(text, delimiter),
        head=lambda delimiter: _text_records(head, delimiter),
        delimiters=DELIMITERS,
        encoding=encoding,
        text=text,
    )
