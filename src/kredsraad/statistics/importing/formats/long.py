"""The long layout, one row per cell: StatBank API CSV and BULK ("api-csv") and the long CSV
with code and label columns ("long-csv"), and the same in a workbook. Any table: OMRÅDE, TID
and the value, and a column per other dimension (`<DIM>_kode,<DIM>` or `<DIM>`), read by the
table's description (`dimensions`)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kredsraad.statistics import tables
from kredsraad.statistics.importing.formats.cells import Cells, irregular, row_extras, settle_end
from kredsraad.statistics.importing.formats.dimensions import (
    Dimension,
    check_against,
    described,
    description_from_file,
    dimension_name,
    grown,
    infer_table,
    resolve_row,
)
from kredsraad.statistics.importing.formats.text import Source
from kredsraad.statistics.importing.formats.vocabulary import (
    AGE,
    AREA,
    BAD,
    BOM,
    CIVIL,
    CODE,
    COLUMN_NAMES,
    LABEL,
    MIXED,
    OFFENCE,
    SEX,
    TIME,
    UNSEEN,
    VALUE,
    Records,
    header_role,
)
from kredsraad.statistics.rows import FOLK1A, STRAF11, Labels, Row


@dataclass
class _Columns:
    """Where each variable is: (index, CODE/LABEL/MIXED) per role. Where a variable has a code
    column and a label column, the code column is read and the label column is not."""

    found: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    # The dimensions kredsraad has no column name for, "UHELD" → [(index, kind)], in order.
    others: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    def label_of(self, candidates: list[tuple[int, str]]) -> int | None:
        """The label column beside a code column (`UHELD` beside `UHELD_kode`)."""
        return next((index for index, kind in candidates if kind != CODE), None)

    def first(self, role: str) -> tuple[int, str] | None:
        candidates = self.found.get(role)
        if not candidates:
            return None
        return min(candidates, key=lambda column: {CODE: 0, MIXED: 1, LABEL: 2}[column[1]])


# The roles whose column is one of a table's dimensions, and the dimension's code.
DIMENSION_OF = {OFFENCE: "OVERTRÆD", AGE: "ALDER", SEX: "KØN", CIVIL: "CIVILSTAND"}
POPULATION_DIMENSIONS = {"ALDER", "KØN", "CIVILSTAND"}


def read_long(
    header_line: int,
    header: list[str],
    records: Records,
    source: Source,
    labels: Labels,
    table: str | None,
    title: str = "",
) -> tuple[Cells, str]:
    cells = Cells(table or STRAF11, labels)
    while header and not header[-1].strip():
        header.pop()
    width = len(header)
    columns = _header(cells, header_line, header)
    # The file's dimensions other than OMRÅDE and TID, in the file's order.
    found = [
        (candidates[0][0], DIMENSION_OF[role])
        for role, candidates in columns.found.items()
        if role in DIMENSION_OF
    ]
    found += [(candidates[0][0], code) for code, candidates in columns.others.items()]
    codes = [code for _index, code in sorted(found)]
    has_area = columns.first(AREA) is not None
    if table is None:
        table = _guess(cells, columns, codes, has_area, header_line)
    cells.table = table
    if cells.problems:
        return cells, _format_of(columns)
    population = table == FOLK1A
    dims: list[Dimension] = []
    if population:
        _check_population(cells, columns, header_line)
        required = [AREA, TIME, VALUE]
    else:
        description = described(table, cells)
        new = description is None
        if new:
            description = {
                "has_area": has_area,
                "dimensions": [
                    {"code": code, "role": tables.role_of(code), "complete": False}
                    for code in codes
                ],
            }
        else:
            check_against(cells, table, description, codes, has_area, header_line)
            cells.frequency = description.get("frequency") or ""
        has_area = bool(description.get("has_area", True))
        dims = _dimensions(columns, description, table)
        required = [AREA] * has_area + [TIME, VALUE]  # the others: `check_against`
    for role in required:
        if columns.first(role) is None:
            cells.report(
                "structure",
                header_line,
                COLUMN_NAMES[role],
                "",
                _("Filen mangler kolonnen %(name)s.") % {"name": COLUMN_NAMES[role]},
            )
    format = _format_of(columns)
    if cells.problems:
        return cells, format
    _long_rows(cells, columns, width, records, source, dims, has_area)
    if not population and not cells.problems:
        if new:
            cells.description = _new_description(cells, table, title, dims, codes, has_area)
        else:
            cells.description = grown(description, dims)
    return cells, format


def _header(cells: Cells, header_line: int, header: list[str]) -> _Columns:
    columns = _Columns()
    for index, cell in enumerate(header):
        name = cell.replace(BOM, "").strip()
        columns.names[index] = name
        role, kind = header_role(cell)
        if role is None and name:
            other, kind = dimension_name(cell)
            if other:
                role = None
                candidates = columns.others.setdefault(other, [])
                if any(kind == seen for _i, seen in candidates):
                    _twice(cells, header_line, name)
                else:
                    candidates.append((index, kind))
                continue
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
                    "Ukendt kolonne »%(name)s«. Kendte kolonner er OMRÅDE, TID og INDHOLD (eller "
                    "folketal) og tabellens andre dimensioner med Danmarks Statistiks navne, fx "
                    "OVERTRÆD, ALDER, KØN eller UHELD, evt. med _kode efter navnet."
                )
                % {"name": name},
            )
        elif any(kind == other for _i, other in columns.found.get(role, [])):
            _twice(cells, header_line, name)
        else:
            columns.found.setdefault(role, []).append((index, kind))
    return columns


def _twice(cells: Cells, header_line: int, name: str) -> None:
    cells.report(
        "structure",
        header_line,
        name,
        name,
        _("Kolonnen »%(name)s« står mere end én gang.") % {"name": name},
    )


def _format_of(columns: _Columns) -> str:
    kinds = [kind for found in columns.found.values() for _i, kind in found]
    kinds += [kind for found in columns.others.values() for _i, kind in found]
    return "long-csv" if any(kind != MIXED for kind in kinds) else "api-csv"


def _guess(
    cells: Cells, columns: _Columns, codes: list[str], has_area: bool, header_line: int
) -> str:
    """The table of a file that does not name it: FOLK1A for a population (a `folketal…`
    column, or no dimension but age, sex and civil status), STRAF11 for offences by area, else
    the one known table with exactly the file's dimensions, else STRAF11 for offences by area."""
    value_column = columns.first(VALUE)
    folketal = bool(value_column) and columns.names[value_column[0]].casefold().startswith(
        ("folketal", "population")
    )
    if folketal or (has_area and set(codes) <= POPULATION_DIMENSIONS):
        return FOLK1A
    found = infer_table(cells, codes, has_area)
    if found is None and "OVERTRÆD" in codes and has_area:
        # Offences by area are STRAF11's: a column more is then a dimension STRAF11 lacks.
        return STRAF11
    if found:
        cells.notes.append(
            _("Tabellen er %(table)s: den har netop filens dimensioner (%(dimensions)s).")
            % {"table": found, "dimensions": ", ".join(codes)}
        )
        return found
    cells.report(
        "structure",
        header_line,
        "",
        "",
        _(
            "Filen siger ikke, hvilken tabel den er, og dens dimensioner (%(dimensions)s) passer "
            "ikke til netop én kendt tabel. Angiv tabellen (--table eller feltet Tabel)."
        )
        % {"dimensions": ", ".join([tables.AREA] * has_area + codes + [tables.TIME])},
    )
    return STRAF11


def _check_population(cells: Cells, columns: _Columns, header_line: int) -> None:
    if columns.first(OFFENCE):
        index = columns.first(OFFENCE)[0]
        cells.report(
            "structure",
            header_line,
            columns.names[index],
            "",
            _("Tabellen %(table)s har ingen overtrædelser, men filen har kolonnen »%(name)s«.")
            % {"table": FOLK1A, "name": columns.names[index]},
        )
    for code in columns.others:
        cells.report(
            "structure",
            header_line,
            code,
            code,
            _(
                "Filen har kolonnen %(column)s, men %(table)s har ikke den dimension. "
                "%(table)s har %(dimensions)s."
            )
            % {
                "column": code,
                "table": FOLK1A,
                "dimensions": "OMRÅDE, KØN, ALDER, CIVILSTAND, TID",
            },
        )


def _dimensions(columns: _Columns, description: dict, table: str) -> list[Dimension]:
    """A `Dimension` for each of the table's dimensions but OVERTRÆD (read as offences), in the
    table's order, where the file has its column."""
    by_code = {
        DIMENSION_OF[role]: found for role, found in columns.found.items() if role in DIMENSION_OF
    }
    by_code.update(columns.others)
    dims = []
    for entry in description.get("dimensions") or []:
        role = entry.get("role") or tables.role_of(entry["code"])
        candidates = by_code.get(entry["code"])
        if role == "offence" or not candidates:
            continue
        index, kind = min(candidates, key=lambda column: {CODE: 0, MIXED: 1, LABEL: 2}[column[1]])
        values = entry.get("values")
        dims.append(
            Dimension(
                code=entry["code"],
                role=role,
                index=index,
                kind=kind,
                column=columns.names[index],
                table=table,
                label_index=columns.label_of(candidates) if kind == CODE else None,
                values=None if values is None else {v["code"]: v["label"] for v in values},
                complete=bool(entry.get("complete")) and values is not None,
            )
        )
    return dims


def _new_description(
    cells: Cells, table: str, title: str, dims: list[Dimension], codes: list[str], has_area: bool
) -> dict | None:
    kinds = {len(period) == 4 for period in cells.periods.values() if period}
    if len(kinds) > 1:
        year = next(p for p in cells.periods.values() if p and len(p) == 4)
        quarter = next(p for p in cells.periods.values() if p and len(p) != 4)
        cells.report(
            "structure",
            None,
            COLUMN_NAMES[TIME],
            year,
            _(
                "Filen blander år (fx %(year)s) og kvartaler (fx %(quarter)s) i kolonnen TID; "
                "en tabel har enten år eller kvartaler. Står der to tabeller i filen?"
            )
            % {"year": year, "quarter": quarter},
        )
        return None
    frequency = "year" if True in kinds else "quarter"
    return description_from_file(table, title, dims, codes, {}, has_area, frequency)


def _second_header(cells: Cells, line: int, fields: list[str]) -> bool:
    """A line that is a header again: the start of a second table in the file (reported)."""
    roles = {header_role(cell)[0] for cell in fields if cell.strip()}
    if VALUE not in roles or TIME not in roles:
        return False
    cells.report(
        "structure",
        line,
        "",
        ";".join(cell.strip() for cell in fields)[:80],
        _(
            "Linje %(line)d er en ny overskrift: filen indeholder mere end én tabel. Gem hver "
            "tabel i sin egen fil, og indlæs dem hver for sig."
        )
        % {"line": line},
    )
    return True


def _long_rows(
    cells: Cells,
    columns: _Columns,
    width: int,
    records: Records,
    source: Source,
    dims: list[Dimension],
    has_area: bool,
) -> None:
    """The hot loop: ~700,000 rows for all of STRAF11. Each distinct text is resolved once."""
    ia, area_kind = columns.first(AREA) if has_area else (None, CODE)
    it = columns.first(TIME)[0]
    iv = columns.first(VALUE)[0]
    io_, offence_kind = columns.first(OFFENCE) or (None, MIXED)
    # FOLK1A's age, sex and civil status, totals as ""; other tables' are `dims`.
    extras = (
        [
            (index, role)
            for role in (SEX, AGE, CIVIL)
            for index, _kind in columns.found.get(role, [])[:1]
        ]
        if cells.table == FOLK1A
        else []
    )
    names = columns.names
    area_name = names[ia] if ia is not None else ""
    time_name, value_name = names[it], names[iv]
    offence_name = names[io_] if io_ is not None else ""
    areas, offences, periods, values = cells.areas, cells.offences, cells.periods, cells.values
    rows, table = cells.rows, cells.table
    unseen, bad = UNSEEN, BAD
    short: list[tuple[int, int]] = []
    last: tuple[int, list[str]] = (0, [])
    for line, fields in records:
        if not fields:
            continue  # an empty line
        last = line, fields
        if len(fields) != width:
            if _second_header(cells, line, fields):
                break
            if irregular(cells, line, fields, width, short):
                continue
        count = fields[iv]
        value = values.get(count, unseen)
        # A count starts with a digit; only another text can be a second header's INDHOLD.
        header = value is unseen and not count.lstrip()[:1].isdigit()
        if header and _second_header(cells, line, fields):
            break
        if ia is None:
            area = "000"  # a national table: Hele landet
        else:
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
        if value is unseen:
            value = cells.number(count, line, value_name)
        age = sex = key = ""
        if extras:
            found = row_extras(cells, extras, fields, line, names)
            if found is None:
                continue
            age, sex = found
        elif dims:
            found = resolve_row(dims, cells, fields, fields, line)
            if found is None:
                continue
            age, sex, key = found
        if area is None or offence is None or period is None or value is bad:
            continue
        cell = (area, offence, period, age, sex, key)
        seen = rows.get(cell)
        if seen is None:
            rows[cell] = Row(
                table, area, offence, period, value, age=age, sex=sex, key=key, line=line
            )
        elif seen.value == value:
            cells.repeats += 1
        else:
            cells.duplicate(seen, value, line)
    settle_end(cells, source, width, short, last)
