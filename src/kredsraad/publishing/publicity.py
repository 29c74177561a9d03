"""What the public may see: one rule per subject, and the only place that says it.

The public site, document downloads, the Atom feeds, open data, the JSON API and OParl import
these rules and add none of their own (tests/publishing/test_publicity.py holds every public
output to them on the same edge cases). Nothing here depends on who asks: a signed-in user reads
more only through accounts.scoping, never through a looser rule here.

- A samarbejdsplan is public once published, and stays so while it is corrected; the public reads
  its newest published version, never the live plan.
- A multi-year strategy is public once published, and stays so while it is corrected; the public
  reads its newest published version's frozen content, never the live strategy.
- A handleplan is public once published, and only if its samarbejdsplan is published too: it
  names the plan's focus areas, which are not public before the plan is.
- A focus area is public when the newest published version of its plan holds it: all of a plan
  not being corrected; of one being corrected, those its newest version froze (an area added by
  the correction waits for it).
- An initiative is public when it serves a public focus area. Of its milestones the public reads
  the title, kind and dates, never the result; of its status reports the period, light and
  progress, never the text or the author.
- A published plan's version is public whole, so its content holds only what the public may
  read (plans.document freezes it so): of each initiative its tovholder, its partners' names and
  its coming milestones (PLAN_MILESTONE_KEYS); of each goal the entry as frozen with its data
  date (GOAL_KEYS), never a reported value's note or who reported it. The public reads a
  published plan's goals as the version froze them, never as they are now.
- An image in a plan's section is public when the frozen HTML of a published version of a public
  plan shows it (names its file's URL, which holds its hash): a draft's or a correction's new
  image waits for the version that publishes it, and an image a version showed stays public
  with that version, whatever happens to the section later.
- A meeting is known to the public when it is open to the public (its time, place and council; a
  cancellation too, so a calendar learns of it), or once its minutes are approved.
- An agenda item is public when it is open (not closed) and either the agenda of a meeting open
  to the public has been sent (and the meeting is not cancelled), or the minutes are approved
  (the decisions on open items are public then, whether or not the public could attend). Before
  that a meeting is the council's own business.
- A document (PDF or Word) is public in its public variant when its subject is, and for an
  agenda or minutes only the newest file built after the agenda was sent (the minutes approved).
  An agenda file is public only while it comes from the newest build requested for its meeting:
  every change to a sent agenda requests a build in the same transaction, so the moment an item
  is closed after sending, the old file is withheld until the new one is built.
- Statistics: anyone without a role in a district reads the figures as the public pages publish
  them: a quarter, the year to date or a whole year (`is_public_period`), and, of a table whose
  source hides small counts (`Table.small_counts`: the police's figures, not Danmarks
  Statistik's), neither a count from 1 to just under KREDSRAAD_STATISTICS_SUPPRESS_BELOW nor the
  cells hidden with it so that no subtraction of published figures gives it back
  (`statistics_judge`, statistics.reading.disclosure).

`prefix` arguments reach the subject through a relation, e.g. `public_meeting("meeting__")` from
an agenda item.
"""

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from kredsraad.images.models import ImageFile
from kredsraad.initiatives.models import Initiative, Milestone
from kredsraad.meetings.models import AgendaItem, Meeting, Minutes
from kredsraad.plans.document import focus_areas_of
from kredsraad.plans.models import ActionPlan, CooperationPlan, FocusArea, PlanVersion
from kredsraad.publishing.models import DocumentBuild, Kind, PublishedDocument, Variant
from kredsraad.statistics.reading import disclosure
from kredsraad.strategies.models import Strategy

# The fields of a milestone and of a status report the public may read.
MILESTONE_FIELDS = ("title", "kind", "due_date", "due_quarter", "done_on")
STATUS_UPDATE_FIELDS = ("period", "light", "progress")

# What a published plan's content says of an initiative, a coming milestone and a goal: all
# public (the API and open data read no other keys; a test holds the content to them).
PLAN_INITIATIVE_KEYS = ("uuid", "title", "status", "lead", "partners", "milestones", "goals")
PLAN_MILESTONE_KEYS = ("title", "kind", "kind_label", "due", "due_label")
GOAL_KEYS = (
    "id",
    "statement",
    "direction",
    "direction_label",
    "target",
    "target_text",
    "unit",
    "unit_label",
    "baseline_period",
    "baseline_label",
    "baseline_value",
    "baseline_text",
    "deadline",
    "deadline_label",
    "source",
    "indicator",
    "latest_period",
    "latest_label",
    "latest_value",
    "latest_text",
    "progress",
    "progress_label",
    "data_date",
    "contributes_to",
)


# Plans and handleplaner ------------------------------------------------------------------------


def public_plan(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": CooperationPlan.Status.PUBLISHED})


def plans() -> QuerySet[CooperationPlan]:
    return CooperationPlan.objects.filter(public_plan())


def public_action_plan(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": ActionPlan.Status.PUBLISHED}) & public_plan(f"{prefix}plan__")


def action_plans() -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(public_action_plan())


def frozen_focus_areas_in_correction() -> dict[int, dict]:
    """The focus areas of the published plans now being corrected, as their newest version froze
    them, by id: all the public may see of them. One query."""
    newest = (
        PlanVersion.objects.filter(plan=OuterRef("plan")).order_by("-number").values("number")[:1]
    )
    versions = PlanVersion.objects.filter(
        plan__in=plans().filter(in_correction=True), number=newest
    ).only("content")
    return {pk: area for v in versions for pk, area in focus_areas_of(v.content).items()}


def public_focus_area(corrected: dict[int, dict] | None = None) -> Q:
    """Pass `frozen_focus_areas_in_correction()` when you have it already."""
    if corrected is None:
        corrected = frozen_focus_areas_in_correction()
    return public_plan("plan__") & (Q(plan__in_correction=False) | Q(pk__in=list(corrected)))


def focus_areas() -> QuerySet[FocusArea]:
    return FocusArea.objects.filter(public_focus_area())


def plan_focus_areas(content: dict) -> list[dict]:
    """The focus areas a published version's content lists, in order, with their goals and
    their initiatives, each reduced to the keys above; a key a version frozen before it was kept
    lacks is empty (null, "" or [])."""
    return [
        {
            "id": area["id"],
            "number": area.get("number", ""),
            "title": area["title"],
            "themes": area.get("themes", []),
            "responsible": area.get("responsible", ""),
            "goals": [_kept(goal, GOAL_KEYS) for goal in area.get("goals", [])],
            "initiatives": [
                {
                    **_kept(initiative, PLAN_INITIATIVE_KEYS),
                    "partners": initiative.get("partners", []),
                    "milestones": [
                        _kept(m, PLAN_MILESTONE_KEYS) for m in initiative.get("milestones", [])
                    ],
                    "goals": [_kept(goal, GOAL_KEYS) for goal in initiative.get("goals", [])],
                }
                for initiative in area.get("initiatives", [])
            ],
        }
        for area in focus_areas_of(content).values()
    ]


def _kept(entry: dict, keys) -> dict:
    return {key: entry.get(key) for key in keys}


# Strategies ------------------------------------------------------------------------------------


def public_strategy(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": Strategy.Status.PUBLISHED})


def public_strategies() -> QuerySet[Strategy]:
    return Strategy.objects.filter(public_strategy())


# Images in sections ----------------------------------------------------------------------------


def public_section_image(prefix: str = "") -> Q:
    """On ImageFile (`prefix` leads to one): a published version of a public plan of its
    district shows it."""
    return Q(
        Exists(
            PlanVersion.objects.filter(
                public_plan("plan__"),
                plan__district=OuterRef(f"{prefix}district"),
                html__contains=OuterRef(f"{prefix}sha256"),
            )
        )
    )


def image_files() -> QuerySet[ImageFile]:
    return ImageFile.objects.filter(public_section_image())


# Initiatives -----------------------------------------------------------------------------------


def initiatives() -> QuerySet[Initiative]:
    return Initiative.objects.filter(Exists(focus_areas().filter(initiatives=OuterRef("pk"))))


def milestones() -> QuerySet[Milestone]:
    """Read only MILESTONE_FIELDS of them."""
    return Milestone.objects.filter(initiative__in=initiatives())


# Meetings --------------------------------------------------------------------------------------


def public_meeting(prefix: str = "") -> Q:
    return Q(**{f"{prefix}open_to_public": True}) | public_minutes(f"{prefix}minutes__")


def public_agenda(prefix: str = "") -> Q:
    """Meetings whose agenda is published: sent, for a meeting open to the public, not cancelled."""
    return Q(**{f"{prefix}open_to_public": True, f"{prefix}agenda_sent_at__isnull": False}) & ~Q(
        **{f"{prefix}status": Meeting.Status.CANCELLED}
    )


def public_minutes(prefix: str = "") -> Q:
    """Minutes (`prefix` "minutes__" from a meeting) that are published: the approved ones."""
    return Q(**{f"{prefix}status": Minutes.Status.APPROVED})


def meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(public_meeting())


def public_item(prefix: str = "") -> Q:
    """`prefix` leads from the item to its meeting's fields: "meeting__" for AgendaItem itself,
    e.g. "item__meeting__" from a paper."""
    item = prefix.removesuffix("meeting__")
    return Q(**{f"{item}closed": False}) & (
        public_agenda(prefix) | public_minutes(f"{prefix}minutes__")
    )


def agenda_items() -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(public_item("meeting__"))


# Documents -------------------------------------------------------------------------------------

_NEWEST_FILE = ~Exists(
    PublishedDocument.objects.filter(
        kind=OuterRef("kind"),
        meeting=OuterRef("meeting"),
        format=OuterRef("format"),
        variant=OuterRef("variant"),
        created_at__gt=OuterRef("created_at"),
    )
)
_FROM_NEWEST_BUILD = Q(build__isnull=False) & ~Exists(
    DocumentBuild.objects.filter(
        kind=OuterRef("kind"), meeting=OuterRef("meeting"), pk__gt=OuterRef("build_id")
    )
)


def public_document() -> Q:
    """On PublishedDocument (see the module: the agenda's newest build, the minutes' newest file)."""
    return Q(variant=Variant.PUBLIC) & (
        Q(kind=Kind.PLAN) & public_plan("plan_version__plan__")
        | Q(kind=Kind.ACTION_PLAN) & public_action_plan("action_plan__")
        | (
            Q(kind=Kind.AGENDA)
            & public_agenda("meeting__")
            & Q(created_at__gte=F("meeting__agenda_sent_at"))
            & _NEWEST_FILE
            & _FROM_NEWEST_BUILD
        )
        | (
            Q(kind=Kind.MINUTES)
            & public_minutes("meeting__minutes__")
            & Q(created_at__date__gte=F("meeting__minutes__approved_on"))
            & _NEWEST_FILE
        )
        | Q(kind=Kind.STATUS_REPORT)
    )


def documents() -> QuerySet[PublishedDocument]:
    return PublishedDocument.objects.filter(public_document())


# Statistics ------------------------------------------------------------------------------------


def reads_raw_statistics(user) -> bool:
    """Those with a role in a district (or an administrator) read the figures unsuppressed, as on
    the statistics pages; everyone else, the public, gets small counts hidden."""
    if not getattr(user, "is_authenticated", False):
        return False
    scope = user.scope
    return scope.is_admin or bool(scope.districts)


# What the public reads of a table's figures: every public output asks its judge, and the
# anonymous API serves only the public periods.
statistics_judge = disclosure.judge
is_public_period = disclosure.is_public_period
period_not_public = disclosure.not_public_message
statistics_cache_token = disclosure.cache_token
statistics_complement_sentence = disclosure.complement_sentence
