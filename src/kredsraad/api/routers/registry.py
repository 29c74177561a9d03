"""The registry: police districts, municipalities, councils and their seats."""

from django.db.models import Q
from ninja import Field, Path, Query, Router

from kredsraad.api import queries
from kredsraad.api.responses import DETAIL, READ, filter_district, get_or_404, page_of
from kredsraad.api.schemas import (
    CouncilOut,
    Day,
    DistrictOut,
    MembershipOut,
    Modified,
    MunicipalityOut,
    Page,
    Paging,
    Slug,
)

router = Router(tags=["Registret"])


def district_out(district) -> dict:
    return {
        "slug": district.slug,
        "code": district.code,
        "name": district.name,
        "phone": district.phone,
        "email": district.email,
        "website": district.website,
        "modified": district.updated_at,
    }


@router.get("/districts/", response={200: Page[DistrictOut], **READ}, summary="Politikredse")
def districts(request, paging: Query[Paging], filters: Query[Modified]):
    rows = queries.districts_for(request.auth).order_by("code")
    if filters.modified_since:
        rows = rows.filter(updated_at__gt=filters.modified_since)
    return page_of(rows, paging, district_out)


@router.get("/districts/{slug}/", response={200: DistrictOut, **DETAIL}, summary="Politikreds")
def district(request, slug: Slug):
    return district_out(get_or_404(queries.districts_for(request.auth), slug=slug))


class MunicipalityFilter(Modified):
    district: Slug | None = Field(None, description="Politikredsens kortnavn (slug).")


def municipality_out(municipality) -> dict:
    return {
        "code": municipality.code,
        "name": municipality.name,
        "district": municipality.district.slug,
        "region": municipality.region.name,
        "modified": municipality.updated_at,
    }


@router.get("/municipalities/", response={200: Page[MunicipalityOut], **READ}, summary="Kommuner")
def municipalities(request, paging: Query[Paging], filters: Query[MunicipalityFilter]):
    rows = filter_district(queries.municipalities_for(request.auth), filters.district)
    if filters.modified_since:
        rows = rows.filter(updated_at__gt=filters.modified_since)
    return page_of(rows.order_by("code"), paging, municipality_out)


@router.get("/municipalities/{code}/", response={200: MunicipalityOut, **DETAIL}, summary="Kommune")
def municipality(request, code: int = Path(..., ge=0, le=32767)):
    return municipality_out(get_or_404(queries.municipalities_for(request.auth), code=code))


class CouncilFilter(Modified):
    district: Slug | None = Field(None, description="Politikredsens kortnavn (slug).")
    kind: str | None = Field(
        None, pattern="^(district|local)$", description="district eller local."
    )


def council_out(council) -> dict:
    return {
        "id": council.pk,
        "kind": council.kind,
        "name": council.name,
        "district": council.district.slug,
        "municipality": council.municipality.code if council.municipality else None,
        "description": council.description,
        "meetings_per_year": council.meetings_per_year,
        "modified": council.updated_at,
    }


@router.get("/councils/", response={200: Page[CouncilOut], **READ}, summary="Kredsråd og lokalråd")
def councils(request, paging: Query[Paging], filters: Query[CouncilFilter]):
    rows = filter_district(queries.councils_for(request.auth), filters.district)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.modified_since:
        rows = rows.filter(updated_at__gt=filters.modified_since)
    return page_of(rows.order_by("pk"), paging, council_out)


@router.get("/councils/{council_id}/", response={200: CouncilOut, **DETAIL}, summary="Råd")
def council(request, council_id: int = Path(..., ge=1, le=2**31 - 1)):
    return council_out(get_or_404(queries.councils_for(request.auth), pk=council_id))


class MembershipFilter(Modified):
    district: Slug | None = Field(None, description="Politikredsens kortnavn (slug).")
    council: int | None = Field(None, ge=1, le=2**31 - 1, description="Rådets id.")
    on: Day | None = Field(None, description="Kun medlemskaber, der gælder denne dag (åååå-mm-dd).")


def membership_out(membership) -> dict:
    person = membership.person
    return {
        "id": membership.pk,
        "council": membership.council_id,
        "council_name": membership.council.name,
        "person": person.name or person.title,
        "organisation": person.organisation.name,
        "represents": membership.represents.name,
        "role": membership.role,
        "role_label": membership.get_role_display(),
        "start": membership.start,
        "end": membership.end,
        "modified": membership.updated_at,
    }


@router.get("/memberships/", response={200: Page[MembershipOut], **READ}, summary="Medlemskaber")
def memberships(request, paging: Query[Paging], filters: Query[MembershipFilter]):
    rows = filter_district(
        queries.memberships_for(request.auth), filters.district, field="council__district__slug"
    )
    if filters.council:
        rows = rows.filter(council_id=filters.council)
    if filters.on:
        rows = rows.filter(start__lte=filters.on).filter(
            Q(end__isnull=True) | Q(end__gte=filters.on)
        )
    if filters.modified_since:
        rows = rows.filter(updated_at__gt=filters.modified_since)
    return page_of(rows.order_by("pk"), paging, membership_out)


@router.get(
    "/memberships/{membership_id}/", response={200: MembershipOut, **DETAIL}, summary="Medlemskab"
)
def membership(request, membership_id: int = Path(..., ge=1, le=2**31 - 1)):
    return membership_out(get_or_404(queries.memberships_for(request.auth), pk=membership_id))
