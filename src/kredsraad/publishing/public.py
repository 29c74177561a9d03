"""The public site's reads: what each public page shows, as publishing.publicity decides it.

Nothing here depends on who asks, so a signed-in secretary sees the public site exactly as a
visitor does, and nothing here widens a rule of publishing.publicity: the pages add only how to
show it (a plan's frozen version and title, the initiatives' latest lights, the documents of each
subject, the statistics with small counts hidden). Another district's objects are never reachable
through a district's address: every lookup is by the district and a slug or UUID, so a wrong pair
is a 404.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.db.models import (
    CharField,
    Count,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language

from kredsraad.councils.models import PoliceDistrict
from kredsraad.initiatives.models import Initiative, Milestone
from kredsraad.initiatives.queries import with_latest_update
from kredsraad.meetings.models import AgendaItem, Meeting, Minutes
from kredsraad.plans.document import focus_areas_of
from kredsraad.plans.models import ActionPlan, ActionPlanItem, CooperationPlan, PlanVersion
from kredsraad.publishing import publicity
from kredsraad.publishing.models import PublishedDocument
from kredsraad.statistics.models import Dataset
from kredsraad.statistics.periods import Period, Quarter, year_earlier
from kredsraad.statistics.reading.compare import latest_quarter
from kredsraad.statistics.reading.plan_figures import build_figures
from kredsraad.strategies.models import Strategy, StrategyVersion

STATISTICS_CACHED = 3600  # seconds; an import changes the key, so new data shows at once


# Districts -------------------------------------------------------------------------------------


def public_districts() -> QuerySet[PoliceDistrict]:
    """Every district, with how many plans it has published (`published_plans`)."""
    return PoliceDistrict.objects.annotate(
        published_plans=Count("plans", filter=publicity.public_plan("plans__"))
    ).order_by("name")


def district_of(slug: str) -> PoliceDistrict:
    return get_object_or_404(PoliceDistrict, slug=slug)


# Plans -----------------------------------------------------------------------------------------

# A plan's title and focus areas stay editable while it is corrected, so what the public sees of
# them is read from the newest published version's frozen content, never from the live plan.
FROZEN_TITLE = KT("content__title")


def _newest_title(plan_ref: str):
    """The title frozen in the newest version of the plan named by `plan_ref` (an OuterRef
    path), for annotating a queryset; "" for a plan without versions."""
    newest = (
        PlanVersion.objects.filter(plan=OuterRef(plan_ref))
        .order_by("-number")
        .values_list(FROZEN_TITLE)[:1]
    )
    return Coalesce(Subquery(newest), Value(""), output_field=CharField())


def with_public_title(plans: QuerySet[CooperationPlan]) -> QuerySet[CooperationPlan]:
    """Annotate `public_title`: the title as the newest published version has it."""
    return plans.annotate(public_title=_newest_title("pk"))


def public_plan_title(plan: CooperationPlan) -> str:
    """The plan's title as published (its newest version's), whatever a correction in progress
    has changed; "" for a plan never published."""
    if hasattr(plan, "public_title"):
        return plan.public_title
    title = plan.versions.order_by("-number").values_list(FROZEN_TITLE, flat=True).first()
    return title or ""


def newest_versions(plans) -> QuerySet[PlanVersion]:
    """The newest version of each of `plans` (a queryset or list of plans)."""
    newest = (
        PlanVersion.objects.filter(plan=OuterRef("plan")).order_by("-number").values("number")[:1]
    )
    return PlanVersion.objects.filter(plan__in=plans, number=Subquery(newest))


@dataclass(frozen=True)
class FrozenFocusArea:
    """A focus area as the newest published version of its plan has it."""

    id: int
    title: str
    number: str
    plan_id: int
    plan_uuid: str
    year: int


def frozen_focus_areas(plans) -> dict[int, FrozenFocusArea]:
    """The focus areas of the newest published versions of `plans`, by their id. One query."""
    areas = {}
    versions = (
        newest_versions(plans).select_related("plan").only("content", "plan__uuid", "plan__year")
    )
    for version in versions:
        for pk, entry in focus_areas_of(version.content).items():
            areas[pk] = FrozenFocusArea(
                id=pk,
                title=entry.get("title", ""),
                number=entry.get("number", ""),
                plan_id=version.plan_id,
                plan_uuid=str(version.plan.uuid),
                year=version.plan.year,
            )
    return areas


def _published(district: PoliceDistrict) -> QuerySet[CooperationPlan]:
    return publicity.plans().filter(district=district)


def published_plans(district: PoliceDistrict) -> QuerySet[CooperationPlan]:
    """The district's published plans, newest year first, with `current_number` (the newest
    version's number) and `public_title` (its title). A plan under correction stays published
    as its last version."""
    return with_public_title(
        _published(district).annotate(current_number=Max("versions__number")).order_by("-year")
    )


def published_plan(district: PoliceDistrict, uuid) -> CooperationPlan:
    return get_object_or_404(published_plans(district), uuid=uuid)


def versions_of(plan: CooperationPlan) -> list[PlanVersion]:
    """Every published version, newest first, without its (large) content, each with the
    public documents built from it as `public_documents` (an empty list until some are built)."""
    versions = list(
        plan.versions.defer("content", "html")
        .annotate(frozen_title=FROZEN_TITLE)
        .order_by("-number")
    )
    attach_documents(versions, "plan_version")
    return versions


def version_of(plan: CooperationPlan, number: int | None = None) -> PlanVersion:
    """The version numbered `number`, or the current (newest) one, with `frozen_title` (the
    title it was published with)."""
    versions = plan.versions.defer("content").annotate(frozen_title=FROZEN_TITLE)
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
            publicity.documents()
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
    plan's focus areas, and those of an unpublished plan are not public. Each has
    `plan_title`: its plan's title as published."""
    return (
        publicity.action_plans()
        .filter(plan__district=district)
        .select_related("council__municipality", "plan")
        .annotate(plan_title=_newest_title("plan"))
        .order_by("-plan__year", "council__name")
    )


def published_action_plan(district: PoliceDistrict, uuid) -> ActionPlan:
    """A published handleplan with `public_items`, each with `public_focus_area`: the focus
    area it serves as the plan's published version names it (None for a local need, and for
    an area the published version does not have yet)."""
    action_plan = get_object_or_404(published_action_plans(district), uuid=uuid)
    items = ActionPlanItem.objects.select_related("responsible").prefetch_related(
        "partners", "forums"
    )
    areas = frozen_focus_areas([action_plan.plan])
    action_plan.public_items = list(items.filter(action_plan=action_plan))
    for item in action_plan.public_items:
        item.public_focus_area = areas.get(item.focus_area_id)
    return action_plan


# Strategies ------------------------------------------------------------------------------------


def published_strategies(district: PoliceDistrict) -> QuerySet[Strategy]:
    """The district's published strategies, newest period first, with `public_title` and
    `public_period` (as their newest version froze them: a correction in progress is a draft)
    and `current_number`."""

    def frozen(key):
        newest = StrategyVersion.objects.filter(strategy=OuterRef("pk")).order_by("-number")
        return Coalesce(
            Subquery(newest.values_list(KT(f"content__{key}"))[:1]),
            Value(""),
            output_field=CharField(),
        )

    return (
        publicity.public_strategies()
        .filter(district=district)
        .annotate(
            current_number=Max("versions__number"),
            public_title=frozen("title"),
            public_period=frozen("period"),
        )
        .order_by("-first_year")
    )


def published_strategy(district: PoliceDistrict, uuid) -> Strategy:
    return get_object_or_404(published_strategies(district), uuid=uuid)


def strategy_version_of(strategy: Strategy, number: int | None = None) -> StrategyVersion:
    """The version numbered `number`, or the newest one."""
    versions = strategy.versions.all()
    if number is None:
        return versions.order_by("-number").first()
    return get_object_or_404(versions, number=number)


def strategy_plans(strategy: Strategy) -> QuerySet[CooperationPlan]:
    """The published yearly plans tied to the strategy, by year, with `public_title`."""
    return with_public_title(_published(strategy.district).filter(strategy=strategy)).order_by(
        "year"
    )


# When things were published -------------------------------------------------------------------


def entered(model, status: str, ref: str = "pk") -> Subquery:
    """When the object (OuterRef `ref`) last entered `status`, from its history (pghistory's
    events): the first event in that status after the last one in another. Ordered by the
    event's id, as every event of one transaction has the same time."""
    events = apps.get_model(model._meta.app_label, f"{model.__name__}Event").objects
    left = (
        events.filter(pgh_obj=OuterRef(OuterRef(ref)))
        .exclude(status=status)
        .order_by("-pgh_id")
        .values("pgh_id")[:1]
    )
    first = (
        events.filter(pgh_obj=OuterRef(ref), status=status)
        .filter(pgh_id__gt=Coalesce(Subquery(left), 0))
        .order_by("pgh_id")
        .values("pgh_created_at")[:1]
    )
    return Subquery(first)


def with_published_at(action_plans: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    """Annotate `published_at`: when each handleplan was (last) published."""
    return action_plans.annotate(
        published_at=Coalesce(entered(ActionPlan, ActionPlan.Status.PUBLISHED), F("updated_at"))
    )


def with_approved_at(minutes: QuerySet[Minutes]) -> QuerySet[Minutes]:
    """Annotate `approved_at`: when the minutes were approved."""
    return minutes.annotate(
        approved_at=Coalesce(entered(Minutes, Minutes.Status.APPROVED), F("updated_at"))
    )


# Initiatives -----------------------------------------------------------------------------------


def public_initiative_ids(district: PoliceDistrict) -> QuerySet:
    """The ids (`pk`) of the district's public initiatives (publishing.publicity)."""
    return publicity.initiatives().filter(district=district).values("pk")


def public_initiatives(district: PoliceDistrict) -> QuerySet[Initiative]:
    """The initiatives serving a focus area of one of the district's published plans (see
    public_initiative_ids), with their latest traffic light and progress (`latest_light`,
    `latest_progress`, `latest_period`) and `reached` (milestones reached)."""
    named = public_initiative_ids(district)
    return (
        with_latest_update(Initiative.objects.filter(district=district, pk__in=named))
        .annotate(reached=Count("milestones", filter=Q(milestones__done_on__isnull=False)))
        .select_related("lead_organisation", "owner_municipality")
        .prefetch_related("municipalities")
        .order_by("title")
    )


def public_initiative(district: PoliceDistrict, uuid) -> Initiative:
    """One public initiative, with `public_focus_areas` (FrozenFocusArea: those of the
    published versions, with their published titles), `reached_milestones` and
    `progress_history` (period, light and progress; no text)."""
    initiative = get_object_or_404(public_initiatives(district), uuid=uuid)
    areas = frozen_focus_areas(_published(district))
    linked = initiative.focus_areas.values_list("pk", flat=True)
    initiative.public_focus_areas = sorted(
        (areas[pk] for pk in linked if pk in areas), key=lambda a: (-a.year, a.number)
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
    return publicity.meetings().filter(council__district=district)


def meetings_page(district: PoliceDistrict, *, now: datetime.datetime | None = None):
    """Meetings open to the public that have not ended (not cancelled), soonest first, and
    the approved minutes, newest meeting first."""
    ahead = meetings_ahead(district, now=now)
    minutes = list(
        Minutes.objects.filter(meeting__council__district=district, status=Minutes.Status.APPROVED)
        .select_related("meeting__council")
        .defer("content", "html")
        .order_by("-meeting__starts_at")
    )
    return PublicMeetings(ahead=ahead, minutes=minutes)


def meetings_ahead(district: PoliceDistrict, *, now: datetime.datetime | None = None):
    """Meetings open to the public that have not ended (not cancelled), soonest first: what
    the district's page shows, which therefore reads none of the past years' minutes."""
    now = now or timezone.now()
    return list(
        Meeting.objects.filter(council__district=district, open_to_public=True, ends_at__gte=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("council", "hosted_by")
        .order_by("starts_at")
    )


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
            publicity.statistics_cache_token(),
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
