"""Finding things on the public site: the search at /offentlig/soeg/ and the filters of a
district's initiatives list.

Every row comes from publishing.publicity's querysets (or publishing.public, which reads
through them); this module adds only how to match, rank and show. What a visitor can find is
therefore exactly what the public pages show:

- plans and strategies by their newest published version (its frozen content: sections, focus
  areas, goals, initiatives, as the version page shows it), never the live or draft text;
- initiatives the public rule allows, by title and description;
- meetings known to the public by their title and council; the titles of their open items once
  the items are public; and of approved minutes the frozen open part (introduction, proposals,
  decisions, tasks): never a closed item, never a decision before the minutes are approved.

A theme is read from the frozen focus areas (their labels, matched to today's themes), so a
correction in progress changes no filter before it is published.
"""

import html
from collections import defaultdict
from dataclasses import dataclass

from django import forms
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.paginator import Paginator
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    Value,
    When,
    Window,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, Concat
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from kredsraad.councils.models import Council, Municipality
from kredsraad.initiatives.models import InitiativeFocusArea, InitiativeMunicipality
from kredsraad.initiatives.queries import opening_year
from kredsraad.meetings.models import ActionItem, AgendaItem, Minutes
from kredsraad.plans.document import focus_areas_of
from kredsraad.plans.models import Theme
from kredsraad.publishing import public, publicity
from kredsraad.search import queries
from kredsraad.search.queries import MAX_QUERY
from kredsraad.search.vectors import COLUMN, CONFIG
from kredsraad.strategies.models import StrategyVersion

RESULTS = 20  # shown on one page, best first; the filters narrow a longer list
# Pages of results a visitor can turn to. Each kind of content fetches its best rows up to the
# page asked for, so a page's work is bounded by this, not by how much has been published.
MAX_PAGES = 25


class Kind(TextChoices):
    PLAN = "plan", _("Samarbejdsplan")
    STRATEGY = "strategi", _("Strategi")
    INITIATIVE = "indsats", _("Indsats")
    MEETING = "moede", _("Møde og referat")


# Query parsing and snippets ------------------------------------------------------------------


def tsquery(text: str) -> SearchQuery:
    """The visitor's words as web-search syntax (kredsraad.search.queries.question): PostgreSQL
    parses any input, so no character can break the query."""
    return queries.question(text).query


class PlainText(Func):
    """HTML without its tags, for a headline that reads as text."""

    function = "regexp_replace"
    template = "regexp_replace(%(expressions)s, '<[^>]*>', ' ', 'g')"
    output_field = CharField()


class OpenMinutesText(Func):
    """The text of approved minutes' frozen content without the closed items: the
    introduction and every string of the open items (title, proposal, decision, tasks)."""

    template = (
        "concat_ws(' ', %(expressions)s ->> 'introduction', (SELECT string_agg(v #>> '{}', ' ') "
        "FROM jsonb_path_query(%(expressions)s, 'strict $.items[*] ? (@.closed == false).** "
        '? (@.type() == "string")\') AS v))'
    )
    output_field = CharField()


class AnyWord(Func):
    """The query's words joined by OR (the quoted lexemes querytree shows, quoting kept), for
    finding the few meetings that hold one of them before matching the whole query."""

    template = (
        "(SELECT string_agg(chr(39) || m[1] || chr(39), ' | ')::tsquery FROM "
        "regexp_matches(querytree(%(expressions)s)::text, $re$'((?:[^']|'')*)'$re$, 'g') AS m)"
    )
    output_field = CharField()


class Matches(Func):
    """vector @@ query, for a query that is an expression rather than the visitor's text."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class Once(Func):
    """A condition PostgreSQL evaluates once per query (an InitPlan), not once per row."""

    template = "(SELECT %(expressions)s)"
    output_field = BooleanField()


# Themes ----------------------------------------------------------------------------------------


@dataclass
class ThemeIndex:
    """What the newest published versions say of themes: the themes in use (code, label), and
    per theme code the focus areas' and the versions' ids that carry it."""

    choices: list[tuple[str, str]]
    focus_areas: dict[str, set[int]]
    versions: dict[str, set[int]]

    def initiatives(self, code: str) -> Q:
        """Initiatives serving a focus area of the theme (as published; which initiatives are
        public at all is publicity's to say)."""
        linked = InitiativeFocusArea.objects.filter(
            initiative=OuterRef("pk"), focusarea__in=self.focus_areas.get(code, ())
        )
        return Q(Exists(linked))


def theme_index(plans) -> ThemeIndex:
    """Two queries: the versions' content and the themes their labels name."""
    by_label_areas, by_label_versions = defaultdict(set), defaultdict(set)
    for version in public.newest_versions(plans).only("pk", "content"):
        for pk, area in focus_areas_of(version.content).items():
            for label in area.get("themes", []):
                by_label_versions[label].add(version.pk)
                by_label_areas[label].add(pk)
    themes = Theme.objects.filter(label__in=list(by_label_versions)).order_by("position", "label")
    return ThemeIndex(
        choices=[(t.code, t.label) for t in themes],
        focus_areas={t.code: by_label_areas[t.label] for t in themes},
        versions={t.code: by_label_versions[t.label] for t in themes},
    )


# Municipalities --------------------------------------------------------------------------------


def initiatives_in(municipality: Municipality) -> Q:
    """Initiatives for the whole district of the municipality, or naming it."""
    return (
        Q(all_municipalities=True, district=municipality.district_id)
        | Q(owner_municipality=municipality)
        | Exists(
            InitiativeMunicipality.objects.filter(
                initiative=OuterRef("pk"), municipality=municipality
            )
        )
    )


def municipality_named_in(text: str, municipalities) -> tuple[Municipality | None, str]:
    """A municipality named by a word of the query (»indbrud Aalborg«) and the query without
    it (and without a following »Kommune«); (None, text) when none is named or nothing else
    would be left to search for."""
    words = text.split()
    lowered = [w.casefold().strip(",.") for w in words]
    for municipality in sorted(municipalities, key=lambda m: -len(m.name)):
        name = municipality.name.casefold().split()
        for start in range(len(words) - len(name) + 1):
            if lowered[start : start + len(name)] == name:
                end = start + len(name)
                if end < len(words) and lowered[end] == "kommune":
                    end += 1
                rest = " ".join(words[:start] + words[end:])
                if rest.strip():
                    return municipality, rest
    return None, text


# The initiatives list's filters -------------------------------------------------------------


class InitiativeFilterForm(forms.Form):
    """GET filters of a district's public initiatives; an unknown value is an error message
    on its field and filters nothing (an unknown year shows the opening year). The list opens
    on one plan year (`default_year`), so it does not grow with the years behind it."""

    ALL_YEARS = "alle"
    PAGE_SIZE = 50

    kommune = forms.TypedChoiceField(
        label=_("Kommune"), required=False, coerce=int, empty_value=None
    )
    tema = forms.ChoiceField(label=_("Tema"), required=False)
    aar = forms.ChoiceField(
        label=_("Planår"),
        required=False,
        error_messages={"invalid_choice": _("Planår: vælg et af årene på listen.")},
    )
    q = forms.CharField(
        label=_("Fritekst"),
        required=False,
        max_length=MAX_QUERY,
        error_messages={"max_length": _("Fritekst: skriv højst %(limit_value)d tegn.")},
    )
    side = forms.IntegerField(
        label=_("Side"),
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("Side: skriv et sidetal, fx 2."),
            "min_value": _("Side: skriv et sidetal, fx 2."),
        },
    )

    def __init__(self, data, *, municipalities, themes, years=(), default_year=None):
        """`years`: the plan years with public initiatives, newest first."""
        if not data.get("aar"):
            data = data.copy()
            data["aar"] = str(default_year or self.ALL_YEARS)
        super().__init__(data)
        self.default_year = default_year
        self.fields["kommune"].choices = [("", _("Alle kommuner"))] + [
            (m.code, str(m)) for m in municipalities
        ]
        self.fields["tema"].choices = [("", _("Alle temaer")), *themes]
        self.fields["aar"].choices = [(str(year), year) for year in years] + [
            (self.ALL_YEARS, _("Alle år"))
        ]

    def clean_aar(self) -> int | None:
        year = self.cleaned_data["aar"]
        return None if year == self.ALL_YEARS else int(year)

    def clean(self):
        cleaned = super().clean()
        if "aar" in self.errors:
            # The opening year's list, with the select saying so beside the message.
            cleaned["aar"] = self.default_year
            self.data = self.data.copy()
            self.data["aar"] = str(self.default_year or self.ALL_YEARS)
        return cleaned

    def value(self, name):
        """The field's valid value, or None (an invalid one filters nothing)."""
        return self.cleaned_data.get(name) or None


def filtered_initiatives(district, data) -> dict:
    """One page of the district's public initiatives of one plan year (this year's or the
    newest before it, unless `data` names another or »alle«), filtered by kommune, tema and
    free text from `data` (a GET QueryDict), with the form, the page and whether any filter is
    set. A constant number of queries, whatever the number of rows and years."""
    municipalities = list(district.municipalities.order_by("name"))
    themes = theme_index(publicity.plans().filter(district=district))
    # Built once: the public rule reads the versions being corrected when it is called.
    areas = publicity.focus_areas().filter(plan__district=district)
    years = sorted(
        set(areas.filter(initiatives__isnull=False).values_list("plan__year", flat=True)),
        reverse=True,
    )
    form = InitiativeFilterForm(
        data,
        municipalities=municipalities,
        themes=themes.choices,
        years=years,
        default_year=opening_year(years),
    )
    form.is_valid()
    rows = public.public_initiatives(district)
    code, theme, text = form.value("kommune"), form.value("tema"), form.value("q")
    year = form.value("aar")
    if year:
        rows = rows.filter(Exists(areas.filter(initiatives=OuterRef("pk"), plan__year=year)))
    if code:
        municipality = next(m for m in municipalities if m.code == code)
        rows = rows.filter(initiatives_in(municipality))
    if theme:
        rows = rows.filter(themes.initiatives(theme))
    notice = None
    if text:
        if not queries.only_stop_words(text):
            rows = rows.filter(**{COLUMN: tsquery(text)})
        else:
            notice = _("Fritekst: skriv et mere sigende ord; »%(q)s« består kun af småord.") % {
                "q": text
            }
    page = Paginator(rows, form.PAGE_SIZE).get_page(form.value("side"))
    return {
        "form": form,
        "initiatives": list(page.object_list),
        "page": page,
        "year": year,
        "filtered": bool(code or theme or text),
        "notice": notice,
    }


# The search ------------------------------------------------------------------------------------


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: str
    url: str
    context: str
    snippet: SafeString
    rank: float


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Søgeord"),
        required=False,
        max_length=MAX_QUERY,
        error_messages={
            "max_length": _("Søgeord: skriv højst %(limit_value)d tegn (der er %(show_value)d)."),
            "null_characters_not_allowed": _("Søgeord: teksten indeholder et ugyldigt tegn."),
        },
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Alle typer")), *Kind.choices]
    )
    kommune = forms.TypedChoiceField(
        label=_("Kommune"), required=False, coerce=int, empty_value=None
    )
    tema = forms.ChoiceField(label=_("Tema"), required=False)
    aar = forms.IntegerField(
        label=_("År"),
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={"invalid": _("År: skriv et årstal, fx 2023.")},
    )

    def __init__(self, data, *, municipalities, themes):
        super().__init__(data)
        by_district = defaultdict(list)
        for m in municipalities:
            by_district[m.district.name].append((m.code, str(m)))
        self.fields["kommune"].choices = [("", _("Alle kommuner")), *sorted(by_district.items())]
        self.fields["tema"].choices = [("", _("Alle temaer")), *themes]
        self.fields["aar"].widget.attrs.update(inputmode="numeric")
        self.fields["q"].widget.attrs.update(type="search", maxlength=MAX_QUERY)

    def value(self, name):
        return self.cleaned_data.get(name) or None


@dataclass
class Filters:
    kind: str | None = None
    municipality: Municipality | None = None
    theme: str | None = None
    year: int | None = None


def search_page(data) -> dict:
    """Everything the search page shows for the GET parameters in `data`: the form, the hits
    (best first, at most RESULTS), their total, and a message when nothing was searched for a
    reason the visitor should know. A constant number of queries."""
    municipalities = list(Municipality.objects.select_related("district").order_by("name"))
    themes = list(Theme.objects.order_by("position", "label").values_list("code", "label"))
    form = SearchForm(data, municipalities=municipalities, themes=themes)
    form.is_valid()
    text = form.value("q") or ""
    code = form.value("kommune")
    filters = Filters(
        kind=form.value("type"),
        municipality=next((m for m in municipalities if m.code == code), None),
        theme=form.value("tema"),
        year=form.value("aar"),
    )
    context = {"form": form, "hits": [], "total": 0, "searched": False, "message": None}
    context["read_as"] = None
    if "q" in form.errors:
        return context
    page = page_number(data.get("side"))
    if page is None:
        context["message"] = _("Side: vælg en side fra 1 til %(pages)d.") % {"pages": MAX_PAGES}
        return context
    if not text.strip():
        if "q" in data:
            context["message"] = _("Skriv et eller flere ord at søge efter.")
        return context
    if "kommune" not in data:
        # Only when the visitor chose no municipality: »indbrud Aalborg« searches for »indbrud«
        # in Aalborg Kommune; choosing »Alle kommuner« searches for both words again.
        named, rest = municipality_named_in(text, municipalities)
        if named is not None:
            filters.municipality, text = named, rest
            context["read_as"] = {"municipality": named, "text": rest}
    if queries.only_stop_words(text):
        context["message"] = _(
            "»%(q)s« består kun af småord, som søgningen springer over. Prøv med et mere "
            "sigende ord, fx »indbrud« eller »tryghed«."
        ) % {"q": text}
        return context
    hits, total = search(text, filters, page=page)
    context.update(hits=hits, total=total, searched=True, text=text)
    context["pages"] = paging(data, page=page, total=total)
    return context


def page_number(raw: str | None) -> int | None:
    """The page asked for by `side` (1 without it), or None for a value that names no page."""
    if raw is None or raw == "":
        return 1
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_PAGES:
        return None
    return int(raw)


def paging(data, *, page: int, total: int) -> dict | None:
    """The links to the previous and next page of results (each keeping every other
    parameter), the page and how many there are; None when all fit on the first page."""
    pages = min(MAX_PAGES, -(-total // RESULTS))
    if pages <= 1 and page == 1:
        return None
    kept = data.copy()

    def to(number: int) -> str:
        kept["side"] = str(number)
        return "?" + kept.urlencode()

    return {
        "page": page,
        "pages": max(pages, 1),
        "first": to(1),
        "previous": to(min(page, pages + 1) - 1) if page > 1 else None,
        "next": to(page + 1) if page < pages else None,
    }


def search(text: str, filters: Filters, *, page: int = 1) -> tuple[list[Hit], int]:
    """The hits of page `page` (RESULTS a page, best first) across the public content, and
    how many there are in all. One query per kind of content (each returns its best rows up to
    the page and its total), plus the themes."""
    query = tsquery(text)
    wanted = page * RESULTS
    marks = queries.Marks()
    kinds = [filters.kind] if filters.kind else list(Kind.values)
    index = None
    if filters.theme:
        plans = publicity.plans()
        if filters.municipality:
            plans = plans.filter(district=filters.municipality.district_id)
        index = theme_index(plans)
    hits, total = [], 0
    for kind in kinds:
        found, count = SEARCHES[kind](query, filters, index, marks, wanted)
        hits += found
        total += count
    hits.sort(key=lambda hit: -hit.rank)
    return hits[wanted - RESULTS : wanted], total


def _best(rows: QuerySet, vector, query) -> QuerySet:
    """Rows matching the query, best first, each with `rank` and `total` (how many matched
    in all, counted before the limit)."""
    return (
        rows.alias(search=vector)
        .filter(search=query)
        .annotate(
            rank=SearchRank(F("search"), query, normalization=1),
            total=Window(Count("pk")),
        )
        .order_by("-rank", "pk")
    )


def _plans(query, filters: Filters, index, marks, wanted) -> tuple[list[Hit], int]:
    if filters.theme:
        # A theme is read off the versions' frozen focus areas.
        versions = index.versions.get(filters.theme, set())
    rows = public.newest_versions(publicity.plans()).select_related("plan__district")
    if filters.municipality:
        rows = rows.filter(plan__district=filters.municipality.district_id)
    if filters.theme:
        rows = rows.filter(pk__in=versions)
    if filters.year:
        rows = rows.filter(plan__year=filters.year)
    text = PlainText(F("html"))
    vector = F(COLUMN)
    rows = list(
        _best(rows, vector, query)
        .annotate(
            title=KT("content__title"),
            snippet=marks.headline(text, query),
        )
        .defer("content", "html", COLUMN)[:wanted]
    )
    hits = [
        Hit(
            kind=Kind.PLAN,
            kind_label=Kind.PLAN.label,
            title=v.title,
            url=reverse("publishing:public_plan", args=[v.plan.district.slug, v.plan.uuid]),
            context=f"{v.plan.district.name} · {v.plan.year}",
            snippet=marks.html(html.unescape(v.snippet or "")),
            rank=v.rank,
        )
        for v in rows
    ]
    return hits, rows[0].total if hits else 0


def _strategies(query, filters: Filters, index, marks, wanted) -> tuple[list[Hit], int]:
    if filters.theme:
        return [], 0  # a strategy has no themes of its own
    newest = (
        StrategyVersion.objects.filter(strategy=OuterRef("strategy"))
        .order_by("-number")
        .values("number")[:1]
    )
    rows = StrategyVersion.objects.filter(
        publicity.public_strategy("strategy__"), number=Subquery(newest)
    ).select_related("strategy__district")
    if filters.municipality:
        rows = rows.filter(strategy__district=filters.municipality.district_id)
    if filters.year:
        rows = rows.filter(
            strategy__first_year__lte=filters.year, strategy__last_year__gte=filters.year
        )
    text = PlainText(F("html"))
    vector = F(COLUMN)
    rows = list(
        _best(rows, vector, query)
        .annotate(
            title=KT("content__title"),
            period=KT("content__period"),
            snippet=marks.headline(text, query),
        )
        .defer("content", "html", COLUMN)[:wanted]
    )
    hits = [
        Hit(
            kind=Kind.STRATEGY,
            kind_label=Kind.STRATEGY.label,
            title=v.title,
            url=reverse(
                "publishing:public_strategy", args=[v.strategy.district.slug, v.strategy.uuid]
            ),
            context=f"{v.strategy.district.name} · {v.period or ''}".rstrip(" ·"),
            snippet=marks.html(html.unescape(v.snippet or "")),
            rank=v.rank,
        )
        for v in rows
    ]
    return hits, rows[0].total if hits else 0


def _initiatives(query, filters: Filters, index, marks, wanted) -> tuple[list[Hit], int]:
    rows = publicity.initiatives().select_related("district")
    if filters.municipality:
        rows = rows.filter(initiatives_in(filters.municipality))
    if filters.theme:
        rows = rows.filter(index.initiatives(filters.theme))
    if filters.year:
        rows = rows.filter(
            Exists(
                publicity.focus_areas().filter(initiatives=OuterRef("pk"), plan__year=filters.year)
            )
        )
    text = Concat(F("title"), Value(". "), F("description"), output_field=CharField())
    rows = list(
        _best(rows, F(COLUMN), query)
        .defer(COLUMN)
        .annotate(snippet=marks.headline(text, query))[:wanted]
    )
    hits = [
        Hit(
            kind=Kind.INITIATIVE,
            kind_label=Kind.INITIATIVE.label,
            title=i.title,
            url=reverse("publishing:public_initiative", args=[i.district.slug, i.uuid]),
            context=i.district.name,
            snippet=marks.html(i.snippet),
            rank=i.rank,
        )
        for i in rows
    ]
    return hits, rows[0].total if hits else 0


def _meetings(query, filters: Filters, index, marks, wanted) -> tuple[list[Hit], int]:
    if filters.theme:
        return [], 0  # a meeting has no theme
    rows = publicity.meetings().select_related("council__district")
    if filters.municipality:
        m = filters.municipality
        rows = rows.filter(
            Q(council__municipality=m)
            | Q(council__kind=Council.Kind.DISTRICT, council__district=m.district_id)
        )
    if filters.year:
        rows = rows.filter(starts_at__year=filters.year)
    open_titles = (
        AgendaItem.objects.filter(meeting=OuterRef("pk"), closed=False)
        .order_by()
        .values("meeting")
        .annotate(titles=StringAgg("title", " · ", order_by="position"))
        .values("titles")
    )
    # The titles of the open items once they are public (publicity.public_item), and the
    # open part of approved minutes.
    items_public = publicity.public_agenda() | publicity.public_minutes("minutes__")
    text = Concat(
        F("title"),
        Value(". "),
        F("council__name"),
        Value(". "),
        _when(items_public, Coalesce(Subquery(open_titles), Value(""))),
        Value(" "),
        _when(publicity.public_minutes("minutes__"), OpenMinutesText(F("minutes__content"))),
        output_field=CharField(),
    )
    vector = SearchVector(F("title"), weight="A", config=CONFIG) + SearchVector(
        text, weight="B", config=CONFIG
    )
    if _narrowable(query):
        rows = rows.filter(_holding_a_word(query))
    rows = list(
        _best(rows, vector, query)
        .annotate(snippet=marks.headline(text, query))
        .defer(COLUMN)[:wanted]
    )
    hits = [
        Hit(
            kind=Kind.MEETING,
            kind_label=Kind.MEETING.label,
            title=str(m),
            url=reverse("publishing:public_meeting", args=[m.council.district.slug, m.uuid]),
            context=f"{m.council.name} · {m.council.district.name}",
            snippet=marks.html(m.snippet),
            rank=m.rank,
        )
        for m in rows
    ]
    return hits, rows[0].total if hits else 0


def _narrowable(query: SearchQuery) -> bool:
    """Whether _holding_a_word may narrow the meetings first: not when a word is negated
    (»-word« in web-search syntax), which a text matches by lacking it, and not for a digit,
    as the tasks' dates in the minutes are in no stored vector."""
    text = str(query._constructor_args[0][0])  # the visitor's words, as tsquery() was given them
    return not any(word.startswith("-") for word in text.split()) and not any(
        c.isdigit() for c in text
    )


def _holding_a_word(query: SearchQuery) -> Q:
    """Meetings whose parts hold one of the query's words, found through the stored, indexed
    vectors, so the public text is built and matched for these only, not for every meeting
    ever held. A necessary condition, never a wider rule: the public text (title, council,
    open items, approved minutes' open part) is made of the meeting's title, its council's
    name, its items' titles, proposals and decisions, the minutes' introduction, the tasks'
    titles, owners and dates, and the items' kind labels (frozen in Danish). A query naming a
    kind reads every meeting; one with a date is not narrowed (_narrowable)."""
    words = AnyWord(query)
    with translation.override("da"):
        labels = " ".join(str(label) for label in AgendaItem.Kind.labels)
    tasks = ActionItem.objects.filter(
        Matches(SearchVector("title", "owner", config=CONFIG), words)
    ).values("item__meeting_id")
    return (
        Q(Once(Matches(SearchVector(Value(labels), config=CONFIG), words)))
        | Q(Matches(F(COLUMN), words))
        | Q(council__in=Council.objects.filter(Matches(SearchVector("name", config=CONFIG), words)))
        | Q(pk__in=AgendaItem.objects.filter(Matches(F(COLUMN), words)).values("meeting_id"))
        | Q(pk__in=Minutes.objects.filter(Matches(F(COLUMN), words)).values("meeting_id"))
        | Q(pk__in=tasks)
    )


def _when(condition: Q, expression):
    return Case(When(condition, then=expression), default=Value(""), output_field=CharField())


SEARCHES = {
    Kind.PLAN: _plans,
    Kind.STRATEGY: _strategies,
    Kind.INITIATIVE: _initiatives,
    Kind.MEETING: _meetings,
}
