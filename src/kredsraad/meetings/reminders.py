"""Reminder e-mails: which are due now, as plain data, and queueing each exactly once.

Four kinds, each with a stable key, so that a reminder goes once per recipient however often
`kredsraad send-reminders` runs:

- a meeting whose agenda is out, to the council's members (`meeting-agenda:<uuid>:<date>`; a
  meeting moved to another day reminds again);
- deadlines approaching: the lokalråd's handleplan, to the municipality's koordinator, and an
  initiative's milestones, to whoever keeps the initiative;
- status updates overdue, to each reporter once a quarter (`status-overdue:<user>:<quarter>`);
- minutes that have waited for approval, to whoever runs the council (`minutes:<uuid>`).

Recipients are active users with a role who have not turned reminders off
(User.notify_reminders), never addresses typed in elsewhere. Computing the due
reminders takes a fixed number of queries, however many meetings and milestones there are; the
overdue status updates take a few per reporter.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kredsraad.accounts.models import RoleAssignment, User
from kredsraad.councils.models import Council
from kredsraad.initiatives.models import Initiative, Milestone
from kredsraad.initiatives.queries import current_quarter, quarter_bounds, reporting_duties
from kredsraad.meetings.models import Meeting, Minutes, SentReminder
from kredsraad.meetings.tasks import send_reminder
from kredsraad.plans.models import ActionPlan, CooperationPlan

Role = RoleAssignment.Role

# Draft minutes (or none) this long after the meeting remind whoever runs the council.
MINUTES_WAIT = datetime.timedelta(days=3)


@dataclass(frozen=True)
class Reminder:
    key: str
    recipient: str
    subject: str
    body: str


def due_reminders(*, now: datetime.datetime | None = None) -> list[Reminder]:
    """Every reminder due at `now`, sent or not."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return [
        *meeting_reminders(now=now),
        *action_plan_reminders(today=today),
        *milestone_reminders(today=today),
        *status_overdue_reminders(today=today),
        *minutes_reminders(now=now),
    ]


def queue_due_reminders(*, now: datetime.datetime | None = None) -> list[Reminder]:
    """Queue every due reminder not yet sent; returns those queued by this call."""
    return [reminder for reminder in unsent(due_reminders(now=now)) if queue_reminder(reminder)]


def unsent(reminders: Iterable[Reminder]) -> list[Reminder]:
    """The reminders not yet recorded as sent. One query."""
    reminders = list(reminders)
    sent = set(
        SentReminder.objects.filter(key__in={reminder.key for reminder in reminders}).values_list(
            "key", "recipient"
        )
    )
    return [reminder for reminder in reminders if (reminder.key, reminder.recipient) not in sent]


def queue_reminder(reminder: Reminder) -> bool:
    """Record the reminder as sent and queue its e-mail, in one transaction. False, and nothing
    queued, when it was recorded already: the unique constraint makes a concurrent run wait for
    this one and then find the record."""
    with transaction.atomic():
        _record, created = SentReminder.objects.get_or_create(
            key=reminder.key, recipient=reminder.recipient
        )
        if created:
            send_reminder.enqueue(reminder.recipient, reminder.subject, reminder.body)
    return created


# The kinds -----------------------------------------------------------------------------------


def meeting_reminders(*, now: datetime.datetime) -> list[Reminder]:
    """Meetings with their agenda sent that start within the coming days, to each member of the
    council. The e-mail gives time, place and a link; the agenda itself stays on the site."""
    days = settings.KREDSRAAD_REMINDER_DAYS_BEFORE_MEETING
    meetings = Meeting.objects.filter(
        status=Meeting.Status.AGENDA_SENT,
        starts_at__gt=now,
        starts_at__lte=now + datetime.timedelta(days=days),
    ).select_related("council")
    meetings = list(meetings)
    members = _users_by(Role.COUNCIL_MEMBER, "council", {m.council_id for m in meetings})
    reminders = []
    for meeting in meetings:
        starts = timezone.localtime(meeting.starts_at)
        facts = {
            "council": meeting.council.name,
            "date": formats.date_format(starts, "DATE_FORMAT"),
            "time": formats.time_format(starts, "TIME_FORMAT"),
            "place": ", ".join(part for part in (meeting.place, meeting.address) if part),
            "url": _absolute(meeting.get_absolute_url()),
        }
        reminders += _to_each(
            members[meeting.council_id],
            key=f"meeting-agenda:{meeting.uuid}:{starts.date().isoformat()}",
            subject=_("Møde i %(council)s den %(date)s") % facts,
            body=_(
                "Dagsordenen til mødet i %(council)s er udsendt.\n\n"
                "Tid: %(date)s kl. %(time)s\n"
                "Sted: %(place)s\n\n"
                "Dagsorden og bilag: %(url)s\n"
            )
            % facts,
        )
    return reminders


def action_plan_reminders(*, today: datetime.date) -> list[Reminder]:
    """A cooperation plan's handleplan deadline within the coming days, to the koordinator of
    each municipality whose lokalråd has not adopted (or published) its handleplan."""
    days = settings.KREDSRAAD_REMINDER_DAYS_BEFORE_DEADLINE
    plans = list(
        CooperationPlan.objects.filter(
            action_plans_due__gte=today,
            action_plans_due__lte=today + datetime.timedelta(days=days),
            # No reminder where the district has no handleplan duty.
            district__action_plans_required=True,
        )
    )
    if not plans:
        return []
    done = set(
        ActionPlan.objects.filter(
            plan__in=plans, status__in=[ActionPlan.Status.ADOPTED, ActionPlan.Status.PUBLISHED]
        ).values_list("plan_id", "council_id")
    )
    councils_by_district = defaultdict(list)
    for council in Council.objects.filter(
        kind=Council.Kind.LOCAL, district__in={plan.district_id for plan in plans}
    ):
        councils_by_district[council.district_id].append(council)
    coordinators = _users_by(
        Role.COORDINATOR,
        "municipality",
        {c.municipality_id for councils in councils_by_district.values() for c in councils},
    )
    reminders = []
    for plan in plans:
        for council in councils_by_district[plan.district_id]:
            if (plan.pk, council.pk) in done:
                continue
            facts = {
                "council": council.name,
                "year": plan.year,
                "date": formats.date_format(plan.action_plans_due, "DATE_FORMAT"),
                "url": _absolute(reverse("plans:action_plans", args=[plan.pk])),
            }
            reminders += _to_each(
                coordinators[council.municipality_id],
                key=f"action-plan-due:{plan.uuid}:{council.pk}:{plan.action_plans_due}",
                subject=_("Frist for handleplanen %(year)s: %(date)s") % facts,
                body=_(
                    "%(council)s har endnu ikke vedtaget sin handleplan for %(year)s. "
                    "Fristen er den %(date)s.\n\n"
                    "Handleplanerne: %(url)s\n"
                )
                % facts,
            )
    return reminders


def milestone_reminders(*, today: datetime.date) -> list[Reminder]:
    """Milestones not yet reached, of initiatives still running, due within the coming days (a
    milestone with only a quarter falls due on its last day): a district initiative's to the
    district's secretariat, a local one's to its municipality's koordinator."""
    horizon = today + datetime.timedelta(days=settings.KREDSRAAD_REMINDER_DAYS_BEFORE_DEADLINE)
    quarters = _quarters_ending_between(today, horizon)
    milestones = list(
        Milestone.objects.filter(done_on__isnull=True, initiative__status__in=Initiative.CONTINUING)
        .filter(
            Q(due_date__gte=today, due_date__lte=horizon)
            | Q(due_date__isnull=True, due_quarter__in=quarters)
        )
        .select_related("initiative")
        .order_by("due_date", "due_quarter", "pk")
    )
    initiatives = [milestone.initiative for milestone in milestones]
    secretariat = _users_by(Role.SECRETARIAT, "district", {i.district_id for i in initiatives})
    coordinators = _users_by(
        Role.COORDINATOR,
        "municipality",
        {i.owner_municipality_id for i in initiatives if i.owner_municipality_id},
    )
    reminders = []
    for milestone in milestones:
        initiative = milestone.initiative
        if initiative.owner_municipality_id:
            keepers = coordinators[initiative.owner_municipality_id]
        else:
            keepers = secretariat[initiative.district_id]
        if milestone.due_date:
            due, due_key = (
                formats.date_format(milestone.due_date, "DATE_FORMAT"),
                milestone.due_date,
            )
        else:
            due_key = milestone.due_quarter
            due = _("%(quarter)s (senest den %(date)s)") % {
                "quarter": milestone.due_quarter,
                "date": formats.date_format(quarter_bounds(due_key)[1], "DATE_FORMAT"),
            }
        facts = {
            "milestone": milestone.title,
            "initiative": initiative.title,
            "due": due,
            "url": _absolute(initiative.get_absolute_url()),
        }
        reminders += _to_each(
            keepers,
            key=f"milestone:{milestone.pk}:{due_key}",
            subject=_("Milepæl nærmer sig: %(milestone)s") % facts,
            body=_(
                "Milepælen »%(milestone)s« for indsatsen »%(initiative)s« har frist "
                "%(due)s.\n\n"
                "Indsatsen: %(url)s\n"
            )
            % facts,
        )
    return reminders


def status_overdue_reminders(*, today: datetime.date) -> list[Reminder]:
    """Each secretariat user and koordinator with initiatives overdue for a status update (no
    report this quarter nor the last, see reporting_duties), once a quarter, listing them.
    Administrators are left out: every initiative in the country is theirs to report on."""
    quarter = current_quarter(today)
    reporters = (
        User.objects.filter(
            is_active=True,
            is_superuser=False,
            notify_reminders=True,
            roles__role__in=[Role.SECRETARIAT, Role.COORDINATOR],
        )
        .exclude(roles__role=Role.ADMINISTRATOR)
        .distinct()
        .order_by("pk")
    )
    url = _absolute(reverse("initiatives:my_updates"))
    reminders = []
    for user in reporters:
        overdue = [
            duty.initiative
            for duty in reporting_duties(user, today=today)
            if duty.state == "overdue"
        ]
        if not overdue:
            continue
        facts = {
            "quarter": quarter,
            "initiatives": "\n".join(f"- {initiative.title}" for initiative in overdue),
            "url": url,
        }
        reminders.append(
            Reminder(
                key=f"status-overdue:{user.pk}:{quarter}",
                recipient=user.email,
                subject=_("Statusopdateringer mangler (%(quarter)s)") % facts,
                body=_greeting(user)
                + _(
                    "Disse indsatser har hverken fået en statusopdatering i dette eller i "
                    "sidste kvartal:\n\n"
                    "%(initiatives)s\n\n"
                    "Indberet status her: %(url)s\n"
                )
                % facts,
            )
        )
    return reminders


def minutes_reminders(*, now: datetime.datetime) -> list[Reminder]:
    """Meetings held some days ago whose minutes are still a draft (or not begun), to whoever
    runs the council: the district's secretariat for a kredsråd, the municipality's koordinator
    for a lokalråd."""
    waited = now - MINUTES_WAIT
    meetings = list(
        Meeting.objects.filter(status=Meeting.Status.HELD, ends_at__lte=waited)
        .filter(
            Q(minutes__isnull=True)
            | Q(minutes__status=Minutes.Status.DRAFT, minutes__created_at__lte=waited)
        )
        .select_related("council")
    )
    councils = [meeting.council for meeting in meetings]
    secretariat = _users_by(
        Role.SECRETARIAT,
        "district",
        {c.district_id for c in councils if c.kind == Council.Kind.DISTRICT},
    )
    coordinators = _users_by(
        Role.COORDINATOR, "municipality", {c.municipality_id for c in councils if c.municipality_id}
    )
    reminders = []
    for meeting in meetings:
        council = meeting.council
        if council.kind == Council.Kind.DISTRICT:
            runners = secretariat[council.district_id]
        else:
            runners = coordinators[council.municipality_id]
        facts = {
            "council": council.name,
            "date": formats.date_format(timezone.localtime(meeting.starts_at), "DATE_FORMAT"),
            "url": _absolute(reverse("meetings:minutes", args=[meeting.pk])),
        }
        reminders += _to_each(
            runners,
            key=f"minutes:{meeting.uuid}",
            subject=_("Referatet fra %(council)s den %(date)s er ikke godkendt") % facts,
            body=_(
                "Mødet i %(council)s den %(date)s er afholdt, men referatet er endnu "
                "ikke godkendt.\n\n"
                "Referatet: %(url)s\n"
            )
            % facts,
        )
    return reminders


# Helpers -------------------------------------------------------------------------------------


def _users_by(role: str, scope: str, ids: set[int]) -> dict[int, list[User]]:
    """Scope id (council, municipality or district) → the active users with `role` there,
    ordered by e-mail. One query, none when there are no ids."""
    users: dict[int, list[User]] = defaultdict(list)
    if not ids:
        return users
    assignments = (
        RoleAssignment.objects.filter(
            role=role, user__is_active=True, user__notify_reminders=True, **{f"{scope}__in": ids}
        )
        .select_related("user")
        .order_by("user__email")
    )
    for assignment in assignments:
        users[getattr(assignment, f"{scope}_id")].append(assignment.user)
    return users


def _quarters_ending_between(first: datetime.date, last: datetime.date) -> list[str]:
    """The quarters whose last day lies from `first` to `last`, both included."""
    quarters = []
    quarter = current_quarter(first)
    while (end := quarter_bounds(quarter)[1]) <= last:
        quarters.append(quarter)
        quarter = current_quarter(end + datetime.timedelta(days=1))
    return quarters


def _absolute(path: str) -> str:
    return f"{settings.KREDSRAAD_BASE_URL}{path}"


def _to_each(users: Iterable[User], *, key: str, subject: str, body: str) -> list[Reminder]:
    """The same reminder to each user, greeted by name."""
    return [
        Reminder(key=key, recipient=user.email, subject=subject, body=_greeting(user) + body)
        for user in users
    ]


def _greeting(user: User) -> str:
    return _("Kære %(name)s\n\n") % {"name": user.get_full_name() or user.email}
