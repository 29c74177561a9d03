"""What the public site may show, and nothing else: the one place that decides it.

Nothing here depends on who asks, so a signed-in secretary sees the public site exactly as a
visitor does. Shown are: the frozen versions of published plans (never the live plan, which
may be under correction), published handleplaner of published plans, the initiatives named in
published plans (their status, traffic light, progress and reached milestones; no report text,
no milestone results), meetings open to the public with their open items once the agenda is
sent, the open items of approved minutes, and the statistics with small counts hidden.
Another district's objects are never reachable through a district's address: every lookup is
by the district and a slug or UUID, so a wrong pair is a 404.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language

from kredsraad.councils.models import PoliceDistrict
from kredsraad.initiatives.models import Initiative, InitiativeFocusArea, Milestone
from kredsraad.initiatives.queries import with_latest_update
from kredsraad.meetings import publicity
from kredsraad.meetings.models import AgendaItem, Meeting, Minutes
from kredsraad.plans.models import ActionPlan, ActionPlanItem, CooperationPlan, PlanVersion
from kredsraad.publishing.models import PublishedDocument
from kredsraad.publishing.queries import PUBLISHED as PUBLISHED_DOCUMENT
from kredsraad.statistics.compare import latest_quarter
from kredsraad.statistics.models import Dataset
from kredsraad.statistics.periods import Period, Quarter, year_earlier
from kredsraad.statistics.plan_figures import build_figures

PUBLISHED_PLAN = CooperationPlan.Status.PUBLISHED
STATISTICS_CACHED = 3600  # seconds; an import changes the key, so new data shows at once


# Districts -------------------------------------------------------------------------------------


def public_districts() -> QuerySet[PoliceDistrict]:
    """Every district, with how many plans it has published (`published_plans`)."""
    return PoliceDistrict.objects.annotate(
        published_plans=Count("plans", filter=Q(plans__status=PUBLISHED_PLAN))
    ).order_by("name")


def district_of(slug: str) -> PoliceDistrict:
    return get_object_or_404(PoliceDistrict, slug=slug)


# Plans -----------------------------------------------------------------------------------------


def published_plans(district: PoliceDistrict) -> QuerySet[CooperationPlan]:
    """The district's published plans, newest year first, with `current_number` (the newest
    version's number). A plan under correction stays published as its last version."""
    return (
        CooperationPlan.objects.filter(district=district, status=PUBLISHED_PLAN)
        .annotate(current_number=Max("versions__number"))
        .order_by("-year")
    )


def published_plan(district: PoliceDistrict, uuid) -> CooperationPlan:
    return get_object_or_404(published_plans(district), uuid=uuid)


def versions_of(plan: CooperationPlan) -> list[PlanVersion]:
    """Every published version, newest first, without its (large) content, each with the
    public documents built from it as `public_documents` (an empty list until some are built)."""
    versions = list(plan.versions.defer("content", "html").order_by("-number"))
    attach_documents(versions, "plan_version")
    return versions


def version_of(plan: CooperationPlan, number: int | None = None) -> PlanVersion:
    """The version numbered `number`, or the current (newest) one."""
    versions = plan.versions.defer("content")
    if number is None:
        version = versions.order_by("-number").first()
        if version is None:  # published plans always have a version; guard all the same
            raise PlanVersion.DoesNotExist
        return version
    return get_object_or_404(versions, number=number)


def attach_documents(subjects: list, field_name: str) -> None:
    """Set `public_documents` on each subject (plan versions, handleplaner or meetings): its newest
    public document of each kind and format (a meeting has an agenda and minutes), PDF
    before Word. One query for all; a subject without built documents gets an empty list."""
    newest: dict[int, dict[tuple, PublishedDocument]] = defaultdict(dict)
    if subjects:
        documents = (
            PublishedDocument.objects.filter(PUBLISHED_DOCUMENT)
            .filter(**{f"{field_name}__in": subjects})
            .order_by("created_at", "pk")
        )
        for document in documents:
            key = (document.kind, document.format != "pdf")
            newest[getattr(document, f"{field_name}_id")][key] = document
    for subject in subjects:
        by_key = newest.get(subject.pk, {})
        subject.public_documents = [by_key[key] for key in sorted(by_key)]


# Handleplaner ----------------------------------------------------------------------------------


def published_action_plans(district: PoliceDistrict) -> QuerySet[ActionPlan]:
    """Published handleplaner whose samarbejdsplan is published too: a handleplan names its
    plan's focus areas, and those of an unpublished plan are not public."""
    return (
        ActionPlan.objects.filter(
            plan__district=district,
            plan__status=PUBLISHED_PLAN,
            status=ActionPlan.Status.PUBLISHED,
        )
        .select_related("council__municipality", "plan")
        .order_by("-plan__year", "council__name")
    )


def published_action_plan(district: PoliceDistrict, uuid) -> ActionPlan:
    action_plan = get_object_or_404(published_action_plans(district), uuid=uuid)
    items = ActionPlanItem.objects.select_related("focus_area", "responsible").prefetch_related(
        "partners", "forums"
    )
    action_plan.public_items = list(items.filter(action_plan=action_plan))
    return action_plan


# Initiatives -----------------------------------------------------------------------------------


def public_initiatives(district: PoliceDistrict) -> QuerySet[Initiative]:
    """The initiatives serving a focus area of one of the district's published plans, with
    their latest traffic light and progress (`latest_light`, `latest_progress`,
    `latest_period`) and `reached` (milestones reached)."""
    named = InitiativeFocusArea.objects.filter(
        focusarea__plan__district=district, focusarea__plan__status=PUBLISHED_PLAN
    ).values("initiative")
    return (
        with_latest_update(Initiative.objects.filter(district=district, pk__in=named))
        .annotate(reached=Count("milestones", filter=Q(milestones__done_on__isnull=False)))
        .select_related("lead_organisation", "owner_municipality")
        .prefetch_related("municipalities")
        .order_by("title")
    )


def public_initiative(district: PoliceDistrict, uuid) -> Initiative:
    """One public initiative, with `public_focus_areas` (only those of published plans),
    `reached_milestones` and `progress_history` (period, light and progress; no text)."""
    initiative = get_object_or_404(public_initiatives(district), uuid=uuid)
    initiative.public_focus_areas = list(
        initiative.focus_areas.filter(plan__status=PUBLISHED_PLAN)
        .select_related("plan")
        .order_by("-plan__year", "position")
    )
    initiative.reached_milestones = list(
        Milestone.objects.filter(initiative=initiative, done_on__isnull=False).order_by("done_on")
    )
    initiative.progress_history = _latest_per_period(initiative)
    return initiative


def _latest_per_period(initiative: Initiative) -> list[dict]:
    """The report that counts for each period (a correction is a later report for the same
    period), newest period first."""
    seen = {}
    for update in initiative.status_updates.order_by("-period", "-created_at", "-pk").values(
        "period", "light", "progress"
    ):
        seen.setdefault(update["period"], update)
    return list(seen.values())


# Meetings --------------------------------------------------------------------------------------

OPEN_ITEMS = Prefetch(
    "items", queryset=AgendaItem.objects.filter(closed=False), to_attr="open_items"
)


@dataclass
class PublicMeetings:
    ahead: list[Meeting] = field(default_factory=list)
    minutes: list[Minutes] = field(default_factory=list)


def public_meetings(district: PoliceDistrict) -> QuerySet[Meeting]:
    """Meetings a visitor may know of: those open to the public, and those whose minutes are
    approved (their open items are public, whether or not the public could attend)."""
    return Meeting.objects.filter(council__district=district).filter(publicity.public_meeting())


def meetings_page(district: PoliceDistrict, *, now: datetime.datetime | None = None):
    """Meetings open to the public that have not ended (not cancelled), soonest first, and
    the approved minutes, newest meeting first."""
    now = now or timezone.now()
    ahead = list(
        Meeting.objects.filter(council__district=district, open_to_public=True, ends_at__gte=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("council", "hosted_by")
        .order_by("starts_at")
    )
    minutes = list(
        Minutes.objects.filter(meeting__council__district=district, status=Minutes.Status.APPROVED)
        .select_related("meeting__council")
        .defer("content", "html")
        .order_by("-meeting__starts_at")
    )
    return PublicMeetings(ahead=ahead, minutes=minutes)


def public_meeting(district: PoliceDistrict, uuid) -> Meeting:
    """A meeting with `agenda` (its open items, once the agenda is sent and the meeting is
    open to the public), `public_minutes` (the approved minutes' content with the open items
    only, or None) and its public documents."""
    meeting = get_object_or_404(
        public_meetings(district).select_related("council", "hosted_by"), uuid=uuid
    )
    meeting.agenda = []
    if meeting.open_to_public and meeting.agenda_sent_at and not meeting.is_cancelled:
        meeting.agenda = list(meeting.items.filter(closed=False).order_by("position"))
    approved = Minutes.objects.filter(meeting=meeting, status=Minutes.Status.APPROVED).first()
    meeting.public_minutes = open_part(approved.content) if approved else None
    meeting.minutes_approved_on = approved.approved_on if approved else None
    attach_documents([meeting], "meeting")
    return meeting


def open_part(content: dict | None) -> dict | None:
    """The frozen minutes without their closed items."""
    if content is None:
        return None
    return {**content, "items": [item for item in content["items"] if not item["closed"]]}


def calendar_meetings(district: PoliceDistrict, *, since: datetime.datetime) -> list[Meeting]:
    """The district's meetings open to the public from `since` on, cancelled ones included
    (a subscriber's calendar must learn of the cancellation), each with `open_items`: the
    open items once the agenda is sent, else none."""
    meetings = list(
        Meeting.objects.filter(council__district=district, open_to_public=True)
        .filter(starts_at__gte=since)
        .select_related("council", "hosted_by")
        .prefetch_related(OPEN_ITEMS)
        .order_by("starts_at")
    )
    for meeting in meetings:
        if meeting.agenda_sent_at is None:
            meeting.open_items = []
    return meetings


# Statistics ------------------------------------------------------------------------------------


def public_statistics(district: PoliceDistrict) -> dict:
    """The newest year to date against the same quarters a year earlier, as the plan's
    crime-trend section computes it (statistics.plan_figures), small counts hidden. Cached
    under the newest import, like the plan's figures."""
    newest = Dataset.objects.aggregate(newest=Max("pk"))["newest"]
    key = ":".join(
        str(part)
        for part in (
            "public-figures",
            district.pk,
            newest,
            settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW,
            get_language(),
        )
    )
    return cache.get_or_set(key, lambda: _statistics(district), STATISTICS_CACHED)


def _statistics(district: PoliceDistrict) -> dict:
    latest = latest_quarter()
    if latest is None:
        return {"figures": False}
    period = Period(Quarter(latest.year, 1), latest)
    return build_figures(district, period, year_earlier(period))
