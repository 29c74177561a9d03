"""Agenda proposals: what a council's next meeting should take up, each with the reason why.

The rules read the plan, the initiatives and the council's own meetings: report milestones
falling due, the kredsråd's plan-year obligations (next year's plan in the fourth quarter, the
crime-trend discussion, the handleplaner after their deadline), initiatives whose latest status
is red, the council's standing items and open action items. The secretariat (or a lokalråd's
koordinator) accepts a proposal, which becomes an agenda item through actions.add_item with the
proposal's key as its `source`, or dismisses it for that meeting. A proposal's key is stable, so
an accepted or dismissed proposal is not proposed again for the same meeting.

Every rule is one query or two, whatever the number of milestones and initiatives.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kredsraad.core.actors import attributed
from kredsraad.core.quarters import Quarter
from kredsraad.councils.models import Council
from kredsraad.initiatives.models import Initiative, Milestone, StatusUpdate
from kredsraad.initiatives.queries import COPENHAGEN, quarter_bounds, quarter_of, with_latest_update
from kredsraad.meetings import actions
from kredsraad.meetings.models import (
    ActionItem,
    AgendaItem,
    DismissedProposal,
    Meeting,
    StandingItem,
)
from kredsraad.plans.models import ActionPlan, CooperationPlan

S = Meeting.Status
Kind = AgendaItem.Kind
Topic = AgendaItem.Topic
OPEN = (S.PLANNED, S.AGENDA_SENT)


@dataclass(frozen=True)
class Proposal:
    """A proposed agenda item: a stable `key`, why it is proposed, and the item's values."""

    key: str
    title: str
    reason: str
    kind: str
    topic: str = Topic.NONE
    description: str = ""
    proposal: str = ""  # the indstilling
    effect: str = AgendaItem.Effect.NONE
    plan: CooperationPlan | None = None
    action_plan: ActionPlan | None = None
    initiative: Initiative | None = None
    milestone: Milestone | None = None

    def item_values(self) -> dict:
        """The keyword arguments for actions.add_item."""
        names = ["title", "kind", "topic", "description", "proposal", "effect"]
        names += ["plan", "action_plan", "initiative", "milestone"]
        return {name: getattr(self, name) for name in names}


def proposals_for(meeting: Meeting, *, today: datetime.date | None = None) -> list[Proposal]:
    """What is proposed for `meeting` now, leaving out what was accepted or dismissed for it.
    `today` marks the overdue action items."""
    today = today or timezone.localdate(timezone=COPENHAGEN)
    council = meeting.council
    day = _day(meeting.starts_at)
    items = _council_items(council, day.year)
    found = _milestones(meeting, council, day)
    if council.is_district_council:
        plans = {
            plan.year: plan
            for plan in CooperationPlan.objects.filter(
                district=council.district_id, year__in=[day.year, day.year + 1]
            ).select_related("district")
        }
        found += _plan_year(day, plans, items)
        found += _crime_trends(council, day, items)
        found += _action_plans(council, day, plans.get(day.year), items)
    found += _red_initiatives(meeting, council, items)
    found += _standing_items(meeting, council, day)
    found += _action_items(meeting, council, items, today)
    # Accepted and dismissed keys in one query.
    taken = set(
        meeting.items.exclude(source="")
        .order_by()
        .values_list("source", flat=True)
        .union(meeting.dismissed_proposals.order_by().values_list("key", flat=True))
    )
    return [proposal for proposal in found if proposal.key not in taken]


@attributed
def accept(meeting: Meeting, key: str, *, by) -> AgendaItem:
    """Put the proposal on the agenda as a new last item, its key kept as the item's source."""
    with transaction.atomic():
        _lock_open(meeting)
        # Agenda items are part of a Danish document, whatever language the user reads.
        with translation.override("da"):
            proposal = _find(meeting, key)
        return actions.add_item(meeting, by=by, source=key, **proposal.item_values())


@attributed
def dismiss(meeting: Meeting, key: str, *, by) -> DismissedProposal:
    """Leave the proposal off this meeting's agenda; it may be proposed again for the next."""
    with transaction.atomic():
        _lock_open(meeting)
        _find(meeting, key)
        return DismissedProposal.objects.create(meeting=meeting, key=key, dismissed_by=by)


def _lock_open(meeting: Meeting) -> None:
    """Lock the meeting and read its state afresh: of two people accepting the same proposal
    at once, the second finds it taken; a meeting held meanwhile takes no more proposals."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status not in OPEN:
        raise actions.MeetingStateError(
            _("Der er kun forslag til dagsordenen for møder, der ikke er afholdt eller aflyst.")
        )


def _find(meeting: Meeting, key: str) -> Proposal:
    for proposal in proposals_for(meeting):
        if proposal.key == key:
            return proposal
    raise actions.MeetingStateError(
        _(
            "Forslaget er ikke længere aktuelt for mødet: det er allerede behandlet, eller det, "
            "der begrundede det, har ændret sig."
        )
    )


# What the council has already put on its agendas ----------------------------------------------


@dataclass(frozen=True)
class _Item:
    meeting_id: int
    meeting_status: str
    year: int
    topic: str
    kind: str
    effect: str
    plan_id: int | None
    initiative_id: int | None
    source: str


def _council_items(council: Council, year: int) -> list[_Item]:
    """The council's items on meetings that are not cancelled: this year's, those about this
    year's or next year's plan (the only plans the rules ask about, so earlier years' plan
    items are not read) and those about a red initiative of any year. One query."""
    rows = (
        AgendaItem.objects.filter(meeting__council=council)
        .exclude(meeting__status=S.CANCELLED)
        .filter(
            Q(meeting__starts_at__year=year)
            | Q(plan__year__in=[year, year + 1])
            | Q(source__startswith="red:")
        )
        .values_list(
            "meeting_id",
            "meeting__status",
            "meeting__starts_at",
            "topic",
            "kind",
            "effect",
            "plan_id",
            "initiative_id",
            "source",
        )
    )
    return [
        _Item(meeting_id, status, _day(starts_at).year, *rest)
        for meeting_id, status, starts_at, *rest in rows
    ]


def _has_topic(items: list[_Item], topic: str, year: int) -> bool:
    return any(item.topic == topic and item.year == year for item in items)


# The rules ------------------------------------------------------------------------------------


def _initiatives(council: Council) -> QuerySet[Initiative]:
    """The initiatives that report to this council: for the kredsråd the district's own (a
    municipality's local initiatives report to its lokalråd), for a lokalråd those its
    municipality owns or takes part in, including those covering every municipality."""
    found = Initiative.objects.filter(district=council.district_id).exclude(
        status=Initiative.Status.STOPPED
    )
    if council.is_district_council:
        return found.filter(owner_municipality__isnull=True)
    named = Initiative.municipalities.through.objects.filter(
        municipality=council.municipality_id
    ).values("initiative_id")
    return found.filter(
        Q(owner_municipality=council.municipality_id) | Q(all_municipalities=True) | Q(pk__in=named)
    )


def _milestones(meeting: Meeting, council: Council, day: datetime.date) -> list[Proposal]:
    """Report milestones not yet reached that fall due by the end of the meeting's quarter:
    a council meeting quarterly takes a report due "in Q2" at its Q2 meeting, not after it."""
    quarter = quarter_of(day)
    on_agendas = (
        AgendaItem.objects.filter(meeting__council=council, milestone__isnull=False)
        .exclude(meeting__status=S.CANCELLED)
        .values("milestone_id")
    )
    milestones = (
        Milestone.objects.filter(
            initiative__in=_initiatives(council),
            kind=Milestone.Kind.REPORT,
            done_on__isnull=True,
        )
        .filter(
            Q(due_date__lte=quarter_bounds(quarter)[1])
            | Q(due_date__isnull=True, due_quarter__lte=quarter)
        )
        .exclude(pk__in=on_agendas)
        .select_related("initiative")
        .order_by("due_date", "due_quarter", "pk")
    )
    return [
        Proposal(
            key=f"milestone:{milestone.pk}",
            title=_("Afrapportering: %(initiative)s") % {"initiative": milestone.initiative},
            reason=_(
                "Indsatsen »%(initiative)s« skal afrapportere til rådet %(due)s "
                "(milepælen »%(milestone)s«)."
            )
            % {
                "initiative": milestone.initiative,
                "due": _due(milestone),
                "milestone": milestone.title,
            },
            kind=Kind.ORIENTATION,
            description=milestone.title,
            proposal=_("Det indstilles, at rådet tager afrapporteringen til efterretning."),
            initiative=milestone.initiative,
            milestone=milestone,
        )
        for milestone in milestones
    ]


def _plan_year(day: datetime.date, plans: dict, items: list[_Item]) -> list[Proposal]:
    """At a fourth-quarter meeting next year's plan: its draft, discussion and approval. At
    any meeting this year's plan while it is still not approved."""
    found = []
    next_year = day.year + 1
    if _quarter_number(day) == 4 and next_year not in plans:
        found.append(
            Proposal(
                key=f"plan-draft:{next_year}",
                title=_("Samarbejdsplanen for %(year)s: udkastet skal udarbejdes")
                % {"year": next_year},
                reason=_(
                    "Der er endnu ingen samarbejdsplan for %(year)s. Kredsrådet drøfter næste "
                    "års plan i 4. kvartal, så udkastet skal udarbejdes."
                )
                % {"year": next_year},
                kind=Kind.DISCUSSION,
                proposal=_(
                    "Det indstilles, at kredsrådet drøfter indsatsområderne for %(year)s, så "
                    "sekretariatet kan udarbejde udkastet til planen."
                )
                % {"year": next_year},
            )
        )
    candidates = [plans.get(day.year)]
    if _quarter_number(day) == 4:
        candidates.append(plans.get(next_year))
    Status = CooperationPlan.Status
    for plan in candidates:
        if plan is None or plan.status not in (Status.DRAFT, Status.DISCUSSION):
            continue
        about = [item for item in items if item.plan_id == plan.pk]
        if plan.year == day.year:
            why = _("Samarbejdsplanen for %(year)s er endnu ikke godkendt; den er %(status)s.")
        else:
            why = _(
                "Kredsrådet drøfter næste års samarbejdsplan i 4. kvartal. Planen for %(year)s "
                "er %(status)s."
            )
        values = {"year": plan.year, "status": plan.get_status_display().lower()}
        if not any(item.kind == Kind.DISCUSSION for item in about):
            found.append(
                Proposal(
                    key=f"plan-discussion:{plan.pk}",
                    title=_("Drøftelse af samarbejdsplanen for %(year)s") % values,
                    reason=why % values,
                    kind=Kind.DISCUSSION,
                    proposal=_(
                        "Det indstilles, at kredsrådet drøfter udkastet til samarbejdsplanen "
                        "for %(year)s."
                    )
                    % values,
                    plan=plan,
                )
            )
        pending_approval = any(
            item.effect == AgendaItem.Effect.APPROVE_PLAN and item.meeting_status in OPEN
            for item in about
        )
        if plan.status == Status.DISCUSSION and not pending_approval:
            found.append(
                Proposal(
                    key=f"plan-approval:{plan.pk}",
                    title=_("Godkendelse af samarbejdsplanen for %(year)s") % values,
                    reason=_(
                        "Samarbejdsplanen for %(year)s er sendt til drøftelse og venter på "
                        "kredsrådets godkendelse. Når beslutningen registreres, godkendes planen."
                    )
                    % values,
                    kind=Kind.DECISION,
                    proposal=_(
                        "Det indstilles, at kredsrådet godkender samarbejdsplanen for %(year)s."
                    )
                    % values,
                    effect=AgendaItem.Effect.APPROVE_PLAN,
                    plan=plan,
                )
            )
    return found


def _crime_trends(council: Council, day: datetime.date, items: list[_Item]) -> list[Proposal]:
    """From the council's chosen quarter on, until an item about it is on an agenda this year."""
    if _quarter_number(day) < council.crime_trend_quarter or _has_topic(
        items, Topic.CRIME_TRENDS, day.year
    ):
        return []
    return [
        Proposal(
            key=f"crime-trends:{day.year}",
            title=str(Topic.CRIME_TRENDS.label),
            reason=_(
                "Kredsrådet drøfter kriminalitetsudviklingen, herunder ungdomskriminaliteten, "
                "mindst én gang om året, og rådet har valgt %(quarter)s. kvartal. Der er "
                "endnu ikke et punkt om den i %(year)s."
            )
            % {"quarter": council.crime_trend_quarter, "year": day.year},
            kind=Kind.DISCUSSION,
            topic=Topic.CRIME_TRENDS,
            description=_(
                "Politiets analyse af kriminalitetsudviklingen i politikredsen, herunder "
                "udviklingen i ungdomskriminaliteten."
            ),
            proposal=_(
                "Det indstilles, at kredsrådet drøfter kriminalitetsudviklingen, herunder "
                "ungdomskriminaliteten, og om den giver anledning til nye fælles indsatser."
            ),
        )
    ]


def _action_plans(
    council: Council,
    day: datetime.date,
    plan: CooperationPlan | None,
    items: list[_Item],
) -> list[Proposal]:
    """After the handleplaner's deadline, until their status is on an agenda this year."""
    # No proposal where the district has no handleplan duty (PoliceDistrict.action_plans_required).
    if plan is None or day <= plan.action_plans_due or not plan.district.action_plans_required:
        return []
    if _has_topic(items, Topic.ACTION_PLANS, day.year):
        return []
    adopted = ActionPlan.objects.filter(council=OuterRef("pk"), plan=plan, adopted_on__isnull=False)
    missing = list(
        Council.objects.filter(district=council.district_id, kind=Council.Kind.LOCAL)
        .annotate(adopted=Exists(adopted))
        .filter(adopted=False)
        .order_by("municipality__name")
        .values_list("municipality__name", flat=True)
    )
    values = {
        "year": plan.year,
        "due": formats.date_format(plan.action_plans_due, "DATE_FORMAT"),
        "names": ", ".join(missing),
    }
    if missing:
        reason = _(
            "Lokalrådenes handleplaner for %(year)s skulle være vedtaget senest %(due)s. "
            "Mangler eller er ikke vedtaget: %(names)s."
        )
    else:
        reason = _(
            "Lokalrådenes handleplaner for %(year)s skulle være vedtaget senest %(due)s; "
            "alle er vedtaget."
        )
    return [
        Proposal(
            key=f"action-plans:{plan.year}",
            title=_("Status på lokalrådenes handleplaner for %(year)s") % values,
            reason=reason % values,
            kind=Kind.ORIENTATION,
            topic=Topic.ACTION_PLANS,
            description=reason % values,
            proposal=_("Det indstilles, at kredsrådet tager status til efterretning."),
            plan=plan,
        )
    ]


def _red_initiatives(meeting: Meeting, council: Council, items: list[_Item]) -> list[Proposal]:
    """Initiatives whose latest status is seriously challenged, once per quarter's report."""
    initiatives = (
        with_latest_update(_initiatives(council).filter(status__in=Initiative.CONTINUING))
        .filter(latest_light=StatusUpdate.Light.SERIOUS)
        .order_by("title")
    )
    sources = {item.source for item in items}
    on_this_meeting = {item.initiative_id for item in items if item.meeting_id == meeting.pk}
    found = []
    for initiative in initiatives:
        key = f"red:{initiative.pk}:{initiative.latest_period}"
        if key in sources or initiative.pk in on_this_meeting:
            continue
        found.append(
            Proposal(
                key=key,
                title=_("Alvorligt udfordret: %(initiative)s") % {"initiative": initiative},
                reason=_(
                    "Den seneste status for »%(initiative)s« (%(quarter)s) er alvorligt "
                    "udfordret (rødt lys)."
                )
                % {"initiative": initiative, "quarter": _quarter_label(initiative.latest_period)},
                kind=Kind.DISCUSSION,
                proposal=_(
                    "Det indstilles, at rådet drøfter indsatsens udfordringer og den videre plan."
                ),
                initiative=initiative,
            )
        )
    return found


def _standing_items(meeting: Meeting, council: Council, day: datetime.date) -> list[Proposal]:
    """Items on every meeting, and those for the first meeting of a quarter."""
    number = _quarter_number(day)
    standing = list(
        StandingItem.objects.filter(council=council)
        .filter(Q(quarter__isnull=True) | Q(quarter=number))
        .order_by("title", "pk")
    )
    if any(item.quarter for item in standing):
        first, last = quarter_bounds(quarter_of(day))
        first_meeting = (
            Meeting.objects.filter(
                council=council, starts_at__date__gte=first, starts_at__date__lte=last
            )
            .exclude(status=S.CANCELLED)
            .order_by("starts_at", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        if first_meeting != meeting.pk:
            standing = [item for item in standing if item.quarter is None]
    return [
        Proposal(
            key=f"standing:{item.pk}",
            title=item.title,
            reason=(
                _("Fast punkt på rådets første møde i %(quarter)s. kvartal.")
                % {"quarter": item.quarter}
                if item.quarter
                else _("Fast punkt på hvert af rådets møder.")
            ),
            kind=item.kind,
        )
        for item in standing
    ]


def _action_items(
    meeting: Meeting, council: Council, items: list[_Item], today: datetime.date
) -> list[Proposal]:
    """One item following up every action item from earlier meetings that is not done."""
    if any(i.topic == Topic.ACTION_ITEMS and i.meeting_id == meeting.pk for i in items):
        return []
    open_items = list(
        ActionItem.objects.filter(
            item__meeting__council=council,
            item__meeting__starts_at__lt=meeting.starts_at,
            done_on__isnull=True,
        ).order_by("due", "title", "pk")
    )
    if not open_items:
        return []
    lines = []
    for action_item in open_items:
        values = {
            "title": action_item.title,
            "owner": action_item.owner,
            "due": formats.date_format(action_item.due, "SHORT_DATE_FORMAT"),
        }
        if action_item.due < today:
            line = _("%(title)s (ansvarlig: %(owner)s, frist %(due)s, overskredet)")
        else:
            line = _("%(title)s (ansvarlig: %(owner)s, frist %(due)s)")
        lines.append("- " + line % values)
    count = len(open_items)
    return [
        Proposal(
            key="action-items",
            title=str(Topic.ACTION_ITEMS.label),
            reason=ngettext(
                "Et aktionspunkt fra et tidligere møde er ikke udført: %(titles)s.",
                "%(count)d aktionspunkter fra tidligere møder er ikke udført: %(titles)s.",
                count,
            )
            % {"count": count, "titles": ", ".join(a.title for a in open_items)},
            kind=Kind.ORIENTATION,
            topic=Topic.ACTION_ITEMS,
            description="\n".join(lines),
            proposal=_(
                "Det indstilles, at rådet tager status på aktionspunkterne til efterretning."
            ),
        )
    ]


# Dates ----------------------------------------------------------------------------------------


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, COPENHAGEN).date()


def _quarter_number(day: datetime.date) -> int:
    return Quarter.of(day).number


def _quarter_label(quarter: str) -> str:
    """ "2. kvartal 2023" for "2023K2"."""
    return Quarter.parse(quarter).label


def _due(milestone: Milestone) -> str:
    if milestone.due_date:
        return _("senest %(date)s") % {
            "date": formats.date_format(milestone.due_date, "DATE_FORMAT")
        }
    return _("i %(quarter)s") % {"quarter": _quarter_label(milestone.due_quarter)}
