"""The personal start page: what concerns the signed-in user, across every district their roles
reach, as plain data for councils/start.html.

- their next meetings: of the councils they sit in or run, and any meeting that invites them
  (their Person, found by e-mail), with the agenda's state and their own attendance;
- deadlines: the koordinator's own handleplan, this quarter's status updates for those who
  report, the minutes that wait for approval, and the kredsråd's yearly checks
  (meetings.compliance) for the secretariat;
- what waits for them: agendas not sent for meetings within 14 days, proposals for the next
  agenda, plan paragraphs marked "skal gennemses", a plan out for discussion;
- recent changes in their scope, from the audit trail.

Who runs a meeting here follows meetings.reminders (the secretariat its kredsråd, a
koordinator the lokalråd of their municipality): what is reminded by e-mail is what waits on
this page. A fixed number of queries, however many meetings, initiatives and changes there are
(a few per role the user holds, which is a handful).

This module reads the apps above councils (plans, initiatives, meetings), as publishing does;
nothing imports it but the start page's view.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kredsraad.accounts.models import RoleAssignment
from kredsraad.accounts.scoping import (
    action_plans_visible_to,
    districts_visible_to,
    initiatives_visible_to,
    meetings_visible_to,
    plans_visible_to,
)
from kredsraad.core.history import LABELS, event_models_tracking
from kredsraad.core.quarters import Quarter
from kredsraad.councils.models import Council, Person
from kredsraad.initiatives.models import Initiative
from kredsraad.initiatives.queries import COPENHAGEN, reporting_duties
from kredsraad.meetings.compliance import compliance
from kredsraad.meetings.models import Meeting, Minutes, Participant
from kredsraad.meetings.proposals import proposals_for
from kredsraad.plans.document import action_plan_status
from kredsraad.plans.models import ActionPlan, CooperationPlan, FocusArea, PlanSection

NEXT_MEETINGS = 5
# An agenda not sent this close to the meeting waits for whoever runs it.
AGENDA_DUE_WITHIN = datetime.timedelta(days=14)
RECENT_CHANGES = 8
# The kredsråd's yearly checks that come due at the year's end (meetings.compliance) are shown
# from the fourth quarter on, when the plan for next year is discussed and approved; before
# that they would stand on the page all year.
YEAR_END_CHECKS = {"meetings", "plan_discussed", "plan_approved", "crime_trends"}

S = Meeting.Status


@dataclass(frozen=True)
class NextMeeting:
    meeting: Meeting
    agenda: str  # the agenda's state in words
    agenda_code: str  # the meeting's status
    attendance: str  # the user's own attendance in words
    attendance_code: str  # "attending", "absent" or "not_invited"
    can_run: bool
    # The user holds a seat and may still send apologies (meetings' afbud page).
    can_report_absence: bool = False


@dataclass(frozen=True)
class Entry:
    """One deadline or one thing that waits for the user, with where to act on it."""

    text: str
    url: str
    due: datetime.date | None = None
    overdue: bool = False
    action: str = ""  # a button's label, only when the user may take the step


@dataclass(frozen=True)
class RecentChange:
    at: datetime.datetime
    action: str
    subject: str
    url: str
    by: object | None


@dataclass
class StartPage:
    roles: list
    districts: list
    meetings: list[NextMeeting] = field(default_factory=list)
    deadlines: list[Entry] = field(default_factory=list)
    tasks: list[Entry] = field(default_factory=list)
    changes: list[RecentChange] = field(default_factory=list)
    reports_status: bool = False


def start_page(user, *, now: datetime.datetime | None = None) -> StartPage:
    now = now or timezone.now()
    today = timezone.localdate(now, COPENHAGEN)
    scope = user.scope
    page = StartPage(
        roles=list(
            RoleAssignment.objects.filter(user=user).select_related(
                "district", "municipality", "council"
            )
        ),
        districts=list(districts_visible_to(user)),
        reports_status=scope.reports_status,
    )
    page.meetings = next_meetings(user, now=now)
    page.deadlines = [
        *action_plan_deadlines(user, today=today),
        *status_update_deadlines(user, today=today),
        *minutes_deadlines(user, today=today),
        *yearly_deadlines(user, today=today),
    ]
    page.deadlines.sort(key=lambda entry: (not entry.overdue, entry.due or datetime.date.max))
    page.tasks = [
        *agendas_to_send(user, now=now),
        *plans_to_review(user),
        *plans_to_discuss(user),
    ]
    page.changes = recent_changes(user)
    return page


# Who runs what -------------------------------------------------------------------------------


def _runs(user) -> Q:
    """The councils whose meetings wait for this user: a secretariat's kredsråd and a
    koordinator's lokalråd (as meetings.reminders reminds them)."""
    scope = user.scope
    return Q(
        council__kind=Council.Kind.DISTRICT, council__district__in=scope.secretariat_districts
    ) | Q(council__municipality__in=scope.coordinator_municipalities)


def _date(value) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value, COPENHAGEN).date()
    return formats.date_format(value, "DATE_FORMAT")


# Meetings ------------------------------------------------------------------------------------


def next_meetings(user, *, now: datetime.datetime) -> list[NextMeeting]:
    """The next meetings of the councils the user sits in or runs, or that invite them. Two
    queries."""
    scope = user.scope
    own_seats = Participant.objects.filter(
        person__in=Person.objects.filter(email__iexact=user.email).values("pk")
    )
    meetings = (
        meetings_visible_to(user)
        .filter(
            Q(council__in=scope.member_councils)
            | Q(council__district__in=scope.secretariat_districts)
            | Q(council__municipality__in=scope.coordinator_municipalities)
            | Q(pk__in=own_seats.values("meeting"))
        )
        .filter(ends_at__gte=now)
        .prefetch_related(Prefetch("participants", queryset=own_seats, to_attr="own_seats"))
        .order_by("starts_at", "pk")[:NEXT_MEETINGS]
    )
    return [_next_meeting(user, meeting) for meeting in meetings]


def _next_meeting(user, meeting: Meeting) -> NextMeeting:
    if meeting.status == S.AGENDA_SENT and meeting.agenda_sent_at:
        agenda = _("Dagsorden udsendt den %(date)s") % {"date": _date(meeting.agenda_sent_at)}
    elif meeting.status == S.PLANNED:
        agenda = _("Planlagt; dagsordenen er ikke udsendt")
    else:
        agenda = meeting.get_status_display()
    seat = meeting.own_seats[0] if meeting.own_seats else None
    if seat is None:
        attendance = ("not_invited", _("Du er ikke indkaldt"))
    elif seat.absence_reported_at:
        attendance = ("absent", _("Du har meldt afbud"))
    else:
        attendance = ("attending", _("Du deltager"))
    return NextMeeting(
        meeting=meeting,
        agenda=agenda,
        agenda_code=meeting.status,
        attendance=attendance[1],
        attendance_code=attendance[0],
        can_run=user.has_perm("meetings.run_meeting", meeting.council),
        can_report_absence=attendance[0] == "attending"
        and meeting.status in (S.PLANNED, S.AGENDA_SENT),
    )


# Deadlines -----------------------------------------------------------------------------------


def action_plan_deadlines(user, *, today: datetime.date) -> list[Entry]:
    """A koordinator's own lokalråd's handleplan for this year's plan and next year's, while
    it is not adopted, in districts with the handleplan duty. Three queries at most."""
    councils = list(
        Council.objects.filter(
            kind=Council.Kind.LOCAL,
            municipality__in=user.scope.coordinator_municipalities,
            district__action_plans_required=True,
        )
    )
    if not councils:
        return []
    plans = list(
        plans_visible_to(user).filter(
            district__in={c.district_id for c in councils}, year__in=[today.year, today.year + 1]
        )
    )
    existing = {
        (ap.plan_id, ap.council_id): ap
        for ap in action_plans_visible_to(user).filter(plan__in=plans, council__in=councils)
    }
    entries = []
    for plan in sorted(plans, key=lambda p: p.year):
        for council in councils:
            if council.district_id != plan.district_id:
                continue
            action_plan = existing.get((plan.pk, council.pk))
            code, state = action_plan_status(action_plan, plan, today)
            if code not in ("missing", "draft", "overdue"):
                continue
            write = user.has_perm(
                "plans.write_action_plan", action_plan or ActionPlan(council=council)
            )
            entries.append(
                Entry(
                    text=_("Handleplanen for %(year)s, %(council)s: %(state)s")
                    % {"year": plan.year, "council": council.name, "state": state.lower()},
                    url=action_plan.get_absolute_url()
                    if action_plan
                    else reverse("plans:action_plans", args=[plan.pk]),
                    due=plan.action_plans_due,
                    overdue=code == "overdue",
                    action=_("Skriv handleplanen") if write else "",
                )
            )
    return entries


def status_update_deadlines(user, *, today: datetime.date) -> list[Entry]:
    """This quarter's status updates, for the secretariat and koordinatorer: how many of the
    initiatives they report on still lack one (initiatives.queries.reporting_duties).
    Administrators are left out, as from the reminders: every initiative is theirs."""
    scope = user.scope
    if not (scope.secretariat_districts or scope.coordinator_municipalities):
        return []
    duties = reporting_duties(user, today=today)
    waiting = [duty for duty in duties if duty.state != "reported"]
    if not waiting:
        return []
    overdue = sum(1 for duty in waiting if duty.state == "overdue")
    quarter = Quarter.of(today)
    text = ngettext(
        "Statusopdatering for %(quarter)s: %(count)d af %(total)d indsatser mangler",
        "Statusopdateringer for %(quarter)s: %(count)d af %(total)d indsatser mangler",
        len(waiting),
    ) % {"quarter": quarter.label, "count": len(waiting), "total": len(duties)}
    if len(duties) == 1:
        text = _("Statusopdatering for %(quarter)s: indsatsen »%(title)s« mangler") % {
            "quarter": quarter.label,
            "title": waiting[0].initiative.title,
        }
    if overdue:
        # Overdue here means last quarter's report is missing too (reporting_duties); this
        # quarter's deadline is still ahead, so the line is not marked as past its deadline.
        text += " " + ngettext(
            "(%(count)d forsinket fra sidste kvartal)",
            "(%(count)d forsinkede fra sidste kvartal)",
            overdue,
        ) % {"count": overdue}
    return [
        Entry(
            text=text,
            url=reverse("initiatives:my_updates"),
            due=quarter.last_day,
            action=_("Indberet status"),
        )
    ]


def minutes_deadlines(user, *, today: datetime.date) -> list[Entry]:
    """Held meetings the user runs whose minutes are not approved, with the council's time
    limit for approval (meetings.compliance's rule). One query."""
    meetings = (
        Meeting.objects.filter(_runs(user), status=S.HELD)
        .select_related("council", "minutes")
        .defer("search_vector", "minutes__search_vector", "minutes__content", "minutes__html")
        .order_by("starts_at")
    )
    entries = []
    for meeting in meetings:
        day = timezone.localtime(meeting.starts_at, COPENHAGEN).date()
        due = day + datetime.timedelta(days=meeting.council.minutes_within_days)
        minutes = getattr(meeting, "minutes", None)
        facts = {"council": meeting.council.name, "date": _date(day)}
        if minutes is not None and minutes.status == Minutes.Status.DRAFT:
            text = _("Referatet fra mødet i %(council)s den %(date)s venter på godkendelse")
        else:
            text = _("Referatet fra mødet i %(council)s den %(date)s er ikke skrevet")
        can_run = user.has_perm("meetings.run_meeting", meeting.council)
        entries.append(
            Entry(
                text=text % facts,
                url=reverse("meetings:minutes", args=[meeting.pk]),
                due=due,
                overdue=today > due,
                action=_("Til referatet") if can_run else "",
            )
        )
    return entries


def yearly_deadlines(user, *, today: datetime.date) -> list[Entry]:
    """The secretariat's kredsråd's checks for the year that are not met (meetings.compliance),
    except minutes, which minutes_deadlines lists one by one. Six queries per district the
    user is secretariat of."""
    councils = Council.objects.filter(
        kind=Council.Kind.DISTRICT, district__in=user.scope.secretariat_districts
    ).select_related("district")
    fourth_quarter = today.month >= 10
    entries = []
    for council in councils:
        url = reverse("meetings:compliance", args=[council.pk])
        for check in compliance(council, today.year, today=today):
            if check.ok or check.code == "minutes":
                continue
            if check.pending and check.code in YEAR_END_CHECKS and not fourth_quarter:
                continue
            entries.append(
                Entry(
                    text=f"{check.name}: {check.reason}",
                    url=url,
                    due=None if not check.pending else datetime.date(today.year, 12, 31),
                    overdue=not check.pending,
                )
            )
    return entries


# What waits ----------------------------------------------------------------------------------


def agendas_to_send(user, *, now: datetime.datetime) -> list[Entry]:
    """Meetings the user runs within 14 days whose agenda is not sent, and the proposals for
    the soonest planned one. One query, and the proposals' fixed few."""
    planned = list(
        Meeting.objects.filter(_runs(user), status=S.PLANNED, starts_at__gt=now)
        .select_related("council")
        .order_by("starts_at", "pk")[:NEXT_MEETINGS]
    )
    entries = []
    for meeting in planned:
        if meeting.starts_at > now + AGENDA_DUE_WITHIN:
            continue
        entries.append(
            Entry(
                text=_("Dagsordenen til mødet i %(council)s den %(date)s er ikke udsendt")
                % {"council": meeting.council.name, "date": _date(meeting.starts_at)},
                url=meeting.get_absolute_url(),
                due=timezone.localtime(meeting.starts_at, COPENHAGEN).date(),
                action=_("Til mødet")
                if user.has_perm("meetings.run_meeting", meeting.council)
                else "",
            )
        )
    if planned and user.has_perm("meetings.run_meeting", planned[0].council):
        meeting = planned[0]
        count = len(proposals_for(meeting, today=timezone.localdate(now, COPENHAGEN)))
        if count:
            entries.append(
                Entry(
                    text=ngettext(
                        "%(count)d forslag til dagsordenen for mødet i %(council)s den %(date)s",
                        "%(count)d forslag til dagsordenen for mødet i %(council)s den %(date)s",
                        count,
                    )
                    % {
                        "count": count,
                        "council": meeting.council.name,
                        "date": _date(meeting.starts_at),
                    },
                    url=reverse("meetings:proposals", args=[meeting.pk]),
                    action=_("Se forslagene"),
                )
            )
    return entries


def plans_to_review(user) -> list[Entry]:
    """The secretariat's plans still being written whose sections or focus areas carry the
    rollover review's "skal gennemses" mark (plans.review). One query."""
    districts = user.scope.secretariat_districts
    if not districts:
        return []

    def marked(model):
        return Subquery(
            model.objects.filter(plan=OuterRef("pk"), needs_review=True)
            .order_by()
            .values("plan")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )

    plans = (
        CooperationPlan.objects.filter(district__in=districts)
        .filter(
            Q(status__in=[CooperationPlan.Status.DRAFT, CooperationPlan.Status.DISCUSSION])
            | Q(in_correction=True)
        )
        .annotate(sections_marked=marked(PlanSection), areas_marked=marked(FocusArea))
        .select_related("district")
        .order_by("year")
    )
    entries = []
    for plan in plans:
        count = (plan.sections_marked or 0) + (plan.areas_marked or 0)
        if not count:
            continue
        entries.append(
            Entry(
                text=ngettext(
                    "%(plan)s: %(count)d afsnit skal gennemses",
                    "%(plan)s: %(count)d afsnit skal gennemses",
                    count,
                )
                % {"plan": plan.title, "count": count},
                url=plan.get_absolute_url(),
                action=_("Gennemse planen") if user.has_perm("plans.edit_plan", plan) else "",
            )
        )
    return entries


def plans_to_discuss(user) -> list[Entry]:
    """A plan out for discussion, for the kredsråd's members who discuss it. One query."""
    districts = user.scope.district_council_districts
    if not districts:
        return []
    plans = CooperationPlan.objects.filter(
        district__in=districts, status=CooperationPlan.Status.DISCUSSION
    ).order_by("year")
    return [
        Entry(
            text=_("%(plan)s er sendt til drøftelse i kredsrådet") % {"plan": plan.title},
            url=plan.get_absolute_url(),
        )
        for plan in plans
    ]


# Recent changes ------------------------------------------------------------------------------


def _tracked(user):
    """(model, what the user may see of it, related rows its name needs)."""
    return [
        (CooperationPlan, plans_visible_to(user), ()),
        (ActionPlan, action_plans_visible_to(user), ("council", "plan")),
        (Initiative, initiatives_visible_to(user), ()),
        (Meeting, meetings_visible_to(user), ("council",)),
    ]


def recent_changes(user, *, limit: int = RECENT_CHANGES) -> list[RecentChange]:
    """The latest changes to plans, handleplaner, initiatives and meetings the user may see,
    each object once (its latest change), newest first. One query per kind and one for the
    users who made them."""
    events = []
    for model, visible, related in _tracked(user):
        for event_model in event_models_tracking(model):
            events += list(
                event_model.objects.filter(pgh_obj__in=visible.values("pk"))
                .select_related("pgh_context", "pgh_obj", *(f"pgh_obj__{r}" for r in related))
                .order_by("-pgh_created_at", "-pgh_id")[: limit * 3]
            )
    events.sort(key=lambda event: (event.pgh_created_at, event.pgh_id), reverse=True)
    latest, seen = [], set()
    for event in events:
        key = (type(event.pgh_obj), event.pgh_obj_id)
        if key in seen:
            continue
        seen.add(key)
        latest.append(event)
        if len(latest) == limit:
            break
    user_ids = {
        event.pgh_context.metadata.get("user") for event in latest if event.pgh_context_id
    } - {None}
    users = get_user_model().objects.in_bulk(user_ids) if user_ids else {}
    return [
        RecentChange(
            at=event.pgh_created_at,
            action=str(LABELS.get(event.pgh_label, event.pgh_label)),
            subject=f"{capfirst(event.pgh_obj._meta.verbose_name)}: {event.pgh_obj}",
            url=event.pgh_obj.get_absolute_url(),
            by=users.get(event.pgh_context.metadata.get("user")) if event.pgh_context_id else None,
        )
        for event in latest
    ]
