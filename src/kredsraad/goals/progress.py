"""What each goal's indicator shows now, and how far the goal has come. Computed, never typed.

A statistics indicator compares the baseline period with the newest *comparable* period: the
baseline's own quarters a whole number of years later (baseline 2022 → 2023, 2024 …; baseline
2022K1-2022K3 → 2023K1-2023K3 …), wholly in the data, not overlapping the baseline and ending no
later than the deadline. A year still under way is not compared with a whole year: a target of
850 reports in 2025 is not met by 600 reports in the first half of it. Every figure is a sum of
stored observations read as statistics.reading.compare reads them: a quarter is in the data when
the table holds any row for the offence in it, and an area without a row in such a quarter had 0,
except Hele landet or a region (DST's own totals): without a row it is "ingen data", never 0.

A reported indicator takes the latest row for each period (rows are never changed), the
baseline period's value as its baseline and the newest later period (up to the deadline) as
its value.

Progress, in the goal's unit (count, per 1,000 inhabitants, or % change against the baseline):
- no value → no_data ("ingen data", never 0);
- the target met (down: at or below, up: at or above; hold: within HOLD_TOLERANCE of the
  target; a change within HOLD_POINTS percentage points) → reached;
- up/down, not met: on_track when the value has moved from the baseline at least the share of
  the way to the target that the time from the baseline's end to the value's period's end makes
  of the time from the baseline's end to the deadline (pro rata, counted in quarters); else
  off_track. Without a baseline value, no_data.
- hold, not within the tolerance → off_track.

What the public may not read is hidden as `statistics.reading.disclosure` decides for every
public output (a goal is published with its plan): small counts where the table's source hides
them, and the cells hidden with them; what is worked out from a hidden count (a rate, a change)
is hidden too. Progress is still given: it says no more about a hidden count than "under 5"
does.

A goal on STRAF11 or the police's figures names an offence code as its measure; a goal on any
other table names a measure of that table ("INDBLAND=71;ALDER=6599"), read as
`statistics.reading.series` reads it; a yearly table's goal counts whole years.

Queries: a fixed number for any number of goals (`readings`)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.postgres.aggregates import BoolOr
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kredsraad.core.quarters import Quarter
from kredsraad.goals.models import Goal, ReportedValue
from kredsraad.statistics.models import Area, Observation, Offence, Population, Table
from kredsraad.statistics.periods import Period, PeriodError, parse_period
from kredsraad.statistics.reading import disclosure, suppression
from kredsraad.statistics.reading.compare import TOTAL_CODES, change_percent, per_1000
from kredsraad.statistics.reading.series import (
    SeriesError,
    collapse,
    lattice_series,
    parse_measure,
    series_codes,
)

# A HOLD goal is held while its value lies within 5 % of the target (either side); a change
# against the baseline within 5 percentage points of it.
HOLD_TOLERANCE = Decimal("0.05")
HOLD_POINTS = Decimal(5)


class Progress:
    REACHED = "reached"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"

    labels = {
        REACHED: _("Nået"),
        ON_TRACK: _("På vej"),
        OFF_TRACK: _("Ikke på vej"),
        NO_DATA: _("Ingen data"),
    }
    order = (REACHED, ON_TRACK, OFF_TRACK, NO_DATA)


@dataclass(frozen=True)
class Figure:
    """A value in the goal's unit, or None; `hidden` names why a small count is not shown."""

    value: Decimal | None
    count: Decimal | None = None  # the count behind it (statistics), for texts of `change`
    hidden: str = ""
    derived: bool = False  # Hele landet or a region summed from its municipalities: "beregnet"


@dataclass(frozen=True)
class Reading:
    goal: Goal
    baseline: Figure
    latest: Figure
    latest_period: Period | None
    progress: str
    data_date: datetime.date | None


def deadline_end(goal: Goal) -> Quarter | None:
    """The deadline's last quarter: "2025" → 2025K4, "2025K2" → 2025K2."""
    try:
        return parse_period(goal.deadline).last
    except PeriodError:
        return None


def baseline_of(goal: Goal) -> Period | None:
    try:
        return parse_period(goal.baseline_period)
    except PeriodError:
        return None


def readings(goals, *, frozen_at: datetime.datetime | None = None) -> dict[int, Reading]:
    """Each goal's baseline, newest value and progress, by goal id. Reported values filed after
    `frozen_at` are left out (they are append-only, so that is the state at that moment)."""
    goals = list(goals)
    statistical = [g for g in goals if g.source == Goal.Source.STATISTICS]
    reported = [g for g in goals if g.source == Goal.Source.REPORTED]
    found = {}
    if statistical:
        found |= _statistics_readings(statistical)
    if reported:
        found |= _reported_readings(reported, frozen_at)
    return found


# Statistics ------------------------------------------------------------------------------------


def _statistics_readings(goals: list[Goal]) -> dict[int, Reading]:
    described = {t.code: t for t in Table.objects.filter(code__in={g.table for g in goals})}
    by_offence = [g for g in goals if _by_offence(described.get(g.table))]
    found = _offence_readings(by_offence) if by_offence else {}
    by_series = [g for g in goals if g not in by_offence and g.table in described]
    if by_series:
        found |= _series_readings(by_series, described)
    return found | {g.pk: _no_data(g) for g in goals if g.pk not in found}


def _by_offence(table: Table | None) -> bool:
    """STRAF11 and the police's figures: one dimension, the offence, kept in its own column.
    An undescribed table is read that way too, as before tables were described."""
    return table is None or [d["role"] for d in table.dimensions] == ["offence"]


def _offence_readings(goals: list[Goal]) -> dict[int, Reading]:
    tables = {g.table for g in goals}
    offences = {g.measure for g in goals}
    areas = {g.area for g in goals}
    cells = {}  # (table, offence, area, period) -> (sum, newest fetch)
    rows = (
        Observation.objects.filter(
            table__in=tables,
            offence__code__in=offences,
            area__code__in=areas,
            age="",
            sex="",
        )
        .order_by()
        .values_list("table", "offence__code", "area__code", "period")
        .annotate(total=Sum("value"), fetched=Max("dataset__fetched_at"), derived=BoolOr("derived"))
    )
    derived = set()  # (table, offence, area, period) of the totals summed from municipalities
    for table, offence, area, period, total, fetched, summed in rows:
        cells[table, offence, area, period] = (total, fetched)
        if summed and area in TOTAL_CODES:
            derived.add((table, offence, area, period))
    present: dict[tuple[str, str], set[str]] = {}
    in_data = (
        Observation.objects.filter(table__in=tables, offence__code__in=offences, age="", sex="")
        .order_by()
        .values_list("table", "offence__code", "period")
        .distinct()
    )
    for table, offence, period in in_data:
        present.setdefault((table, offence), set()).add(period)
    populations = _populations(goals)
    disclosure_of = _Disclosure(goals)
    return {
        goal.pk: _statistics_reading(
            goal,
            cells,
            present.get((goal.table, goal.measure), set()),
            populations,
            derived,
            disclosure_of,
        )
        for goal in goals
    }


def _series_readings(goals: list[Goal], described: dict[str, Table]) -> dict[int, Reading]:
    """Goals on any other table (UHELDK1, STRAF40 …): the goal's measure ("INDBLAND=71;
    ALDER=6599", a dimension left out is all of it) read as `statistics.reading.series` reads
    it, from one query for all of them. A yearly table's figures count for its whole years."""
    measures, found = {}, {}
    for goal in goals:
        try:
            measures[goal.pk] = parse_measure(described[goal.table], goal.measure)
        except SeriesError:
            found[goal.pk] = _no_data(goal)
    rows = (
        Observation.objects.filter(
            table__in={g.table for g in goals}, area__code__in={g.area for g in goals}
        )
        .order_by()
        .values_list(
            "table",
            "area__code",
            "offence__code",
            "age",
            "sex",
            "key",
            "period",
            "value",
            "derived",
            "dataset__fetched_at",
        )
    )
    by_table: dict[str, list] = {}
    for row in rows:
        by_table.setdefault(row[0], []).append(row[1:])
    populations = _populations(goals)
    disclosure_of = _Disclosure(goals)
    for goal in goals:
        if goal.pk in found:
            continue
        measure = measures[goal.pk]
        table = measure.table
        cells, fetched = {}, {}
        for area, offence, age, sex, key, period, value, derived, when in by_table.get(
            goal.table, []
        ):
            if area != goal.area:
                continue
            codes = series_codes(table, offence, age, sex, key)
            if not measure.admits(codes):
                continue
            order = tuple(codes.get(d["code"], "") for d in table.dimensions)
            cells[(area, period, order)] = (value, derived)
            fetched[period] = max(filter(None, (fetched.get(period), when)), default=None)
        summed = collapse(cells, measure, keep=None)
        by_period = {
            period: (value, fetched.get(period)) for (_a, period, _k), (value, _d) in summed.items()
        }
        derived = {
            (goal.table, goal.measure, goal.area, period)
            for (_a, period, _k), (_v, was_derived) in summed.items()
            if was_derived and goal.area in TOTAL_CODES
        }
        quarterly = table.quarterly
        keyed = {(goal.table, goal.measure, goal.area, p): cell for p, cell in by_period.items()}
        present = set(by_period)
        if not quarterly:  # a year in the data holds all four of its quarters
            present = {f"{year}K{q}" for year in present for q in range(1, 5)}
        found[goal.pk] = _statistics_reading(
            goal,
            keyed,
            present,
            populations,
            derived,
            disclosure_of,
            yearly=not quarterly,
            series=lattice_series(measure),
        )
    return found


def _populations(goals) -> dict:
    if not any(g.unit == Goal.Unit.PER_1000 for g in goals):
        return {}
    return {
        (area, year): (value, fetched)
        for area, year, value, fetched in Population.objects.filter(
            area__code__in={g.area for g in goals}
        ).values_list("area__code", "year", "value", "dataset__fetched_at")
    }


class _Disclosure:
    """What the public may read of each goal's figures, as `statistics.reading.disclosure`
    decides for every public output: a judge per table, and the areas' and offences' ids it
    asks by. A fixed number of queries for any number of goals (per table, not per goal)."""

    def __init__(self, goals):
        self.judges = {table: disclosure.judge(table) for table in {g.table for g in goals}}
        self.areas, self.offences = {}, {}
        if any(judge.hides for judge in self.judges.values()):  # the ids are asked only then
            self.areas = dict(
                Area.objects.filter(code__in={g.area for g in goals}).values_list("code", "pk")
            )
            self.offences = dict(
                Offence.objects.filter(code__in={g.measure for g in goals}).values_list(
                    "code", "pk"
                )
            )

    def hidden(self, goal, period, count, series: dict | None) -> str:
        judge = self.judges[goal.table]
        if count is None or not judge.hides:
            return ""
        if series is None:  # a sum over several codes: no figure the lattice protects
            return (
                suppression.SMALL
                if suppression.is_small(count, below=judge.below)
                else (suppression.COMPLEMENT)
            )
        return judge.hidden(area_id=self.areas.get(goal.area), period=period, value=count, **series)


def comparable_period(baseline: Period, end: Quarter, present: set[str]) -> Period | None:
    """The newest period with the baseline's quarters a whole number of years later, after the
    baseline, ending by `end` and wholly in the data (`present` quarter codes)."""
    step = 4
    years = -(-len(baseline) // step)  # shifts that do not overlap the baseline
    candidates = []
    while True:
        shifted = baseline.shifted(step * years)
        if shifted.last > end:
            break
        candidates.append(shifted)
        years += 1
    for period in reversed(candidates):
        if set(period.codes()) <= present:
            return period
    return None


def _statistics_reading(
    goal, cells, present, populations, derived, disclosure_of, *, yearly=False, series=None
) -> Reading:
    """`series`: the judge's series arguments; for an offence goal, its offence alone."""
    baseline, end = baseline_of(goal), deadline_end(goal)
    if baseline is None or end is None or (yearly and not baseline.whole_years):
        return _no_data(goal)
    if series is None and not yearly:
        series = {"offence_id": disclosure_of.offences.get(goal.measure)}
    dates = []

    def codes(period: Period) -> list[str]:
        if not yearly:
            return period.codes()
        return [str(y) for y in range(period.first.year, period.last.year + 1)]

    def count(period: Period | None) -> int | None:
        if period is None or not set(period.codes()) <= present:
            return None
        if yearly and not period.whole_years:
            return None
        total = 0
        for code in codes(period):
            cell = cells.get((goal.table, goal.measure, goal.area, code))
            if cell is None and goal.area in TOTAL_CODES:
                return None
            value, fetched = cell or (0, None)
            total += value
            if fetched:
                dates.append(fetched)
        return total

    def rate(total, period):
        population, fetched = populations.get((goal.area, period.first.year), (None, None))
        if fetched:
            dates.append(fetched)
        return per_1000(total, population)

    def summed(period: Period | None) -> bool:
        return period is not None and any(
            (goal.table, goal.measure, goal.area, code) in derived for code in codes(period)
        )

    latest_period = comparable_period(baseline, end, present)
    base_count, latest_count = count(baseline), count(latest_period)
    base_hidden = disclosure_of.hidden(goal, baseline, base_count, series)
    latest_hidden = disclosure_of.hidden(goal, latest_period, latest_count, series)
    if goal.unit == Goal.Unit.PER_1000:
        base_value = None if base_count is None else rate(base_count, baseline)
        latest_value = None if latest_count is None else rate(latest_count, latest_period)
    elif goal.unit == Goal.Unit.CHANGE:
        # The baseline is the count the change is measured from; the value the change in %.
        base_value = _decimal(base_count)
        latest_value = (
            None
            if latest_count is None or base_count is None
            else change_percent(latest_count, base_count)
        )
        latest_hidden = latest_hidden or base_hidden
    else:
        base_value, latest_value = _decimal(base_count), _decimal(latest_count)
    progress = judge(
        goal,
        Decimal(0) if goal.unit == Goal.Unit.CHANGE and base_value is not None else base_value,
        latest_value,
        baseline,
        latest_period,
    )
    return Reading(
        goal=goal,
        baseline=Figure(
            base_value,
            _decimal(base_count),
            base_hidden,
            summed(baseline) and base_count is not None,
        ),
        latest=Figure(
            latest_value,
            _decimal(latest_count),
            latest_hidden,
            summed(latest_period) and latest_count is not None,
        ),
        latest_period=latest_period if latest_value is not None else None,
        progress=progress,
        data_date=timezone.localdate(max(dates)) if dates and latest_value is not None else None,
    )


# Reported ----------------------------------------------------------------------------------------


def latest_reported(goals, *, frozen_at=None) -> dict[int, dict[str, ReportedValue]]:
    """The value that counts for each goal and period: the latest row for the period. One
    query."""
    rows = ReportedValue.objects.filter(goal__in=goals).order_by("goal", "period", "-created_at")
    if frozen_at is not None:
        rows = rows.filter(created_at__lte=frozen_at)
    found: dict[int, dict[str, ReportedValue]] = {}
    for row in rows:
        found.setdefault(row.goal_id, {}).setdefault(row.period, row)
    return found


def _reported_readings(goals, frozen_at) -> dict[int, Reading]:
    values = latest_reported(goals, frozen_at=frozen_at)
    return {goal.pk: _reported_reading(goal, values.get(goal.pk, {})) for goal in goals}


def _reported_reading(goal: Goal, by_period: dict[str, ReportedValue]) -> Reading:
    baseline, end = baseline_of(goal), deadline_end(goal)
    if baseline is None or end is None:
        return _no_data(goal)
    periods = {}
    for text, row in by_period.items():
        try:
            periods[parse_period(text)] = row
        except PeriodError:
            continue
    base_row = periods.get(baseline)
    later = sorted(
        (p for p in periods if baseline.last < p.last <= end), key=lambda p: (p.last, p.first)
    )
    latest_period = later[-1] if later else None
    latest_row = periods[latest_period] if latest_period else None
    base_value = base_row.value if base_row else None
    latest_value = latest_row.value if latest_row else None
    if goal.unit == Goal.Unit.CHANGE:
        latest_value = (
            None
            if latest_value is None or base_value is None
            else change_percent(latest_value, base_value)
        )
        judged_base = Decimal(0) if base_value is not None else None
    else:
        judged_base = base_value
    return Reading(
        goal=goal,
        baseline=Figure(base_value),
        latest=Figure(latest_value),
        latest_period=latest_period if latest_value is not None else None,
        progress=judge(goal, judged_base, latest_value, baseline, latest_period),
        data_date=timezone.localdate(latest_row.created_at) if latest_value is not None else None,
    )


# Judging ------------------------------------------------------------------------------------------


def judge(
    goal: Goal,
    baseline_value: Decimal | None,
    value: Decimal | None,
    baseline: Period | None,
    period: Period | None,
) -> str:
    """The goal's progress from its baseline and newest value (both in the goal's unit)."""
    if value is None or period is None or baseline is None:
        return Progress.NO_DATA
    target = goal.target
    if goal.direction == Goal.Direction.HOLD:
        margin = HOLD_POINTS if goal.unit == Goal.Unit.CHANGE else abs(target) * HOLD_TOLERANCE
        held = abs(value - target) <= margin
        return Progress.REACHED if held else Progress.OFF_TRACK
    down = goal.direction == Goal.Direction.DOWN
    if (value <= target) if down else (value >= target):
        return Progress.REACHED
    if baseline_value is None:
        return Progress.NO_DATA
    end = deadline_end(goal)
    span = baseline.last.until(end) - 1
    elapsed = baseline.last.until(period.last) - 1
    share = Decimal(1) if span <= 0 else min(Decimal(1), Decimal(elapsed) / Decimal(span))
    expected = baseline_value + (target - baseline_value) * share
    on_track = value <= expected if down else value >= expected
    return Progress.ON_TRACK if on_track else Progress.OFF_TRACK


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def _no_data(goal: Goal) -> Reading:
    return Reading(goal, Figure(None), Figure(None), None, Progress.NO_DATA, None)
