"""Meetings and their agenda items. Anonymous readers get public meetings and open items;
closed items stay inside the council, whoever else holds a token."""

import uuid

from ninja import Field, Query, Router

from kredsraad.api import queries
from kredsraad.api.responses import DETAIL, READ, filter_district, get_or_404, page_of
from kredsraad.api.schemas import (
    MeetingDetailOut,
    MeetingOut,
    Modified,
    Moment,
    Page,
    Paging,
    Slug,
)

router = Router(tags=["Møder"])


class MeetingFilter(Modified):
    district: Slug | None = Field(None, description="Politikredsens kortnavn (slug).")
    council: int | None = Field(None, ge=1, le=2**31 - 1, description="Rådets id.")
    year: int | None = Field(None, ge=2000, le=2100, description="Mødets år.")
    starts_after: Moment | None = Field(
        None, description="Møder fra dette tidspunkt (RFC 3339 med tidszone)."
    )


def meeting_out(meeting) -> dict:
    council = meeting.council
    return {
        "uuid": meeting.uuid,
        "council": council.pk,
        "council_name": council.name,
        "district": council.district.slug,
        "title": str(meeting),
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "status": meeting.status,
        "open_to_public": meeting.open_to_public,
        "modified": meeting.updated_at,
    }


@router.get("/meetings/", response={200: Page[MeetingOut], **READ}, summary="Møder")
def meetings(request, paging: Query[Paging], filters: Query[MeetingFilter]):
    rows = filter_district(
        queries.meetings_for(request.auth), filters.district, field="council__district__slug"
    )
    if filters.council:
        rows = rows.filter(council_id=filters.council)
    if filters.year:
        rows = rows.filter(starts_at__year=filters.year)
    if filters.starts_after:
        rows = rows.filter(starts_at__gte=filters.starts_after)
    if filters.modified_since:
        rows = rows.filter(updated_at__gt=filters.modified_since)
    return page_of(rows.order_by("starts_at", "pk"), paging, meeting_out)


@router.get("/meetings/{meeting_uuid}/", response={200: MeetingDetailOut, **DETAIL}, summary="Møde")
def meeting(request, meeting_uuid: uuid.UUID):
    found = get_or_404(queries.meetings_for(request.auth), uuid=meeting_uuid)
    decisions = queries.sees_draft_decisions(request.auth, found)
    items = queries.agenda_items_for(request.auth, found)
    return {
        **meeting_out(found),
        "items": [
            {
                "position": item.position,
                "title": item.title,
                "kind": item.kind,
                "closed": item.closed,
                "description": item.description,
                "proposal": item.proposal,
                "decision": item.decision if decisions else None,
            }
            for item in items
        ],
    }
