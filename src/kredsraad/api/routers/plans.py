"""Samarbejdsplaner with their published versions, their focus areas, and the lokalråd's
handleplaner."""

import uuid

from django.db.models import Max, Prefetch
from ninja import Field, Path, Query, Router

from kredsraad.api import queries
from kredsraad.api.responses import DETAIL, READ, filter_district, get_or_404, page_of
from kredsraad.api.schemas import (
    ActionPlanDetailOut,
    ActionPlanOut,
    FocusAreaOut,
    Modified,
    Page,
    Paging,
    PlanDetailOut,
    PlanOut,
)
from kredsraad.plans.document import plan_content
from kredsraad.plans.models import ActionPlanItem

router = Router(tags=["Planer"])

YEAR = Field(None, ge=2000, le=2100, description="Planens år.")
DISTRICT = Field(None, description="Politikredsens kortnavn (slug).")


class PlanFilter(Modified):
    district: str | None = DISTRICT
    year: int | None = YEAR
    status: str | None = Field(
        None, pattern="^(draft|discussion|approved|published)$", description="Planens status."
    )


def plan_out(plan) -> dict:
    return {
        "uuid": plan.uuid,
        "district": plan.district.slug,
        "year": plan.year,
        "title": plan.title,
        "status": plan.status,
        "published_version": plan.published_version,
        "modified": plan.updated_at,
    }


def _plans(user):
    return queries.plans_for(user).annotate(published_version=Max("versions__number"))


@router.get("/plans/", response={200: Page[PlanOut], **READ}, summary="Samarbejdsplaner")
def plans(request, paging: Query[Paging], filters: Query[PlanFilter]):
    rows = filter_district(_plans(request.auth), filters.district)
    if filters.year:
        rows = rows.filter(year=filters.year)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.modified_since:
        rows = rows.filter(updated_at__gt=filters.modified_since)
    return page_of(rows.order_by("district__code", "-year"), paging, plan_out)


@router.get(
    "/plans/{plan_uuid}/", response={200: PlanDetailOut, **DETAIL}, summary="Samarbejdsplan"
)
def plan(request, plan_uuid: uuid.UUID):
    """Med en offentliggjort version: den nyeste version, som den blev frosset. En plan, der
    endnu ikke er offentliggjort, ses kun med en nøgle til en bruger, der kan se den, og da
    som den er nu."""
    found = get_or_404(_plans(request.auth), uuid=plan_uuid)
    versions = list(
        found.versions.order_by("-number").only("number", "published_at", "change_note", "content")
    )
    content = versions[0].content if versions else plan_content(found)
    return {
        **plan_out(found),
        "versions": [
            {"number": v.number, "published_at": v.published_at, "change_note": v.change_note}
            for v in versions
        ],
        "content": content,
    }


class FocusAreaFilter(Modified):
    district: str | None = DISTRICT
    year: int | None = YEAR
    plan: uuid.UUID | None = Field(None, description="Planens uuid.")


def focus_area_out(area) -> dict:
    return {
        "id": area.pk,
        "plan": area.plan.uuid,
        "district": area.plan.district.slug,
        "year": area.plan.year,
        "position": area.position,
        "title": area.title,
        "body": area.body,
        "themes": list(area.themes),
        "responsible": area.responsible.name if area.responsible else None,
        "modified": area.updated_at,
    }


@router.get("/focus-areas/", response={200: Page[FocusAreaOut], **READ}, summary="Indsatsområder")
def focus_areas(request, paging: Query[Paging], filters: Query[FocusAreaFilter]):
    rows = filter_district(
        queries.focus_areas_for(request.auth), filters.district, field="plan__district__slug"
    )
    if filters.year:
        rows = rows.filter(plan__year=filters.year)
    if filters.plan:
        rows = rows.filter(plan__uuid=filters.plan)
    if filters.modified_since:
        rows = rows.filter(updated_at__gt=filters.modified_since)
    return page_of(
        rows.order_by("plan__district__code", "plan__year", "position"), paging, focus_area_out
    )


@router.get(
    "/focus-areas/{focus_area_id}/", response={200: FocusAreaOut, **DETAIL}, summary="Indsatsområde"
)
def focus_area(request, focus_area_id: int = Path(..., ge=1, le=2**31 - 1)):
    return focus_area_out(get_or_404(queries.focus_areas_for(request.auth), pk=focus_area_id))


class ActionPlanFilter(Modified):
    district: str | None = DISTRICT
    year: int | None = YEAR
    status: str | None = Field(None, pattern="^(draft|adopted|published)$", description="Status.")
    municipality: int | None = Field(None, ge=0, le=32767, description="Kommunekoden.")


def action_plan_out(action_plan) -> dict:
    council = action_plan.council
    return {
        "uuid": action_plan.uuid,
        "council": council.pk,
        "council_name": council.name,
        "municipality": council.municipality.code,
        "plan": action_plan.plan.uuid,
        "year": action_plan.plan.year,
        "status": action_plan.status,
        "adopted_on": action_plan.adopted_on,
        "modified": action_plan.updated_at,
    }


@router.get("/action-plans/", response={200: Page[ActionPlanOut], **READ}, summary="Handleplaner")
def action_plans(request, paging: Query[Paging], filters: Query[ActionPlanFilter]):
    rows = filter_district(
        queries.action_plans_for(request.auth), filters.district, field="plan__district__slug"
    )
    if filters.year:
        rows = rows.filter(plan__year=filters.year)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.municipality is not None:
        rows = rows.filter(council__municipality__code=filters.municipality)
    if filters.modified_since:
        rows = rows.filter(updated_at__gt=filters.modified_since)
    return page_of(
        rows.order_by("plan__year", "council__municipality__code"), paging, action_plan_out
    )


@router.get(
    "/action-plans/{action_plan_uuid}/",
    response={200: ActionPlanDetailOut, **DETAIL},
    summary="Handleplan",
)
def action_plan(request, action_plan_uuid: uuid.UUID):
    found = get_or_404(
        queries.action_plans_for(request.auth).prefetch_related(
            Prefetch("items", queryset=ActionPlanItem.objects.order_by("position", "title"))
        ),
        uuid=action_plan_uuid,
    )
    return {
        **action_plan_out(found),
        "introduction": found.introduction,
        "items": [
            {
                "title": item.title,
                "description": item.description,
                "focus_area": item.focus_area_id,
                "starts": item.starts,
                "ends": item.ends,
            }
            for item in found.items.all()
        ],
    }
