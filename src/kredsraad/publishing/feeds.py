"""An Atom feed per district of what it has newly published: plan versions, handleplaner, sent
agendas of public meetings and approved minutes, each entry linking its public page and, once
built, its PDF and Word files. An entry is dated by its publication (a version's
`published_at`, the handleplan's publication and the minutes' approval as their history
records them, the agenda's `agenda_sent_at`), so a later save never moves it."""

import datetime
from dataclasses import dataclass, field

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kredsraad.meetings.models import Meeting, Minutes
from kredsraad.plans.models import PlanVersion
from kredsraad.publishing import public, publicity

ENTRIES = 30  # the newest of each kind, and of them all


@dataclass
class Entry:
    title: str
    path: str
    published: datetime.datetime
    summary: str
    guid: str
    documents: list = field(default_factory=list)


def feed_entries(district) -> list[Entry]:
    """The newest publications of the district, newest first. A fixed number of queries."""
    versions = list(
        PlanVersion.objects.filter(plan__in=public.published_plans(district).values("pk"))
        .select_related("plan")
        .defer("content", "html")
        .annotate(frozen_title=public.FROZEN_TITLE)
        .order_by("-published_at")[:ENTRIES]
    )
    action_plans = list(
        public.with_published_at(public.published_action_plans(district)).order_by("-published_at")[
            :ENTRIES
        ]
    )
    minutes = list(
        public.with_approved_at(
            Minutes.objects.filter(publicity.public_minutes(), meeting__council__district=district)
        )
        .select_related("meeting__council")
        .defer("content", "html")
        .order_by("-approved_at")[:ENTRIES]
    )
    agendas = list(
        Meeting.objects.filter(publicity.public_agenda(), council__district=district)
        .select_related("council")
        .order_by("-agenda_sent_at")[:ENTRIES]
    )
    public.attach_documents(versions, "plan_version")
    public.attach_documents(action_plans, "action_plan")
    meetings = [m.meeting for m in minutes]
    public.attach_documents(meetings, "meeting")
    public.attach_documents(agendas, "meeting")
    entries = [
        Entry(
            title=_("%(title)s, version %(number)s")
            % {"title": v.frozen_title, "number": v.number},
            path=reverse(
                "publishing:public_plan_version", args=[district.slug, v.plan.uuid, v.number]
            ),
            published=v.published_at,
            summary=v.change_note
            or _("Samarbejdsplanen for %(year)s er offentliggjort.") % {"year": v.plan.year},
            guid=f"plan-{v.plan.uuid}-version-{v.number}",
            documents=v.public_documents,
        )
        for v in versions
    ]
    entries += [
        Entry(
            title=str(a),
            path=reverse("publishing:public_action_plan", args=[district.slug, a.uuid]),
            published=a.published_at,
            summary=_("%(council)s har offentliggjort sin handleplan for %(year)s.")
            % {"council": a.council.name, "year": a.plan.year},
            guid=f"action-plan-{a.uuid}",
            documents=a.public_documents,
        )
        for a in action_plans
    ]
    entries += [
        Entry(
            title=_("Referat: %(meeting)s") % {"meeting": m.meeting},
            path=reverse("publishing:public_meeting", args=[district.slug, m.meeting.uuid]),
            published=m.approved_at,
            summary=_("Referatet af mødet i %(council)s er godkendt.")
            % {"council": m.meeting.council},
            guid=f"minutes-{m.meeting.uuid}",
            documents=[d for d in m.meeting.public_documents if d.kind == "minutes"],
        )
        for m in minutes
    ]
    entries += [
        Entry(
            title=_("Dagsorden: %(meeting)s") % {"meeting": m},
            path=reverse("publishing:public_meeting", args=[district.slug, m.uuid]),
            published=m.agenda_sent_at,
            summary=_("Dagsordenen til mødet i %(council)s er udsendt.") % {"council": m.council},
            guid=f"agenda-{m.uuid}",
            documents=[d for d in m.public_documents if d.kind == "agenda"],
        )
        for m in agendas
    ]
    entries.sort(key=lambda e: e.published, reverse=True)
    return entries[:ENTRIES]


class DistrictFeed(Feed):
    """Made per request, since enclosure addresses must be absolute and the syndication
    framework makes only the entry links absolute."""

    feed_type = Atom1Feed

    def __init__(self, request):
        super().__init__()
        self.request = request

    def get_object(self, request, slug):
        return public.district_of(slug)

    def title(self, district):
        return _("Offentliggjort af %(district)s") % {"district": district}

    def subtitle(self, district):
        return _(
            "Samarbejdsplaner, handleplaner, dagsordener og mødereferater fra kredsrådet og "
            "lokalrådene."
        )

    def link(self, district):
        return reverse("publishing:public_district", args=[district.slug])

    def feed_url(self, district):
        return reverse("publishing:public_feed", args=[district.slug])

    def feed_guid(self, district):
        return self.request.build_absolute_uri(self.feed_url(district))

    def items(self, district):
        return feed_entries(district)

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return entry.summary

    def item_link(self, entry):
        return entry.path

    def item_guid(self, entry):
        return f"tag:kredsraad,2024:{entry.guid}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.published

    def item_enclosures(self, entry):
        return [
            Enclosure(
                self.request.build_absolute_uri(d.get_absolute_url()), str(d.size), d.content_type
            )
            for d in entry.documents
        ]


@require_safe
def district_feed(request, slug):
    return DistrictFeed(request)(request, slug=slug)
