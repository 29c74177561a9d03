"""A table's dimensions in a file: which columns hold which of the table's dimensions, checked
against the table's description (`Table.dimensions`); each dimension's codes resolved once per
distinct text; and the description of a table kredsraad has no row for, from the file's header
and the codes seen (`Parsed.description`).

OMRÅDE, OVERTRÆD and TID keep their own readers (`cells`): they are the hot path of STRAF11,
which has no other dimension, so reading STRAF11 costs what it did before any table could be
read. Every other dimension (UHELD, INDBLAND, ALDER, KØN, AFGØRELSE …) is a `Dimension` here."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kredsraad.statistics import tables
from kredsraad.statistics.importing.formats.cells import Cells
from kredsraad.statistics.importing.formats.vocabulary import BOM, LABEL, MIXED, SUFFIXES

# DST's variable names: upper case, letters and digits ("UHELD", "AFGØRELSE", "BRANCHE07").
DIMENSION_NAME = re.compile(r"[A-ZÆØÅ][A-ZÆØÅ0-9]{0,29}")
# Where an observation keeps the code: `Observation.age` holds 20 characters, `sex` 10, `key` 200.
LONGEST = {"age": 20, "sex": 10, "key": 60}
SHOWN_CODES = 8  # codes named when a code is not in a table's list


def dimension_name(cell: str) -> tuple[str | None, str]:
    """(DIMENSION, CODE/LABEL/MIXED) of a header cell that names a dimension kredsraad has no
    column name for ("UHELD_kode" → ("UHELD", CODE)); (None, MIXED) for anything else."""
    name = cell.replace(BOM, "").strip()
    kind = MIXED
    for suffix, suffix_kind in SUFFIXES.items():
        if name.casefold().endswith(suffix):
            name, kind = name[: -len(suffix)].strip(), suffix_kind
            break
    return (name, kind) if DIMENSION_NAME.fullmatch(name) else (None, MIXED)


@dataclass
class Dimension:
    """One dimension's column: its codes checked against the table's list once per distinct
    text. `cache` maps the text to what a row takes: the code for age and sex, "DIM=code" for a
    key, None for a text already reported."""

    code: str  # "INDBLAND"
    role: str  # "age", "sex" or "key"
    index: int
    kind: str  # CODE, LABEL or MIXED
    column: str  # the header cell, for messages
    table: str
    label_index: int | None = None  # the label column beside a code column
    values: dict[str, str] | None = None  # the table's code list, code → label; None: no list
    complete: bool = False
    by_label: dict[str, str] = field(default_factory=dict)
    cache: dict[str, str | None] = field(default_factory=dict)
    seen: dict[str, str] = field(default_factory=dict)  # code → label, every code read

    def __post_init__(self):
        if self.values:
            for code, label in self.values.items():
                self.by_label.setdefault(" ".join(label.split()).casefold(), code)

    def resolve(self, cells: Cells, raw: str, fields: list[str], line: int) -> str | None:
        text = raw.strip()
        if not text:
            cells.report(
                "value",
                line,
                self.column,
                "",
                _(
                    "Linje %(line)d, kolonne %(column)s, er tom. Hver række skal have en kode i "
                    "alle tabellens dimensioner; står der rækker fra to tabeller i filen?"
                )
                % {"line": line, "column": self.column},
            )
            return None
        code = self._code(text)
        label = text
        if self.label_index is not None and self.label_index < len(fields):
            label = fields[self.label_index].strip() or text
        elif self.values and code in self.values:
            label = self.values[code]
        if code is None or (self.complete and code not in self.values):
            self._not_listed(cells, text, line)
            code = None
        elif ";" in code or "=" in code or len(code) > LONGEST[self.role]:
            cells.report(
                "unknown",
                line,
                self.column,
                text,
                _(
                    "»%(value)s« i linje %(line)d, kolonne %(column)s, kan ikke være en kode: "
                    "en kode har højst %(longest)d tegn og hverken ; eller =."
                )
                % {
                    "value": text,
                    "line": line,
                    "column": self.column,
                    "longest": LONGEST[self.role],
                },
            )
            code = None
        else:
            self.seen.setdefault(code, label)
        found = None if code is None else code if self.role != "key" else f"{self.code}={code}"
        self.cache[raw] = found
        return found

    def _code(self, text: str) -> str | None:
        if self.kind != LABEL and (self.values is None or text in self.values):
            return text
        if self.values is None:
            return text  # a label is the only name there is: it is the code
        code = self.by_label.get(" ".join(text.split()).casefold())
        if code is None and self.kind == MIXED:  # "71 Fodgænger" (valuePresentation CodeAndValue)
            head = text.partition(" ")[0]
            code = head if head in self.values else None
        if code is None and not self.complete and self.kind != LABEL:
            code = text  # a new code in a list that may grow
        return code

    def _not_listed(self, cells: Cells, text: str, line: int) -> None:
        codes = list(self.values or {})
        shown = ", ".join(codes[:SHOWN_CODES])
        if len(codes) > SHOWN_CODES:
            shown = _("%(codes)s og %(more)d flere") % {
                "codes": shown,
                "more": len(codes) - SHOWN_CODES,
            }
        cells.report(
            "unknown",
            line,
            self.column,
            text,
            _(
                "»%(value)s« i kolonnen %(column)s (første gang i linje %(line)d) er ikke en kode "
                "i %(table)s' %(dimension)s. Tabellens koder er %(codes)s."
            )
            % {
                "value": text,
                "column": self.column,
                "line": line,
                "table": self.table,
                "dimension": self.code,
                "codes": shown,
            },
        )


_UNRESOLVED = object()


def resolve_row(
    dims: list[Dimension], cells: Cells, texts, fields: list[str], line: int
) -> tuple[str, str, str] | None:
    """A row's (age, sex, key) from its dimension columns, `texts[dim.index]` being each one's
    text; None when one of them cannot be read (already reported to `cells`)."""
    age = sex = ""
    parts = []
    for dim in dims:
        raw = texts[dim.index]
        found = dim.cache.get(raw, _UNRESOLVED)
        if found is _UNRESOLVED:
            found = dim.resolve(cells, raw, fields, line)
        if found is None:
            return None
        if dim.role == "key":
            parts.append(found)
        elif dim.role == "age":
            age = found
        else:
            sex = found
    return age, sex, ";".join(parts)


def described(table: str, cells: Cells) -> dict | None:
    """The description of `table` the reader was given, or kredsraad's built-in one."""
    known = cells.labels.tables or tables.built_in()
    return known.get(table)


def infer_table(cells: Cells, codes: list[str], has_area: bool) -> str | None:
    """The one known table whose dimensions are exactly the file's, or None."""
    known = cells.labels.tables or tables.built_in()
    matches = [
        code
        for code, description in known.items()
        if bool(description.get("has_area", True)) == has_area
        and sorted(d["code"] for d in description.get("dimensions") or []) == sorted(codes)
        and code != tables.POLICE
    ]
    return matches[0] if len(matches) == 1 else None


def check_against(
    cells: Cells,
    table: str,
    description: dict,
    codes: list[str],
    has_area: bool,
    header_line: int,
) -> None:
    """Report every dimension the file has and the table has not, and the other way round."""
    wanted = [d["code"] for d in description.get("dimensions") or []]
    table_has_area = bool(description.get("has_area", True))
    listed = ", ".join([tables.AREA] * table_has_area + wanted + [tables.TIME])
    for code in codes + [tables.AREA] * has_area:
        if code in wanted or (code == tables.AREA and table_has_area):
            continue
        cells.report(
            "structure",
            header_line,
            code,
            code,
            _(
                "Filen har kolonnen %(column)s, men %(table)s har ikke den dimension. "
                "%(table)s har %(dimensions)s."
            )
            % {"column": code, "table": table, "dimensions": listed},
        )
    for code in wanted + [tables.AREA] * table_has_area:
        if code in codes or (code == tables.AREA and has_area):
            continue
        cells.report(
            "structure",
            header_line,
            code,
            "",
            _(
                "%(table)s har dimensionen %(column)s, men filen har ingen kolonne %(column)s. "
                "Står der en anden tabel i filen?"
            )
            % {"column": code, "table": table},
        )


def description_from_file(
    table: str,
    title: str,
    dims: list[Dimension],
    codes: list[str],
    labels: dict[str, str],
    has_area: bool,
    frequency: str,
) -> dict:
    """A new table described by the file: its dimensions in the file's order, each with the
    codes seen (an incomplete list, which later files may add to)."""
    by_code = {dim.code: dim for dim in dims}
    dimensions = []
    for code in codes:
        entry = {
            "code": code,
            "label": labels.get(code) or code,
            "role": tables.role_of(code),
            "complete": False,
        }
        if code in by_code:
            entry["values"] = [
                {"code": value, "label": label} for value, label in by_code[code].seen.items()
            ]
        dimensions.append(entry)
    return {
        "code": table,
        "title": title or table,
        "frequency": frequency,
        "has_area": has_area,
        "dimensions": dimensions,
        "described_by": "file",
    }


def grown(description: dict, dims: list[Dimension]) -> dict | None:
    """The description with the codes the file adds to its incomplete lists, or None when it
    adds none."""
    by_code = {dim.code: dim for dim in dims}
    changed = False
    dimensions = []
    for entry in description.get("dimensions") or []:
        dim = by_code.get(entry["code"])
        if dim is not None and not entry.get("complete"):
            listed = {value["code"] for value in entry.get("values", [])}
            new = [{"code": c, "label": text} for c, text in dim.seen.items() if c not in listed]
            if new:
                entry = {**entry, "values": [*entry.get("values", []), *new]}
                changed = True
        dimensions.append(entry)
    if not changed:
        return None
    return {
        **{name: description.get(name) for name in tables.DESCRIPTION_FIELDS},
        "dimensions": dimensions,
    }
