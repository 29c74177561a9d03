"""Observations of the crime statistics and comparisons between periods and areas.

Readers without a role get small counts hidden (statistics.suppression): a count from 1 up to
KREDSRAAD_STATISTICS_SUPPRESS_BELOW, and, for a municipality, a second count in the district's
column when exactly one is small, since the district's total would give it back. Whatever is
worked out from a hidden count (a change in per cent, a rate) is hidden with it.
"""

from collections import defaultdict
from dataclasses import replace

from django.conf import settings
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError

from kredsraad.api import queries
from kredsraad.api.responses import READ, page_of
from kredsraad.api.schemas import ComparisonOut, ObservationOut, Page, Paging
from kredsraad.statistics.models import Area, Observation
from kredsraad.statistics.periods import PeriodError, parse_period
from kredsraad.statistics.reading import suppression
from kredsraad.statistics.reading.compare import (
    CompareError,
    area_by_code,
    by_municipality,
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
    if filters.period:
        rows = rows.filter(period__in=_lookup("period", parse_period, filters.period).codes())
    rows = rows.order_by("area__code", "offence__code", "year", "quarter")
    result = page_of(rows, paging, lambda o: o)
    hidden = {} if queries.sees_raw_statistics(request.auth) else _hidden(result["results"])
    result["results"] = [_observation_out(o, hidden.get(o.pk, "")) for o in result["results"]]
    return result


def _observation_out(observation, hidden: str) -> dict:
    below = settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW
    return {
        "table": observation.table,
        "area": observation.area.code,
        "area_name": observation.area.name,
        "offence": observation.offence.code,
        "offence_label": observation.offence.label,
        "period": observation.period,
        "value": None if hidden else observation.value,
        "hidden": suppression.hidden_text(hidden, below=below) if hidden else "",
    }


def _hidden(page: list[Observation]) -> dict[int, str]:
    """{observation id: reason} for the page's rows that must not be published: small counts,
    and a municipality's complement within its district's column."""
    below = settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW
    hidden = {o.pk: suppression.SMALL for o in page if suppression.is_small(o.value, below=below)}
    columns = {
        (o.table, o.offence_id, o.period, o.area.district_id)
        for o in page
        if o.area.kind == Area.Kind.MUNICIPALITY and o.area.district_id
    }
    if not columns:
        return hidden
    siblings = defaultdict(list)
    for table, offence, period, district in columns:
        for row in Observation.objects.filter(
            table=table,
            offence_id=offence,
            period=period,
            age="",
            sex="",
            area__kind=Area.Kind.MUNICIPALITY,
            area__district_id=district,
        ).values_list("pk", "value"):
            siblings[(table, offence, period, district)].append(row)
    for rows in siblings.values():
        reasons = suppression.hidden_in_column([value for _pk, value in rows], below=below)
        for index, reason in reasons.items():
            hidden[rows[index][0]] = reason
    return hidden


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
    area = _lookup("area", area_by_code, filters.area)
    offence = _lookup("offence", offence_by_code, filters.offence)
    period = _lookup("period", parse_period, filters.period)
    baseline = _lookup("baseline", parse_period, filters.baseline) if filters.baseline else None
    against = _lookup("against", area_by_code, filters.against) if filters.against else None
    try:
        result = compare(area, offence, period, baseline, table=filters.table, against=against)
    except CompareError as error:
        raise _refused("period", error) from error
    raw = queries.sees_raw_statistics(request.auth)
    out = _comparison_out(result, raw=raw)
    if result.against is not None:
        out["against"] = _comparison_out(result.against, raw=raw)
    return out


def _comparison_out(result, *, raw: bool) -> dict:
    figures = result.as_dict()
    figures.pop("against", None)
    figures["hidden"] = ""
    if raw:
        return figures
    below = settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW
    value_hidden, baseline_hidden = _column_reasons(result, below=below)
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


def _column_reasons(result, *, below: int) -> tuple[str, str]:
    """Why the period's and the baseline's counts are hidden ("" when shown). A municipality's
    counts are judged in its district's column, as the plan's figures are."""
    area = result.area
    district_area = (
        Area.objects.filter(kind=Area.Kind.DISTRICT, district_id=area.district_id).first()
        if area.kind == Area.Kind.MUNICIPALITY and area.district_id
        else None
    )
    if district_area is None:
        small = suppression.SMALL
        return (
            small if suppression.is_small(result.value, below=below) else "",
            small if suppression.is_small(result.baseline_value, below=below) else "",
        )
    breakdown = by_municipality(
        district_area, result.offence, result.period, result.baseline, table=result.table
    )
    index = next((n for n, row in enumerate(breakdown.rows) if row.area.pk == area.pk), None)
    if index is None:
        return _column_reasons(replace(result, area=district_area), below=below)
    values = suppression.hidden_in_column([r.value for r in breakdown.rows], below=below)
    baselines = suppression.hidden_in_column(
        [r.baseline_value for r in breakdown.rows], below=below
    )
    return values.get(index, ""), baselines.get(index, "")
