"""Which published documents a user may download: the public ones (publishing.publicity), and
what a signed-in user's scope lets them read; the members' variant of an agenda or of minutes
(with the closed items) only inside the council ("meetings.see_inside")."""

from django.db.models import Q, QuerySet

from kredsraad.accounts.scoping import (
    action_plans_visible_to,
    councils_inside,
    districts_visible_to,
    meetings_visible_to,
    plans_visible_to,
)
from kredsraad.publishing.models import Kind, PublishedDocument, Variant
from kredsraad.publishing.publicity import public_document


def documents_visible_to(user) -> QuerySet[PublishedDocument]:
    qs = PublishedDocument.objects.select_related("district")
    if not user.is_authenticated:
        return qs.filter(public_document())
    meetings = meetings_visible_to(user)
    return qs.filter(
        public_document()
        | Q(kind=Kind.PLAN, plan_version__plan__in=plans_visible_to(user))
        | Q(kind=Kind.ACTION_PLAN, action_plan__in=action_plans_visible_to(user))
        | Q(kind__in=[Kind.AGENDA, Kind.MINUTES], variant=Variant.PUBLIC, meeting__in=meetings)
        | Q(variant=Variant.MEMBERS, meeting__in=meetings.filter(council__in=councils_inside(user)))
        | Q(kind=Kind.STATUS_REPORT, district__in=districts_visible_to(user))
    )
