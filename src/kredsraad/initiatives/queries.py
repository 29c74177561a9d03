"""Reads about initiatives that are reused or subtle: reporting quarters, the latest status
update, the progress roll-up from initiatives to focus areas and plans, and what a user must
report this quarter."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from kredsraad.accounts.scoping import initiatives_visible_to
from kredsraad.core.quarters import Quarter
from kredsraad.initiatives.models import Initiative, StatusUpdate
from kredsraad.plans.document import focus_area_prefix, section_numbers
from kredsraad.plans.models import CooperationPlan, FocusArea, PlanSection

# Reporting periods are quarters of the Danish calendar, whatever the server's clock says.
COPENHAGEN = ZoneInfo("Europe/Copenhagen")

# Quarters ------------------------------------------------------------------------------------


def quarter_of(day: datetime.date) -> str:
    """ "2023K2" for any day in April-June 2023."""
    return str(Quarter.of(day))


def current_quarter(today: datetime.date | None = None) -> str:
    return quarter_of(today or timezone.localdate(timezone=COPENHAGEN))


def previous_quarter(quarter: str) -> str:
    return str(Quarter.parse(quarter).shifted(-1))


def quarter_bounds(quarter: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the quarter."""
    parsed = Quarter.parse(quarter)
    return parsed.first_day, parsed.last_day


# The latest status update --------------------------------------------------------------------


def _latest(field: str, initiative_ref: str = "pk", *, year: int | None = None) -> Subquery:
    """One column of the initiative's current update: the latest period, and within a period
    the latest report (a correction is a new report for the same period). With `year`, only
    that year's quarters count."""
    updates = StatusUpdate.objects.filter(initiative=OuterRef(initiative_ref))
    if year is not None:
        updates = updates.filter(period__in=year_quarters(year))
    return Subquery(updates.order_by("-period", "-created_at", "-pk").values(field)[:1])


def year_quarters(year: int) -> list[str]:
    """ "2024K1" … "2024K4": the reporting periods of a plan's year."""
    return [f"{year}K{quarter}" for quarter in range(1, 5)]


def with_latest_update(
    initiatives: QuerySet[Initiative], *, year: int | None = None
) -> QuerySet[Initiative]:
    """Annotate `latest_period`, `latest_light` and `latest_progress` (None without updates);
    with `year`, the latest of that year's updates (a plan's pages show its own year)."""
    return initiatives.annotate(
        latest_period=_latest("period", year=year),
        latest_light=_latest("light", year=year),
        latest_progress=_latest("progress", year=year),
    )


def status_history(initiative: Initiative) -> list[StatusUpdate]:
    """Every report, newest first. `is_current` marks the one that counts now; `superseded`
    marks a report followed by a newer one for the same period."""
    updates = list(
        initiative.status_updates.select_related("author").order_by("-period", "-created_at", "-pk")
    )
    seen = set()
    for index, update in enumerate(updates):
        update.is_current = index == 0
        update.superseded = update.period in seen
        seen.add(update.period)
    return updates


def filtered(
    initiatives: QuerySet[Initiative],
    *,
    district,
    status="",
    year=None,
    focus_area=None,
    municipality=None,
    light="",
) -> QuerySet[Initiative]:
    """The list page's filters. `light` is the latest update's, "ingen" for none yet; a
    municipality matches initiatives covering all, owning it, or naming it."""
    links = Initiative.focus_areas.through.objects
    if status:
        initiatives = initiatives.filter(status=status)
    if year:
        in_year = links.filter(focusarea__plan__district=district, focusarea__plan__year=year)
        initiatives = initiatives.filter(pk__in=in_year.values("initiative_id"))
    if focus_area:
        initiatives = initiatives.filter(
            pk__in=links.filter(focusarea=focus_area).values("initiative_id")
        )
    if municipality:
        named = Initiative.municipalities.through.objects.filter(municipality=municipality)
        initiatives = initiatives.filter(
            Q(all_municipalities=True)
            | Q(owner_municipality=municipality)
            | Q(pk__in=named.values("initiative_id"))
        )
    if light == "ingen":
        initiatives = initiatives.filter(latest_light__isnull=True)
    elif light:
        initiatives = initiatives.filter(latest_light=light)
    return initiatives


def opening_year(years: Iterable[int | None], today: datetime.date | None = None) -> int | None:
    """The plan year a list of initiatives opens on, of the years their focus areas' plans
    have (None for one without any): this year, or the newest before it that has any (a plan
    being drafted for next year is not yet what is done), or else the first after it. None
    when none has a year."""
    years = {year for year in years if year is not None}
    this_year = (today or timezone.localdate(timezone=COPENHAGEN)).year
    past = [year for year in years if year <= this_year]
    return max(past) if past else min(years, default=None)


# Roll-up -------------------------------------------------------------------------------------


def weighted_progress(pairs: Iterable[tuple[int, int | None]]) -> Decimal | None:
    """The weighted average of (weight, progress) pairs, to one decimal. Pairs without progress
    (no update yet) are left out; None when nothing with a weight above 0 has reported."""
    reported = [(weight, progress) for weight, progress in pairs if progress is not None]
    total = sum(weight for weight, _ in reported)
    if not total:
        return None
    average = Decimal(sum(weight * progress for weight, progress in reported)) / total
    return average.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def progress_of_initiative(initiative: Initiative) -> int | None:
    """The latest update's progress in percent, or None before the first update."""
    update = initiative.status_updates.order_by("-period", "-created_at", "-pk").first()
    return update.progress if update else None


def progress_of_focus_areas(plan: CooperationPlan) -> dict[int, Decimal | None]:
    """Every focus area of the plan → the weighted average progress of its initiatives that
    have reported in the plan's year (None when none has). One query. A plan counts its own
    year only: a new year's draft starts empty, though its initiatives go on."""
    rows = (
        FocusArea.objects.filter(plan=plan)
        .annotate(progress=_latest("progress", "initiatives", year=plan.year))
        .values_list("pk", "initiatives__weight", "progress")
    )
    pairs: dict[int, list] = {}
    for area_id, weight, progress in rows:
        area_pairs = pairs.setdefault(area_id, [])
        if weight is not None:  # a focus area without initiatives
            area_pairs.append((weight, progress))
    return {area_id: weighted_progress(area_pairs) for area_id, area_pairs in pairs.items()}


def progress_of_plan(plan: CooperationPlan) -> Decimal | None:
    """The weighted average over every initiative linked to the plan's focus areas, each
    counted once even when it serves several, of their reports in the plan's year. One query."""
    linked = Initiative.focus_areas.through.objects.filter(focusarea__plan=plan).values(
        "initiative_id"
    )
    rows = (
        Initiative.objects.filter(pk__in=linked)
        .annotate(progress=_latest("progress", year=plan.year))
        .values_list("weight", "progress")
    )
    return weighted_progress(rows)


# Focus areas as the plan numbers them ---------------------------------------------------------


def focus_area_numbers(plan_ids: Iterable[int]) -> dict[int, str]:
    """Focus area id → its number in its plan ("05.2"), for the given plans. Two queries."""
    plan_ids = set(plan_ids)
    sections_by_plan: dict[int, list] = defaultdict(list)
    # Only what numbering needs: the sections' texts stay unread.
    for section in PlanSection.objects.filter(plan__in=plan_ids).only(
        "pk", "plan_id", "parent_id", "position", "kind"
    ):
        sections_by_plan[section.plan_id].append(section)
    numbers = {}
    position_in_plan: dict[int, int] = defaultdict(int)
    areas = FocusArea.objects.filter(plan__in=plan_ids).order_by("plan", "position")
    for area_id, plan_id in areas.values_list("pk", "plan_id"):
        sections = sections_by_plan[plan_id]
        prefix = focus_area_prefix(sections, section_numbers(sections))
        position_in_plan[plan_id] += 1
        numbers[area_id] = f"{prefix}.{position_in_plan[plan_id]}"
    return numbers


# Mine opdateringer ---------------------------------------------------------------------------


@dataclass
class ReportingDuty:
    """One initiative the user reports on, and how this quarter's report stands:
    `reported` (a report for this quarter exists), `missing` (not yet, still due this quarter)
    or `overdue` (not for this quarter and not for the previous one either, although the
    initiative was already running then)."""

    initiative: Initiative
    state: str

    RANK = {"overdue": 0, "missing": 1, "reported": 2}


def reporting_duties(user, *, today: datetime.date | None = None) -> list[ReportingDuty]:
    """The planned, active and permanent initiatives `user` may report on, overdue first.
    Initiatives that start after this quarter are not due yet and are left out."""
    quarter = current_quarter(today)
    first_day, last_day = quarter_bounds(quarter)
    reports = StatusUpdate.objects.filter(initiative=OuterRef("pk"))
    initiatives = (
        with_latest_update(initiatives_visible_to(user).filter(status__in=Initiative.CONTINUING))
        .exclude(starts__gt=last_day)
        .annotate(
            reported_now=Exists(reports.filter(period=quarter)),
            reported_before=Exists(reports.filter(period=previous_quarter(quarter))),
        )
        .prefetch_related("municipalities")
    )
    duties = []
    for initiative in initiatives:
        if not user.has_perm("initiatives.report_status", initiative):
            continue
        began = initiative.starts or timezone.localtime(initiative.created_at, COPENHAGEN).date()
        if initiative.reported_now:
            state = "reported"
        elif not initiative.reported_before and began < first_day:
            state = "overdue"
        else:
            state = "missing"
        duties.append(ReportingDuty(initiative, state))
    duties.sort(key=lambda duty: ReportingDuty.RANK[duty.state])
    return duties
