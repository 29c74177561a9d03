"""The wide layout, periods as columns: StatBank web exports in Danish or English, and the
same in a workbook."""

from itertools import pairwise

from django.utils.translation import gettext as _

from kredsraad.statistics import tables
from kredsraad.statistics.importing.formats.cells import Cells, irregular, row_extras, settle_end
from kredsraad.statistics.importing.formats.dimensions import (
    Dimension,
    check_against,
    described,
    dimension_name,
    grown,
    resolve_row,
)
from kredsraad.statistics.importing.formats.text import Source
from kredsraad.statistics.importing.formats.vocabulary import (
    AGE,
    AREA,
    AREA_CODE,
    BAD,
    CIVIL,
    COLUMN_NAMES,
    MIXED,
    OFFENCE,
    OFFENCE_CODE,
    QUARTER,
    SEX,
    UNSEEN,
    Records,
    header_role,
    is_period,
)
from kredsraad.statistics.rows import FOLK1A, STRAF11, Labels


def read_wide(
    header_line: int,
    header: list[str],
    preamble: list[tuple[int, list[str]]],
    records: Records,
    source: Source,
    labels: Labels,
    table: str | None,
) -> tuple[Cells, str]:
    cells = Cells(table or STRAF11, labels)
    description = described(table, cells) if table and table != FOLK1A else None
    if description:
        cells.frequency = description.get("frequency") or ""
    while header and not header[-1].strip():
        header.pop()
    width = len(header)
    first_period = next(i for i, cell in enumerate(header) if i and is_period(cell.strip()))
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
        if is_period(text):
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
    others = _other_dimensions(header, label_columns, description)
    roles = _label_roles(
        cells, header, [i for i in label_columns if i not in others.values()], body
    )
    dims = []
    if description:
        dims = _dimensions(cells, header, roles, others, description, header_line)
    constant = {} if cells.problems else _constants(cells, roles, preamble, table, description)
    if cells.problems:
        return cells, "wide"
    _wide_rows(cells, header, roles, constant, periods, width, body, source, dims)
    if description and not cells.problems:
        cells.description = grown(description, dims)
    return cells, "wide"


def _other_dimensions(
    header: list[str], label_columns: list[int], description: dict | None
) -> dict[str, int]:
    """The label columns whose header names one of the table's dimensions kredsraad has no
    column name for (UHELD, INDBLAND …), by dimension."""
    if not description:
        return {}
    wanted = {entry["code"] for entry in description.get("dimensions") or []}
    found = {}
    for index in label_columns:
        code, _kind = dimension_name(header[index])
        if code in wanted and code not in found:
            found[code] = index
    return found


def _dimensions(
    cells: Cells,
    header: list[str],
    roles: dict[str, int],
    others: dict[str, int],
    description: dict,
    header_line: int,
) -> list[Dimension]:
    """The table's dimensions but OVERTRÆD as `Dimension`s, checked against the file's label
    columns; age and sex are read by the table's code lists, not FOLK1A's."""
    columns = dict(others)
    for role, code in ((AGE, "ALDER"), (SEX, "KØN"), (CIVIL, "CIVILSTAND")):
        if role in roles:
            columns[code] = roles.pop(role)
    codes = [code for code, _index in sorted(columns.items(), key=lambda item: item[1])]
    if OFFENCE in roles or any(e["code"] == "OVERTRÆD" for e in description["dimensions"]):
        codes.append("OVERTRÆD")
    check_against(cells, cells.table, description, codes, AREA in roles, header_line)
    dims = []
    for entry in description.get("dimensions") or []:
        index = columns.get(entry["code"])
        if index is None:
            continue
        values = entry.get("values")
        dims.append(
            Dimension(
                code=entry["code"],
                role=entry.get("role") or tables.role_of(entry["code"]),
                index=index,
                kind=MIXED,
                column=header[index].strip() or entry["code"],
                table=cells.table,
                values=None if values is None else {v["code"]: v["label"] for v in values},
                complete=bool(entry.get("complete")) and values is not None,
            )
        )
    return dims


def _label_roles(
    cells: Cells,
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
        role, _kind = header_role(header[index]) if header[index].strip() else (None, MIXED)
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


def _is_header(fields: list[str], label_columns: list[int], value_indexes: list[int]) -> bool:
    """A row of periods where counts should be: quarters, or (as a count can look like a year)
    consecutive years under blank labels."""
    texts = [fields[index].strip() for index in value_indexes]
    if any(QUARTER.fullmatch(text) for text in texts):
        return True
    if any(fields[index].strip() for index in label_columns) or not all(map(is_period, texts)):
        return False
    years = [int(text) for text in texts]
    return len(years) > 1 and all(b == a + 1 for a, b in pairwise(years))


def _second_header(cells: Cells, line: int) -> None:
    cells.report(
        "structure",
        line,
        "",
        "",
        _(
            "Linje %(line)d er en ny overskrift med perioder: filen indeholder mere end én "
            "tabel. Gem hver tabel i sin egen fil, og indlæs dem hver for sig."
        )
        % {"line": line},
    )


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
    cells: Cells,
    roles: dict[str, int],
    preamble: list[tuple[int, list[str]]],
    table: str | None,
    description: dict | None = None,
) -> dict[str, str]:
    """The area or offence that holds for every row when it is no column: named on a line
    above the header (a label, or "code label"). A national table's area is Hele landet; a
    table without OVERTRÆD has no offence."""
    constant: dict[str, str] = {}
    if description and not description.get("has_area", True):
        constant[AREA] = "000"
    if description and not any(e["code"] == "OVERTRÆD" for e in description["dimensions"]):
        constant[OFFENCE] = ""
    titles = " ".join(cell for _line, fields in preamble for cell in fields).casefold()
    if OFFENCE not in roles and table is None and ("folketal" in titles or "population" in titles):
        cells.table = FOLK1A
    wanted = [AREA] + ([] if cells.table == FOLK1A else [OFFENCE])
    for role in wanted:
        if role in roles or role in constant:
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
    cells: Cells,
    header: list[str],
    roles: dict[str, int],
    constant: dict[str, str],
    periods: list[tuple[int, str, str]],
    width: int,
    body: list[tuple[int, list[str]]],
    source: Source,
    dims: list[Dimension],
) -> None:
    label_columns = sorted([*roles.values(), *(dim.index for dim in dims)])
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
        if len(fields) != width and irregular(cells, line, fields, width, short):
            continue
        for index in label_columns:
            if fields[index].strip():
                above[index] = fields[index]
        if not any(fields[index].strip() for index in value_indexes):
            continue  # a group's heading, a blank line or a note under the table
        area = constant.get(AREA)
        if area is None:
            raw = above[roles[AREA]]
            area = cells.areas.get(raw, UNSEEN)
            if area is UNSEEN:
                area = cells.area(raw, line, names[roles[AREA]])
        offence = constant.get(OFFENCE, "")
        if OFFENCE in roles:
            raw = above[roles[OFFENCE]]
            offence = cells.offences.get(raw, UNSEEN)
            if offence is UNSEEN:
                offence = cells.offence(raw, line, names[roles[OFFENCE]])
        age = sex = key = ""
        if extras and not dims:
            found = row_extras(cells, extras, [above.get(i, "") for i in range(width)], line, names)
            if found is None:
                continue
            age, sex = found
        if dims:
            found = resolve_row(dims, cells, above, fields, line)
            if found is None:
                continue
            age, sex, key = found
        for index, period, text in periods:
            raw = fields[index]
            value = cells.values.get(raw, UNSEEN)
            if value is UNSEEN:
                if _is_header(fields, label_columns, value_indexes):
                    _second_header(cells, line)
                    settle_end(cells, source, width, short, last)
                    return
                value = cells.number(raw, line, text)
            if area is None or offence is None or value is BAD:
                continue
            cells.add(area, offence, period, value, line, age, sex, key)
    settle_end(cells, source, width, short, last)
