"""Comparisons of the stored observations: a period against another, an area against another,
a district's municipalities side by side, per 1,000 inhabitants, series, years and outliers.

Every figure is a SUM over stored Observation rows (all ages and sexes: age = sex = "") and can
be checked by summing the same rows by hand. Rules that decide a figure:

- A quarter is in the data when the table holds any row for the offence in it, whichever the
  area. A municipality, district or other area without a row in such a quarter had 0 (DST's BULK
  format leaves zero cells out). A comparison over a quarter that is not in the data is refused
  rather than summed as 0.
- Hele landet and a region are DST's own totals, never left out as 0: without a row for every
  quarter of the period the figure is None, "ingen data" (a file without Hele landet, and no
  derived row because municipalities were missing). A total the importer derived from the
  municipalities (`derived=True`) is marked "beregnet" (`Comparison.derived`).
- A police district's figure is its own stored (derived) rows, which the importer writes as the
  sum of its municipalities, so a district reads as few rows as a municipality.
- Per 1,000 inhabitants divides by the population on 1 January (FOLK1A) of the period's first
  year, also when the period runs into the next year. No population, no rate.
- Changes are percentages with one decimal, rounded half up; none when the baseline is 0.
"""

import math
import statistics
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.postgres.aggregates import BoolOr
from django.db.models import (
    BooleanField,
    Count,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kredsraad.statistics.models import Area, Observation, Offence, Population
from kredsraad.statistics.periods import (
    DASH,
    Period,
    Quarter,
    as_period,
    parse_quarter,
    year_earlier,
)
from kredsraad.statistics.rows import STRAF11

# Iglewicz and Hoaglin's modified z-score: 0.6745 ≈ 1/1.4826 makes the MAD of normal data
# comparable with a standard deviation.
MAD_SCALE = 0.6745
MIN_NEIGHBOURS = 4
# Seasons: a quarter is also set against the same quarter of up to SEASON_YEARS earlier years,
# and judged only with at least MIN_SEASONS of them.
SEASON_YEARS = 3
MIN_SEASONS = 2
# DST's own totals: a missing row is missing data, not a 0 left out of a BULK answer.
TOTALS = (Area.Kind.COUNTRY, Area.Kind.REGION)
# Their codes in DST's fixed classification, for readers that have a code and no Area.
TOTAL_CODES = frozenset({"000", "081", "082", "083", "084", "085"})
MINUS = "\N{MINUS SIGN}"


class CompareError(ValueError):
    """A comparison that cannot be made, with a Danish message saying why."""


# Lookups -----------------------------------------------------------------------------------------


def area_by_code(code: str) -> Area:
    """The area for a DST area code ("000", "081", "851"; "0851" and "81" are read as "851" and
    "081") or a police district "politikreds:N". Raises CompareError listing examples."""
    text = code.strip()
    if text.lower().startswith("politikreds:"):
        number = text.split(":", 1)[1].strip()
        # ASCII only: str.isdigit() also takes "²", which int() refuses.
        normalised = f"politikreds:{int(number)}" if number.isascii() and number.isdigit() else text
    elif text.isdigit():
        normalised = text[1:] if len(text) == 4 and text.startswith("0") else text.zfill(3)
    else:
        normalised = text
    area = Area.objects.filter(code=normalised).first()
    if area is None:
        raise CompareError(
            _(
                "Ukendt område »%(code)s«. Brug en områdekode fra Danmarks Statistik, fx 000 "
                "(Hele landet), 081 (Region Nordjylland) eller 851 (Aalborg), eller en "
                "politikreds som politikreds:1 (Nordjyllands Politi)."
            )
            % {"code": text}
        )
    return area


def offence_by_code(code: str) -> Offence:
    """The offence for an OVERTRÆD code ("TOT", "12", "1320"). Raises CompareError."""
    text = code.strip()
    offence = Offence.objects.filter(code=text.upper()).first()
    if offence is None:
        raise CompareError(
            _(
                "Ukendt overtrædelse »%(code)s«. Brug en kode fra Danmarks Statistik, fx TOT "
                "(i alt), 12 (voldsforbrydelser) eller 1320 (indbrud i beboelser)."
            )
            % {"code": text}
        )
    return offence


def latest_quarter(offence: Offence | None = None, *, table: str = STRAF11) -> Quarter | None:
    """The newest quarter the table holds (for the offence, when given); None when empty."""
    rows = Observation.objects.filter(table=table)
    if offence is not None:
        rows = rows.filter(offence=offence)
    newest = rows.order_by("-year", "-quarter").values_list("year", "quarter").first()
    return Quarter(*newest) if newest else None


# Comparisons -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """An area's count for `period` against `baseline`, and per 1,000 inhabitants. `against`
    holds the same figures for a second area (without an `against` of its own)."""

    area: Area
    offence: Offence
    table: str
    period: Period
    baseline: Period
    value: int | None  # None: "ingen data"
    baseline_value: int | None
    change_percent: Decimal | None
    population: int | None  # 1 January of the period's first year
    baseline_population: int | None
    rate: Decimal | None  # per 1,000 inhabitants, two decimals
    baseline_rate: Decimal | None
    against: "Comparison | None" = None
    derived: bool = False  # a country's or region's figure summed from its municipalities

    @property
    def note(self) -> str:
        """The sentence a page, file or answer puts beside this area's figures: why one is
        "ingen data", or that it is "beregnet"; "" when neither."""
        if self.value is None or self.baseline_value is None:
            return no_data_note(self)
        return derived_note(self.area.name) if self.derived else ""

    def as_dict(self) -> dict:
        """Plain JSON types; Decimals become numbers."""
        figures = {
            "area": self.area.code,
            "area_name": self.area.name,
            "offence": self.offence.code,
            "offence_label": self.offence.label,
            "table": self.table,
            "period": str(self.period),
            "baseline": str(self.baseline),
            "value": self.value,
            "baseline_value": self.baseline_value,
            "change_percent": _number_or_none(self.change_percent),
            "population": self.population,
            "baseline_population": self.baseline_population,
            "rate_per_1000": _number_or_none(self.rate),
            "baseline_rate_per_1000": _number_or_none(self.baseline_rate),
            "derived": self.derived,
            "note": self.note,
        }
        if self.against is not None:
            figures["against"] = self.against.as_dict()
        return figures


@dataclass(frozen=True)
class Breakdown:
    """A district's municipalities (by name) and the district's own figures."""

    rows: list[Comparison]
    total: Comparison


def compare(
    area: Area,
    offence: Offence,
    period: Period | str,
    baseline: Period | str | None = None,
    *,
    table: str = STRAF11,
    against: Area | None = None,
) -> Comparison:
    """`area`'s count of `offence` in `period` against `baseline` (by default the same quarters a
    year earlier), with `against` side by side. Two queries. Raises CompareError when a quarter
    of either period is not in the data."""
    period, baseline = _periods(period, baseline)
    areas = [area] if against is None else [area, against]
    found = _comparisons(
        Area.objects.filter(pk__in=[a.pk for a in areas]), offence, period, baseline, table
    )
    main = found[area.pk]
    if against is None:
        return main
    return replace(main, against=found[against.pk])


def by_municipality(
    district: Area,
    offence: Offence,
    period: Period | str,
    baseline: Period | str | None = None,
    *,
    table: str = STRAF11,
) -> Breakdown:
    """Each municipality of the police district, in Danish alphabetical order (Aalborg last:
    "Aa" sorts as "Å"), and the district itself as the total. Two queries, however many municipalities."""
    if district.kind != Area.Kind.DISTRICT:
        raise CompareError(
            _("»%(area)s« er ikke en politikreds; kun en politikreds kan deles op i kommuner.")
            % {"area": district.name}
        )
    period, baseline = _periods(period, baseline)
    # An area's `district` is its police district; the district's own area points to itself.
    areas = (
        Area.objects.filter(district_id=district.district_id)
        .filter(Q(kind=Area.Kind.MUNICIPALITY) | Q(pk=district.pk))
        .order_by("name")
    )
    found = _comparisons(areas, offence, period, baseline, table)
    total = found.pop(district.pk)
    return Breakdown(rows=list(found.values()), total=total)


def _periods(period, baseline) -> tuple[Period, Period]:
    period = as_period(period)
    baseline = year_earlier(period) if baseline is None else as_period(baseline)
    return period, baseline


def _comparisons(
    areas: QuerySet[Area], offence: Offence, period: Period, baseline: Period, table: str
) -> dict[int, Comparison]:
    """One query for the areas with their sums and populations, one for the quarters in the
    data."""
    _require_data(offence, table, period, baseline)
    annotated = areas.annotate(
        sum_period=_total(table, offence, period, Sum("value"), IntegerField()),
        sum_baseline=_total(table, offence, baseline, Sum("value"), IntegerField()),
        cells_period=_total(table, offence, period, Count("period", distinct=True)),
        cells_baseline=_total(table, offence, baseline, Count("period", distinct=True)),
        derived_period=_total(table, offence, period, BoolOr("derived"), BooleanField()),
        derived_baseline=_total(table, offence, baseline, BoolOr("derived"), BooleanField()),
        population_period=_population(period),
        population_baseline=_population(baseline),
    )
    found = {}
    for area in annotated:
        value = _figure(area, area.sum_period, whole=area.cells_period == len(period.codes()))
        baseline_value = _figure(
            area, area.sum_baseline, whole=area.cells_baseline == len(baseline.codes())
        )
        found[area.pk] = Comparison(
            area=area,
            offence=offence,
            table=table,
            period=period,
            baseline=baseline,
            value=value,
            baseline_value=baseline_value,
            change_percent=change_percent(value, baseline_value),
            population=area.population_period,
            baseline_population=area.population_baseline,
            rate=per_1000(value, area.population_period),
            baseline_rate=per_1000(baseline_value, area.population_baseline),
            derived=area.kind in TOTALS
            and bool(
                (value is not None and area.derived_period)
                or (baseline_value is not None and area.derived_baseline)
            ),
        )
    return found


def _figure(area: Area, total: int | None, *, whole: bool) -> int | None:
    """The area's sum over some quarters: for a total (country, region) only when it has a row
    in each of them (`whole`), else None; for any other area a quarter without a row counts 0."""
    if area.kind in TOTALS:
        return total if whole else None
    return 0 if total is None else total


def _total(table: str, offence: Offence, period: Period, aggregate, field=None):
    """`aggregate` over the area's rows of the offence in the period, as a subquery."""
    rows = (
        Observation.objects.filter(
            table=table,
            offence=offence,
            area=OuterRef("pk"),
            age="",
            sex="",
            year__range=(period.first.year, period.last.year),
            period__in=period.codes(),
        )
        .order_by()
        .values("area")
        .annotate(total=aggregate)
        .values("total")
    )
    return Subquery(rows, output_field=field or IntegerField())


def _population(period: Period):
    rows = Population.objects.filter(area=OuterRef("pk"), year=period.first.year).values("value")
    return Subquery(rows[:1], output_field=IntegerField())


def _require_data(offence: Offence, table: str, *periods: Period) -> None:
    wanted = [code for period in periods for code in period.codes()]
    first = min(period.first.year for period in periods)
    last = max(period.last.year for period in periods)
    present = set(
        Observation.objects.filter(
            table=table,
            offence=offence,
            age="",
            sex="",
            year__range=(first, last),
            period__in=wanted,
        )
        .order_by()
        .values_list("period", flat=True)
        .distinct()
    )
    missing = sorted(set(wanted) - present)
    if missing:
        raise CompareError(
            ngettext(
                "%(table)s har ingen tal for %(offence)s i %(quarters)s. Indlæs kvartalet, "
                "eller vælg en anden periode.",
                "%(table)s har ingen tal for %(offence)s i %(quarters)s. Indlæs kvartalerne, "
                "eller vælg en anden periode.",
                len(missing),
            )
            % {"table": table, "offence": offence, "quarters": ", ".join(missing)}
        )


def change_percent(value: int | None, baseline_value: int | None) -> Decimal | None:
    """(value - baseline) / baseline in per cent, one decimal, half up; None for a 0 baseline
    or a figure that is not in the data."""
    if value is None or not baseline_value:
        return None
    change = Decimal(value - baseline_value) * 100 / Decimal(baseline_value)
    return change.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def per_1000(value: int | None, population: int | None) -> Decimal | None:
    """value / population * 1,000, two decimals, half up; None without a population or a
    figure."""
    if value is None or not population:
        return None
    rate = Decimal(value) * 1000 / Decimal(population)
    return rate.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _number_or_none(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


# "ingen data" and "beregnet" -------------------------------------------------------------------


def derived_note(name: str) -> str:
    """The sentence beside a country's or region's figure (`name`) that the importer summed."""
    return _(
        "%(area)s er beregnet: summen af kommunerne, Christiansø og Uoplyst kommune, fordi "
        "Danmarks Statistiks fil ikke havde tallet selv."
    ) % {"area": name}


def parts_of(area: Area) -> QuerySet[Area]:
    """The areas a country's or a region's figure is the sum of: every municipality, Christiansø
    and Uoplyst kommune for Hele landet; the region's municipalities for a region."""
    if area.kind == Area.Kind.COUNTRY:
        return Area.objects.filter(kind__in=[Area.Kind.MUNICIPALITY, Area.Kind.OTHER])
    number = int(area.code)
    return Area.objects.filter(
        Q(municipality__region__code=number) | Q(municipality__region__code=1000 + number),
        kind=Area.Kind.MUNICIPALITY,
    )


def missing_parts(area: Area, table: str, period: Period) -> list[Area]:
    """The parts of `area` (see `parts_of`) without any row of the table in some quarter of the
    period, by name. Two queries."""
    codes = period.codes()
    complete = (
        Observation.objects.filter(table=table, period__in=codes, area__in=parts_of(area))
        .order_by()
        .values("area")
        .annotate(quarters=Count("period", distinct=True))
        .filter(quarters=len(codes))
        .values("area")
    )
    return list(parts_of(area).exclude(pk__in=complete).order_by("name"))


def no_data_note(comparison: Comparison) -> str:
    """Why the area's figure for the period (or the baseline) is "ingen data": for a total, how
    many and which of its municipalities the table lacks. A few queries; only asked when a
    figure is missing."""
    period = comparison.period if comparison.value is None else comparison.baseline
    missing = missing_parts(comparison.area, comparison.table, period)
    values = {"area": comparison.area.name, "period": period.label, "count": len(missing)}
    if not missing:
        return (
            _(
                "%(area)s: ingen data for %(period)s. Tabellen har ikke tallet, og det kan ikke "
                "beregnes."
            )
            % values
        )
    names = [a.name for a in missing]
    values["names"] = ", ".join(names[:10]) + (", …" if len(names) > 10 else "")
    return (
        ngettext(
            "%(area)s: ingen data for %(period)s, fordi %(count)d kommune mangler i tabellen, så "
            "tallet ikke kan beregnes: %(names)s.",
            "%(area)s: ingen data for %(period)s, fordi %(count)d kommuner mangler i tabellen, så "
            "tallet ikke kan beregnes: %(names)s.",
            len(missing),
        )
        % values
    )


# Series and years --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    quarter: Quarter
    value: int | None  # None: "ingen data" (a total without a row)
    derived: bool = False


@dataclass(frozen=True)
class YearTotal:
    year: int
    value: int | None  # None: "ingen data" (a total without a row in one of the quarters)
    quarters: int  # quarters of the year in the data
    first_quarter: int = 1
    last_quarter: int = 4
    population: int | None = None  # 1 January of the year
    rate: Decimal | None = None  # per 1,000 inhabitants, two decimals
    derived: bool = False

    @property
    def complete(self) -> bool:
        return self.quarters == 4

    @property
    def period(self) -> Period:
        """The year's quarters in the data: its label reads "2025" or "1.–3. kvartal 2025"."""  # noqa: RUF002
        return Period(Quarter(self.year, self.first_quarter), Quarter(self.year, self.last_quarter))


def series(
    area: Area,
    offence: Offence,
    *,
    start: Quarter | str | None = None,
    end: Quarter | str | None = None,
    table: str = STRAF11,
) -> list[Point]:
    """The area's count per quarter, oldest first, for every quarter in the data from `start`
    to `end` (both included). One query."""
    rows = _offence_rows(table, offence)
    if start is not None:
        start = parse_quarter(start) if isinstance(start, str) else start
        rows = rows.filter(Q(year__gt=start.year) | Q(year=start.year, quarter__gte=start.number))
    if end is not None:
        end = parse_quarter(end) if isinstance(end, str) else end
        rows = rows.filter(Q(year__lt=end.year) | Q(year=end.year, quarter__lte=end.number))
    sums = (
        rows.values("year", "quarter")
        .annotate(
            total=Sum("value", filter=Q(area=area)),
            derived=BoolOr("derived", filter=Q(area=area)),
        )
        .order_by("year", "quarter")
    )
    return [
        Point(
            Quarter(row["year"], row["quarter"]),
            _figure(area, row["total"], whole=row["total"] is not None),
            area.kind in TOTALS and bool(row["derived"]),
        )
        for row in sums
    ]


def yearly(area: Area, offence: Offence, *, table: str = STRAF11) -> list[YearTotal]:
    """The area's count per calendar year, oldest first, with the population on 1 January and
    the rate per 1,000 where FOLK1A has the year. A year with fewer than four quarters in the
    data is marked incomplete (`complete` False, `period` names its quarters), not left out; its
    rate is for those quarters only. Two queries."""
    return yearly_by_area([area], offence, table=table)[area.pk]


def yearly_by_area(
    areas: list[Area], offence: Offence, *, table: str = STRAF11
) -> dict[int, list[YearTotal]]:
    """`yearly` for each of a few areas (by primary key), in two queries: a sum per area and
    year, so keep the list short (a district and the country), and their populations. The
    populations are read apart: as a subquery beside the sums, PostgreSQL looked them up once
    per stored row (9,000 lookups for one offence of the whole of STRAF11) and compiled the
    query it then judged expensive (JIT), 300 ms against 20 ms."""
    figures = {}
    for area in areas:
        figures[f"total_{area.pk}"] = Sum("value", filter=Q(area=area))
        figures[f"quarters_{area.pk}"] = Count("quarter", filter=Q(area=area), distinct=True)
        figures[f"derived_{area.pk}"] = BoolOr("derived", filter=Q(area=area))
    sums = list(
        _offence_rows(table, offence)
        .values("year")
        .annotate(
            quarters=Count("quarter", distinct=True),
            first=Min("quarter"),
            last=Max("quarter"),
            **figures,
        )
        .order_by("year")
    )
    people = {
        (area_id, year): value
        for area_id, year, value in Population.objects.filter(
            area__in=[area.pk for area in areas], year__in=[row["year"] for row in sums]
        ).values_list("area_id", "year", "value")
    }
    for row in sums:
        for area in areas:
            row[f"population_{area.pk}"] = people.get((area.pk, row["year"]))
    return {area.pk: [_year(area, row) for row in sums] for area in areas}


def _year(area: Area, row: dict) -> YearTotal:
    # A total counts only when it has a row in each of the year's quarters in the data.
    whole = row[f"quarters_{area.pk}"] == row["quarters"]
    value = _figure(area, row[f"total_{area.pk}"], whole=whole)
    return YearTotal(
        year=row["year"],
        value=value,
        quarters=row["quarters"],
        first_quarter=row["first"],
        last_quarter=row["last"],
        population=row[f"population_{area.pk}"],
        rate=per_1000(value, row[f"population_{area.pk}"]),
        derived=area.kind in TOTALS and value is not None and bool(row[f"derived_{area.pk}"]),
    )


def _offence_rows(table: str, offence: Offence) -> QuerySet[Observation]:
    # All areas' rows, so that a quarter where this area has no row still shows, as 0.
    return Observation.objects.filter(table=table, offence=offence, age="", sex="")


# Outliers ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outlier:
    """A quarter whose count lies far both from its neighbours' and from the same quarter's in
    earlier years. `score` is against the neighbours, in robust standard deviations (positive
    above the median); `neighbours` counts the quarters compared with; `season_*` describe the
    same quarter of the earlier years."""

    quarter: Quarter
    value: int
    median: float
    mad: float
    score: float
    low: int
    high: int
    neighbours: int
    explanation: str
    season_median: float = 0.0
    season_score: float = 0.0
    season_low: int = 0
    season_high: int = 0
    seasons: int = 0


def outliers(
    area: Area,
    offence: Offence,
    *,
    window: int = 4,
    threshold: float = 3.5,
    table: str = STRAF11,
) -> list[Outlier]:
    """The area's unusual quarters (see `flag_outliers`), oldest first. One query."""
    return flag_outliers(series(area, offence, table=table), window=window, threshold=threshold)


def flag_outliers(points: list[Point], *, window: int = 4, threshold: float = 3.5) -> list[Outlier]:
    """Flag a quarter whose count is far both from the `window` quarters before and after it
    (fewer at the ends of the series, the quarter itself left out) and from the same quarter of
    the SEASON_YEARS years before it, on the same side of both. Each distance is Iglewicz and
    Hoaglin's modified z-score 0.6745 * (x - median) / MAD, and both must exceed `threshold`.

    The second comparison is for seasons: burglaries of homes peak every winter (Middelfart's
    fourth quarters), so such a peak is far from its neighbours but not from last winters. A
    quarter with fewer than MIN_NEIGHBOURS neighbours or MIN_SEASONS earlier years is not judged:
    the first two years of a series have no history to be unusual against. Quarters without a
    figure ("ingen data") are neither judged nor compared with.

    Counts vary at least as much as a Poisson count does (standard deviation √median), and the
    MAD of a few quarters can come out smaller than that, or 0 when half of them are equal. So
    each score divides by the larger of MAD / 0.6745 and √max(median, 1): a quiet series, or a
    small municipality's handful of cases, does not raise a flag for ordinary noise."""
    values = {p.quarter: p.value for p in points if p.value is not None}
    known = [p for p in points if p.value is not None]
    found = []
    for n, point in enumerate(known):
        around = known[max(n - window, 0) : n] + known[n + 1 : n + window + 1]
        neighbours = [p.value for p in around]
        earlier = [
            values[q]
            for q in (point.quarter.shifted(-4 * k) for k in range(1, SEASON_YEARS + 1))
            if q in values
        ]
        if len(neighbours) < MIN_NEIGHBOURS or len(earlier) < MIN_SEASONS:
            continue
        median, mad, score = _robust_score(point.value, neighbours)
        season_median, _season_mad, season_score = _robust_score(point.value, earlier)
        if min(abs(score), abs(season_score)) <= threshold or (score > 0) != (season_score > 0):
            continue
        found.append(
            Outlier(
                quarter=point.quarter,
                value=point.value,
                median=float(median),
                mad=float(mad),
                score=score,
                low=min(neighbours),
                high=max(neighbours),
                neighbours=len(neighbours),
                explanation=_explain(point, median, score, neighbours, earlier, threshold),
                season_median=float(season_median),
                season_score=season_score,
                season_low=min(earlier),
                season_high=max(earlier),
                seasons=len(earlier),
            )
        )
    return found


def _robust_score(value: int, others: list[int]) -> tuple[float, float, float]:
    """(median, MAD, modified z-score) of `value` against `others`, with the Poisson floor."""
    median = statistics.median(others)
    mad = statistics.median(abs(other - median) for other in others)
    spread = max(mad / MAD_SCALE, math.sqrt(max(median, 1)))
    return median, mad, (value - median) / spread


def _span(values: list[int]) -> str:
    low, high = min(values), max(values)
    return format_number(low) if low == high else f"{format_number(low)}{DASH}{format_number(high)}"


def _explain(
    point: Point, median, score: float, neighbours: list[int], earlier: list[int], threshold
) -> str:
    values = {
        "quarter": point.quarter,
        "value": ngettext("%(count)s anmeldelse", "%(count)s anmeldelser", point.value)
        % {"count": format_number(point.value)},
        "typical": _span(neighbours),
        "count": len(neighbours),
        "median": format_number(median),
        "season": _span(earlier),
        "number": point.quarter.number,
        "years": len(earlier),
        "score": format_number(abs(score), 1),
        "threshold": format_number(threshold),
    }
    if score > 0:
        text = _(
            "%(quarter)s: %(value)s mod typisk %(typical)s i de %(count)d omgivende kvartaler "
            "(median %(median)s) og %(season)s i %(number)d. kvartal de %(years)d år før; "
            "%(score)s robuste standardafvigelser over medianen (grænsen er %(threshold)s)."
        )
    else:
        text = _(
            "%(quarter)s: %(value)s mod typisk %(typical)s i de %(count)d omgivende kvartaler "
            "(median %(median)s) og %(season)s i %(number)d. kvartal de %(years)d år før; "
            "%(score)s robuste standardafvigelser under medianen (grænsen er %(threshold)s)."
        )
    return text % values + " " + outlier_method()


def outlier_method() -> str:
    """The method in one Danish sentence, for the explanation of every flag and the pages."""
    return _(
        "Metode: robust z-score (median og MAD) mod både nabokvartalerne og samme kvartal i "
        "de foregående år, så en fast sæsontop ikke markeres."
    )


# Danish numbers ----------------------------------------------------------------------------------


def format_number(value, decimals: int | None = None) -> str:
    """In the active language's format, Danish by default: 1.234, 191,5, 3,50. Without
    `decimals`, a whole number shows none and any other at most one."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    # number_format cuts surplus decimals off; round them half up first.
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimals, use_l10n=True, force_grouping=True)


def format_percent(value: Decimal | float | None) -> str:
    """A share or a level in per cent, always one decimal: "121,0 %", "41,4 %"; a dash for no
    value. Changes use `format_change`."""
    if value is None:
        return DASH
    return _("%(number)s %%") % {"number": format_number(value, 1)}


def format_change(value: Decimal | float | None) -> str:
    """A change in per cent, one decimal with its sign: "+38,1 %", MINUS + "4,0 %" (U+2212, which
    screen readers read as "minus"), "0,0 %"; a dash for none (a change from 0). Every page,
    document, CLI and notice writes changes through here."""
    if value is None:
        return DASH
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    sign = "+" if rounded > 0 else MINUS if rounded < 0 else ""
    return _("%(number)s %%") % {"number": sign + format_number(abs(rounded), 1)}


def format_rate(value: Decimal | float | None) -> str:
    """Per 1,000 inhabitants, always two decimals: "3,50"; a dash for none."""
    return DASH if value is None else format_number(value, 2)
