"""The police's own export: a header naming area, category, quarter and count in any order,
the categories mapped to offence codes per district (see `formats.read_police`)."""

from itertools import islice

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kredsraad.statistics.importing.formats.cells import Cells, settle_end
from kredsraad.statistics.importing.formats.text import Source
from kredsraad.statistics.importing.formats.vocabulary import (
    AREA,
    BAD,
    BOM,
    CODE,
    LABEL,
    MISSING,
    QUARTER,
    TIME,
    UNSEEN,
    VALUE,
    Records,
)
from kredsraad.statistics.rows import POLICE, Labels, Parsed, Row

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


def _locate_police(source: Source):
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
    cells: Cells,
    header: list[str],
    records: Records,
    columns: dict[str, int],
    categories: dict[str, str],
    source: Source,
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
        period = cells.periods.get(raw, UNSEEN)
        if period is UNSEEN:
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
        if area is None or not category or code is None or period is None or value is BAD:
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
    settle_end(cells, source, width, short, last)
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


def _police_area(cells: Cells, raw: str, line: int, column: str) -> str | None:
    """A municipality's code ("851", "0851") or name ("Aalborg", "Aalborg Kommune")."""
    code = cells.areas.get(raw, UNSEEN)
    if code is not UNSEEN:
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


def read_export(name: str, source: Source, mapping: dict[str, str], areas: Labels) -> Parsed:
    """The police's export from an opened file (see `formats.read_police`)."""
    cells = Cells(POLICE, areas)
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
