"""What has been read so far: the rows by cell, each distinct text resolved once, and the
problems, capped per kind; with the checks of lines that every layout shares."""

import sys
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kredsraad.statistics.importing.formats.text import Source
from kredsraad.statistics.importing.formats.vocabulary import (
    AGE,
    AGE_LABEL,
    AREA,
    AREA_CODE,
    BAD,
    CAPPED,
    CIVIL,
    CODE,
    COLUMN_NAMES,
    LABEL,
    MISSING,
    MIXED,
    NUMBER,
    OFFENCE,
    OFFENCE_CODE,
    QUARTER,
    SEX,
    SEXES,
    SHOWN_PER_KIND,
    TIME,
    TOTALS,
    VALUE,
    WHOLE,
    YEAR,
)
from kredsraad.statistics.rows import Labels, Parsed, Problem, Row


@dataclass
class Cells:
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
    # "quarter" or "year" where the table's description says how often it comes: a period of
    # the other kind is then a problem, reported once.
    frequency: str = ""
    wrong_frequency: bool = False
    description: dict | None = None  # what the import changes in the table's description

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
        return Parsed(
            table=self.table,
            format=format,
            rows=rows,
            problems=problems,
            notes=notes,
            description=None if problems else self.description,
        )

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
        if period and self.frequency and (len(period) == 4) != (self.frequency == "year"):
            self._wrong_frequency(text, line, column)
            period = None
        if text:
            self.periods[raw] = period
        return period

    def _wrong_frequency(self, text: str, line: int, column: str) -> None:
        if self.wrong_frequency:
            return
        self.wrong_frequency = True
        where = {"value": text, "line": line, "column": column, "table": self.table}
        if self.frequency == "year":
            message = _(
                "»%(value)s« i linje %(line)d, kolonne %(column)s, er et kvartal, men %(table)s "
                "er en årlig tabel: dens perioder er år som 2021."
            )
        else:
            message = _(
                "»%(value)s« i linje %(line)d, kolonne %(column)s, er et år, men %(table)s er en "
                "kvartalsvis tabel: dens perioder er kvartaler som 2021K3."
            )
        self.report("structure", line, column, text, message % where)

    def number(self, raw: str, line: int, column: str):
        """The count in a cell: an int, None for "..", or BAD (reported)."""
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
            return BAD
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
            return BAD
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

    def add(self, area, offence, period, value, line, age="", sex="", key="") -> None:
        """One cell; a second row for the same cell is dropped when it has the same value and
        a problem when not."""
        cell = (area, offence, period, age, sex, key)
        seen = self.rows.get(cell)
        if seen is None:
            self.rows[cell] = Row(
                self.table, area, offence, period, value, age=age, sex=sex, key=key, line=line
            )
        elif seen.value == value:
            self.repeats += 1
        else:
            self.duplicate(seen, value, line)

    def duplicate(self, seen: Row, value, line: int) -> None:
        cell = ", ".join(
            part
            for part in (seen.area, seen.offence, seen.period, seen.age, seen.sex, seen.key)
            if part
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


def format_name(format: str) -> str:
    return {
        "api-csv": _("CSV fra Statistikbankens API (CSV eller BULK)"),
        "long-csv": _("lang CSV med koder og betegnelser"),
        "long": _("lang tabel i Excel"),
        "wide": _("tabel fra Statistikbanken med perioderne som kolonner"),
    }.get(format, format)


def row_extras(cells: Cells, extras, fields, line, names) -> tuple[str, str] | None:
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


def settle_end(
    cells: Cells,
    source: Source,
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


def irregular(
    cells: Cells, line: int, fields: list[str], width: int, short: list[tuple[int, int]]
) -> bool:
    """True for a line to skip: blank, too short (noted in `short` for `settle_end`) or with
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
