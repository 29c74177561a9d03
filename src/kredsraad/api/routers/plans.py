"""Samarbejdsplaner with their published versions, their focus areas, and the lokalråd's
handleplaner.

Readers inside a plan (a role in its district) read it as it is now; everyone else reads it as
its newest version was published. That matters while a published plan is being corrected:
its title and focus areas can then be edited, and those edits are drafts until published.
"""

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
    Slug,
)
from kredsraad.plans.document import plan_content
from kredsraad.plans.models import ActionPlanItem, Theme
from kredsraad.publishing import publicity

router = Router(tags=["Planer"])

YEAR = Field(None, ge=2000, le=2100, description="Planens år.")
DISTRICT = Field(None, description="Politikredsens kortnavn (slug).")


class PlanFilter(Modified):
    district: Slug | None = DISTRICT
    year: int | None = YEAR
    status: str | None = Field(
        None, pattern="^(draft|discussion|approved|published)$", description="Planens status."
    )


def plan_out(plan) -> dict:
    """`plan` from queries.plans_for, annotated with `inside` and `public_title`."""
    return {
        "uuid": plan.uuid,
        "district": plan.district.slug,
        "year": plan.year,
        "title": plan.title if plan.inside else (plan.public_title or plan.title),
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
    endnu ikke er offentliggjort eller er under rettelse, ses med en nøgle til en bruger, der
    kan se planen, som den er nu; alle andre ser den seneste offentliggjorte version."""
    found = get_or_404(_plans(request.auth), uuid=plan_uuid)
    newest = found.versions.order_by("-number")
    versions = list(newest.only("number", "published_at", "change_note"))
    if found.inside and (found.in_correction or not versions):
        content = plan_content(found)
    else:
        content = newest.values_list("content", flat=True).first()
    return {
        **plan_out(found),
        "versions": [
            {"number": v.number, "published_at": v.published_at, "change_note": v.change_note}
            for v in versions
        ],
        "content": content,
        "focus_areas": publicity.plan_focus_areas(content),
    }


class FocusAreaFilter(Modified):
    district: Slug | None = DISTRICT
    year: int | None = YEAR
    plan: uuid.UUID | None = Field(None, description="Planens uuid.")


def _theme_codes() -> dict[str, str]:
    """Theme code by its label: a frozen version holds the labels (plans.Theme, kept in
    Danish), retired themes included."""
    return {theme.label: theme.code for theme in Theme.objects.all()}


def focus_area_out(area, frozen: dict | None = None) -> dict:
    """`area` from queries.focus_areas_for; `frozen` its entry in the plan's newest version,
    given for a reader outside while the plan is being corrected: the title, themes and
    responsible are then as published, and the Markdown, which a version does not keep, is
    null."""
    published = frozen is not None
    codes = _theme_codes() if published else {}
    return {
        "id": area.pk,
        "plan": area.plan.uuid,
        "district": area.plan.district.slug,
        "year": area.plan.year,
        "position": area.position,
        "title": frozen["title"] if published else area.title,
        "body": None if published else area.body,
        "themes": [codes[t] for t in frozen["themes"] if t in codes]
        if published
        else [theme.code for theme in area.themes.all()],
        "responsible": (frozen["responsible"] or None)
        if published
        else (area.responsible.name if area.responsible else None),
        "modified": area.updated_at,
    }


def _as_read(area, corrected: dict[int, dict]) -> dict:
    outside = not area.inside and area.plan.in_correction
    return focus_area_out(area, corrected.get(area.pk) if outside else None)


@router.get("/focus-areas/", response={200: Page[FocusAreaOut], **READ}, summary="Indsatsområder")
def focus_areas(request, paging: Query[Paging], filters: Query[FocusAreaFilter]):
    corrected = queries.corrected_focus_areas()
    rows = filter_district(
        queries.focus_areas_for(request.auth, corrected=corrected),
        filters.district,
        field="plan__district__slug",
    )
    if filters.year:
        rows = rows.filter(plan__year=filters.year)
    if filters.plan:
        rows = rows.filter(plan__uuid=filters.plan)
    if filters.modified_since:
        rows = rows.filter(updated_at__gt=filters.modified_since)
    return page_of(
        rows.order_by("plan__district__code", "plan__year", "position"),
        paging,
        lambda area: _as_read(area, corrected),
    )


@router.get(
    "/focus-areas/{focus_area_id}/", response={200: FocusAreaOut, **DETAIL}, summary="Indsatsområde"
)
def focus_area(request, focus_area_id: int = Path(..., ge=1, le=2**31 - 1)):
    corrected = queries.corrected_focus_areas()
    found = get_or_404(queries.focus_areas_for(request.auth, corrected=corrected), pk=focus_area_id)
    return _as_read(found, corrected)


class ActionPlanFilter(Modified):
    district: Slug | None = DISTRICT
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
