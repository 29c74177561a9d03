"""Initiatives, their milestones and status updates, and filing a status update.

An initiative's ETag begins with its state: its version and its newest status update
(`"<version>.<update id>.<hash of the body>"`). Filing an update requires If-Match with that
tag; only the state part is compared, so a renamed partner organisation does not refuse a
report, but an initiative changed or reported on since the client read it does (412).
"""

import uuid

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Status
from ninja.errors import ValidationError

from kredsraad.api import queries
from kredsraad.api.auth import token_required
from kredsraad.api.responses import DETAIL, READ, filter_district, get_or_404, page_of
from kredsraad.api.schemas import (
    Error,
    InitiativeOut,
    MilestoneOut,
    Modified,
    Page,
    Paging,
    Slug,
    StatusUpdateIn,
    StatusUpdateOut,
    ValidationErrorOut,
)
from kredsraad.initiatives import actions
from kredsraad.initiatives.models import Initiative, StatusUpdate

router = Router(tags=["Indsatser"])

NEWEST_FIRST = StatusUpdate.objects.order_by("-period", "-created_at", "-pk")


class InitiativeFilter(Modified):
    district: Slug | None = Field(None, description="Politikredsens kortnavn (slug).")
    status: str | None = Field(
        None,
        pattern="^(planned|active|finished|permanent|stopped)$",
        description="planned, active, finished, permanent eller stopped.",
    )
    focus_area: int | None = Field(None, ge=1, le=2**31 - 1, description="Indsatsområdets id.")


def _with_latest(rows):
    return rows.prefetch_related(
        Prefetch("status_updates", queryset=NEWEST_FIRST, to_attr="newest")
    )


def _latest(initiative) -> StatusUpdate | None:
    return initiative.newest[0] if initiative.newest else None


def initiative_out(initiative) -> dict:
    latest = _latest(initiative)
    return {
        "uuid": initiative.uuid,
        "district": initiative.district.slug,
        "external_id": initiative.external_id,
        "title": initiative.title,
        "description": initiative.description,
        "lead_organisation": initiative.lead_organisation.name,
        "status": initiative.status,
        "starts": initiative.starts,
        "ends": initiative.ends,
        "version": initiative.version,
        "latest_status": (
            {"period": latest.period, "light": latest.light, "progress": latest.progress}
            if latest
            else None
        ),
        "modified": initiative.updated_at,
    }


def state_of(initiative: Initiative) -> str:
    """The part of the ETag that If-Match must repeat: version and newest status update."""
    latest = NEWEST_FIRST.filter(initiative=initiative).values_list("pk", flat=True).first()
    return f"{initiative.version}.{latest or 0}"


@router.get("/initiatives/", response={200: Page[InitiativeOut], **READ}, summary="Indsatser")
def initiatives(request, paging: Query[Paging], filters: Query[InitiativeFilter]):
    rows = filter_district(queries.initiatives_for(request.auth), filters.district)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.focus_area:
        rows = rows.filter(focus_areas=filters.focus_area)
    if filters.modified_since:
        rows = rows.filter(updated_at__gt=filters.modified_since)
    return page_of(_with_latest(rows.order_by("title", "pk")), paging, initiative_out)


@router.get(
    "/initiatives/{initiative_uuid}/", response={200: InitiativeOut, **DETAIL}, summary="Indsats"
)
def initiative(request, initiative_uuid: uuid.UUID, response: HttpResponse):
    """ETag'en herfra bruges som If-Match, når der indberettes status."""
    found = get_or_404(_with_latest(queries.initiatives_for(request.auth)), uuid=initiative_uuid)
    latest = _latest(found)
    response["ETag"] = f'"{found.version}.{latest.pk if latest else 0}"'
    return initiative_out(found)


@router.get(
    "/initiatives/{initiative_uuid}/milestones/",
    response={200: Page[MilestoneOut], **DETAIL},
    summary="Indsatsens milepæle",
)
def milestones(request, initiative_uuid: uuid.UUID, paging: Query[Paging]):
    """Resultatet vises kun for brugere med adgang til indsatsen, som på den offentlige side."""
    found = get_or_404(queries.initiatives_for(request.auth), uuid=initiative_uuid)
    inside = queries.initiative_is_inside(request.auth, found)
    return page_of(
        queries.milestones_of(found).order_by("due_date", "due_quarter", "pk"),
        paging,
        lambda m: {
            "id": m.pk,
            "title": m.title,
            "kind": m.kind,
            "due_date": m.due_date,
            "due_quarter": m.due_quarter,
            "done_on": m.done_on,
            "result": m.result if inside else None,
            "modified": m.updated_at,
        },
    )


def _update_out(update, *, inside: bool) -> dict:
    return {
        "id": update.pk,
        "period": update.period,
        "light": update.light,
        "progress": update.progress,
        "text": update.text if inside else None,
        "author": str(update.author) if inside else None,
        "created_at": update.created_at,
    }


@router.get(
    "/initiatives/{initiative_uuid}/status-updates/",
    response={200: Page[StatusUpdateOut], **DETAIL},
    summary="Indsatsens statusopdateringer",
)
def status_updates(request, initiative_uuid: uuid.UUID, paging: Query[Paging]):
    found = get_or_404(queries.initiatives_for(request.auth), uuid=initiative_uuid)
    inside = queries.initiative_is_inside(request.auth, found)
    rows = queries.status_updates_of(found).order_by("-period", "-created_at", "-pk")
    return page_of(rows, paging, lambda u: _update_out(u, inside=inside))


ANY = "*"


def _if_match(request) -> str | list[str] | None:
    """What If-Match asks for: None without the header, ANY for `*` (any current
    representation, RFC 9110 § 13.1.1), else the state part of each strong tag listed. If-Match
    compares strongly, so a weak tag (W/"…") is left out and can never match."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        return None
    if header == ANY:
        return ANY
    tags = [tag.strip() for tag in header.split(",")]
    strong = [tag.strip('"') for tag in tags if tag.startswith('"') and tag.endswith('"')]
    return [".".join(tag.split(".")[:2]) for tag in strong]


@router.post(
    "/initiatives/{initiative_uuid}/status-updates/",
    auth=token_required,
    response={
        201: StatusUpdateOut,
        400: Error,
        401: Error,
        403: Error,
        404: Error,
        412: Error,
        422: ValidationErrorOut,
        428: Error,
    },
    summary="Indberet status",
)
def report_status(request, initiative_uuid: uuid.UUID, data: StatusUpdateIn):
    """Kræver en API-nøgle og headeren If-Match med indsatsens ETag. Mangler den: 428. Er
    indsatsen ændret eller indberettet på siden: 412, og intet gemmes."""
    user = request.auth
    found = get_or_404(queries.initiatives_for(user), uuid=initiative_uuid)
    if not user.has_perm("initiatives.report_status", found):
        return Status(403, {"detail": _("Du kan ikke indberette status for denne indsats.")})
    expected = _if_match(request)
    if expected is None:
        return Status(
            428,
            {
                "detail": _(
                    "Send headeren If-Match med indsatsens ETag fra GET "
                    "/api/initiatives/%(uuid)s/, så en samtidig ændring ikke overses."
                )
                % {"uuid": found.uuid}
            },
        )
    with transaction.atomic():
        locked = Initiative.objects.select_for_update().get(pk=found.pk)
        current = state_of(locked)
        if expected != ANY and current not in expected:
            return Status(
                412,
                {
                    "detail": _(
                        "Indsatsen er ændret, siden du hentede den (If-Match: %(yours)s, nu "
                        "%(now)s), eller If-Match har et svagt ETag (W/), som aldrig passer. "
                        "Hent den igen, og indberet derefter."
                    )
                    % {"yours": request.headers["If-Match"][:200], "now": current}
                },
            )
        try:
            update = actions.report_status(locked, by=user, **data.dict())
        except DjangoValidationError as error:
            raise ValidationError(
                [
                    {"loc": ["body", field], "msg": " ".join(messages), "type": "invalid"}
                    for field, messages in error.message_dict.items()
                ]
            ) from error
    return Status(201, _update_out(update, inside=True))
