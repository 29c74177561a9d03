"""The OParl 1.1 read API: the System object, a Body per police district, and per body an
external list of every object type. Anonymous and read-only; answers are JSON, errors too."""

import datetime
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kredsraad.api.oparl import keys, queries
from kredsraad.api.oparl import serializers as oparl
from kredsraad.api.oparl.models import Tombstone
from kredsraad.councils.models import Council, PoliceDistrict
from kredsraad.meetings import papers

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_OFFSET = datetime.timedelta(hours=14)
DATE_FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


class BadRequest(Exception):
    """A parameter the client sent cannot be used; the message names it, in Danish."""


def _json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # OParl asks servers to let browser clients on other sites read the data.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(message: str, status: int) -> JsonResponse:
    return _json({"error": message}, status=status)


def _not_found() -> JsonResponse:
    return _error(_("Objektet findes ikke."), 404)


# Types ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One model's rows of a type, with how a row becomes an OParl object."""

    queryset: Callable[[], QuerySet]
    serialize: Callable[[oparl.Context, object], dict]


def _by_key(kind: str, source: Source) -> Callable[[str], tuple[Source, Q] | None]:
    def find(key: str):
        pk = keys.decode(kind, key)
        return None if pk is None else (source, Q(pk=pk))

    return find


def _by_uuid(*sources: Source) -> Callable[[str], list[tuple[Source, Q]] | None]:
    def find(key: str):
        try:
            value = uuid.UUID(key)
        except ValueError:
            return None
        # Only the canonical spelling is an id, so one object has one URL.
        return None if str(value) != key else [(source, Q(uuid=value)) for source in sources]

    return find


def _bodies() -> QuerySet[PoliceDistrict]:
    """Districts with their published plan years, which each Body holds inside it."""
    terms = queries.legislative_terms().order_by("year")
    return queries.bodies().prefetch_related(Prefetch("plans", terms, to_attr="public_terms"))


BODY = Source(_bodies, oparl.body)
TERM = Source(queries.legislative_terms, oparl.legislative_term)
COUNCIL = Source(queries.councils, oparl.council)
FORUM = Source(queries.forums, oparl.forum)
ORGANISATION = Source(queries.organisations, oparl.organisation)
PERSON = Source(queries.people, oparl.person)
MEMBERSHIP = Source(queries.memberships, oparl.membership)
MEETING = Source(queries.meetings, oparl.meeting)
LOCATION = Source(queries.locations, oparl.location)
ITEM = Source(queries.agenda_items, oparl.agenda_item)
CONSULTATION = Source(queries.consultations, oparl.consultation)
PLAN = Source(queries.plan_papers, oparl.plan_paper)
ACTION_PLAN = Source(queries.action_plan_papers, oparl.action_plan_paper)
FILE = Source(queries.files, oparl.file)
DOCUMENT = Source(queries.documents, oparl.document_file)


def _find_body(key: str):
    return [(BODY, Q(slug=key))]


def _digits(text: str) -> bool:
    """ASCII digits only: str.isdigit() also takes "²", which int() refuses."""
    return text.isascii() and text.isdigit()


def _find_term(key: str):
    slug, _sep, year = key.rpartition("-")
    return [(TERM, Q(district__slug=slug, year=int(year)))] if _digits(year) else None


def _find_organization(key: str):
    prefix, _sep, rest = key.partition("-")
    if prefix == "kredsraad":
        return [(COUNCIL, Q(kind=Council.Kind.DISTRICT, district__slug=rest))]
    if prefix == "lokalraad" and _digits(rest) and len(rest) == 3:
        return [(COUNCIL, Q(kind=Council.Kind.LOCAL, municipality__code=int(rest)))]
    sources = {"forum": FORUM, "partner": ORGANISATION}
    pk = keys.decode(prefix, rest) if prefix in sources else None
    if pk is not None:
        return [(sources[prefix], Q(pk=pk))]
    return None


def _listed(find):
    def wrapped(key: str):
        found = find(key)
        return [found] if isinstance(found, tuple) else found

    return wrapped


@dataclass(frozen=True)
class Kind:
    """An OParl type: its name, the sources of its lists and how its key finds a row."""

    name: str
    sources: tuple[Source, ...]
    find: Callable[[str], list[tuple[Source, Q]] | None]


KINDS = {
    "body": Kind("Body", (BODY,), _find_body),
    "legislativeterm": Kind("LegislativeTerm", (TERM,), _find_term),
    "organization": Kind("Organization", (COUNCIL, FORUM, ORGANISATION), _find_organization),
    "person": Kind("Person", (PERSON,), _listed(_by_key("person", PERSON))),
    "membership": Kind("Membership", (MEMBERSHIP,), _listed(_by_key("membership", MEMBERSHIP))),
    "meeting": Kind("Meeting", (MEETING,), _by_uuid(MEETING)),
    "location": Kind("Location", (LOCATION,), _by_uuid(LOCATION)),
    "agendaitem": Kind("AgendaItem", (ITEM,), _listed(_by_key("agendaitem", ITEM))),
    "consultation": Kind(
        "Consultation", (CONSULTATION,), _listed(_by_key("consultation", CONSULTATION))
    ),
    "paper": Kind("Paper", (PLAN, ACTION_PLAN), _by_uuid(PLAN, ACTION_PLAN)),
    "file": Kind("File", (FILE, DOCUMENT), _by_uuid(FILE, DOCUMENT)),
}

# The lists a Body links to, by the last part of their URL.
BODY_LISTS = (
    "organization",
    "person",
    "meeting",
    "paper",
    "agendaitem",
    "consultation",
    "file",
    "location",
    "legislativeterm",
    "membership",
)


# Parameters ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Params:
    since_until: dict
    page: int
    limit: int
    omit_internal: bool


def _moment(name: str, raw: str):
    # A "+" in an unencoded query string arrives as a space.
    try:
        value = parse_datetime(raw.strip().replace(" ", "+")) if raw.strip() else None
    except ValueError:  # well formed but no moment: 30 February, 25 o'clock, +24:00
        value = None
    offset = value.utcoffset() if value is not None else None
    # No clock on Earth is further than 14 hours from UTC; PostgreSQL refuses past 15:59.
    if value is None or (offset is not None and abs(offset) > MAX_OFFSET):
        raise BadRequest(
            _(
                "Ugyldig værdi for %(name)s: »%(value)s«. Angiv et tidspunkt efter ISO 8601, "
                "fx 2024-01-31T12:00:00+01:00; tidszonen kan højst være ±14:00."
            )
            % {"name": name, "value": raw}
        )
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _positive(name: str, raw: str | None, default: int) -> int:
    if raw is None:
        return default
    if not _digits(raw) or int(raw) < 1:
        raise BadRequest(
            _("Ugyldig værdi for %(name)s: »%(value)s«. Angiv et helt tal på mindst 1.")
            % {"name": name, "value": raw}
        )
    return int(raw)


def _params(request) -> Params:
    query = request.GET
    since_until = {name: _moment(name, query[name]) for name in DATE_FILTERS if name in query}
    omit = query.get("omit_internal", "false").strip().lower()
    if omit not in ("", "true", "1", "false", "0"):
        raise BadRequest(
            _("Ugyldig værdi for omit_internal: »%(value)s«. Angiv true eller false.")
            % {"value": query["omit_internal"]}
        )
    return Params(
        since_until=since_until,
        page=_positive("page", query.get("page"), 1),
        # An oversized page is not an error: it is cut to the largest page served.
        limit=min(_positive("limit", query.get("limit"), PAGE_SIZE), MAX_PAGE_SIZE),
        omit_internal=omit in ("", "true", "1"),
    )


def _context(request, params: Params | None = None) -> oparl.Context:
    base = request.build_absolute_uri(reverse("oparl:system"))
    return oparl.Context(base, omit_internal=bool(params and params.omit_internal))


def _dated(queryset: QuerySet, since_until: dict, created: str, modified: str) -> QuerySet:
    lookups = {
        "created_since": f"{created}__gte",
        "created_until": f"{created}__lte",
        "modified_since": f"{modified}__gte",
        "modified_until": f"{modified}__lte",
    }
    return queryset.filter(**{lookups[name]: value for name, value in since_until.items()})


# Lists -----------------------------------------------------------------------------------------


def _external_list(request, kind: Kind, where: Q, tombstones: Q | None) -> JsonResponse:
    """One page of the rows of `kind` matching `where`, in a stable order (by creation, then
    row), followed by the tombstones matching `tombstones` when modified_since is asked for."""
    try:
        params = _params(request)
    except BadRequest as error:
        return _error(str(error), 422)  # as the JSON API answers a bad filter
    parts = [
        (
            source.serialize,
            _dated(
                source.queryset().filter(where), params.since_until, "o_created", "o_modified"
            ).order_by("o_created", "pk"),
        )
        for source in kind.sources
    ]
    if tombstones is not None and "modified_since" in params.since_until:
        deleted = Tombstone.objects.filter(tombstones, type=kind.name)
        parts.append(
            (oparl.tombstone, _dated(deleted, params.since_until, "created", "deleted_at"))
        )
    counts = [queryset.count() for _serialize, queryset in parts]
    total = sum(counts)
    pages = max(1, math.ceil(total / params.limit))
    if params.page > pages:
        return _error(
            _("Siden %(page)s findes ikke; listen har %(pages)s sider.")
            % {"page": params.page, "pages": pages},
            404,
        )
    ctx = _context(request, params)
    data, skip, wanted = [], (params.page - 1) * params.limit, params.limit
    for (serialize, queryset), count in zip(parts, counts, strict=True):
        if wanted == 0:
            break
        if skip >= count:
            skip -= count
            continue
        rows = list(queryset[skip : skip + wanted])
        data.extend(serialize(ctx, row) for row in rows)
        skip, wanted = 0, wanted - len(rows)
    return _json(
        {
            "data": data,
            "pagination": {
                "totalElements": total,
                "elementsPerPage": params.limit,
                "currentPage": params.page,
                "totalPages": pages,
            },
            "links": _links(request, params.page, pages),
        }
    )


def _links(request, page: int, pages: int) -> dict:
    """Links on this host and path, keeping every parameter but the page."""
    kept = [(name, value) for name, value in request.GET.items() if name != "page"]

    def to(number: int) -> str:
        query = urlencode([*kept, ("page", number)])
        return request.build_absolute_uri(f"{request.path}?{query}")

    links = {"first": to(1), "self": to(page), "last": to(pages)}
    if page > 1:
        links["prev"] = to(page - 1)
    if page < pages:
        links["next"] = to(page + 1)
    return links


# Views -----------------------------------------------------------------------------------------


@require_safe
def system(request):
    with translation.override("da"):
        ctx = _context(request)
        first = PoliceDistrict.objects.order_by("created_at").values_list("created_at", flat=True)
        latest = queries.bodies().order_by("-o_modified").values_list("o_modified", flat=True)
        # Without districts the System still answers, created and modified as of now, and
        # its body list is empty.
        now = timezone.now()
        return _json(
            {
                "id": ctx.url(""),
                "type": f"{oparl.SCHEMA}System",
                "oparlVersion": oparl.SCHEMA,
                "body": ctx.url("body"),
                "name": "Kredsråd og lokalråd i politikredsene",
                "website": request.build_absolute_uri("/"),
                "created": oparl.moment(first.first() or now),
                "modified": oparl.moment(latest.first() or now),
            }
        )


@require_safe
def body_list(request):
    with translation.override("da"):
        return _external_list(request, KINDS["body"], Q(), Q())


@require_safe
def body_member_list(request, slug: str, name: str):
    if name not in BODY_LISTS:
        return _not_found()
    district = PoliceDistrict.objects.filter(slug=slug).first()
    if district is None:
        return _not_found()
    where = Q(o_district=district.pk)
    if name == "organization":
        # National organisations (TrygFonden) belong to no district and are listed by every one.
        where |= Q(o_district__isnull=True)
    tombstones = Q(district=district) | Q(district__isnull=True)
    with translation.override("da"):
        return _external_list(request, KINDS[name], where, tombstones)


@require_safe
def organization_meetings(request, key: str):
    found = _find_organization(key)
    if not found or found[0][0] is not COUNCIL:
        return _not_found()
    council = queries.councils().filter(found[0][1]).first()
    if council is None:
        return _not_found()
    meetings = Kind("Meeting", (MEETING,), KINDS["meeting"].find)
    with translation.override("da"):
        return _external_list(request, meetings, Q(council=council), None)


@require_safe
def detail(request, name: str, key: str):
    kind = KINDS.get(name)
    found = kind.find(key) if kind else None
    if not found:
        return _not_found()
    with translation.override("da"):
        ctx = _context(request)
        for source, where in found:
            row = source.queryset().filter(where).first()
            if row is not None:
                return _json(source.serialize(ctx, row))
        tombstone = Tombstone.objects.filter(type=kind.name, key=key).first()
        if tombstone is not None:
            return _json(oparl.tombstone(ctx, tombstone))
    return _not_found()


@require_safe
def file_download(request, key: str):
    found = KINDS["file"].find(key)
    paper = found and queries.files().filter(found[0][1]).select_related("content").first()
    if not paper:
        return _not_found()
    response = HttpResponse(
        bytes(paper.content.data), content_type=papers.CONTENT_TYPES[paper.type]
    )
    response["Content-Disposition"] = content_disposition_header(True, paper.name)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def unknown(request, rest: str = ""):
    return _error(_("Adressen findes ikke i OParl-API'et."), 404)
