"""Observations of the crime statistics and comparisons between periods and areas.

Readers without a role read what the public pages publish: a quarter, the year to date or a
whole year (any other period is refused, since two overlapping answers would give a hidden
count back by subtraction), and, for a table whose source hides small counts, every figure
publicity.statistics_hidden hides (statistics.disclosure): the small counts and the cells hidden
with them. Whatever is worked out from a hidden count (a change in per cent, a rate) is hidden
with it.
"""

from django.conf import settings
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError

from kredsraad.api import queries
from kredsraad.api.responses import READ, page_of
from kredsraad.api.schemas import ComparisonOut, ObservationOut, Page, Paging
from kredsraad.core.quarters import Quarter
from kredsraad.publishing import publicity
from kredsraad.statistics.models import Observation
from kredsraad.statistics.periods import Period, PeriodError, parse_period
from kredsraad.statistics.reading import suppression
from kredsraad.statistics.reading.compare import (
    CompareError,
    area_by_code,
    compare,
    offence_by_code,
)
from kredsraad.statistics.rows import STRAF11

router = Router(tags=["Statistik"])

TABLE = Field(STRAF11, pattern=r"^[A-Za-z0-9_]{1,40}$", description="Tabellen, fx STRAF11.")


# The shapes the parsers read (statistics.compare, statistics.periods), so the document says
# what a well-formed value is; a well-formed value naming no area, offence or figures is then
# refused as `unknown`, like an unknown district (responses.unknown).
AREA = r"^([0-9]{1,4}|[Pp]olitikreds:[0-9]{1,8})$"
OFFENCE = r"^[A-Za-z0-9]{1,10}$"
_ONE_PERIOD = r"[12][0-9]{3}([KQkq][1-4])?"
PERIOD = rf"^{_ONE_PERIOD}( *[-\u2013\u2014] *{_ONE_PERIOD})?$"


def _refused(field: str, error: Exception) -> ValidationError:
    return ValidationError([{"loc": ["query", field], "msg": str(error), "type": "unknown"}])


def _lookup(field: str, find, value):
    try:
        return find(value)
    except (CompareError, PeriodError) as error:
        raise _refused(field, error) from error


def _period(field: str, text: str, *, raw: bool) -> Period:
    """The period in `text`; for the public only one the public pages publish."""
    period = _lookup(field, parse_period, text)
    if not raw and not publicity.is_public_period(period):
        raise _refused(field, PeriodError(publicity.period_not_public(text)))
    return period


class ObservationFilter(Schema):
    table: str = TABLE
    area: str | None = Field(
        None, max_length=20, pattern=AREA, description="Områdekode, fx 000, 081 eller 851."
    )
    offence: str | None = Field(None, pattern=OFFENCE, description="Overtrædelseskode, fx TOT.")
    period: str | None = Field(
        None,
        max_length=30,
        pattern=PERIOD,
        description="Kvartal, år eller interval, fx 2023K1-2023K4.",
    )


@router.get("/observations/", response={200: Page[ObservationOut], **READ}, summary="Observationer")
def observations(request, paging: Query[Paging], filters: Query[ObservationFilter]):
    rows = Observation.objects.filter(table=filters.table, age="", sex="").select_related(
        "area", "offence"
    )
    if filters.area:
        rows = rows.filter(area=_lookup("area", area_by_code, filters.area))
    if filters.offence:
        rows = rows.filter(offence=_lookup("offence", offence_by_code, filters.offence))
    raw = queries.sees_raw_statistics(request.auth)
    if filters.period:
        rows = rows.filter(period__in=_period("period", filters.period, raw=raw).codes())
    rows = rows.order_by("area__code", "offence__code", "year", "quarter")
    result = page_of(rows, paging, lambda o: o)
    judge = None if raw else publicity.statistics_judge(filters.table)
    result["results"] = [_observation_out(o, _hidden(judge, o)) for o in result["results"]]
    return result


def _observation_out(observation, hidden: str) -> dict:
    below = settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW
    return {
        "table": observation.table,
        "area": observation.area.code,
        "area_name": observation.area.name,
        "offence": observation.offence.code if observation.offence else "",
        "offence_label": observation.offence.label if observation.offence else "",
        "period": observation.period,
        "value": None if hidden else observation.value,
        "hidden": suppression.hidden_text(hidden, below=below) if hidden else "",
    }


def _hidden(judge, observation: Observation) -> str:
    """Why the public may not read this cell ("" when it may, and always for a raw reader)."""
    if judge is None:
        return ""
    year, number = observation.year, observation.quarter
    quarters = (Quarter(year, 1), Quarter(year, 4)) if number == 0 else (Quarter(year, number),) * 2
    return judge.hidden(
        offence_id=observation.offence_id,
        area_id=observation.area_id,
        period=Period(*quarters),
        value=observation.value,
        age=observation.age,
        sex=observation.sex,
        key=observation.key,
    )


class ComparisonFilter(Schema):
    table: str = TABLE
    area: str = Field(
        ..., max_length=20, pattern=AREA, description="Områdekode, fx 851, eller politikreds:1."
    )
    offence: str = Field("TOT", pattern=OFFENCE, description="Overtrædelseskode; TOT er i alt.")
    period: str = Field(
        ..., max_length=30, pattern=PERIOD, description="Perioden, fx 2023K1-2023K4."
    )
    baseline: str | None = Field(
        None,
        max_length=30,
        pattern=PERIOD,
        description="Sammenlignes med; som standard samme kvartaler året før.",
    )
    against: str | None = Field(
        None, max_length=20, pattern=AREA, description="Et andet område ved siden af."
    )


@router.get("/comparison/", response={200: ComparisonOut, **READ}, summary="Sammenligning")
def comparison(request, filters: Query[ComparisonFilter]):
    raw = queries.sees_raw_statistics(request.auth)
    area = _lookup("area", area_by_code, filters.area)
    offence = _lookup("offence", offence_by_code, filters.offence)
    period = _period("period", filters.period, raw=raw)
    baseline = _period("baseline", filters.baseline, raw=raw) if filters.baseline else None
    against = _lookup("against", area_by_code, filters.against) if filters.against else None
    try:
        result = compare(area, offence, period, baseline, table=filters.table, against=against)
    except CompareError as error:
        raise _refused("period", error) from error
    judge = None if raw else publicity.statistics_judge(filters.table)
    out = _comparison_out(result, judge)
    if result.against is not None:
        out["against"] = _comparison_out(result.against, judge)
    return out


def _comparison_out(result, judge) -> dict:
    figures = result.as_dict()
    figures.pop("against", None)
    figures["hidden"] = ""
    if judge is None:
        return figures
    below = settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW
    value_hidden, baseline_hidden = judge.hidden_in(result)
    if value_hidden:
        figures.update(value=None, rate_per_1000=None)
    if baseline_hidden:
        figures.update(baseline_value=None, baseline_rate_per_1000=None)
    if not suppression.change_is_shown(value_hidden, baseline_hidden):
        figures["change_percent"] = None
    reasons = [
        suppression.hidden_text(reason, below=below)
        for reason in (value_hidden, baseline_hidden)
        if reason
    ]
    figures["hidden"] = ", ".join(reasons)
    return figures
