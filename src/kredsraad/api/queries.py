"""What the API shows to whom: what the public may read (publishing.publicity, the rules every
public output shares), joined with what the token's user may read through accounts.scoping. The
web pages and the API answer the same question the same way, so a reader never learns more from
one than from the other.

Besides the registry (districts, municipalities, councils, seats without e-mail addresses), the
public reads plans and focus areas as the newest published version froze them: while a plan is
being corrected, its live title and focus areas are a draft, so readers outside see the published
title and focus areas only (`plan_is_inside`, `inside`); of initiatives the milestones without
their results and the status reports without their text; of meetings only the public items.
"""

from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce

from kredsraad.accounts import scoping
from kredsraad.councils.models import Council, Membership, Municipality, PoliceDistrict
from kredsraad.initiatives.models import Initiative, Milestone, StatusUpdate
from kredsraad.meetings.models import AgendaItem, Meeting
from kredsraad.plans.models import (
    ActionPlan,
    CooperationPlan,
    FocusArea,
)
from kredsraad.publishing import public, publicity
from kredsraad.strategies.models import Strategy, StrategyVersion


def _signed_in(user) -> bool:
    return user.is_authenticated and user.is_active


def districts_for(user) -> QuerySet[PoliceDistrict]:
    return PoliceDistrict.objects.all()


def municipalities_for(user) -> QuerySet[Municipality]:
    return Municipality.objects.select_related("district", "region")


def councils_for(user) -> QuerySet[Council]:
    return Council.objects.select_related("district", "municipality")


def memberships_for(user) -> QuerySet[Membership]:
    return Membership.objects.select_related("council", "person__organisation", "represents")


def _inside(user, visible_to):
    """An annotation: true for the rows the user reads from inside, that is through
    `visible_to` (a function of accounts.scoping), not only as the public does."""
    if not _signed_in(user):
        return Value(False, output_field=BooleanField())
    return Exists(visible_to(user).filter(pk=OuterRef("pk")))


def published_plans() -> QuerySet[CooperationPlan]:
    return publicity.plans()


def plans_for(user) -> QuerySet[CooperationPlan]:
    """With `inside` (the user reads the plan as it is now) and `public_title` (the title as
    published, publishing.public.with_public_title)."""
    readable = Q(pk__in=published_plans().values("pk"))
    if _signed_in(user):
        readable |= Q(pk__in=scoping.plans_visible_to(user).values("pk"))
    return public.with_public_title(
        CooperationPlan.objects.filter(readable)
        .select_related("district")
        .annotate(inside=_inside(user, scoping.plans_visible_to))
    )


def plan_is_inside(user, plan: CooperationPlan) -> bool:
    """Whether the user reads the plan as it is now, drafts included, rather than only its
    published versions."""
    return _signed_in(user) and scoping.plans_visible_to(user).filter(pk=plan.pk).exists()


def corrected_focus_areas() -> dict[int, dict]:
    """The frozen focus areas of plans under correction (publishing.publicity)."""
    return publicity.frozen_focus_areas_in_correction()


def focus_areas_for(user, *, corrected: dict[int, dict] | None = None) -> QuerySet[FocusArea]:
    """With `inside`. Pass `corrected_focus_areas()` when you have it already."""
    readable = publicity.public_focus_area(corrected)
    if _signed_in(user):
        readable |= Q(pk__in=scoping.focus_areas_visible_to(user).values("pk"))
    return (
        FocusArea.objects.filter(readable)
        .select_related("plan__district", "responsible")
        .prefetch_related("themes")
        .annotate(inside=_inside(user, scoping.focus_areas_visible_to))
    )


def strategies_for(user) -> QuerySet[Strategy]:
    """With `inside` (the user reads the strategy as it is now, drafts included) and what its
    newest version froze: `public_title` ("" before the first), `public_first_year` and
    `public_last_year` (None before the first); readers outside read those while a correction
    is a draft."""
    readable = Q(pk__in=publicity.public_strategies().values("pk"))
    if _signed_in(user):
        readable |= Q(pk__in=scoping.strategies_visible_to(user).values("pk"))
    newest = StrategyVersion.objects.filter(strategy=OuterRef("pk")).order_by("-number")

    def frozen(key, field):
        return Cast(Subquery(newest.values_list(KT(f"content__{key}"))[:1]), field)

    return (
        Strategy.objects.filter(readable)
        .select_related("district")
        .annotate(
            inside=_inside(user, scoping.strategies_visible_to),
            public_title=Coalesce(frozen("title", CharField()), Value("")),
            public_first_year=frozen("first_year", IntegerField()),
            public_last_year=frozen("last_year", IntegerField()),
        )
    )


def action_plans_for(user) -> QuerySet[ActionPlan]:
    readable = publicity.public_action_plan()
    if _signed_in(user):
        readable |= Q(pk__in=scoping.action_plans_visible_to(user).values("pk"))
    return ActionPlan.objects.filter(readable).select_related(
        "council__municipality", "plan__district"
    )


def public_initiatives() -> QuerySet[Initiative]:
    return publicity.initiatives()


def initiatives_for(user) -> QuerySet[Initiative]:
    public = Q(pk__in=public_initiatives().values("pk"))
    if _signed_in(user):
        public |= Q(pk__in=scoping.initiatives_visible_to(user).values("pk"))
    return Initiative.objects.filter(public).select_related("district", "lead_organisation")


def initiative_is_inside(user, initiative: Initiative) -> bool:
    return (
        _signed_in(user) and scoping.initiatives_visible_to(user).filter(pk=initiative.pk).exists()
    )


def milestones_of(initiative: Initiative) -> QuerySet[Milestone]:
    return initiative.milestones.all()


def status_updates_of(initiative: Initiative) -> QuerySet[StatusUpdate]:
    return initiative.status_updates.select_related("author")


def public_meetings() -> QuerySet[Meeting]:
    return publicity.meetings()


def meetings_for(user) -> QuerySet[Meeting]:
    public = Q(pk__in=public_meetings().values("pk"))
    if _signed_in(user):
        public |= Q(pk__in=scoping.meetings_visible_to(user).values("pk"))
    return Meeting.objects.filter(public).select_related(
        "council__district", "council__municipality"
    )


def agenda_items_for(user, meeting: Meeting) -> QuerySet[AgendaItem]:
    """Open items for everyone who sees the meeting; closed ones only inside the council."""
    items = meeting.items.order_by("position")
    if _signed_in(user):
        return items.filter(
            publicity.public_item("meeting__")
            | Q(meeting__council__in=scoping.councils_inside(user))
            | Q(meeting__in=scoping.meetings_visible_to(user), closed=False)
        )
    return items.filter(publicity.public_item("meeting__"))


def sees_draft_decisions(user, meeting: Meeting) -> bool:
    """Decisions are public once the minutes are approved; before that, inside the council."""
    if meeting.status == Meeting.Status.MINUTES_APPROVED:
        return True
    return _signed_in(user) and scoping.councils_inside(user).filter(pk=meeting.council_id).exists()


def sees_raw_statistics(user) -> bool:
    return publicity.reads_raw_statistics(user)
