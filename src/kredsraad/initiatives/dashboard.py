"""The district's dashboard: the year's plan and where it stands, handleplaner per
municipality, initiatives by traffic light, milestones ahead, reports that are overdue, the
next meetings and the open action items of the councils' decisions."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kredsraad.accounts.scoping import (
    agenda_items_visible_to,
    initiatives_visible_to,
    meetings_visible_to,
    plans_visible_to,
)
from kredsraad.goals.content import goals_by_owner, progress_counts
from kredsraad.initiatives.models import Initiative, Milestone, StatusUpdate
from kredsraad.initiatives.queries import (
    COPENHAGEN,
    progress_of_plan,
    quarter_bounds,
    quarter_of,
    reporting_duties,
    with_latest_update,
)
from kredsraad.meetings.models import ActionItem, Meeting
from kredsraad.plans.queries import action_plan_rows

HORIZON = datetime.timedelta(days=90)


@dataclass
class Dashboard:
    plan: object
    progress: object
    action_plans: list
    lights: list  # (code, label, count, initiatives)
    milestones: list  # (due, milestone)
    overdue: list  # initiatives
    action_items: list  # open meetings.ActionItem, soonest due first
    meetings: list  # the next meetings of the district's councils
    # (code, label, count, goal entries) per progress state of the plan's goals (its focus
    # areas' and their initiatives')
    goals: list = field(default_factory=list)


def district_dashboard(user, district, *, today: datetime.date | None = None) -> Dashboard:
    today = today or timezone.localdate(timezone=COPENHAGEN)
    plans = plans_visible_to(user).filter(district=district)
    plan = plans.filter(year=today.year).first() or plans.filter(year__lt=today.year).first()
    # The lights follow the plan shown, as its progress does: a new year's draft starts with
    # no lights rather than last year's, though its initiatives go on.
    initiatives = with_latest_update(
        initiatives_visible_to(user).filter(district=district, status__in=Initiative.CONTINUING),
        year=plan.year if plan else None,
    ).order_by("title")

    by_light = {code: [] for code, _ in StatusUpdate.Light.choices}
    by_light[""] = []
    for initiative in initiatives:
        by_light[initiative.latest_light or ""].append(initiative)
    labels = {
        **dict(StatusUpdate.Light.choices),
        "": _("Ingen status i %(year)s endnu") % {"year": plan.year}
        if plan
        else _("Ingen status endnu"),
    }
    lights = [(code, labels[code], len(items), items) for code, items in by_light.items()]

    return Dashboard(
        plan=plan,
        progress=progress_of_plan(plan) if plan else None,
        # No handleplan table where the district has no handleplan duty.
        action_plans=action_plan_rows(user, plan, today)
        if plan and district.action_plans_required
        else [],
        lights=lights,
        milestones=_milestones_ahead(user, district, today),
        overdue=[
            duty.initiative
            for duty in reporting_duties(user, today=today)
            if duty.state == "overdue" and duty.initiative.district_id == district.pk
        ],
        action_items=list(
            ActionItem.objects.filter(
                item__in=agenda_items_visible_to(user).filter(meeting__council__district=district),
                done_on__isnull=True,
            )
            .select_related("item__meeting__council")
            .order_by("due", "title")
        ),
        goals=_goals_by_progress(plan) if plan else [],
        meetings=list(
            meetings_visible_to(user)
            .filter(council__district=district, ends_at__gte=timezone.now())
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("starts_at")[:5]
        ),
    )


def _goals_by_progress(plan) -> list[tuple[str, str, int, list[dict]]]:
    """The plan's goals counted by progress, each goal once. A fixed number of queries."""
    areas = list(plan.focus_areas.values_list("pk", flat=True))
    initiatives = Initiative.focus_areas.through.objects.filter(focusarea__in=areas).values_list(
        "initiative_id", flat=True
    )
    found = goals_by_owner(focus_area_ids=areas, initiative_ids=list(initiatives))
    entries = {goal["id"]: goal for goals in found.values() for goal in goals}
    return [
        (code, label, count, [g for g in entries.values() if g["progress"] == code])
        for code, label, count in progress_counts(list(entries.values()))
    ]


def _milestones_ahead(user, district, today) -> list[tuple[datetime.date, Milestone]]:
    """Open milestones due within 90 days, or already past due; a quarter counts by its last
    day."""
    horizon = today + HORIZON
    milestones = (
        Milestone.objects.filter(
            initiative__in=initiatives_visible_to(user).filter(district=district),
            done_on__isnull=True,
        )
        # "2023K2" strings sort in time order, so a quarter compares as text.
        .filter(
            Q(due_date__lte=horizon)
            | Q(due_date__isnull=True, due_quarter__gt="", due_quarter__lte=quarter_of(horizon))
        )
        .select_related("initiative")
    )
    dated = [(m.due_date or quarter_bounds(m.due_quarter)[1], m) for m in milestones]
    return sorted(dated, key=lambda pair: (pair[0], pair[1].title))
