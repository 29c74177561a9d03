"""Checking parsed statistics against the registry and writing them, all or nothing.

`kredsraad.statistics.importing.formats` reads a file into a `rows.Parsed`; `preview` says what applying it
would do; `apply` writes it in one transaction and records a `Dataset`:

- A cell is (table, area, offence, period, age, sex, key). Only a cell whose value differs is
  written, so the same data twice changes nothing, and a revised figure is an UPDATE, which the
  pghistory trigger on Observation copies into the history (the old value).
- A cell DST writes as ".." (missing or confidential) has no figure: a stored one is deleted
  (the history keeps it), since keeping the old number would show a figure DST withdrew.
- The table (`Table`) decides the periods: quarters ("2022K3") for a quarterly table, years
  ("2021", quarter 0) for a yearly one; the other form is refused naming its first line. FOLK1A
  keeps only K1 and skips the rest. A national table (no OMRÅDE) takes Hele landet (000) only.
  A table the file describes itself (`Parsed.description`) is saved with the figures.
- When nothing changes (no cell, no derived sum), no Dataset is recorded: the same data twice
  changes nothing, not even the "hentet" date of the pages' source line. `apply` then returns an
  unsaved Dataset (pk None) with the counts.
- Police districts are not a Danmarks Statistik area. After the cells, the district rows
  (`derived=True`) of every cell the file touched are recomputed as the sum of the district's
  areas (`Area.district`), grouped by every dimension, with the same only-if-different upsert.
  A file may never hold district rows itself.
- Totals that are true: where a file lacks Hele landet or a region, they are derived
  (`derived=True`) from the municipalities plus Christiansø (411) and Uoplyst kommune (998),
  only for a cell where every one of them has a figure; otherwise there is no row ("ingen
  data", never 0). An official figure replaces a derived one (an UPDATE: a revision in the
  history); a derived one never overwrites an official one.
- FOLK1A goes to Population: the population on 1 January, DST's quarter K1; other quarters are
  skipped with a note. Districts get sums here too.
- Readers are never kept waiting: the write takes only row locks (no DDL on the observation
  table), and pages read the old figures until the import commits. ~700,000 rows (all of
  STRAF11 since 2007) go through COPY into a temporary table and a few set-based statements,
  inserted in the order of the table's unique index, not through the ORM.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

import pghistory
from django.db import connection, transaction
from django.utils.translation import gettext as _

from kredsraad.core import spreadsheets
from kredsraad.statistics import tables
from kredsraad.statistics.models import Area, Dataset, Offence, Table
from kredsraad.statistics.registry import AREA_ALIASES, OFFENCES_EN, english_offence_label
from kredsraad.statistics.rows import FOLK1A, POLICE, Labels, Parsed, Problem

PERIOD = re.compile(r"^(\d{4})(?:K([1-4]))?$")
PROGRESS_EVERY = 10_000
EXAMPLES = 5
# Two imports at once would race on the district sums: the second waits for the first.
LOCK = 0x5354_4154  # "STAT"
# Christiansø belongs to no municipality; Danmarks Statistik counts it in Region Hovedstaden
# (STRAF11's 084 equals its municipalities plus 411 wherever 411 has crimes).
CHRISTIANSOE = "411"
UNKNOWN_MUNICIPALITY = "998"
COUNTRY = "000"
CHRISTIANSOE_REGION = "084"

# From this many new cells the table's statistics are renewed at the end of the import.
ANALYZE_FROM = 10_000

STAGED = "statistics_staged"
STAGED_COLUMNS = "line, area_id, offence_id, period, year, quarter, age, sex, key, value"
CELL = "area_id, offence_id, period, age, sex, key"
PARTS = "statistics_parts"  # total area → the areas it is the sum of

# How a staged row `s` finds its stored cell `o`.
OBSERVATION_MATCH = """o."table" = %(table)s AND o.area_id = s.area_id
    AND o.offence_id = s.offence_id AND o.period = s.period AND o.age = s.age
    AND o.sex = s.sex AND o.key = s.key"""
# A table either has OVERTRÆD in every row or in none (`_stage` sees to it), so a cell without
# an offence is matched with IS NULL: unlike IS NOT DISTINCT FROM, both halves use the index.
OBSERVATION_MATCH_NO_OFFENCE = OBSERVATION_MATCH.replace(
    "o.offence_id = s.offence_id", "o.offence_id IS NULL"
)
POPULATION_MATCH = "o.area_id = s.area_id AND o.year = s.year"

# Only a differing value is written (no UPDATE, and no history event, for an unchanged sum), and
# a derived row only over another derived one, never over an official figure.
ON_TOTAL_CONFLICT = """
    ON CONFLICT ("table", area_id, offence_id, period, age, sex, key) DO UPDATE
    SET value = EXCLUDED.value, dataset_id = EXCLUDED.dataset_id
    WHERE statistics_observation.derived
      AND statistics_observation.value IS DISTINCT FROM EXCLUDED.value"""
# The cells a file touched: its offences (a table without OVERTRÆD has NULL) and periods.
IN_SCOPE = """(o.offence_id = ANY(%(offences)s) OR (%(no_offence)s AND o.offence_id IS NULL))
      AND o.period = ANY(%(periods)s)"""
ON_POPULATION_CONFLICT = """
    ON CONFLICT (area_id, year) DO UPDATE
    SET value = EXCLUDED.value, dataset_id = EXCLUDED.dataset_id, derived = EXCLUDED.derived
    WHERE statistics_population.value IS DISTINCT FROM EXCLUDED.value"""


class ImportRefused(Exception):
    """The rows have problems, so nothing was written. `problems` lists them all."""

    def __init__(self, problems: list[Problem]):
        super().__init__(
            _("Filen har %(count)d fejl, så intet er indlæst.") % {"count": len(problems)}
        )
        self.problems = problems


@dataclass(frozen=True)
class Change:
    """A cell whose stored value the file would change."""

    line: int
    area: str
    offence: str
    period: str
    age: str
    sex: str
    old: int
    new: int
    key: str = ""


@dataclass
class Preview:
    """What applying the rows would do. Nothing is written to make it."""

    table: str
    format: str
    rows_read: int = 0
    missing: int = 0  # cells DST wrote as "..": not written
    removed: int = 0  # of those, cells with a stored figure, which is deleted (also in changed)
    ignored: int = 0  # FOLK1A rows for other quarters than K1: skipped
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    examples: list[Change] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    offences: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    by_offence: bool = True  # the table has OVERTRÆD (else every offence is NULL)

    @property
    def match(self) -> str:
        """How a staged row `s` finds its stored cell `o`."""
        if self.table == FOLK1A:
            return POPULATION_MATCH
        return OBSERVATION_MATCH if self.by_offence else OBSERVATION_MATCH_NO_OFFENCE


class Changed(Exception):
    """`apply`'s `expect` refused the preview made inside the import: nothing was written."""

    def __init__(self, preview: Preview):
        super().__init__(preview.table)
        self.preview = preview


class CodesLoaded(NamedTuple):
    created: int
    updated: int
    unchanged: int


# The registry ------------------------------------------------------------------------------------


def labels() -> Labels:
    """Label → code for every area and offence, in Danish and English (the stored names, then
    the English spellings of `registry`), for the parsers. Danish labels win a tie."""
    found = Labels()
    areas = list(Area.objects.values_list("code", "name", "name_en"))
    offences = list(Offence.objects.values_list("code", "label", "label_en"))
    for target, rows, aliases in (
        (found.areas, areas, AREA_ALIASES),
        (found.offences, offences, OFFENCES_EN),
    ):
        for column in (1, 2):
            for row in rows:
                if row[column]:
                    target.setdefault(row[column].strip().casefold(), row[0])
        for code, *_texts in rows:
            for text in aliases.get(code, ()):
                target.setdefault(text.strip().casefold(), code)
    found.tables = tables.described()  # the readers check a file's dimensions against these
    return found


def offence_parent(code: str, known: set[str]) -> str | None:
    """The parent of an OVERTRÆD code, from the code alone: TOT is the root; a one-digit code
    ("1" Straffelov, "3" Særlove) hangs under TOT; a two-digit group ("11"-"14") under its first
    digit; a four-digit type under its two-digit group when that exists ("1320" → "13"), else
    under its first digit ("1000" Uoplyst straffelov → "1", "3210" → "3"). Anything else hangs
    under TOT. A parent missing from `known` is skipped for the next one up."""
    if code == "TOT":
        return None
    if code.isdigit() and len(code) == 4:
        candidates = [code[:2], code[0], "TOT"]
    elif code.isdigit() and len(code) == 2:
        candidates = [code[0], "TOT"]
    else:
        candidates = ["TOT"]
    return next((c for c in candidates if c in known and c != code), None)


def load_offence_codes(
    rows: Iterable[tuple[str, str]], *, english: dict[str, str] | None = None
) -> CodesLoaded:
    """Create or update an Offence for every (code, label), with parent and level derived from the
    code (see `offence_parent`; level is the depth below TOT: TOT 0, "1" 1, "13" 2, "1320" 3,
    "3210" 2). The English label is `english`'s (DST's own, from the table's English metadata),
    else the one already stored, else the one kredsraad ships (`registry.OFFENCES_EN`). Codes
    not in `rows` are left as they are. Safe to run again."""
    given = {code.strip(): label.strip() for code, label in rows if code.strip()}
    english = {code.strip(): text.strip() for code, text in (english or {}).items() if text}
    existing = {offence.code: offence for offence in Offence.objects.all()}
    known = set(existing) | set(given)
    parents = {code: offence_parent(code, known) for code in known}

    def depth(code: str) -> int:
        parent = parents[code]
        return 0 if parent is None else depth(parent) + 1

    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        # Parents before children, so every parent has its row when the child points at it.
        for code in sorted(given, key=lambda c: (depth(c), c)):
            parent = existing.get(parents[code]) if parents[code] else None
            offence = existing.get(code)
            label_en = (
                english.get(code)
                or (offence.label_en if offence else "")
                or english_offence_label(code)
            )
            values = {
                "label": given[code],
                "label_en": label_en,
                "parent": parent,
                "level": depth(code),
            }
            if offence is None:
                existing[code] = Offence.objects.create(code=code, **values)
                counts["created"] += 1
            elif (offence.label, offence.label_en, offence.parent_id, offence.level) != (
                values["label"],
                values["label_en"],
                parent.pk if parent else None,
                values["level"],
            ):
                for name, value in values.items():
                    setattr(offence, name, value)
                offence.save(update_fields=list(values))
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
    return CodesLoaded(**counts)


# DST's code list has about 200 codes with labels under a hundred characters.
CODE_FIELD_MAX = 10_000
CODE_LINES_MAX = 100_000


def read_offence_codes(content: bytes) -> list[tuple[str, str]]:
    """(code, label) from a CSV file: `code,label_da[,…]` as in DST's code lists, or `code;label`.
    A first line whose first column reads "code" or "kode" is a header."""
    text, _encoding = spreadsheets.decode(content)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    codes = []
    records = spreadsheets.csv_rows(
        text, delimiter=delimiter, max_field=CODE_FIELD_MAX, max_lines=CODE_LINES_MAX
    )
    try:
        records = list(records)
    except spreadsheets.Refused as refused:
        raise ValueError(refused.message) from refused
    for number, (_line, fields) in enumerate(records, 1):
        if not fields or not "".join(fields).strip():
            continue
        if number == 1 and fields[0].strip().casefold() in {"code", "kode"}:
            continue
        if len(fields) < 2 or not fields[0].strip() or not fields[1].strip():
            raise ValueError(
                _("Linje %(line)d skal have en kode og en betegnelse.") % {"line": number}
            )
        codes.append((fields[0].strip(), fields[1].strip()))
    return codes


# Preview -----------------------------------------------------------------------------------------


def preview(parsed: Parsed) -> Preview:
    """Check the rows against the registry and the table's description and count what applying
    them would do: new, changed (with a few examples) and unchanged cells. Every unknown area and
    offence code is a problem, named with the first line it appears on. Nothing is written."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '64MB'")
        result = _stage(cursor, parsed, _table(parsed, save=False))
        _count(cursor, result)
        transaction.set_rollback(True)  # the temporary table goes with it
    return result


def _table(parsed: Parsed, *, save: bool) -> Table | None:
    """The parsed rows' table: its stored description, or the file's (`Parsed.description`),
    saved when `save` (inside the import's transaction, so it goes with the figures)."""
    fields = {
        name: value
        for name, value in (parsed.description or {}).items()
        if name in TABLE_FIELDS and name != "code"
    }
    if fields and save:
        return Table.objects.update_or_create(code=parsed.table, defaults=fields)[0]
    table = Table.objects.filter(code=parsed.table).first()
    if fields:
        table = table or Table(code=parsed.table)
        for name, value in fields.items():
            setattr(table, name, value)
    return table


TABLE_FIELDS = {"code", "title", "unit", "frequency", "has_area", "dimensions", "described_by"}


def _count(cursor, result: Preview) -> None:
    """New, changed and unchanged cells, and the first few changes as examples. An official
    figure for a cell with a derived one changes it, even when the numbers agree."""
    if result.table == FOLK1A:
        join = f"LEFT JOIN statistics_population o ON {POPULATION_MATCH}"
        offence = "''"
    else:
        join = f"LEFT JOIN statistics_observation o ON {result.match}"
        offence = "coalesce((SELECT code FROM statistics_offence WHERE id = s.offence_id), '')"
    params = {"table": result.table}
    # A ".." (s.value NULL) changes a cell only where a figure is stored: it is then removed.
    cursor.execute(
        f"""
        SELECT count(*) FILTER (WHERE o.id IS NULL AND s.value IS NOT NULL),
               count(*) FILTER (WHERE o.value <> s.value OR (o.derived AND o.value = s.value)),
               count(*) FILTER (WHERE o.value = s.value AND NOT o.derived),
               count(*) FILTER (WHERE o.id IS NOT NULL AND s.value IS NULL)
        FROM {STAGED} s {join}
        """,
        params,
    )
    result.new, changed, result.unchanged, result.removed = cursor.fetchone()
    result.changed = changed + result.removed
    cursor.execute(
        f"""
        SELECT s.line, (SELECT code FROM statistics_area WHERE id = s.area_id), {offence},
               s.period, s.age, s.sex, o.value, s.value, s.key
        FROM {STAGED} s {join}
        WHERE o.value <> s.value OR (o.derived AND o.value = s.value)
        ORDER BY s.line LIMIT {EXAMPLES}
        """,
        params,
    )
    result.examples = [Change(*row) for row in cursor.fetchall()]


# Staging: checking the rows and copying them into a temporary table ----------------------------


def _stage(cursor, parsed: Parsed, table: Table | None, progress=None) -> Preview:
    """Check every row against the registry and the table's description, and COPY those that
    can be written into a temporary table: known codes; periods of the table's frequency (FOLK1A
    may have years, which are skipped); for a national table Hele landet only; an offence code
    exactly when the table has OVERTRÆD (else NULL); and for FOLK1A only quarter K1 (the
    population on 1 January) without age or sex. A ".." is staged with value NULL: it removes a
    stored figure. Returns what was found, problems included."""
    result = Preview(table=parsed.table, format=parsed.format, rows_read=len(parsed.rows))
    result.notes = list(parsed.notes)
    if table is None:
        result.problems.append(
            Problem(
                None,
                "TABEL",
                parsed.table,
                _(
                    "Tabellen »%(table)s« er ikke beskrevet i kredsraad. Hent den med "
                    "`kredsraad statistics fetch %(table)s`, eller indlæs en fil med kolonnerne "
                    "OMRÅDE, TID og tabellens øvrige dimensioner."
                )
                % {"table": parsed.table},
            )
        )
        return result
    areas = dict(Area.objects.exclude(kind=Area.Kind.DISTRICT).values_list("code", "pk"))
    districts = set(Area.objects.filter(kind=Area.Kind.DISTRICT).values_list("code", flat=True))
    offences = dict(Offence.objects.values_list("code", "pk"))
    population = parsed.table == FOLK1A
    quarterly = table.frequency == Table.Frequency.QUARTER
    has_offence = any(d.get("role") == "offence" for d in table.dimensions)
    result.by_offence = has_offence
    periods: dict[str, tuple[int, int] | None] = {}
    unknown: dict[tuple[str, str], int] = {}  # (kind, code) → first line
    negative = []
    covered_areas, covered_offences = set(), set()
    cells: set[int] = set()  # hashes of the cells seen: a repeat is then checked exactly
    repeated = False
    total = len(parsed.rows)

    cursor.execute(f"DROP TABLE IF EXISTS {STAGED}")
    cursor.execute(
        f"CREATE TEMP TABLE {STAGED} (line integer, area_id bigint, offence_id bigint, "
        "period varchar(6), year smallint, quarter smallint, age varchar(20), "
        "sex varchar(10), key varchar(200), value integer)"
    )
    with cursor.copy(f"COPY {STAGED} ({STAGED_COLUMNS}) FROM STDIN") as copy:
        for done, row in enumerate(parsed.rows, 1):
            if progress and done % PROGRESS_EVERY == 0:
                progress(done // 2, total)  # copying is the first half of the work
            if row.period not in periods:
                match = PERIOD.match(row.period)
                periods[row.period] = (int(match[1]), int(match[2] or 0)) if match else None
                if match is None:
                    unknown[("period", row.period)] = row.line
                elif quarterly and not match[2] and not population:
                    # A year would be stored as quarter 0 and summed with its own quarters.
                    unknown[("year", row.period)] = row.line
                    periods[row.period] = None
                elif not quarterly and match[2]:
                    unknown[("quarter", row.period)] = row.line
                    periods[row.period] = None
            covered_areas.add(row.area)
            area = areas.get(row.area)
            if area is None:
                unknown.setdefault(("area", row.area), row.line)
            elif not table.has_area and row.area != COUNTRY:
                unknown.setdefault(("national", row.area), row.line)
                area = None
            offence = None
            if row.offence:
                covered_offences.add(row.offence)
                offence = offences.get(row.offence)
                if not has_offence:
                    unknown.setdefault(("no offence", row.offence), row.line)
                elif offence is None:
                    unknown.setdefault(("offence", row.offence), row.line)
            elif has_offence:
                unknown.setdefault(("missing offence", ""), row.line)
            if row.value is None:
                result.missing += 1
            elif row.value < 0:
                negative.append(row)
                continue
            period = periods[row.period]
            if period is None or area is None or (has_offence and offence is None):
                continue
            if population and (period[1] != 1 or row.age or row.sex):
                result.ignored += row.value is not None
                continue
            cell = hash((area, offence, row.period, row.age, row.sex, row.key))
            repeated = repeated or cell in cells
            cells.add(cell)
            copy.write_row(
                (row.line, area, offence, row.period, *period, row.age, row.sex, row.key, row.value)
            )
    cursor.execute(f"ANALYZE {STAGED}")
    if repeated:
        result.problems += _duplicates(cursor)

    result.problems += [
        _unknown(kind, code, line, districts, table) for (kind, code), line in unknown.items()
    ]
    result.problems += [
        Problem(row.line, "INDHOLD", str(row.value), _("Et antal kan ikke være negativt."))
        for row in negative
    ]
    result.areas = sorted(covered_areas)
    result.offences = sorted(covered_offences)
    result.periods = sorted(periods)
    if result.ignored:
        result.notes.append(
            _(
                "%(count)d rækker er sprunget over: folketal gælder 1. januar, så kun 1. kvartal "
                "(K1) uden opdeling på alder og køn indlæses."
            )
            % {"count": result.ignored}
        )
    return result


def _unknown(kind: str, code: str, line: int, districts: set[str], table: Table) -> Problem:
    where = {"code": code, "line": line, "table": table.code}
    if kind == "area" and code in districts:
        message = _(
            "Politikredse kan ikke indlæses fra en fil: kredsraad beregner dem som summen af "
            "deres kommuner (»%(code)s«, første gang i linje %(line)d)."
        )
    elif kind == "area":
        message = _(
            "Ukendt områdekode »%(code)s« (første gang i linje %(line)d). Brug Danmarks "
            "Statistiks koder: 000, 081-085, kommunekoder som 851, 411 eller 998."
        )
    elif kind == "national":
        message = _(
            "%(table)s er en landstabel uden område, så kun Hele landet (000) kan indlæses, "
            "ikke »%(code)s« (første gang i linje %(line)d)."
        )
    elif kind == "year":
        message = _(
            "Perioden »%(code)s« (første gang i linje %(line)d) er et helt år, men tallene "
            "gemmes pr. kvartal. Hent tabellen med kvartaler (2022K1, 2022K2 …) i stedet for år."
        )
    elif kind == "quarter":
        message = _(
            "Perioden »%(code)s« (første gang i linje %(line)d) er et kvartal, men %(table)s har "
            "tal pr. år. Hent tabellen med hele år (2021, 2022 …)."
        )
    elif kind == "offence":
        message = _(
            "Ukendt overtrædelseskode »%(code)s« (første gang i linje %(line)d). Indlæs "
            "kodelisten med `kredsraad statistics codes`, eller ret filen."
        )
    elif kind == "no offence":
        message = _(
            "%(table)s har ingen overtrædelser, men linje %(line)d har overtrædelseskoden "
            "»%(code)s«."
        )
    elif kind == "missing offence":
        message = _("Linje %(line)d mangler en overtrædelseskode, som %(table)s har.")
    else:
        message = _(
            "Ukendt periode »%(code)s« (første gang i linje %(line)d). Skriv kvartaler som "
            "2022K3 og år som 2022."
        )
    column = {
        "area": "OMRÅDE",
        "national": "OMRÅDE",
        "offence": "OVERTRÆD",
        "no offence": "OVERTRÆD",
        "missing offence": "OVERTRÆD",
        "period": "TID",
        "year": "TID",
        "quarter": "TID",
    }[kind]
    return Problem(line, column, code, message % where)


def _duplicates(cursor) -> list[Problem]:
    """The same cell twice with different values is a problem; twice with the same value is
    harmless, and the extra rows are dropped."""
    cursor.execute(
        f"""
        SELECT a.code, coalesce(o.code, ''), s.period, s.age, s.sex, s.key, s.lines, s.n_values
        FROM (
            SELECT {CELL}, array_agg(line ORDER BY line) AS lines,
                   count(DISTINCT coalesce(value, -1)) AS n_values
            FROM {STAGED} GROUP BY {CELL} HAVING count(*) > 1
        ) s
        JOIN statistics_area a ON a.id = s.area_id
        LEFT JOIN statistics_offence o ON o.id = s.offence_id
        ORDER BY s.lines[1]
        """
    )
    problems = []
    repeated = False
    for area, offence, period, age, sex, key, lines, n_values in cursor.fetchall():
        if n_values == 1:
            repeated = True
            continue
        cell = ", ".join(part for part in (area, offence, period, age, sex, key) if part)
        problems.append(
            Problem(
                lines[1],
                "INDHOLD",
                cell,
                _("Samme celle (%(cell)s) står med forskellige tal i linje %(lines)s.")
                % {"cell": cell, "lines": ", ".join(str(line) for line in lines)},
            )
        )
    if repeated and not problems:
        cursor.execute(
            f"""
            DELETE FROM {STAGED} s USING {STAGED} t
            WHERE (s.area_id, s.period, s.age, s.sex, s.key)
                  = (t.area_id, t.period, t.age, t.sex, t.key)
              AND s.offence_id IS NOT DISTINCT FROM t.offence_id AND s.line > t.line
            """
        )
    return problems


# Apply -------------------------------------------------------------------------------------------


def apply(
    parsed: Parsed,
    *,
    source: str,
    file_name: str = "",
    sha256: str = "",
    fetched_at: datetime,
    by=None,
    progress: Callable[[int, int], None] = lambda done, total: None,
    expect: Callable[[Preview], bool] | None = None,
) -> Dataset:
    """Write the rows, all or nothing, and record the import as a Dataset with its counts.
    Raises ImportRefused (and writes nothing) when the parser or the checks found problems.
    Unchanged cells are not touched; changed ones are updated, and a stored figure the file
    writes as ".." is deleted, so the history keeps the old value. The districts' sums and the
    derived totals (Hele landet, regions) are recomputed for every offence and period in the
    file, so a re-import also mends them after a change of the registry. When nothing at all
    changed, no Dataset is kept: the one returned is unsaved (pk None) and only carries the
    counts. `expect`, when given, sees the preview made from the staged rows inside the import
    (so the rows are staged once); if it returns False, nothing is written and `Changed` is
    raised with that preview. `progress(done, total)` is called every 10,000 rows while they are
    copied in (the first half of the work, counted in rows: `total` is the number of rows),
    after the cells are written, and at the end."""
    if parsed.problems:
        raise ImportRefused(list(parsed.problems))
    total = len(parsed.rows)
    population = parsed.table == FOLK1A
    target = "statistics_population" if population else "statistics_observation"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
        cursor.execute("SET LOCAL work_mem = '64MB'")
        table = _table(parsed, save=True)
        staged = _stage(cursor, parsed, table, progress)
        if staged.problems:
            raise ImportRefused(staged.problems)
        match = staged.match
        if expect is not None:
            _count(cursor, staged)
            if not expect(staged):
                raise Changed(staged)
        dataset = Dataset.objects.create(
            table=parsed.table,
            source=source,
            file_name=file_name[:255],
            sha256=sha256,
            fetched_at=fetched_at,
            imported_by=by,
            rows_read=total,
        )
        scope = {"table": parsed.table, "dataset": dataset.pk}
        # What the file covers, before the unchanged cells leave: the derived sums of all of it
        # are recomputed.
        if population:
            cursor.execute(f"SELECT array_agg(DISTINCT year) FROM {STAGED}")
            (scope["years"],) = cursor.fetchone()
        else:
            cursor.execute(
                f"SELECT array_remove(array_agg(DISTINCT offence_id), NULL), "
                f"coalesce(bool_or(offence_id IS NULL), false), array_agg(DISTINCT period) "
                f"FROM {STAGED}"
            )
            scope["offences"], scope["no_offence"], scope["periods"] = cursor.fetchone()
        # Unchanged cells leave the staging table, so what remains is new or changed. An official
        # figure equal to a derived one still replaces it: it is no longer "beregnet".
        cursor.execute(
            f"DELETE FROM {STAGED} s USING {target} o "
            f"WHERE {match} AND o.value = s.value AND NOT o.derived",
            scope,
        )
        dataset.rows_unchanged = cursor.rowcount
        context = {"statistics_dataset": dataset.pk} | ({"user": by.pk} if by else {})
        with pghistory.context(**context):
            # A ".." where a figure is stored removes it; a ".." for an empty cell does nothing.
            cursor.execute(
                f"DELETE FROM {target} o USING {STAGED} s WHERE {match} AND s.value IS NULL",
                scope,
            )
            removed = cursor.rowcount
            cursor.execute(f"DELETE FROM {STAGED} WHERE value IS NULL")
            cursor.execute(
                f"UPDATE {target} o SET value = s.value, dataset_id = %(dataset)s, derived = false "
                f"FROM {STAGED} s WHERE {match}",
                scope,
            )
            dataset.rows_changed = cursor.rowcount
            if population:
                cursor.execute(POPULATION_INSERT, scope)
                dataset.rows_new = cursor.rowcount
            else:
                insert = OBSERVATION_INSERT.format(match=match)
                dataset.rows_new = _insert_observations(cursor, insert, scope)
            progress(total * 3 // 4, total)
            sums = 0
            if population:
                cursor.execute(POPULATION_SUMS, scope)
                sums += cursor.rowcount
                if removed:
                    # A district none of whose areas has a figure left has no sum either.
                    cursor.execute(POPULATION_ORPHANS, scope)
                    sums += cursor.rowcount
            elif table.has_area:
                # The police's own figures are not Danmarks Statistik's: no total of the
                # country or a region is made up from them, only their districts' sums.
                totals = parsed.table != POLICE
                sums += _derive_sums(cursor, scope, totals=totals, removed=bool(removed))
        dataset.rows_changed += removed
        if dataset.rows_new + sums >= ANALYZE_FROM:
            # The planner must know the table grew before the next import joins against it: on
            # a table it believes empty, it would match each staged row by reading all of it.
            # ANALYZE takes no lock that readers or writers wait on.
            cursor.execute(f"ANALYZE {target}")
        cursor.execute(f"DROP TABLE {STAGED}")
        if dataset.rows_new or dataset.rows_changed or sums:
            dataset.save(update_fields=["rows_new", "rows_changed", "rows_unchanged"])
        else:
            # Nothing references it: no cell was written with it, and no history either.
            cursor.execute(f"DELETE FROM {Dataset._meta.db_table} WHERE id = %s", [dataset.pk])
            dataset.pk = None
    progress(total, total)
    return dataset


def _insert_observations(cursor, insert: str, scope: dict) -> int:
    """Insert the new cells. Every new row's foreign keys (area, offence, dataset) would be
    checked row by row at COMMIT: 2.2 million checks, most of a first load of all of STRAF11.
    Where the database lets this session, the areas and offences the rows point at are locked
    once, as those checks would lock each (FOR KEY SHARE: none can go until the import ends),
    and the insert runs as a restore does, without the row-by-row checks
    (session_replication_role = replica; the table has no insert trigger of its own). Readers
    are not affected either way; otherwise the insert is checked row by row. Returns the number
    of rows inserted."""
    cursor.execute("SELECT has_parameter_privilege('session_replication_role', 'SET')")
    if not cursor.fetchone()[0]:
        cursor.execute(insert, scope)
        return cursor.rowcount
    cursor.execute(
        f"""
        SELECT (SELECT count(DISTINCT area_id) FROM {STAGED}),
               (SELECT count(*) FROM (SELECT FROM statistics_area WHERE id IN
                   (SELECT area_id FROM {STAGED}) FOR KEY SHARE) a),
               (SELECT count(DISTINCT offence_id) FROM {STAGED}),
               (SELECT count(*) FROM (SELECT FROM statistics_offence WHERE id IN
                   (SELECT offence_id FROM {STAGED}) FOR KEY SHARE) o),
               (SELECT count(*) FROM (SELECT FROM statistics_dataset WHERE id = %(dataset)s
                   FOR KEY SHARE) d)
        """,
        scope,
    )
    areas, areas_found, offences, offences_found, dataset = cursor.fetchone()
    if (areas, offences, 1) != (areas_found, offences_found, dataset):
        cursor.execute(insert, scope)  # a code went meanwhile: let the checks name it
        return cursor.rowcount
    cursor.execute("SET LOCAL session_replication_role = replica")
    cursor.execute(insert, scope)
    inserted = cursor.rowcount
    cursor.execute("SET LOCAL session_replication_role = origin")
    return inserted


# What is left in the staging table is new or changed, and imports take turns (LOCK): an UPDATE of
# the matches and a plain INSERT of the rest do, faster than an upsert. The rows go in in the
# order of the unique index, so its pages fill one after another instead of at random.
OBSERVATION_INSERT = f"""
    INSERT INTO statistics_observation
        ("table", area_id, offence_id, period, year, quarter, age, sex, key, value, derived,
         dataset_id)
    SELECT %(table)s, area_id, offence_id, period, year, quarter, age, sex, key, value, false,
           %(dataset)s
    FROM {STAGED} s
    WHERE NOT EXISTS (SELECT FROM statistics_observation o WHERE {{match}})
    ORDER BY area_id, offence_id, period, age, sex, key"""
POPULATION_INSERT = f"""
    INSERT INTO statistics_population (area_id, year, value, derived, dataset_id)
    SELECT area_id, year, value, false, %(dataset)s FROM {STAGED} s
    WHERE NOT EXISTS (SELECT FROM statistics_population o WHERE {POPULATION_MATCH})"""

# A district's population is the sum of its areas'.
POPULATION_SUMS = f"""
    INSERT INTO statistics_population (area_id, year, value, derived, dataset_id)
    SELECT district.id, p.year, sum(p.value), true, %(dataset)s
    FROM statistics_population p
    JOIN statistics_area member ON member.id = p.area_id
    JOIN statistics_area district
      ON district.district_id = member.district_id AND district.kind = 'district'
    WHERE member.kind <> 'district' AND p.year = ANY(%(years)s)
    GROUP BY district.id, p.year
    {ON_POPULATION_CONFLICT}"""


POPULATION_ORPHANS = """
    DELETE FROM statistics_population d
    USING statistics_area district
    WHERE d.area_id = district.id AND district.kind = 'district' AND d.derived
      AND d.year = ANY(%(years)s)
      AND NOT EXISTS (
        SELECT FROM statistics_population p
        JOIN statistics_area member ON member.id = p.area_id
        WHERE member.district_id = district.district_id AND member.kind <> 'district'
          AND p.year = d.year
      )"""


# Derived rows: police districts, Hele landet and the regions -------------------------------------


def total_parts(*, with_unknown: bool) -> dict[str, list[str]]:
    """The areas each total is the sum of, by code: Hele landet (000) of every municipality,
    Christiansø and (`with_unknown`) Uoplyst kommune; a region of its municipalities (Region
    Hovedstaden with Christiansø)."""
    municipalities = Area.objects.filter(kind=Area.Kind.MUNICIPALITY, municipality__isnull=False)
    regions = set(Area.objects.filter(kind=Area.Kind.REGION).values_list("code", flat=True))
    parts: dict[str, list[str]] = {COUNTRY: [CHRISTIANSOE], CHRISTIANSOE_REGION: [CHRISTIANSOE]}
    if with_unknown:
        parts[COUNTRY].append(UNKNOWN_MUNICIPALITY)
    for code, region in municipalities.values_list("code", "municipality__region__code"):
        parts[COUNTRY].append(code)
        # The councils' Region codes are DST's 1081-1085; the areas' are 081-085.
        region_code = f"{region % 1000:03d}"
        if region_code in regions:
            parts.setdefault(region_code, []).append(code)
    return parts


def _derive_sums(cursor, scope: dict, *, totals: bool, removed: bool) -> int:
    """Write the derived rows of every cell in scope, in one pass over the table's official
    figures: each police district as the sum of its areas that have a figure (a missing row
    for one area in a period that is there means 0, as BULK leaves zeros out); Hele landet and
    the regions (`total_parts`), where the table has no official figure, only where every part
    has one. Uoplyst kommune (998) is a part only for a table that has it (UHELDK1 has none:
    every accident has a place). After a ".." removed figures, a derived row whose parts are
    no longer there (a district with none, a total missing one) goes. Returns the number of
    rows written or removed."""
    cursor.execute(
        "SELECT EXISTS (SELECT FROM statistics_observation o JOIN statistics_area a "
        'ON a.id = o.area_id WHERE o."table" = %s AND a.code = %s)',
        [scope["table"], UNKNOWN_MUNICIPALITY],
    )
    (with_unknown,) = cursor.fetchone()
    ids = dict(Area.objects.values_list("code", "pk"))
    parts_of = total_parts(with_unknown=with_unknown) if totals else {}
    rows = [
        (ids[total], ids[part], len(parts))
        for total, parts in parts_of.items()
        for part in parts
        if total in ids and part in ids
    ]
    members = Area.objects.exclude(kind=Area.Kind.DISTRICT).filter(district__isnull=False)
    districts = dict(Area.objects.filter(kind=Area.Kind.DISTRICT).values_list("district_id", "pk"))
    rows += [
        (districts[district], member, None)  # needed None: the sum of what is there
        for member, district in members.values_list("pk", "district_id")
        if district in districts
    ]
    cursor.execute(f"DROP TABLE IF EXISTS {PARTS}")
    cursor.execute(f"CREATE TEMP TABLE {PARTS} (total bigint, part bigint, needed integer)")
    with cursor.copy(f"COPY {PARTS} (total, part, needed) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    cursor.execute(f"ANALYZE {PARTS}")
    cursor.execute(OBSERVATION_DERIVED, scope)
    written = cursor.rowcount
    if removed:
        cursor.execute(OBSERVATION_DERIVED_WITHOUT_PARTS, scope)
        written += cursor.rowcount
    cursor.execute(f"DROP TABLE {PARTS}")
    return written


# Offences and periods are filtered apart, not as pairs: the planner estimates that well, and a
# sum that comes out unchanged is not written.
OBSERVATION_DERIVED = f"""
    INSERT INTO statistics_observation
        ("table", area_id, offence_id, period, year, quarter, age, sex, key, value, derived,
         dataset_id)
    SELECT %(table)s, p.total, o.offence_id, o.period, o.year, o.quarter, o.age, o.sex, o.key,
           sum(o.value), true, %(dataset)s
    FROM statistics_observation o
    JOIN {PARTS} p ON p.part = o.area_id
    WHERE o."table" = %(table)s AND NOT o.derived AND {IN_SCOPE}
    GROUP BY p.total, p.needed, o.offence_id, o.period, o.year, o.quarter, o.age, o.sex, o.key
    HAVING p.needed IS NULL OR count(*) = p.needed
    {ON_TOTAL_CONFLICT}"""
OBSERVATION_DERIVED_WITHOUT_PARTS = f"""
    DELETE FROM statistics_observation o
    USING (SELECT DISTINCT total, coalesce(needed, 1) AS needed FROM {PARTS}) t
    WHERE o.area_id = t.total AND o.derived AND o."table" = %(table)s AND {IN_SCOPE}
      AND t.needed > (
        SELECT count(*) FROM statistics_observation m JOIN {PARTS} p ON p.part = m.area_id
        WHERE p.total = t.total AND m."table" = o."table" AND NOT m.derived
          AND m.offence_id IS NOT DISTINCT FROM o.offence_id AND m.period = o.period
          AND m.age = o.age AND m.sex = o.sex AND m.key = o.key
      )"""
