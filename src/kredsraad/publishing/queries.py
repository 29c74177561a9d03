"""Which published documents a visitor may download.

Anyone may download the public variant of a document whose subject is published: a plan
version (it exists only once published), a published handleplan, the agenda of a meeting open
to the public once it is sent, approved minutes, and a district's status report. An agenda or
minutes file must also be the newest of its meeting, format and variant and be built after the
agenda was sent (the minutes approved): an agenda built while its items could still change, or
before an item was closed and the agenda built again, never becomes public by the sending. Signed-in
users also download what their scope lets them read; the members' variant of an agenda or of
minutes (with the closed items) only inside the council ("meetings.see_inside").
"""

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from kredsraad.accounts.scoping import (
    action_plans_visible_to,
    councils_inside,
    districts_visible_to,
    meetings_visible_to,
    plans_visible_to,
)
from kredsraad.meetings.models import Meeting, Minutes
from kredsraad.plans.models import ActionPlan
from kredsraad.publishing.models import Kind, PublishedDocument, Variant

NEWEST = ~Exists(
    PublishedDocument.objects.filter(
        kind=OuterRef("kind"),
        meeting=OuterRef("meeting"),
        format=OuterRef("format"),
        variant=OuterRef("variant"),
        created_at__gt=OuterRef("created_at"),
    )
)

PUBLISHED = Q(variant=Variant.PUBLIC) & (
    Q(kind=Kind.PLAN)
    | Q(kind=Kind.ACTION_PLAN, action_plan__status=ActionPlan.Status.PUBLISHED)
    | (
        Q(kind=Kind.AGENDA, meeting__open_to_public=True, meeting__agenda_sent_at__isnull=False)
        & ~Q(meeting__status=Meeting.Status.CANCELLED)
        & Q(created_at__gte=F("meeting__agenda_sent_at"))
        & NEWEST
    )
    | (
        Q(kind=Kind.MINUTES, meeting__minutes__status=Minutes.Status.APPROVED)
        & Q(created_at__date__gte=F("meeting__minutes__approved_on"))
        & NEWEST
    )
    | Q(kind=Kind.STATUS_REPORT)
)


def documents_visible_to(user) -> QuerySet[PublishedDocument]:
    qs = PublishedDocument.objects.select_related("district")
    if not user.is_authenticated:
        return qs.filter(PUBLISHED)
    meetings = meetings_visible_to(user)
    return qs.filter(
        PUBLISHED
        | Q(kind=Kind.PLAN, plan_version__plan__in=plans_visible_to(user))
        | Q(kind=Kind.ACTION_PLAN, action_plan__in=action_plans_visible_to(user))
        | Q(kind__in=[Kind.AGENDA, Kind.MINUTES], variant=Variant.PUBLIC, meeting__in=meetings)
        | Q(variant=Variant.MEMBERS, meeting__in=meetings.filter(council__in=councils_inside(user)))
        | Q(kind=Kind.STATUS_REPORT, district__in=districts_visible_to(user))
    )
