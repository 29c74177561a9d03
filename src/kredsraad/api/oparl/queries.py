"""What the public OParl API shows, one queryset per source, each annotated alike.

Every queryset carries `o_created` and `o_modified` (the OParl `created` and `modified`, which
the list filters compare) and `o_district` (the police district whose lists show the row; NULL
for national organisations, which every district's list shows). Only public things are here:
published plans and handleplaner (of published plans), announced meetings and their open
items, and the registry: the rule of the JSON API and the public site (kredsraad.api.queries).
A plan is read as its newest version was published (`public_title`): while it is being
corrected, its live title is a draft.
"""

from django.db.models import (
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Greatest

from kredsraad.councils.models import (
    Council,
    Forum,
    Membership,
    Organisation,
    Person,
    PoliceDistrict,
)
from kredsraad.meetings.models import AgendaItem, Meeting, Minutes
from kredsraad.meetings.models import Paper as MeetingPaper
from kredsraad.plans.models import ActionPlan, CooperationPlan, PlanVersion
from kredsraad.publishing import publicity
from kredsraad.publishing.models import Kind, PublishedDocument
from kredsraad.publishing.public import with_public_title


def _latest(queryset: QuerySet, field: str) -> Subquery:
    """The newest `field` of the rows of `queryset` (NULL when there are none, which
    PostgreSQL's GREATEST passes over)."""
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1], output_field=DateTimeField())


# Which rows are public ------------------------------------------------------------------------


def public_meeting_filter(prefix: str = "") -> Q:
    """Meetings known to the public (publishing.publicity)."""
    return publicity.public_meeting(prefix)


def _public_items() -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(publicity.public_item("meeting__"))


def _approved_minutes_updated(meeting_ref: str):
    return _latest(
        Minutes.objects.filter(meeting=OuterRef(meeting_ref), status=Minutes.Status.APPROVED),
        "updated_at",
    )


def _public_plans() -> QuerySet[CooperationPlan]:
    return publicity.plans()


def _public_action_plans() -> QuerySet[ActionPlan]:
    return publicity.action_plans()


def _first_published(plan_ref: str):
    return Subquery(
        PlanVersion.objects.filter(plan=OuterRef(plan_ref))
        .order_by("number")
        .values("published_at")[:1],
        output_field=DateTimeField(),
    )


def _last_published(plan_ref: str):
    return _latest(PlanVersion.objects.filter(plan=OuterRef(plan_ref)), "published_at")


def _current_documents() -> QuerySet[PublishedDocument]:
    """The public variant of the published PDF and Word documents of plan versions, handleplaner,
    agendas and minutes, each the newest build of its subject and format: a rebuild replaces the
    file (an agenda rebuilt after a change), so a superseded one drops out of the lists."""
    newer = PublishedDocument.objects.filter(
        Q(plan_version=OuterRef("plan_version"))
        | Q(action_plan=OuterRef("action_plan"))
        | Q(meeting=OuterRef("meeting")),
        kind=OuterRef("kind"),
        format=OuterRef("format"),
        variant=OuterRef("variant"),
    ).filter(
        Q(created_at__gt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__gt=OuterRef("pk"))
    )
    return publicity.documents().filter(
        ~Exists(newer), kind__in=[Kind.PLAN, Kind.ACTION_PLAN, Kind.AGENDA, Kind.MINUTES]
    )


def _documents_prefetch() -> Prefetch:
    """A subject's current documents as `public_files`: agenda before minutes, PDF before Word
    ("pdf" sorts after "docx"), so a subject's first file is its main one."""
    return Prefetch(
        "documents",
        queryset=_current_documents().order_by("kind", "-format", "pk"),
        to_attr="public_files",
    )


def _consultation_items() -> QuerySet[AgendaItem]:
    """Public agenda items that treat a public paper: the plan or a published handleplan."""
    return _public_items().filter(
        Q(plan__in=_public_plans()) | Q(action_plan__in=_public_action_plans())
    )


# The sources ----------------------------------------------------------------------------------


def bodies() -> QuerySet[PoliceDistrict]:
    return PoliceDistrict.objects.annotate(
        o_created=F("created_at"),
        o_modified=Greatest(
            "updated_at",
            _latest(PlanVersion.objects.filter(plan__district=OuterRef("pk")), "published_at"),
        ),
        o_district=F("pk"),
    )


def legislative_terms() -> QuerySet[CooperationPlan]:
    """A district's plan years: one term per published samarbejdsplan, public from its first
    publication, and unchanging after it."""
    return (
        _public_plans()
        .select_related("district")
        .annotate(
            o_created=_first_published("pk"),
            o_modified=F("o_created"),
            o_district=F("district_id"),
        )
    )


def councils() -> QuerySet[Council]:
    return (
        Council.objects.select_related("district", "municipality")
        .prefetch_related(Prefetch("memberships", queryset=Membership.objects.order_by("pk")))
        .annotate(
            o_created=F("created_at"),
            o_modified=Greatest(
                "updated_at",
                _latest(Membership.objects.filter(council=OuterRef("pk")), "updated_at"),
            ),
            o_district=F("district_id"),
        )
    )


def forums() -> QuerySet[Forum]:
    return Forum.objects.select_related("district", "lead_organisation", "target_group").annotate(
        o_created=F("created_at"), o_modified=F("updated_at"), o_district=F("district_id")
    )


def organisations() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("district", "municipality").annotate(
        o_created=F("created_at"), o_modified=F("updated_at"), o_district=F("district_id")
    )


def memberships() -> QuerySet[Membership]:
    return Membership.objects.select_related("council__district", "council__municipality").annotate(
        o_created=F("created_at"), o_modified=F("updated_at"), o_district=F("council__district_id")
    )


def people() -> QuerySet[Person]:
    """People who sit or sat in a council; others in the registry are not published. A person's
    memberships are shown inside the person, so a changed membership changes the person."""
    seats = Membership.objects.filter(person=OuterRef("pk"))
    return (
        Person.objects.filter(Exists(seats))
        .select_related("district", "organisation")
        .prefetch_related(Prefetch("memberships", queryset=memberships().order_by("start", "pk")))
        .annotate(
            o_created=F("created_at"),
            o_modified=Greatest("updated_at", _latest(seats, "updated_at")),
            o_district=F("district_id"),
        )
    )


def agenda_items() -> QuerySet[AgendaItem]:
    """Open items of public meetings. The decision is public once the minutes are approved, so
    the approval changes the item; so does a new paper."""
    return (
        _public_items()
        .select_related(
            "meeting__council__district", "meeting__council__municipality", "meeting__minutes"
        )
        .prefetch_related(Prefetch("papers", queryset=files().order_by("name", "pk")))
        .annotate(
            o_created=F("created_at"),
            o_modified=Greatest(
                "updated_at",
                _approved_minutes_updated("meeting"),
                _latest(MeetingPaper.objects.filter(item=OuterRef("pk")), "uploaded_at"),
            ),
            o_district=F("meeting__council__district_id"),
            is_consultation=Exists(_consultation_items().filter(pk=OuterRef("pk"))),
        )
    )


def meetings() -> QuerySet[Meeting]:
    """Public meetings, with their open items inside them: a changed item changes the meeting."""
    items = _public_items().filter(meeting=OuterRef("pk"))
    return (
        Meeting.objects.filter(public_meeting_filter())
        .select_related("council__district", "council__municipality", "minutes")
        .prefetch_related(
            Prefetch("items", queryset=agenda_items().order_by("position", "pk")),
            _documents_prefetch(),
        )
        .annotate(
            o_created=F("created_at"),
            o_modified=Greatest(
                "updated_at",
                _latest(items, "updated_at"),
                _approved_minutes_updated("pk"),
                _latest(MeetingPaper.objects.filter(item__in=items), "uploaded_at"),
                _latest(_current_documents().filter(meeting=OuterRef("pk")), "created_at"),
            ),
            o_district=F("council__district_id"),
        )
    )


def locations() -> QuerySet[Meeting]:
    """A public meeting's place, one location per meeting (places are free text)."""
    return (
        Meeting.objects.filter(public_meeting_filter())
        .select_related("council")
        .annotate(
            o_created=F("created_at"),
            o_modified=F("updated_at"),
            o_district=F("council__district_id"),
        )
    )


def consultations() -> QuerySet[AgendaItem]:
    return (
        _consultation_items()
        .select_related(
            "meeting__council__district",
            "meeting__council__municipality",
            "plan",
            "action_plan",
        )
        .annotate(
            o_created=F("created_at"),
            o_modified=F("updated_at"),
            o_district=F("meeting__council__district_id"),
        )
    )


def plan_papers() -> QuerySet[CooperationPlan]:
    """Published samarbejdsplaner. Public from the first publication; every new version, and
    every consultation shown inside the paper, changes it."""
    treated = _consultation_items().filter(plan=OuterRef("pk"))
    return (
        with_public_title(_public_plans())
        .select_related(
            "district", "approved_by_council__district", "approved_by_council__municipality"
        )
        .prefetch_related(
            Prefetch("agenda_items", queryset=consultations().order_by("o_created", "pk")),
            Prefetch(
                "action_plans",
                queryset=publicity.action_plans().order_by("pk"),
            ),
            Prefetch(
                "versions",
                queryset=PlanVersion.objects.order_by("-number").prefetch_related(
                    _documents_prefetch()
                ),
                to_attr="newest_first",
            ),
        )
        .annotate(
            o_created=_first_published("pk"),
            o_modified=Greatest(
                "updated_at",
                _last_published("pk"),
                _latest(treated, "updated_at"),
                _latest(
                    _current_documents().filter(plan_version__plan=OuterRef("pk")), "created_at"
                ),
            ),
            o_district=F("district_id"),
        )
    )


def action_plan_papers() -> QuerySet[ActionPlan]:
    treated = _consultation_items().filter(action_plan=OuterRef("pk"))
    return (
        _public_action_plans()
        .select_related("council__district", "council__municipality", "plan__district")
        .prefetch_related(
            Prefetch("agenda_items", queryset=consultations().order_by("o_created", "pk")),
            _documents_prefetch(),
        )
        .annotate(
            o_created=F("created_at"),
            o_modified=Greatest(
                "updated_at",
                _latest(treated, "updated_at"),
                _latest(_current_documents().filter(action_plan=OuterRef("pk")), "created_at"),
            ),
            o_district=F("plan__district_id"),
        )
    )


def files() -> QuerySet[MeetingPaper]:
    """Papers (bilag) of public items; a paper never changes once uploaded."""
    return (
        MeetingPaper.objects.filter(item__in=_public_items())
        .select_related("item__meeting")
        .annotate(
            o_created=F("uploaded_at"),
            o_modified=F("uploaded_at"),
            o_district=F("item__meeting__council__district_id"),
        )
    )


def documents() -> QuerySet[PublishedDocument]:
    """The published documents as Files (see _current_documents); stored once, never changed."""
    return (
        _current_documents()
        .select_related("plan_version__plan", "action_plan", "meeting")
        .annotate(
            o_created=F("created_at"), o_modified=F("created_at"), o_district=F("district_id")
        )
    )


def plan_years(district_id: int) -> QuerySet[CooperationPlan]:
    return legislative_terms().filter(district_id=district_id).order_by("year")
