"""Compliance per council and year: has the council done what the rules ask, and if not, why.

Every check is met (ok), not met, or still pending: not met yet, but its deadline has not
passed (the year is not over, the handleplaner's deadline is ahead, minutes are within their
time limit). The page shows the reason for each, never the colour alone.

Which plan counts for a year: during year Y the kredsråd discusses and approves the plan for
Y+1 (in the fourth quarter), while the plan for Y itself must be published (in force during Y).
So year Y's checks are "the plan for Y+1 discussed at a held meeting", "the plan for Y+1
approved before Y ended" and "the plan for Y published". The handleplaner are those for Y's plan.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Min, OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kredsraad.councils.models import Council
from kredsraad.initiatives.queries import COPENHAGEN
from kredsraad.meetings.models import AgendaItem, Meeting, Minutes
from kredsraad.plans.models import ActionPlan, CooperationPlan

S = Meeting.Status
HELD = (S.HELD, S.MINUTES_APPROVED)
OPEN = (S.PLANNED, S.AGENDA_SENT)


@dataclass(frozen=True, kw_only=True)
class Check:
    """One rule for one year: `code` names it for code, `name` and `reason` for people."""

    code: str
    name: str
    ok: bool
    reason: str
    pending: bool = False  # not met yet, but its deadline is still ahead


def compliance(council: Council, year: int, *, today: datetime.date | None = None) -> list[Check]:
    """The council's checks for `year`, as they stand `today`. Six queries at most, however
    many meetings, items and lokalråd there are."""
    today = today or timezone.localdate(timezone=COPENHAGEN)
    meetings = list(
        Meeting.objects.filter(council=council, starts_at__year=year)
        .exclude(status=S.CANCELLED)
        .select_related("minutes")
        # Only the minutes' state and date count here, never their frozen document.
        .only("pk", "status", "starts_at", "minutes__status", "minutes__approved_on")
        .order_by("starts_at")
    )
    plans = {
        plan.year: plan
        for plan in CooperationPlan.objects.filter(
            district=council.district_id, year__in=[year, year + 1]
        )
        .select_related("district")
        .defer("search_vector")
        .annotate(first_published=Min("versions__published_at"))
    }
    over = today > datetime.date(year, 12, 31)
    checks = [_meetings_held(council, year, meetings, over)]
    if council.is_district_council:
        items = list(
            AgendaItem.objects.filter(meeting__in=[m.pk for m in meetings])
            .order_by("meeting__starts_at")
            .values_list("meeting__status", "meeting__starts_at", "topic", "plan_id")
        )
        checks += [
            _plan_discussed(year, plans.get(year + 1), items, over),
            _plan_approved(year, plans.get(year + 1), over),
            _plan_published(year, plans.get(year), today),
        ]
        checks.append(_crime_trends(council, year, items, over))
    # A district without the handleplan duty (PoliceDistrict.action_plans_required) has no
    # handleplan check: nothing can be missing or late.
    district = plans[year].district if year in plans else council.district
    if district.action_plans_required:
        checks.append(_action_plans(council, year, plans.get(year), today))
    checks.append(_minutes(council, year, meetings, over, today))
    return checks


def _meetings_held(council: Council, year: int, meetings: list, over: bool) -> Check:
    held = sum(1 for m in meetings if m.status in HELD)
    planned = sum(1 for m in meetings if m.status in OPEN)
    required = council.meetings_per_year
    values = {"held": held, "planned": planned, "required": required, "year": year}
    name = _("Møder afholdt")
    if held >= required:
        reason = ngettext(
            "%(held)d møde afholdt; kravet er mindst %(required)d.",
            "%(held)d møder afholdt; kravet er mindst %(required)d.",
            held,
        )
        return Check(code="meetings", name=name, ok=True, reason=reason % values)
    if over:
        reason = ngettext(
            "Kun %(held)d møde afholdt i %(year)s; kravet er mindst %(required)d.",
            "Kun %(held)d møder afholdt i %(year)s; kravet er mindst %(required)d.",
            held,
        )
        return Check(code="meetings", name=name, ok=False, reason=reason % values)
    reason = ngettext(
        "%(held)d møde afholdt og %(planned)d planlagt; kravet er mindst %(required)d.",
        "%(held)d møder afholdt og %(planned)d planlagt; kravet er mindst %(required)d.",
        held,
    )
    if held + planned >= required:
        reason += " " + _("Rådet er på rette spor.")
    else:
        missing = required - held - planned
        reason += " " + ngettext(
            "Der mangler at blive planlagt %(missing)d møde.",
            "Der mangler at blive planlagt %(missing)d møder.",
            missing,
        ) % {"missing": missing}
    return Check(code="meetings", name=name, ok=False, pending=True, reason=reason % values)


def _plan_discussed(year: int, plan: CooperationPlan | None, items: list, over: bool) -> Check:
    """Next year's plan was on the agenda of a held meeting during the year."""
    values = {"year": year, "next": year + 1}
    name = _("Samarbejdsplanen for %(next)s drøftet") % values
    held_at = [
        starts_at
        for status, starts_at, _topic, plan_id in items
        if plan and plan_id == plan.pk and status in HELD
    ]
    if held_at:
        reason = _("Drøftet på kredsrådets møde %(date)s.") % {"date": _date(held_at[0])}
        return Check(code="plan_discussed", name=name, ok=True, reason=reason)
    if plan is None:
        reason = _("Der er ingen samarbejdsplan for %(next)s.") % values
    else:
        reason = _("Planen har ikke været på et afholdt møde i %(year)s.") % values
    return Check(code="plan_discussed", name=name, ok=False, pending=not over, reason=reason)


def _plan_approved(year: int, plan: CooperationPlan | None, over: bool) -> Check:
    """Next year's plan was approved before the year ended."""
    values = {"year": year, "next": year + 1}
    name = _("Samarbejdsplanen for %(next)s godkendt") % values
    Status = CooperationPlan.Status
    if plan is None or plan.status not in (Status.APPROVED, Status.PUBLISHED):
        if plan is None:
            reason = _("Der er ingen samarbejdsplan for %(next)s.") % values
        else:
            reason = _("Planen er %(status)s.") % {"status": plan.get_status_display().lower()}
        return Check(code="plan_approved", name=name, ok=False, pending=not over, reason=reason)
    on = plan.approved_on
    if on is None:  # approved before approvals were dated
        return Check(code="plan_approved", name=name, ok=True, reason=_("Godkendt."))
    if on > datetime.date(year, 12, 31):
        reason = _("Godkendt for sent, %(date)s; fristen var årets udgang.")
        return Check(code="plan_approved", name=name, ok=False, reason=reason % {"date": _date(on)})
    reason = _("Godkendt %(date)s.") % {"date": _date(on)}
    return Check(code="plan_approved", name=name, ok=True, reason=reason)


def _plan_published(year: int, plan: CooperationPlan | None, today: datetime.date) -> Check:
    """The year's own plan is published: it is in force from the year's beginning."""
    name = _("Samarbejdsplanen for %(year)s offentliggjort") % {"year": year}
    if plan and plan.status == CooperationPlan.Status.PUBLISHED:
        published = plan.first_published
        reason = (
            _("Offentliggjort %(date)s.") % {"date": _date(published)}
            if published
            else _("Offentliggjort.")
        )
        return Check(code="plan_published", name=name, ok=True, reason=reason)
    if plan is None:
        reason = _("Der er ingen samarbejdsplan for %(year)s.") % {"year": year}
    else:
        reason = _("Planen er %(status)s; den skulle være offentliggjort ved årets begyndelse.") % {
            "status": plan.get_status_display().lower()
        }
    # Before the year begins the plan may still be on its way.
    not_begun = today < datetime.date(year, 1, 1)
    return Check(code="plan_published", name=name, ok=False, pending=not_begun, reason=reason)


def _crime_trends(council: Council, year: int, items: list, over: bool) -> Check:
    name = _("Kriminalitetsudviklingen drøftet")
    held_at = [
        starts_at
        for status, starts_at, topic, _plan_id in items
        if topic == AgendaItem.Topic.CRIME_TRENDS and status in HELD
    ]
    if held_at:
        reason = _("Drøftet, herunder ungdomskriminaliteten, på mødet %(date)s.")
        return Check(
            code="crime_trends", name=name, ok=True, reason=reason % {"date": _date(held_at[0])}
        )
    if over:
        reason = _("Kriminalitetsudviklingen blev ikke drøftet på et afholdt møde i %(year)s.")
        return Check(code="crime_trends", name=name, ok=False, reason=reason % {"year": year})
    planned_at = [
        starts_at
        for status, starts_at, topic, _plan_id in items
        if topic == AgendaItem.Topic.CRIME_TRENDS and status in OPEN
    ]
    if planned_at:
        reason = _("Endnu ikke drøftet; punktet er på dagsordenen for mødet %(date)s.") % {
            "date": _date(planned_at[0])
        }
    else:
        reason = _(
            "Endnu ikke drøftet i %(year)s, og der er ikke et punkt om den på et planlagt "
            "møde; rådet har valgt %(quarter)s. kvartal."
        ) % {"year": year, "quarter": council.crime_trend_quarter}
    return Check(code="crime_trends", name=name, ok=False, pending=True, reason=reason)


def _action_plans(
    council: Council, year: int, plan: CooperationPlan | None, today: datetime.date
) -> Check:
    """Every lokalråd (or this lokalråd) adopted its handleplan for the year by the deadline."""
    district = council.is_district_council
    name = (
        _("Handleplaner vedtaget til tiden") if district else _("Handleplanen vedtaget til tiden")
    )
    due = plan.action_plans_due if plan else CooperationPlan.default_action_plans_due(year)
    values = {"year": year, "due": _date(due)}
    if plan is None:
        reason = _("Der er ingen samarbejdsplan for %(year)s at vedtage handleplaner efter.")
        return Check(
            code="action_plans", name=name, ok=False, pending=today <= due, reason=reason % values
        )
    councils = (
        Council.objects.filter(district=council.district_id, kind=Council.Kind.LOCAL)
        if district
        else Council.objects.filter(pk=council.pk)
    )
    adopted_on = ActionPlan.objects.filter(council=OuterRef("pk"), plan=plan).values("adopted_on")
    rows = list(
        councils.annotate(adopted_on=Subquery(adopted_on[:1]))
        .order_by("municipality__name")
        .values_list("municipality__name", "adopted_on")
    )
    late = [f"{municipality} ({_date(on)})" for municipality, on in rows if on and on > due]
    missing = [municipality for municipality, on in rows if on is None]
    if not late and not missing:
        reason = ngettext(
            "Handleplanen er vedtaget inden fristen %(due)s.",
            "Alle %(count)d handleplaner er vedtaget inden fristen %(due)s.",
            len(rows),
        ) % {**values, "count": len(rows)}
        return Check(code="action_plans", name=name, ok=True, reason=reason)
    if today <= due and not late:
        reason = _("Fristen er %(due)s. Endnu ikke vedtaget: %(names)s.") % {
            **values,
            "names": ", ".join(missing),
        }
        return Check(code="action_plans", name=name, ok=False, pending=True, reason=reason)
    parts = [_("Fristen var %(due)s.") % values]
    if late:
        parts.append(_("Vedtaget for sent: %(names)s.") % {"names": ", ".join(late)})
    if missing:
        parts.append(_("Ikke vedtaget: %(names)s.") % {"names": ", ".join(missing)})
    return Check(code="action_plans", name=name, ok=False, reason=" ".join(parts))


def _minutes(
    council: Council, year: int, meetings: list, over: bool, today: datetime.date
) -> Check:
    """Minutes approved within the council's number of days after each held meeting."""
    name = _("Referater godkendt til tiden")
    limit = council.minutes_within_days
    values = {"days": limit, "year": year}
    held = [m for m in meetings if m.status in HELD]
    if not held:
        if over:
            reason = _("Ingen afholdte møder i %(year)s.")
        else:
            reason = _("Ingen afholdte møder i %(year)s endnu.")
        return Check(code="minutes", name=name, ok=over, pending=not over, reason=reason % values)
    late, overdue, waiting = [], [], []
    for meeting in held:
        day = timezone.localtime(meeting.starts_at, COPENHAGEN).date()
        deadline = day + datetime.timedelta(days=limit)
        minutes = getattr(meeting, "minutes", None)
        approved_on = (
            minutes.approved_on
            if minutes is not None and minutes.status == Minutes.Status.APPROVED
            else None
        )
        if approved_on:
            if approved_on > deadline:
                late.append(
                    _("mødet %(date)s (efter %(days)d dage)")
                    % {"date": _date(day), "days": (approved_on - day).days}
                )
        elif today > deadline:
            overdue.append(_("mødet %(date)s") % {"date": _date(day)})
        else:
            waiting.append(
                _("mødet %(date)s (frist %(deadline)s)")
                % {
                    "date": _date(day),
                    "deadline": _date(deadline),
                }
            )
    if late or overdue:
        parts = [_("Kravet er godkendelse senest %(days)d dage efter mødet.") % values]
        if late:
            parts.append(_("Godkendt for sent: %(names)s.") % {"names": ", ".join(late)})
        if overdue:
            parts.append(
                _("Venter stadig ud over fristen: %(names)s.") % {"names": ", ".join(overdue)}
            )
        return Check(code="minutes", name=name, ok=False, reason=" ".join(parts))
    if waiting:
        reason = _("Afventer godkendelse inden for fristen: %(names)s.") % {
            "names": ", ".join(waiting)
        }
        return Check(code="minutes", name=name, ok=False, pending=True, reason=reason)
    reason = ngettext(
        "Referatet er godkendt senest %(days)d dage efter mødet.",
        "Alle %(count)d referater er godkendt senest %(days)d dage efter mødet.",
        len(held),
    ) % {**values, "count": len(held)}
    return Check(code="minutes", name=name, ok=True, reason=reason)


def _date(value) -> str:
    """A date, or a moment as its Copenhagen date, as "13. juni 2023"."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value, COPENHAGEN).date()
    return formats.date_format(value, "DATE_FORMAT")
