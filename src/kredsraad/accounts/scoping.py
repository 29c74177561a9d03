"""What each user may see: one scoped queryset per model, used by every view.

Reading something outside these querysets is a 404, never a 403 that confirms it exists.
Administrators see everything. Everyone else sees the districts their roles lie in; within a
district, the secretariat, analysts and kredsråd members read every municipality, while a
coordinator or a lokalråd member reads only their own municipality's lokalråd and page.
"""

from django.db.models import Q, QuerySet

from kredsraad.councils.models import (
    Council,
    Forum,
    Membership,
    Municipality,
    Organisation,
    Person,
    PoliceDistrict,
)
from kredsraad.goals.models import Goal
from kredsraad.initiatives.models import Initiative
from kredsraad.meetings.models import AgendaItem, Meeting, Paper
from kredsraad.plans.models import ActionPlan, CooperationPlan, FocusArea
from kredsraad.strategies.models import Strategy


def districts_visible_to(user) -> QuerySet[PoliceDistrict]:
    scope = user.scope
    if scope.is_admin:
        return PoliceDistrict.objects.all()
    return PoliceDistrict.objects.filter(pk__in=scope.districts)


def municipalities_visible_to(user) -> QuerySet[Municipality]:
    scope = user.scope
    qs = Municipality.objects.select_related("district", "region")
    if scope.is_admin:
        return qs
    return qs.filter(
        Q(district__in=scope.whole_district_readers) | Q(pk__in=scope.own_municipalities)
    )


def councils_visible_to(user) -> QuerySet[Council]:
    scope = user.scope
    qs = Council.objects.select_related("district", "municipality")
    if scope.is_admin:
        return qs
    return qs.filter(
        Q(kind=Council.Kind.DISTRICT, district__in=scope.districts)
        | Q(district__in=scope.whole_district_readers)
        | Q(municipality__in=scope.own_municipalities)
        | Q(pk__in=scope.member_councils)
    )


def memberships_visible_to(user) -> QuerySet[Membership]:
    return Membership.objects.filter(council__in=councils_visible_to(user))


def people_visible_to(user) -> QuerySet[Person]:
    """Whole-district readers see the district's people; others see the people seated in the
    councils they can see."""
    scope = user.scope
    if scope.is_admin:
        return Person.objects.all()
    seated = Membership.objects.filter(council__in=councils_visible_to(user)).values("person")
    return Person.objects.filter(Q(district__in=scope.whole_district_readers) | Q(pk__in=seated))


def forums_visible_to(user) -> QuerySet[Forum]:
    scope = user.scope
    qs = Forum.objects.select_related("district", "lead_organisation")
    if scope.is_admin:
        return qs
    return qs.filter(district__in=scope.districts)


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """National organisations are shared by all; a district's own are seen in that district."""
    scope = user.scope
    qs = Organisation.objects.select_related("district", "municipality")
    if scope.is_admin:
        return qs
    if not scope.districts:
        return qs.none()
    return qs.filter(Q(district__isnull=True) | Q(district__in=scope.districts))


def plans_visible_to(user) -> QuerySet[CooperationPlan]:
    """Everyone with a role in a district reads its plans, drafts included (rådsmedlemmer
    discuss them); the public sees only published versions (publishing)."""
    scope = user.scope
    qs = CooperationPlan.objects.select_related("district")
    if scope.is_admin:
        return qs
    return qs.filter(district__in=scope.districts)


def strategies_visible_to(user) -> QuerySet[Strategy]:
    """As the yearly plans: everyone with a role in a district reads its strategies, drafts
    included; the public sees only published versions (publishing)."""
    scope = user.scope
    qs = Strategy.objects.select_related("district")
    if scope.is_admin:
        return qs
    return qs.filter(district__in=scope.districts)


def focus_areas_visible_to(user) -> QuerySet[FocusArea]:
    return FocusArea.objects.filter(plan__in=plans_visible_to(user)).select_related("plan")


def goals_visible_to(user) -> QuerySet[Goal]:
    """A goal is seen by whoever sees its focus area, initiative or strategy."""
    qs = Goal.objects.select_related("district", "reported_by")
    if user.scope.is_admin:
        return qs
    return qs.filter(
        Q(focus_area__in=focus_areas_visible_to(user))
        | Q(initiative__in=initiatives_visible_to(user))
        | Q(strategy__district__in=user.scope.districts)
    )


def action_plans_visible_to(user) -> QuerySet[ActionPlan]:
    """Handleplaner follow their lokalråd: a koordinator sees their own municipality's."""
    return ActionPlan.objects.filter(council__in=councils_visible_to(user)).select_related(
        "council__municipality", "plan__district"
    )


def initiatives_visible_to(user) -> QuerySet[Initiative]:
    """District initiatives are read by everyone in the district; a municipality's own
    (local) initiatives by whole-district readers and that municipality."""
    scope = user.scope
    qs = Initiative.objects.select_related("district", "lead_organisation", "owner_municipality")
    if scope.is_admin:
        return qs
    return qs.filter(district__in=scope.districts).filter(
        Q(owner_municipality__isnull=True)
        | Q(district__in=scope.whole_district_readers)
        | Q(owner_municipality__in=scope.own_municipalities)
    )


# Meetings ----------------------------------------------------------------------------------


def councils_inside(user) -> QuerySet[Council]:
    """The councils whose closed items, papers and draft minutes the user may read: the
    councils they sit in, and those they run (the district's secretariat every council, a
    koordinator their lokalråd)."""
    scope = user.scope
    qs = Council.objects.all()
    if scope.is_admin:
        return qs
    return qs.filter(
        Q(pk__in=scope.member_councils)
        | Q(district__in=scope.secretariat_districts)
        | Q(municipality__in=scope.coordinator_municipalities)
    )


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """A meeting is seen by whoever sees its council; what is inside it may be less."""
    return Meeting.objects.filter(council__in=councils_visible_to(user)).select_related(
        "council__district", "council__municipality", "hosted_by"
    )


def agenda_items_visible_to(user) -> QuerySet[AgendaItem]:
    """Open items of the meetings the user sees; closed items only inside the council."""
    return AgendaItem.objects.filter(meeting__in=meetings_visible_to(user)).filter(
        Q(closed=False) | Q(meeting__council__in=councils_inside(user))
    )


def papers_visible_to(user) -> QuerySet[Paper]:
    return Paper.objects.filter(item__in=agenda_items_visible_to(user))
