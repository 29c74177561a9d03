"""Which figures the public may not read: small counts by source, and the other cells hidden
with them so that no small count can be worked out by subtracting published figures.

Per source (`Table.small_counts`): Danmarks Statistik publishes its tables with small counts, so
hiding them there protects nobody and they are shown; the police's own figures are not public,
so theirs are hidden. The secretariat changes the decision in the admin.

For a table that hides small counts, the pattern is worked out per (table, series, year) over
its lattice: every area (municipalities and the other leaves, and the districts, regions and the
country above them, each taken as the sum of its leaves) times every period the public reads (a
quarter, the year to date 1.-n. kvartal, the year; a yearly table: the year). A count from 1 to
just under KREDSRAAD_STATISTICS_SUPPRESS_BELOW is hidden ("under 5"); for each such cell a few
other cells are hidden with it ("skjult"), chosen by a rule that carries its own proof:

    Pick leaves m, m' and quarters q, q' so that u = e(m) - e(m') separates the cell's area
    (m in it, m' not) and w = e(q) - e(q') its period (q in it, q' not); m' or q' may be left
    out. Hide every published cell (area A, period P) with u·1(A) ≠ 0 and w·1(P) ≠ 0. Then
    v = u ⊗ w adds nothing to any figure still published but changes the small cell, so the
    published figures fit the true counts and the counts moved by v alike: the small cell is
    not determined by them, whatever one subtracts from what.

For Læsø in 2021K4 that is Læsø and another municipality of the same district and region, each
in K4 and in the year: four cells, and every district, region and country figure stays
published. Among the rectangles that work, the one hiding the fewest new cells is taken (then
the fewest zeros, then the smallest counts, then by id), so every output hides the same cells.

A figure for any other period (a range across years, 2.-3. kvartal) is published only when every
quarter of it is, since it is then their sum and says nothing new. `determined` is the exact
check (Gaussian elimination over fractions) the tests use to play the attacker.

Whatever is worked out from a hidden count is hidden with it: its change in per cent and its
rate per 1,000 inhabitants (`suppression.change_is_shown`, `suppression.rate_is_shown`)."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.utils.translation import gettext as _

from kredsraad.statistics.models import Area, Dataset, Observation, Table
from kredsraad.statistics.periods import Period
from kredsraad.statistics.reading.suppression import COMPLEMENT, SMALL, is_small

PATTERN_CACHED = 60 * 60

# A period of one year as the lattice knows it: (first quarter, last quarter); (0, 0) is a yearly
# table's year.
Span = tuple[int, int]
YEAR_CELL: Span = (0, 0)


# The source's decision ---------------------------------------------------------------------


def hides_small_counts(table: str) -> bool:
    """Whether the public reads `table` with small counts hidden. A table nobody has described
    is hidden: its source has not been judged."""
    found = Table.objects.filter(code=table).values_list("small_counts", flat=True).first()
    return found != Table.SmallCounts.SHOWN


def cache_token() -> str:
    """Changes when anything that decides what is hidden changes: the threshold, a table's
    decision or a new import. Caches of public figures put it in their keys."""
    hidden = Table.objects.filter(small_counts=Table.SmallCounts.HIDDEN).order_by("code")
    codes = ",".join(hidden.values_list("code", flat=True))
    newest = Dataset.objects.aggregate(newest=Max("pk"))["newest"]
    return f"{settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW}|{newest}|{codes}"


# The periods the public reads --------------------------------------------------------------


def is_public_period(period: Period) -> bool:
    """A quarter, the year to date (1.-n. kvartal of one year) or a calendar year: what the
    public pages publish, and all the anonymous API serves."""
    first, last = period.first, period.last
    return first == last or (first.year == last.year and first.number == 1)


def complement_sentence() -> str:
    """The sentence beside figures with a »skjult« among them: pages, PDF and Word."""
    return _(
        "Står der »skjult«, er tallet udeladt, for at et lille tal ikke kan regnes ud ved at "
        "trække offentliggjorte tal fra hinanden, fx politikredsen minus dens andre kommuner "
        "eller året minus dets kvartaler."
    )


def not_public_message(text: str) -> str:
    return _(
        "Perioden »%(period)s« vises ikke offentligt. Brug et kvartal, året til dato eller et "
        "helt år, fx 2023K3, 2023K1-2023K3 eller 2023."
    ) % {"period": text}


# The one question every public output asks --------------------------------------------------


def hidden(table: str, **cell) -> str:
    """`judge(table).hidden(**cell)`, for one figure; an output asking about many figures of
    a table keeps its judge."""
    return judge(table).hidden(**cell)


def judge(table: str) -> "Judge":
    """What the public may read of `table`. One query, and for a table that hides small counts,
    two more and the cached pattern of each (series, year) asked about."""
    row = Table.objects.filter(code=table).values_list("small_counts", "frequency").first()
    hides = row is None or row[0] != Table.SmallCounts.SHOWN
    yearly = row is not None and row[1] == Table.Frequency.YEAR
    return Judge(table, hides=hides, yearly=yearly, token=cache_token() if hides else "")


class Judge:
    def __init__(self, table: str, *, hides: bool, yearly: bool, token: str):
        self.table, self.hides, self.yearly, self.token = table, hides, yearly, token
        self.below = settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW
        self._patterns: dict = {}

    def hidden(
        self,
        *,
        offence_id: int | None,
        area_id: int,
        period: Period,
        value: int | None,
        age: str = "",
        sex: str = "",
        key: str = "",
    ) -> str:
        """Why the public may not read `value`, the area's count in `period` (SMALL or
        COMPLEMENT), or "" when it may. None ("ingen data") is never hidden: it tells nothing."""
        if value is None or not self.hides:
            return ""
        if is_small(value, below=self.below):
            return SMALL
        series = (self.table, offence_id, age, sex, key)
        cell = self._lattice_cell(period)
        if cell is not None:
            found = self._pattern(series, cell[0])
            if cell[1] in found.spans:
                return found.reasons.get((area_id, cell[1]), "")
        # Any other period is the sum of its quarters (its years): public when they all are.
        for year, span in self._smallest_cells(period):
            if self._pattern(series, year).reasons.get((area_id, span)):
                return COMPLEMENT
        return ""

    def hidden_in(self, comparison) -> tuple[str, str]:
        """Why a comparison's count and its baseline's are hidden ("" when shown)."""
        ask = {
            "offence_id": comparison.offence.pk if comparison.offence else None,
            "area_id": comparison.area.pk,
        }
        return (
            self.hidden(period=comparison.period, value=comparison.value, **ask),
            self.hidden(period=comparison.baseline, value=comparison.baseline_value, **ask),
        )

    def _lattice_cell(self, period: Period) -> tuple[int, Span] | None:
        first, last = period.first, period.last
        if first.year != last.year:
            return None
        if self.yearly:
            return (first.year, YEAR_CELL) if period.whole_years else None
        return (first.year, (first.number, last.number))

    def _smallest_cells(self, period: Period) -> list[tuple[int, Span]]:
        if self.yearly:
            return [(y, YEAR_CELL) for y in range(period.first.year, period.last.year + 1)]
        return [(q.year, (q.number, q.number)) for q in period.quarters()]

    def _pattern(self, series: tuple, year: int) -> "Pattern":
        memo = (series, year)
        if memo not in self._patterns:
            key = "disclosure:" + ":".join(str(part) for part in (*series, year, self.token))
            found = cache.get(key)
            if found is None:
                found = _work_out(series, year, below=self.below)
                cache.set(key, found, PATTERN_CACHED)
            self._patterns[memo] = found
        return self._patterns[memo]


# One year's pattern from the database ------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    spans: frozenset  # the periods of the year the public reads
    reasons: dict  # {(area id, span): SMALL or COMPLEMENT}


def _work_out(series: tuple, year: int, *, below: int) -> Pattern:
    table, offence_id, age, sex, key = series
    in_table = Observation.objects.filter(table=table, offence_id=offence_id, year=year)
    quarters = sorted(set(in_table.values_list("quarter", flat=True)))
    rows = in_table.filter(age=age, sex=sex, key=key).values_list("area_id", "quarter", "value")
    stored: dict[tuple[int, int], int] = defaultdict(int)
    for area_id, quarter, value in rows:
        stored[(area_id, quarter)] += value
    spans = lattice_spans(quarters)
    ancestors = _ancestors({area_id for area_id, _quarter in stored})
    values = cell_values(stored, ancestors, spans)
    reasons = hidden_pattern(values, ancestors=ancestors, spans=spans, below=below)
    return Pattern(spans=frozenset(spans), reasons=reasons)


def _ancestors(with_rows: set[int]) -> dict[int, frozenset]:
    """{leaf: the areas that hold it, itself included} for the leaves with rows. A leaf is a
    municipality or another area of its own (Christiansø, Uoplyst); a district, a region or the
    country with rows but none of its leaves is a leaf itself (a national table)."""
    areas = list(
        Area.objects.values_list("pk", "code", "kind", "district_id", "municipality__region__code")
    )
    country = next((pk for pk, code, *_rest in areas if code == "000"), None)
    districts = {district: pk for pk, _c, kind, district, _r in areas if kind == Area.Kind.DISTRICT}
    regions = {code: pk for pk, code, kind, *_rest in areas if kind == Area.Kind.REGION}
    leaf_kinds = (Area.Kind.MUNICIPALITY, Area.Kind.OTHER)
    ancestors = {}
    for pk, _code, kind, district, region in areas:
        if kind not in leaf_kinds or pk not in with_rows:
            continue
        held = {pk, country, districts.get(district)}
        if region is not None:
            held.add(regions.get(f"{region % 1000:03d}"))
        ancestors[pk] = frozenset(held - {None})
    covered = set().union(*ancestors.values()) if ancestors else set()
    for pk, _code, kind, *_rest in areas:
        if kind not in leaf_kinds and pk in with_rows and pk not in covered:
            ancestors[pk] = frozenset({pk} | ({country} if pk != country and country else set()))
    return ancestors


# The pure part: values, lattice and the rule -----------------------------------------------


def lattice_spans(quarters: Iterable[int]) -> list[Span]:
    """The periods of a year the public reads, given the quarters in the data: each quarter,
    and 1.-n. kvartal when all of its quarters are there (1.-4. is the year); a yearly table
    (quarter 0) has its year only."""
    present = set(quarters)
    if 0 in present:
        return [YEAR_CELL]
    spans = [(q, q) for q in sorted(present)]
    for last in (2, 3, 4):
        if all(q in present for q in range(1, last + 1)):
            spans.append((1, last))
    return spans


def _in(quarter: int, span: Span) -> bool:
    return span[0] <= quarter <= span[1]


def cell_values(
    stored: Mapping[tuple[int, int], int], ancestors: Mapping[int, frozenset], spans: list[Span]
) -> dict[tuple[int, Span], int]:
    """{(area, span): count} over the lattice. An area's count is its own stored rows' sum,
    or, for an area with no rows of its own, its leaves' sum."""
    areas = set().union(*ancestors.values()) if ancestors else set()
    own = {area for area, _quarter in stored}
    values = {}
    for area in areas:
        sources = [area] if area in own else [m for m, held in ancestors.items() if area in held]
        for span in spans:
            values[(area, span)] = sum(
                value for (a, q), value in stored.items() if a in sources and _in(q, span)
            )
    return values


def hidden_pattern(
    values: Mapping[tuple[int, Span], int],
    *,
    ancestors: Mapping[int, frozenset],
    spans: list[Span],
    below: int,
) -> dict[tuple[int, Span], str]:
    """{(area, span): SMALL or COMPLEMENT} for one series' year (see the module)."""
    leaves = sorted(ancestors)
    quarters = sorted({q for span in spans for q in range(span[0], span[1] + 1)})
    members = defaultdict(set)
    for leaf, held in ancestors.items():
        for area in held:
            members[area].add(leaf)
    hidden = {cell: SMALL for cell, value in sorted(values.items()) if is_small(value, below=below)}
    for area, span in sorted(c for c, why in hidden.items() if why == SMALL):
        best = None
        # Only the narrowest separations of the area are weighed (typically a neighbour in the
        # same district and region): any other would hide a district's or region's figure too.
        choices = list(_area_choices(area, leaves, members[area], ancestors))
        narrowest = min(len(choice) for choice in choices)
        choices = [choice for choice in choices if len(choice) == narrowest]
        for period_cells in _period_choices(span, quarters, spans):
            for area_cells in choices:
                cells = [(a, p) for a in area_cells for p in period_cells]
                new = [cell for cell in cells if cell not in hidden]
                score = (
                    len(new),
                    sum(1 for cell in new if values.get(cell) == 0),
                    sum(values.get(cell, 0) for cell in new),
                    sorted(new),
                )
                if best is None or score < best[0]:
                    best = (score, new)
        for cell in best[1] if best else []:
            hidden[cell] = SMALL if is_small(values.get(cell), below=below) else COMPLEMENT
    return hidden


def _period_choices(span: Span, quarters: list[int], spans: list[Span]):
    """For each w = e(q) - e(q') (or e(q)) with w·1(span) ≠ 0: the spans it separates."""
    for q in (q for q in quarters if _in(q, span)):
        for other in [None, *(o for o in quarters if not _in(o, span))]:
            yield [s for s in spans if _in(q, s) != (other is not None and _in(other, s))]


def _area_choices(area: int, leaves: list[int], inside: set, ancestors: Mapping[int, frozenset]):
    """For each u = e(m) - e(m') (or e(m)) with u·1(area) ≠ 0: the areas it separates."""
    for leaf in sorted(inside):
        yield sorted(ancestors[leaf])
        for other in leaves:
            if other not in inside:
                yield sorted(ancestors[leaf] ^ ancestors[other])


# The exact check -----------------------------------------------------------------------------


def determined(published: Iterable[Mapping], target: Mapping) -> bool:
    """Whether the linear form `target` ({unknown: coefficient}) is a combination of the
    `published` forms, i.e. whether the published figures give its value. Exact: Gaussian
    elimination over fractions, the basis kept reduced so one pass reduces a form."""
    basis: dict = {}  # pivot -> row with 1 at the pivot and 0 at every other pivot
    for form in published:
        row = _reduced(form, basis)
        if not row:
            continue
        pivot = min(row, key=repr)
        scale = row[pivot]
        row = {k: v / scale for k, v in row.items()}
        for other in basis.values():
            factor = other.get(pivot)
            if factor:
                for k, v in row.items():
                    other[k] = other.get(k, 0) - factor * v
                    if other[k] == 0:
                        del other[k]
        basis[pivot] = row
    return not _reduced(target, basis)


def _reduced(form: Mapping, basis: dict) -> dict:
    row = {k: Fraction(v) for k, v in form.items() if v}
    for pivot in [p for p in basis if p in row]:
        factor = row.get(pivot)
        if not factor:
            continue
        for k, v in basis[pivot].items():
            row[k] = row.get(k, 0) - factor * v
            if row[k] == 0:
                del row[k]
    return row
