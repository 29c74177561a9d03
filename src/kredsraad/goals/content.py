"""Goals as plain JSON, the shape every page, document and API shows and a published version
freezes (docs/design.md, "Goals and indicators"): Danish labels and texts, numbers as strings,
"ingen data" where there is no figure, never 0.

`goal_changes` compares a frozen content with the live one and says, in Danish, which goals'
values newer data would change."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kredsraad.goals.models import Goal
from kredsraad.goals.progress import Progress, baseline_of, readings
from kredsraad.statistics.models import Area, Offence
from kredsraad.statistics.periods import PeriodError, parse_period
from kredsraad.statistics.reading import suppression
from kredsraad.statistics.reading.compare import format_change, format_number, format_percent
from kredsraad.statistics.rows import STRAF11

OWNERS = (
    ("focus_area", "focus_area_id"),
    ("initiative", "initiative_id"),
    ("strategy", "strategy_id"),
)


def goal_entries(goals, *, today=None, frozen_at: datetime.datetime | None = None) -> list[dict]:
    """The goals, in their order, as JSON. A fixed number of queries however many goals: pass
    goals fetched with `reported_by` and `contributes_to` (a queryset gets them selected).
    `today` is accepted for callers that date their content; the values depend only on the
    data (and `frozen_at`, see progress.readings)."""
    if isinstance(goals, QuerySet):
        goals = goals.select_related("reported_by", "contributes_to")
    goals = list(goals)
    if not goals:
        return []
    found = readings(goals, frozen_at=frozen_at)
    statistical = [g for g in goals if g.source == Goal.Source.STATISTICS]
    offences, areas = {}, {}
    if statistical:
        offences = {
            o.code: o.label
            for o in Offence.objects.filter(code__in={g.measure for g in statistical})
        }
        areas = {
            a.code: a.name for a in Area.objects.filter(code__in={g.area for g in statistical})
        }
    return [_entry(goal, found[goal.pk], offences, areas) for goal in goals]


def goals_by_owner(
    focus_area_ids=(), initiative_ids=(), strategy_ids=(), *, frozen_at=None
) -> dict[tuple[str, int], list[dict]]:
    """{(kind, owner id): entries} for kind in focus_area, initiative, strategy; owners without
    goals are absent. At most seven queries, however many owners and goals."""
    focus_area_ids, initiative_ids = list(focus_area_ids), list(initiative_ids)
    strategy_ids = list(strategy_ids)
    if not (focus_area_ids or initiative_ids or strategy_ids):
        return {}
    ordered = list(
        Goal.objects.filter(
            Q(focus_area__in=focus_area_ids)
            | Q(initiative__in=initiative_ids)
            | Q(strategy__in=strategy_ids)
        )
        .select_related("reported_by", "contributes_to")
        .order_by("position", "pk")
    )
    entries = dict(
        zip((g.pk for g in ordered), goal_entries(ordered, frozen_at=frozen_at), strict=True)
    )
    grouped: dict[tuple[str, int], list[dict]] = {}
    for goal in ordered:
        for kind, attname in OWNERS:
            owner = getattr(goal, attname)
            if owner is not None:
                grouped.setdefault((kind, owner), []).append(entries[goal.pk])
    return grouped


def progress_counts(entries: list[dict]) -> list[tuple[str, str, int]]:
    """(code, Danish label, count) for each progress state, in a fixed order."""
    counts = {code: 0 for code in Progress.order}
    for entry in entries:
        counts[entry["progress"]] += 1
    return [(code, str(Progress.labels[code]), counts[code]) for code in Progress.order]


# One entry ------------------------------------------------------------------------------------


def _entry(goal: Goal, reading, offences: dict, areas: dict) -> dict:
    baseline = baseline_of(goal)
    latest = reading.latest_period
    return {
        "id": goal.pk,
        "statement": goal.statement,
        "direction": goal.direction,
        "direction_label": str(goal.get_direction_display()),
        "target": _plain(goal.target),
        "target_text": _target_text(goal),
        "unit": goal.unit,
        "unit_label": _unit_label(goal),
        "baseline_period": goal.baseline_period,
        "baseline_label": baseline.label if baseline else goal.baseline_period,
        "baseline_value": None if reading.baseline.hidden else _plain(reading.baseline.value),
        "baseline_text": _figure_text(goal, reading.baseline, baseline_figure=True),
        "deadline": goal.deadline,
        "deadline_label": _period_label(goal.deadline),
        "source": goal.source,
        "indicator": indicator_text(goal, offences, areas),
        "latest_period": str(latest) if latest else None,
        "latest_label": latest.label if latest else None,
        "latest_value": None if reading.latest.hidden else _plain(reading.latest.value),
        "latest_text": _figure_text(goal, reading.latest, baseline_figure=False),
        "progress": reading.progress,
        "progress_label": str(Progress.labels[reading.progress]),
        "data_date": reading.data_date.isoformat() if reading.data_date else None,
        "contributes_to": {"id": goal.contributes_to_id, "statement": goal.contributes_to.statement}
        if goal.contributes_to_id
        else None,
    }


def indicator_text(goal: Goal, offences: dict, areas: dict) -> str:
    """ "Indbrud i beboelser (1320), Nordjyllands Politi, antal anmeldelser"."""
    if goal.source == Goal.Source.REPORTED:
        who = goal.reported_by.name if goal.reported_by_id else _("den ansvarlige")
        unit = goal.reported_unit or _("værdi")
        return _("Indberettes af %(who)s pr. periode (%(unit)s)") % {"who": who, "unit": unit}
    what = offences.get(goal.measure)
    measure = f"{what} ({goal.measure})" if what else f"{goal.table} {goal.measure}"
    unit = {
        Goal.Unit.COUNT: _("antal anmeldelser"),
        Goal.Unit.PER_1000: _("anmeldelser pr. 1.000 indbyggere"),
        Goal.Unit.CHANGE: _("ændring i antal anmeldelser mod udgangspunktet"),
    }[goal.unit]
    if goal.table != STRAF11:
        unit = str(Goal.Unit(goal.unit).label).lower()
    return f"{measure}, {areas.get(goal.area, goal.area)}, {unit}"


def _unit_label(goal: Goal) -> str:
    if goal.source == Goal.Source.REPORTED and goal.unit == Goal.Unit.COUNT and goal.reported_unit:
        return goal.reported_unit
    return str(goal.get_unit_display())


def _number(goal: Goal, value: Decimal) -> str:
    if goal.unit == Goal.Unit.PER_1000:
        return format_number(value, 2)
    if goal.source == Goal.Source.REPORTED and goal.reported_unit.strip() == "%":
        return format_percent(value)
    return format_number(value)


def _target_text(goal: Goal) -> str:
    target = goal.target
    if goal.unit == Goal.Unit.CHANGE:
        return format_change(target)
    if goal.unit == Goal.Unit.PER_1000:
        return _("%(number)s pr. 1.000 indbyggere") % {"number": format_number(target, 2)}
    if goal.source == Goal.Source.REPORTED:
        unit = goal.reported_unit.strip()
        number = format_number(target)
        return _number(goal, target) if unit in ("", "%") else f"{number} {unit}"
    if goal.table == STRAF11:
        return ngettext("%(number)s anmeldelse", "%(number)s anmeldelser", int(target)) % {
            "number": format_number(target)
        }
    return format_number(target)


def _figure_text(goal: Goal, figure, *, baseline_figure: bool) -> str:
    text = _unmarked_text(goal, figure, baseline_figure=baseline_figure)
    if figure.derived and not figure.hidden and figure.value is not None:
        return _("%(figure)s (beregnet)") % {"figure": text}
    return text


def _unmarked_text(goal: Goal, figure, *, baseline_figure: bool) -> str:
    below = _below()
    if figure.hidden:
        return suppression.hidden_text(figure.hidden, below=below)
    if figure.value is None:
        return _("ingen data")
    if goal.unit == Goal.Unit.CHANGE and not baseline_figure:
        return format_change(figure.value)
    if goal.unit == Goal.Unit.CHANGE:
        return format_number(figure.value)
    return _number(goal, figure.value)


def _below() -> int:
    return settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW


def _plain(value: Decimal | None) -> str | None:
    """ "850", "3.52", "-10": no exponent, no trailing zeros."""
    if value is None:
        return None
    return format(Decimal(value).normalize(), "f")


def _period_label(text: str) -> str:
    try:
        return parse_period(text).label
    except PeriodError:
        return text


# Frozen against live --------------------------------------------------------------------------


def entries_in(content) -> dict[int, dict]:
    """Every goal entry anywhere in a plan's or strategy's content, by id."""
    found = {}
    stack = [content]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "goals" and isinstance(value, list):
                    for goal in value:
                        if isinstance(goal, dict) and "progress" in goal and "id" in goal:
                            found.setdefault(goal["id"], goal)
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return found


def goal_changes(frozen_content: dict, live_content: dict) -> list[str]:
    """One Danish line for each goal in both contents whose value, period or progress the data
    of now would change: "Mål »Færre indbrud«: 790 (2023), på vej → 760 (2024), nået"."""
    frozen, live = entries_in(frozen_content or {}), entries_in(live_content or {})
    keys = ("latest_period", "latest_value", "latest_text", "baseline_text", "progress")
    lines = []
    for goal_id, old in frozen.items():
        new = live.get(goal_id)
        if new is None or all(old.get(key) == new.get(key) for key in keys):
            continue
        lines.append(
            _("Mål »%(goal)s«: %(old)s → %(new)s")
            % {"goal": old["statement"], "old": _state(old), "new": _state(new)}
        )
    return lines


def _state(entry: dict) -> str:
    progress = entry.get("progress_label", "").lower()
    if entry.get("latest_label"):
        return _("%(value)s (%(period)s), %(progress)s") % {
            "value": entry["latest_text"],
            "period": entry["latest_label"],
            "progress": progress,
        }
    return _("ingen data")
