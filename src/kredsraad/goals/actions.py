"""What users do to goals: add, edit and delete a goal of a focus area, an initiative or a
strategy, and report a value of a reported indicator. Each action checks its rule and writes in
one transaction; a refusal changes nothing.

When a goal may be edited follows its owner: a focus area's while its plan is editable, a
strategy's while it is a draft or under correction, an initiative's whenever the initiative may
be edited (initiatives run across plan years; a published plan keeps the goals it froze)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kredsraad.core.actors import attributed
from kredsraad.core.saving import Refused, save_checked
from kredsraad.core.text import TEXT, too_long
from kredsraad.goals.content import goal_entries
from kredsraad.goals.models import Goal, ReportedValue
from kredsraad.goals.progress import readings
from kredsraad.initiatives.models import Initiative
from kredsraad.plans.models import FocusArea
from kredsraad.statistics.models import Area, Offence, Table
from kredsraad.statistics.periods import Period, PeriodError, parse_period
from kredsraad.statistics.reading.series import parse_measure
from kredsraad.statistics.rows import STRAF11
from kredsraad.strategies.models import Strategy

GOAL_FIELDS = [
    "statement",
    "direction",
    "target",
    "baseline_period",
    "deadline",
    "source",
    "table",
    "measure",
    "area",
    "unit",
    "reported_by",
    "reported_unit",
    "contributes_to",
]
# The tables a statistics indicator may name. STRAF11's measure is an offence code that must
# exist. Another table's measure is a filter per dimension, checked against the table's
# dimensions (statistics.reading.series): UHELDK1 "INDBLAND=71;ALDER=6599".
TABLES = {STRAF11: True, "UHELDK1": False}  # table -> its measures are offence codes
CONSTRAINT_FIELDS = {"goal_statistics_series_named": "table"}


class GoalStateError(Refused):
    """The owner's state does not allow the change; the message says why, in Danish."""


def period_text(period: Period) -> str:
    """How a period is stored: "2022" for a whole year, else "2022K3" or "2022K1-2022K3"."""
    if period.whole_years and period.first.year == period.last.year:
        return str(period.first.year)
    return str(period)


# Rules ----------------------------------------------------------------------------------------


def require_editable(goal: Goal) -> None:
    """Raise GoalStateError unless the goal's owner may change now."""
    if goal.focus_area_id:
        plan = goal.focus_area.plan
        if not plan.is_editable:
            raise GoalStateError(
                _("Planen er %(status)s, og dens mål kan ikke længere ændres.")
                % {"status": plan.get_status_display().lower()}
            )
    elif goal.strategy_id:
        strategy = goal.strategy
        if strategy.status != Strategy.Status.DRAFT and not strategy.in_correction:
            raise GoalStateError(
                _("Strategien er %(status)s, og dens mål kan ikke længere ændres.")
                % {"status": strategy.get_status_display().lower()}
            )


def check_goal(goal: Goal) -> None:
    """Raise ValidationError (in Danish, per field) for what is missing or does not exist.
    Normalises the periods and the area code as stored."""
    errors = {}
    if not (goal.statement or "").strip():
        errors["statement"] = _("Skriv målet, fx »Færre indbrud i beboelser i 2025 end i 2022«.")
    elif len(goal.statement.strip()) > TEXT:
        errors["statement"] = too_long(len(goal.statement.strip()), TEXT, _("Mål"))
    if goal.direction not in Goal.Direction.values:
        errors["direction"] = _("Vælg en retning for målet: op, ned eller fastholde.")
    if goal.target is None:
        errors["target"] = _("Angiv målværdien.")
    baseline = _period(goal, "baseline_period", errors)
    deadline = _deadline(goal, errors)
    if baseline and deadline and deadline.last <= baseline.last:
        errors["deadline"] = _(
            "Fristen (%(deadline)s) skal ligge efter udgangspunktet (%(baseline)s)."
        ) % {
            "deadline": deadline.label,
            "baseline": baseline.label,
        }
    if goal.source == Goal.Source.STATISTICS:
        _check_series(goal, errors)
    elif goal.source == Goal.Source.REPORTED:
        _check_reported(goal, errors)
    else:
        errors["source"] = _("Vælg indikatoren: statistikken eller en indberettet værdi.")
    if goal.unit not in Goal.Unit.values:
        errors["unit"] = _("Vælg en enhed: antal, pr. 1.000 indbyggere eller ændring i %.")
    elif (
        goal.unit == Goal.Unit.COUNT
        and goal.target is not None
        and goal.target < 0
        and "target" not in errors
    ):
        errors["target"] = _("Målværdien kan ikke være negativ for et antal.")
    if goal.contributes_to_id:
        target = goal.contributes_to
        if goal.strategy_id or target.strategy_id is None or target.district_id != goal.district_id:
            errors["contributes_to"] = _(
                "Et mål kan kun bidrage til et mål i en strategi for samme politikreds."
            )
        elif goal.focus_area_id and target.strategy_id != goal.focus_area.plan.strategy_id:
            # A year's goal counts toward the strategy its plan belongs to, and no other.
            errors["contributes_to"] = _(
                "Et indsatsområdes mål kan kun bidrage til et mål i planens egen strategi; "
                "knyt først planen til strategien."
            )
    if errors:
        raise ValidationError(errors)


def _period(goal: Goal, field: str, errors: dict) -> Period | None:
    text = (getattr(goal, field) or "").strip()
    if not text:
        errors[field] = _("Angiv udgangspunktet som en periode, fx 2022 eller 2022K1-2022K3.")
        return None
    try:
        period = parse_period(text)
    except PeriodError as error:
        errors[field] = _("Udgangspunktet: %(error)s") % {"error": error}
        return None
    setattr(goal, field, period_text(period))
    return period


def _deadline(goal: Goal, errors: dict) -> Period | None:
    text = (goal.deadline or "").strip().upper()
    message = _("Angiv fristen som et år (2025) eller et kvartal (2025K4).")
    try:
        period = parse_period(text) if text else None
    except PeriodError:
        period = None
    single = period and (len(period) == 1 or (period.whole_years and len(period) == 4))
    if not single:
        errors["deadline"] = message
        return None
    goal.deadline = period_text(period)
    return period


def _check_series(goal: Goal, errors: dict) -> None:
    goal.table = (goal.table or "").strip().upper()
    goal.measure = (goal.measure or "").strip()
    if TABLES.get(goal.table):  # offence codes are upper case: TOT, 1320
        goal.measure = goal.measure.upper()
    goal.area = (goal.area or "").strip()
    goal.reported_by, goal.reported_unit = None, ""
    if not goal.table:
        errors["table"] = _("Angiv statistikkens tabel, fx STRAF11.")
    elif goal.table not in TABLES:
        errors["table"] = _("Tabellen »%(table)s« findes ikke. Brug en af: %(tables)s.") % {
            "table": goal.table,
            "tables": ", ".join(TABLES),
        }
    if not goal.measure:
        errors["measure"] = _("Angiv målet i tabellen; for STRAF11 overtrædelsens kode, fx 1320.")
    elif TABLES.get(goal.table) and not Offence.objects.filter(code=goal.measure).exists():
        errors["measure"] = _(
            "Overtrædelsen »%(code)s« findes ikke i statistikken. Brug en kode fra Danmarks "
            "Statistik, fx 12 (voldsforbrydelser) eller 1320 (indbrud i beboelser)."
        ) % {"code": goal.measure}
    elif goal.table in TABLES and not TABLES[goal.table]:
        # Any other table's measure is a filter per dimension (statistics.reading.series),
        # "INDBLAND=71;ALDER=6599"; a dimension left out is all of it.
        table = Table.objects.filter(code=goal.table).first()
        try:
            if table is not None:
                parse_measure(table, goal.measure)
        except ValidationError as error:
            errors["measure"] = " ".join(error.messages)
    if not goal.area:
        errors["area"] = _(
            "Angiv området: en kommunekode (851), politikreds:N, en regionskode (081) eller "
            "000 for hele landet."
        )
    else:
        area = _area(goal.area)
        if area is None:
            errors["area"] = _(
                "Området »%(code)s« findes ikke. Brug en kommunekode (851), politikreds:N, en "
                "regionskode (081) eller 000 for hele landet."
            ) % {"code": goal.area}
        else:
            goal.area = area.code


def _area(code: str) -> Area | None:
    """The area for a code as statistics.reading.compare.area_by_code reads it: "0851" and
    "851" alike, "politikreds:01" as "politikreds:1"."""
    text = code.strip()
    if text.lower().startswith("politikreds:"):
        number = text.split(":", 1)[1].strip()
        if not (number.isascii() and number.isdigit()):
            return None
        text = f"politikreds:{int(number)}"
    elif text.isascii() and text.isdigit():
        text = text[1:] if len(text) == 4 and text.startswith("0") else text.zfill(3)
    return Area.objects.filter(code=text).first()


def _check_reported(goal: Goal, errors: dict) -> None:
    goal.table, goal.measure, goal.area, goal.filters = "", "", "", {}
    goal.reported_unit = (goal.reported_unit or "").strip()
    if goal.reported_by_id is None:
        errors["reported_by"] = _("Vælg den organisation, der indberetter værdien.")
    if goal.unit == Goal.Unit.PER_1000:
        errors["unit"] = _(
            "Pr. 1.000 indbyggere kan kun bruges med statistikkens serier. Vælg antal eller "
            "ændring i %."
        )


def goal_warnings(goal: Goal) -> list[str]:
    """What looks wrong but is allowed: a target on the wrong side of the baseline's value."""
    reading = readings([goal])[goal.pk]
    base = reading.baseline.value
    if base is None or goal.direction == Goal.Direction.HOLD:
        return []
    if goal.unit == Goal.Unit.CHANGE:
        base = Decimal(0)
    down = goal.direction == Goal.Direction.DOWN
    if (goal.target > base) if down else (goal.target < base):
        text = (
            _(
                "Målværdien ligger over udgangspunktets værdi (%(baseline)s), men målet er at "
                "komme ned. Tjek retning og målværdi."
            )
            if down
            else _(
                "Målværdien ligger under udgangspunktets værdi (%(baseline)s), men målet er at "
                "komme op. Tjek retning og målværdi."
            )
        )
        return [text % {"baseline": _shown(reading)}]
    return []


def _shown(reading) -> str:
    return goal_entries([reading.goal])[0]["baseline_text"]


# Goals ----------------------------------------------------------------------------------------


def _owner_fields(owner) -> dict:
    if isinstance(owner, FocusArea):
        return {"focus_area": owner, "district_id": owner.plan.district_id}
    if isinstance(owner, Initiative):
        return {"initiative": owner, "district_id": owner.district_id}
    if isinstance(owner, Strategy):
        return {"strategy": owner, "district_id": owner.district_id}
    raise TypeError(f"a goal cannot belong to {owner!r}")


def _save(goal: Goal, *, expected_version=None) -> Goal:
    return save_checked(
        goal,
        expected_version=expected_version,
        fields=[*GOAL_FIELDS, "filters"],
        on_fields=CONSTRAINT_FIELDS,
    )


@attributed
def add_goal(owner, *, by, **values) -> Goal:
    """A new goal last among `owner`'s (a FocusArea, an Initiative or a Strategy)."""
    goal = Goal(**_owner_fields(owner), **values)
    with transaction.atomic():
        require_editable(goal)
        check_goal(goal)
        owner_filter = {k: v for k, v in _owner_fields(owner).items() if k != "district_id"}
        last = Goal.objects.filter(**owner_filter).aggregate(last=Max("position"))["last"]
        goal.position = 0 if last is None else last + 1
        return _save(goal)


@attributed
def update_goal(goal: Goal, *, expected_version: int, by, **values) -> Goal:
    """Save the changed goal unless someone saved it first (EditConflict)."""
    for name, value in values.items():
        if name not in GOAL_FIELDS:
            raise TypeError(f"not a goal field: {name}")
        setattr(goal, name, value)
    with transaction.atomic():
        require_editable(goal)
        check_goal(goal)
        return _save(goal, expected_version=expected_version)


@attributed
def delete_goal(goal: Goal, *, by) -> None:
    """Remove the goal and its reported values (a published version keeps its frozen copy)."""
    with transaction.atomic():
        require_editable(goal)
        goal.delete()


# Reported values ------------------------------------------------------------------------------


@attributed
def report_value(
    goal: Goal,
    *,
    period: str,
    value: Decimal | None,
    note: str = "",
    by,
    today: datetime.date | None = None,
) -> ReportedValue:
    """File the indicator's value for a period. Values are never changed: a second value for
    the same period is kept beside the first and becomes the one that counts."""
    if goal.source != Goal.Source.REPORTED:
        raise GoalStateError(
            _("Målet måles i statistikken; kun et mål med en indberettet indikator får værdier.")
        )
    today = today or timezone.localdate()
    errors = {}
    parsed = None
    try:
        parsed = parse_period((period or "").strip())
    except PeriodError as error:
        errors["period"] = str(error)
    if parsed and parsed.first.first_day > today:
        errors["period"] = _(
            "%(period)s er ikke begyndt endnu. Der kan indberettes for perioder, der er begyndt."
        ) % {"period": parsed.label}
    if value is None:
        errors["value"] = _("Angiv værdien.")
    elif value < 0:
        errors["value"] = _("Værdien kan ikke være negativ.")
    elif abs(value) >= Decimal("1e12"):
        errors["value"] = _("Værdien er for stor.")
    note = (note or "").strip()
    if len(note) > TEXT:
        errors["note"] = too_long(len(note), TEXT, _("Bemærkning"))
    if errors:
        raise ValidationError(errors)
    return save_checked(
        ReportedValue(goal=goal, period=period_text(parsed), value=value, note=note, author=by)
    )
