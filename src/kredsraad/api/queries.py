"""What the API shows to whom: what the public may read, joined with what the token's user may
read through accounts.scoping. The web pages and the API answer the same question the same way,
so a reader never learns more from one than from the other.

The public part, in one place:
- the registry (districts, municipalities, councils, seats without e-mail addresses);
- plans with a published version, as frozen when published; their focus areas while the plan is
  not being corrected (a correction in progress is a draft);
- initiatives that serve a focus area of such a plan, with their milestones and the traffic
  light and progress of their status updates (the text is for those inside);
- meetings open to the public or with approved minutes, never cancelled ones, and only their
  open agenda items.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from kredsraad.accounts import scoping
from kredsraad.councils.models import Council, Membership, Municipality, PoliceDistrict
from kredsraad.initiatives.models import Initiative, Milestone, StatusUpdate
from kredsraad.meetings import publicity
from kredsraad.meetings.models import AgendaItem, Meeting
from kredsraad.plans.models import ActionPlan, CooperationPlan, FocusArea, PlanVersion


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


def published_plans() -> QuerySet[CooperationPlan]:
    return CooperationPlan.objects.filter(Exists(PlanVersion.objects.filter(plan=OuterRef("pk"))))


def plans_for(user) -> QuerySet[CooperationPlan]:
    public = Q(pk__in=published_plans().values("pk"))
    if _signed_in(user):
        public |= Q(pk__in=scoping.plans_visible_to(user).values("pk"))
    return CooperationPlan.objects.filter(public).select_related("district")


def plan_is_inside(user, plan: CooperationPlan) -> bool:
    """Whether the user reads the plan as it is now, drafts included, rather than only its
    published versions."""
    return _signed_in(user) and scoping.plans_visible_to(user).filter(pk=plan.pk).exists()


def focus_areas_for(user) -> QuerySet[FocusArea]:
    public = Q(plan__in=published_plans().filter(in_correction=False))
    if _signed_in(user):
        public |= Q(pk__in=scoping.focus_areas_visible_to(user).values("pk"))
    return FocusArea.objects.filter(public).select_related("plan__district", "responsible")


def action_plans_for(user) -> QuerySet[ActionPlan]:
    public = Q(status=ActionPlan.Status.PUBLISHED)
    if _signed_in(user):
        public |= Q(pk__in=scoping.action_plans_visible_to(user).values("pk"))
    return ActionPlan.objects.filter(public).select_related(
        "council__municipality", "plan__district"
    )


def public_initiatives() -> QuerySet[Initiative]:
    return Initiative.objects.filter(
        focus_areas__plan__in=published_plans().filter(in_correction=False)
    )


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
    """Meetings known to the public (kredsraad.meetings.publicity, shared with the public site
    and OParl)."""
    return Meeting.objects.filter(publicity.public_meeting())


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
    """Those with a role read the figures unsuppressed, as on the statistics pages; everyone
    else gets small counts hidden."""
    if not _signed_in(user):
        return False
    scope = user.scope
    return scope.is_admin or bool(scope.districts)
