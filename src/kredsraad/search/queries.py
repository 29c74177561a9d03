"""Internal search: what a signed-in user may find, ranked, with highlighted snippets.

The words come from the user, so they only ever reach PostgreSQL as a parameter of
websearch_to_tsquery('danish', …), which accepts any text (quotes, -, or, &|!:*()) without a
syntax error; raw to_tsquery is never given user input.

Each type of result is searched inside the scoped queryset its own pages use
(kredsraad.accounts.scoping), so a result is shown only to someone who could open it: closed
agenda items and their papers only inside the council, draft minutes only inside the council,
another district's records never, a municipality's own records only to whoever sees that
municipality.

The query count does not grow with the hits: one query counts the hits of each type (a UNION
ALL of the types, grouped), one reads the page's ids and ranks from the same UNION ALL, and one
query per type present on the page reads those rows with their snippets. A page of 20 hits of
one type and a page of one hit cost the same.
"""

import dataclasses
import math
import secrets
from collections.abc import Callable

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Concat, Left
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from kredsraad.accounts import scoping
from kredsraad.councils.models import Municipality
from kredsraad.initiatives.models import Milestone, StatusUpdate
from kredsraad.meetings.models import Minutes, Paper
from kredsraad.plans.models import ActionPlanItem, PlanSection
from kredsraad.search.vectors import COLUMN, CONFIG

# Longer than any real question; a longer text is refused with a message, not searched.
MAX_QUERY = 200
PAGE_SIZE = 20


# The question ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Question:
    """The user's words, checked: `query` is set when there is something to search for,
    otherwise `problem` says in Danish why not."""

    text: str
    query: SearchQuery | None = None
    problem: str = ""


def question(raw: str | None) -> Question:
    """Read the search words. An empty or overlong text gives a problem, never a query."""
    # PostgreSQL text cannot hold NUL; a pasted one must not become a server error.
    text = " ".join((raw or "").replace("\x00", " ").split())
    if not text:
        return Question("", problem=str(_("Skriv et eller flere ord, du vil søge efter.")))
    if len(text) > MAX_QUERY:
        return Question(
            text[:MAX_QUERY],
            problem=str(
                _("Søgningen er for lang: højst %(limit)d tegn, den er %(length)d.")
                % {"limit": MAX_QUERY, "length": len(text)}
            ),
        )
    return Question(text, query=SearchQuery(text, config=CONFIG, search_type="websearch"))


def only_stop_words(text: str) -> bool:
    """Whether the words hold nothing to search for (»og i at«): Danish stop words and
    punctuation are dropped by the configuration, leaving an empty query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT numnode(websearch_to_tsquery(%s::regconfig, %s)) = 0", [CONFIG, text]
        )
        return cursor.fetchone()[0]


# Safe highlighting ----------------------------------------------------------------------------


class Marks:
    """ts_headline wraps matches in start and stop strings. Stored text is the user's own text,
    so it is escaped; the matches must then become <mark>. Random strings, new for each search,
    mark the matches: no stored text can contain them, so escaping then replacing them is the
    only way a tag enters the snippet."""

    def __init__(self):
        token = secrets.token_hex(8)
        self.start = f"qs{token}a"
        self.stop = f"qs{token}b"

    def headline(self, expression, query: SearchQuery, *, whole: bool = False) -> SearchHeadline:
        options = {"highlight_all": True} if whole else {"max_words": 30, "min_words": 12}
        return SearchHeadline(
            expression,
            query,
            config=CONFIG,
            start_sel=self.start,
            stop_sel=self.stop,
            max_fragments=0 if whole else 2,
            fragment_delimiter=" … ",
            **options,
        )

    def html(self, text: str | None) -> SafeString:
        escaped = str(escape(text or ""))
        escaped = escaped.replace(self.start, "<mark>").replace(self.stop, "</mark>")
        # Safe: escaped above; the only tags are the <mark>s put in place of our markers.
        return mark_safe(escaped)


# The types ------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Kind:
    """One type of result: where it is searched (`visible`), how the filters reach it, and how a
    hit is shown. A filter a type has no way to meet leaves the type out."""

    key: str
    label: object  # lazy Danish
    visible: Callable  # user -> QuerySet
    title: object  # expression shown (highlighted whole) as the heading; None: str(obj)
    body: object | None  # expression a snippet is cut from
    related: tuple = ()  # select_related for showing the hit
    municipality: Callable | None = None  # Municipality -> Q
    theme: Callable | None = None  # theme code -> Q
    year: Callable | None = None  # int -> Q
    describe: Callable = lambda obj: ("", "")  # obj -> (place, url)

    def searched(self, user, query, filters: "Filters") -> QuerySet | None:
        qs = self.visible(user).filter(**{COLUMN: query})
        for name in ("municipality", "theme", "year"):
            value = getattr(filters, name)
            if value is None:
                continue
            condition = getattr(self, name)
            if condition is None:
                return None
            # A subquery keeps a many-to-many condition from repeating a row.
            model = qs.model
            qs = qs.filter(pk__in=model.objects.filter(condition(value)).values("pk"))
        return qs


def _join(*fields: str):
    if len(fields) == 1:
        return F(fields[0])
    parts = []
    for field in fields:
        parts += [F(field), Value("\n\n")]
    return Concat(*parts[:-1], output_field=TextField())


def _initiative_places(prefix: str = ""):
    def municipality(m):
        return (
            Q(**{f"{prefix}owner_municipality": m})
            | Q(**{f"{prefix}municipalities": m})
            | Q(**{f"{prefix}all_municipalities": True, f"{prefix}district": m.district_id})
        )

    return municipality


def _initiative_year(prefix: str = ""):
    def year(y):
        return Q(**{f"{prefix}focus_areas__plan__year": y}) | (
            Q(**{f"{prefix}starts__year__lte": y})
            & (Q(**{f"{prefix}ends__isnull": True}) | Q(**{f"{prefix}ends__year__gte": y}))
        )

    return year


def _meeting_place(meeting) -> str:
    day = formats.date_format(timezone.localtime(meeting.starts_at), "DATE_FORMAT")
    return f"{meeting.council.name}, {day}"


def _minutes_visible(user):
    inside = scoping.councils_inside(user)
    return Minutes.objects.filter(meeting__in=scoping.meetings_visible_to(user)).filter(
        Q(status=Minutes.Status.APPROVED) | Q(meeting__council__in=inside)
    )


def _person_link(person) -> str:
    if person.membership_id:
        return reverse("councils:membership", args=[person.membership_id])
    return ""


KINDS: dict[str, Kind] = {}


def _kind(**kwargs) -> None:
    kind = Kind(**kwargs)
    KINDS[kind.key] = kind


_kind(
    key="plan",
    label=_("Samarbejdsplan"),
    visible=scoping.plans_visible_to,
    title=F("title"),
    body=None,
    related=("district",),
    theme=lambda t: Q(focus_areas__themes=t),
    year=lambda y: Q(year=y),
    describe=lambda o: (f"{o.district.name}, {o.year}", o.get_absolute_url()),
)
_kind(
    key="section",
    label=_("Afsnit i plan"),
    visible=lambda u: PlanSection.objects.filter(plan__in=scoping.plans_visible_to(u)),
    title=F("title"),
    body=F("body"),
    related=("plan__district",),
    year=lambda y: Q(plan__year=y),
    describe=lambda o: (
        f"{o.plan.district.name}, {o.plan.title}",
        o.plan.get_absolute_url(),
    ),
)
_kind(
    key="focus_area",
    label=_("Indsatsområde"),
    visible=scoping.focus_areas_visible_to,
    title=F("title"),
    body=F("body"),
    related=("plan__district",),
    theme=lambda t: Q(themes=t),
    year=lambda y: Q(plan__year=y),
    describe=lambda o: (
        f"{o.plan.district.name}, {o.plan.title}",
        o.get_absolute_url(),
    ),
)
_kind(
    key="goal",
    label=_("Mål"),
    visible=scoping.goals_visible_to,
    title=F("statement"),
    body=None,
    related=("district",),
    municipality=lambda m: _initiative_places("initiative__")(m),
    theme=lambda t: Q(focus_area__themes=t) | Q(initiative__focus_areas__themes=t),
    year=lambda y: Q(focus_area__plan__year=y) | Q(initiative__focus_areas__plan__year=y),
    describe=lambda o: (o.district.name, reverse("goals:goal", args=[o.pk])),
)
_kind(
    key="initiative",
    label=_("Indsats"),
    visible=scoping.initiatives_visible_to,
    title=F("title"),
    body=F("description"),
    related=("district", "owner_municipality"),
    municipality=_initiative_places(),
    theme=lambda t: Q(focus_areas__themes=t),
    year=_initiative_year(),
    describe=lambda o: (
        o.owner_municipality.name if o.owner_municipality_id else o.district.name,
        o.get_absolute_url(),
    ),
)
_kind(
    key="milestone",
    label=_("Milepæl"),
    visible=lambda u: Milestone.objects.filter(initiative__in=scoping.initiatives_visible_to(u)),
    title=F("title"),
    body=F("result"),
    related=("initiative__district",),
    municipality=_initiative_places("initiative__"),
    theme=lambda t: Q(initiative__focus_areas__themes=t),
    year=lambda y: Q(due_date__year=y) | Q(due_quarter__startswith=str(y)),
    describe=lambda o: (
        f"{o.initiative.district.name}, {o.initiative.title}",
        o.initiative.get_absolute_url(),
    ),
)
_kind(
    key="status_update",
    label=_("Statusopdatering"),
    visible=lambda u: StatusUpdate.objects.filter(initiative__in=scoping.initiatives_visible_to(u)),
    title=F("initiative__title"),
    body=F("text"),
    related=("initiative__district",),
    municipality=_initiative_places("initiative__"),
    theme=lambda t: Q(initiative__focus_areas__themes=t),
    year=lambda y: Q(period__startswith=str(y)),
    describe=lambda o: (
        f"{o.initiative.district.name}, {o.period}",
        o.initiative.get_absolute_url(),
    ),
)
_kind(
    key="action_plan",
    label=_("Handleplan"),
    visible=scoping.action_plans_visible_to,
    title=F("council__name"),
    body=F("introduction"),
    related=("council", "plan"),
    municipality=lambda m: Q(council__municipality=m),
    year=lambda y: Q(plan__year=y),
    describe=lambda o: (f"{o.council.name}, {o.plan.year}", o.get_absolute_url()),
)
_kind(
    key="action_plan_item",
    label=_("Handling i handleplan"),
    visible=lambda u: ActionPlanItem.objects.filter(
        action_plan__in=scoping.action_plans_visible_to(u)
    ),
    title=F("title"),
    body=F("description"),
    related=("action_plan__council", "action_plan__plan"),
    municipality=lambda m: Q(action_plan__council__municipality=m),
    year=lambda y: Q(action_plan__plan__year=y),
    describe=lambda o: (
        f"{o.action_plan.council.name}, {o.action_plan.plan.year}",
        o.action_plan.get_absolute_url(),
    ),
)
_kind(
    key="meeting",
    label=_("Møde"),
    visible=scoping.meetings_visible_to,
    title=F("title"),
    body=_join("place", "address"),
    related=("council",),
    municipality=lambda m: Q(council__municipality=m),
    year=lambda y: Q(starts_at__year=y),
    describe=lambda o: (_meeting_place(o), o.get_absolute_url()),
)
_kind(
    key="agenda_item",
    label=_("Dagsordenspunkt"),
    visible=scoping.agenda_items_visible_to,
    title=F("title"),
    body=_join("description", "proposal", "decision"),
    related=("meeting__council",),
    municipality=lambda m: Q(meeting__council__municipality=m),
    theme=lambda t: Q(initiative__focus_areas__themes=t),
    year=lambda y: Q(meeting__starts_at__year=y),
    describe=lambda o: (_meeting_place(o.meeting), o.get_absolute_url()),
)
_kind(
    key="minutes",
    label=_("Referat"),
    visible=_minutes_visible,
    title=None,
    body=F("body"),
    related=("meeting__council",),
    municipality=lambda m: Q(meeting__council__municipality=m),
    year=lambda y: Q(meeting__starts_at__year=y),
    describe=lambda o: (
        _meeting_place(o.meeting),
        reverse("meetings:minutes", args=[o.meeting_id]),
    ),
)
_kind(
    key="paper",
    label=_("Bilag"),
    visible=scoping.papers_visible_to,
    title=F("name"),
    body=F("text"),
    related=("item__meeting__council",),
    municipality=lambda m: Q(item__meeting__council__municipality=m),
    year=lambda y: Q(item__meeting__starts_at__year=y),
    describe=lambda o: (
        f"{_meeting_place(o.item.meeting)}, {o.item.title}",
        o.item.get_absolute_url(),
    ),
)
_kind(
    key="forum",
    label=_("Forum"),
    visible=scoping.forums_visible_to,
    title=F("name"),
    body=_join("description", "legal_basis"),
    related=("district",),
    municipality=lambda m: Q(municipalities=m),
    describe=lambda o: (o.district.name, o.get_absolute_url()),
)
_kind(
    key="organisation",
    label=_("Partner"),
    visible=scoping.organisations_visible_to,
    title=F("name"),
    body=F("description"),
    related=("district", "municipality"),
    municipality=lambda m: Q(municipality=m),
    describe=lambda o: (
        o.municipality.name
        if o.municipality_id
        else (o.district.name if o.district_id else str(_("Landsdækkende"))),
        o.get_absolute_url(),
    ),
)
_kind(
    key="person",
    label=_("Person"),
    visible=scoping.people_visible_to,
    title=_join("name", "title"),
    body=None,
    related=("organisation",),
    municipality=lambda m: Q(memberships__council__municipality=m),
    describe=lambda o: (o.organisation.name, _person_link(o)),
)
_kind(
    key="strategy",
    label=_("Strategi"),
    visible=scoping.strategies_visible_to,
    title=F("title"),
    body=F("body"),
    related=("district",),
    year=lambda y: Q(first_year__lte=y, last_year__gte=y),
    describe=lambda o: (
        f"{o.district.name}, {o.first_year}\N{EN DASH}{o.last_year}",
        o.get_absolute_url(),
    ),
)


# Filters and results --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Filters:
    kind: str | None = None
    municipality: Municipality | None = None
    theme: str | None = None
    year: int | None = None


@dataclasses.dataclass
class Hit:
    kind: Kind
    title: SafeString
    snippet: SafeString
    place: str
    url: str
    rank: float


@dataclasses.dataclass
class Results:
    hits: list[Hit]
    counts: dict[str, int]  # kind key -> hits of that kind (before the type filter)
    total: int  # hits shown across pages (after the type filter)
    page: int
    pages: int

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def search(user, query: SearchQuery, filters: Filters, *, page: int = 1) -> Results:
    """The page `page` of what `user` may find for `query`, best first."""
    parts, counted = {}, []
    for kind in KINDS.values():
        qs = kind.searched(user, query, filters)
        if qs is not None:
            hits = qs.order_by().annotate(hit_id=F("pk"), hit_kind=Value(kind.key))
            parts[kind.key] = hits.annotate(
                hit_rank=SearchRank(F(COLUMN), query, cover_density=True)
            ).values_list("hit_id", "hit_kind", "hit_rank")
            # Counting needs no rank: ranking reads each hit's whole vector.
            counted.append(hits.values_list("hit_id", "hit_kind"))
    if not parts:
        return Results([], {}, 0, 1, 1)
    counts = _counts(counted)
    shown = {k: v for k, v in parts.items() if filters.kind in (None, k)}
    total = sum(counts.get(k, 0) for k in shown)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(page, 1), pages)
    if not total:
        return Results([], counts, 0, page, pages)
    first, *rest = shown.values()
    union = first.union(*rest, all=True) if rest else first
    offset = (page - 1) * PAGE_SIZE
    rows = list(union.order_by("-hit_rank", "hit_kind", "hit_id")[offset : offset + PAGE_SIZE])
    return Results(_hits(user, query, rows), counts, total, page, pages)


def _counts(parts: list[QuerySet]) -> dict[str, int]:
    """Hits per kind, in one query over the UNION ALL of every kind's search."""
    first, *rest = parts
    union = first.union(*rest, all=True) if rest else first
    try:
        sql, params = union.query.sql_with_params()
    except EmptyResultSet:  # every part is empty for this user (no role yet)
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            # `sql` is compiled by Django; every value in it is in `params`.
            f"SELECT hits.hit_kind, count(*) FROM ({sql}) AS hits GROUP BY hits.hit_kind",
            params,
        )
        return dict(cursor.fetchall())


# A snippet is cut from the first this many characters of a hit's text. ts_headline parses
# all the text it is given, so a paper's whole extracted text (tens of thousands of characters)
# cost more than everything else on the page; the rank still reads the whole text, so a hit
# further in is found and placed as before, its snippet then showing the text's opening.
SNIPPET_SOURCE = 3000


def _unshown(model, related: tuple) -> list[str]:
    """The long columns a hit is never shown with, of its model and of every row read with it:
    their search columns, and a paper's extracted text (its snippet is made in the database)."""
    paths = {"text"} if model is Paper else set()
    for path in ("", *related):
        target, prefix = model, ""
        for step in filter(None, path.split("__")):
            target = target._meta.get_field(step).related_model
            prefix += f"{step}__"
            if any(f.name == COLUMN for f in target._meta.concrete_fields):
                paths.add(f"{prefix}{COLUMN}")
        if not path and any(f.name == COLUMN for f in target._meta.concrete_fields):
            paths.add(COLUMN)
    return sorted(paths)


def _hits(user, query: SearchQuery, rows) -> list[Hit]:
    """The page's rows, read with one query per kind on the page."""
    marks = Marks()
    by_kind: dict[str, list[int]] = {}
    for pk, key, _rank in rows:
        by_kind.setdefault(key, []).append(pk)
    objects = {}
    for key, ids in by_kind.items():
        kind = KINDS[key]
        model = kind.visible(user).model
        qs = (
            model.objects.filter(pk__in=ids)
            .select_related(*kind.related)
            .defer(*_unshown(model, kind.related))
        )
        if kind.title is not None:
            qs = qs.annotate(hit_title=marks.headline(kind.title, query, whole=True))
        if kind.body is not None:
            qs = qs.annotate(hit_body=marks.headline(Left(kind.body, SNIPPET_SOURCE), query))
        if key == "person":
            # The person's page is their membership; the newest they may see.
            seats = scoping.memberships_visible_to(user).filter(person=OuterRef("pk"))
            qs = qs.annotate(membership_id=Subquery(seats.order_by("-pk").values("pk")[:1]))
        for obj in qs.order_by():
            objects[(key, obj.pk)] = obj
    hits = []
    for pk, key, rank in rows:
        obj = objects.get((key, pk))
        if obj is None:  # deleted between the two queries
            continue
        kind = KINDS[key]
        place, url = kind.describe(obj)
        hits.append(
            Hit(
                kind=kind,
                title=marks.html(getattr(obj, "hit_title", "") or str(obj)),
                snippet=marks.html(getattr(obj, "hit_body", "")),
                place=place,
                url=url,
                rank=rank,
            )
        )
    return hits
