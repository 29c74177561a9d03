"""The long layout, one row per cell: StatBank API CSV and BULK ("api-csv") and the long CSV
with code and label columns ("long-csv"), and the same in a workbook."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kredsraad.statistics.importing.formats.cells import Cells, irregular, row_extras, settle_end
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

    def first(self, role: str) -> tuple[int, str] | None:
        candidates = self.found.get(role)
        if not candidates:
            return None
        return min(candidates, key=lambda column: {CODE: 0, MIXED: 1, LABEL: 2}[column[1]])


def read_long(
    header_line: int,
    header: list[str],
    records: Records,
    source: Source,
    labels: Labels,
    table: str | None,
) -> tuple[Cells, str]:
    cells = Cells(table or STRAF11, labels)
    while header and not header[-1].strip():
        header.pop()
    width = len(header)
    columns = _Columns()
    for index, cell in enumerate(header):
        name = cell.replace(BOM, "").strip()
        columns.names[index] = name
        role, kind = header_role(cell)
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
        folketal = value_column and header_role(header[value_column[0]])[0] == VALUE
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
    cells: Cells,
    columns: _Columns,
    width: int,
    records: Records,
    source: Source,
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
    unseen, bad = UNSEEN, BAD
    short: list[tuple[int, int]] = []
    last: tuple[int, list[str]] = (0, [])
    for line, fields in records:
        if not fields:
            continue  # an empty line
        last = line, fields
        if len(fields) != width and irregular(cells, line, fields, width, short):
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
            found = row_extras(cells, extras, fields, line, names)
            if found is None:
                continue
            age, sex = found
        if area is None or offence is None or period is None or value is bad:
            continue
        key = (area, offence, period, age, sex)
        seen = rows.get(key)
        if seen is None:
            rows[key] = Row(table, area, offence, period, value, age=age, sex=sex, line=line)
        elif seen.value == value:
            cells.repeats += 1
        else:
            cells.duplicate(seen, value, line)
    settle_end(cells, source, width, short, last)
