"""OParl 1.1 objects as dicts, from the rows of kredsraad.api.oparl.queries.

Every object carries `id` (its absolute URL), `type`, `created` and `modified`; properties
without a value are left out rather than sent as empty strings. The data is Danish whatever
the client's language (the views render inside translation.override("da")).
"""

import datetime
from urllib.parse import urljoin

from django.urls import reverse
from django.utils import timezone

from kredsraad.api.oparl import keys
from kredsraad.api.oparl.models import Tombstone
from kredsraad.councils.models import Council, Membership
from kredsraad.meetings import papers
from kredsraad.publishing.models import Format, Kind

SCHEMA = "https://schema.oparl.org/1.1/"

# Seats that vote; deputies, secretaries and standing guests take part without a vote.
VOTING_ROLES = {Membership.Role.CHAIR, Membership.Role.VICE_CHAIR, Membership.Role.MEMBER}


def moment(value: datetime.datetime) -> str:
    """yyyy-mm-ddThh:mm:ss±hh:mm, the one form OParl allows: no fraction of a second."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


class Context:
    """What serialising needs from the request: the API's absolute base URL and whether
    internal objects are left out (`omit_internal`)."""

    def __init__(self, base: str, *, omit_internal: bool = False):
        self.base = base
        self.omit_internal = omit_internal

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


def _object(ctx: Context, type_: str, path: str, row, *, times=None, **properties) -> dict:
    """`times` (created, modified) when they are not the row's OParl annotations."""
    created, modified = times or (row.o_created, row.o_modified)
    return {
        "id": ctx.url(path),
        "type": f"{SCHEMA}{type_}",
        **{name: value for name, value in properties.items() if value is not None and value != ""},
        "created": moment(created),
        "modified": moment(modified),
    }


def _internal(ctx: Context, objects: list) -> list | None:
    return None if ctx.omit_internal else objects


def _embedded(ctx: Context, obj: dict | None) -> dict | None:
    return None if ctx.omit_internal else obj


def _urls(ctx: Context, paths: list[str]) -> list[str] | None:
    """Absolute URLs, or None (left out) when there are none."""
    return [ctx.url(path) for path in paths] or None


# Paths -------------------------------------------------------------------------------------------


def body_path(district) -> str:
    return f"body/{district.slug}"


def council_key(council: Council) -> str:
    if council.kind == Council.Kind.DISTRICT:
        return f"kredsraad-{council.district.slug}"
    return f"lokalraad-{council.municipality.code}"


def council_path(council: Council) -> str:
    return f"organization/{council_key(council)}"


def forum_path(forum) -> str:
    return "organization/forum-" + keys.encode("forum", forum.pk)


def organisation_path(organisation) -> str:
    return partner_path(organisation.pk)


def partner_path(pk: int) -> str:
    return "organization/partner-" + keys.encode("partner", pk)


def term_path(plan) -> str:
    return f"legislativeterm/{plan.district.slug}-{plan.year}"


def person_path(pk: int) -> str:
    return "person/" + keys.encode("person", pk)


def membership_path(pk: int) -> str:
    return "membership/" + keys.encode("membership", pk)


def meeting_path(meeting) -> str:
    return f"meeting/{meeting.uuid}"


def location_path(meeting) -> str:
    return f"location/{meeting.uuid}"


def item_path(pk: int) -> str:
    return "agendaitem/" + keys.encode("agendaitem", pk)


def consultation_path(pk: int) -> str:
    return "consultation/" + keys.encode("consultation", pk)


def paper_path(paper) -> str:
    return f"paper/{paper.uuid}"


def file_path(paper) -> str:
    return f"file/{paper.uuid}"


# Objects -----------------------------------------------------------------------------------------


def body(ctx: Context, district) -> dict:
    path = body_path(district)
    return _object(
        ctx,
        "Body",
        path,
        district,
        system=ctx.url(""),
        name=district.name,
        shortName=district.slug,
        website=district.website,
        contactEmail=district.email,
        classification="Politikreds",
        legislativeTerm=_internal(
            ctx, [legislative_term(ctx, plan) for plan in district.public_terms]
        ),
        organization=ctx.url(f"{path}/organization"),
        person=ctx.url(f"{path}/person"),
        meeting=ctx.url(f"{path}/meeting"),
        paper=ctx.url(f"{path}/paper"),
        agendaItem=ctx.url(f"{path}/agendaitem"),
        consultation=ctx.url(f"{path}/consultation"),
        file=ctx.url(f"{path}/file"),
        locationList=ctx.url(f"{path}/location"),
        legislativeTermList=ctx.url(f"{path}/legislativeterm"),
        membership=ctx.url(f"{path}/membership"),
    )


def legislative_term(ctx: Context, plan) -> dict:
    return _object(
        ctx,
        "LegislativeTerm",
        term_path(plan),
        plan,
        body=ctx.url(body_path(plan.district)),
        name=f"Planåret {plan.year}",
        startDate=datetime.date(plan.year, 1, 1).isoformat(),
        endDate=datetime.date(plan.year, 12, 31).isoformat(),
    )


def council(ctx: Context, row: Council) -> dict:
    path = council_path(row)
    return _object(
        ctx,
        "Organization",
        path,
        row,
        body=ctx.url(body_path(row.district)),
        name=row.name,
        organizationType="Gremium",
        classification=str(row.get_kind_display()),
        membership=_urls(ctx, [membership_path(m.pk) for m in row.memberships.all()]),
        meeting=ctx.url(f"{path}/meeting"),
    )


def forum(ctx: Context, row) -> dict:
    return _object(
        ctx,
        "Organization",
        forum_path(row),
        row,
        body=ctx.url(body_path(row.district)),
        name=row.name,
        organizationType="Gremium",
        classification="Samarbejdsforum",
        keyword=[row.target_group.label],
    )


def organisation(ctx: Context, row) -> dict:
    return _object(
        ctx,
        "Organization",
        organisation_path(row),
        row,
        body=ctx.url(body_path(row.district)) if row.district_id else None,
        name=row.name,
        organizationType="Institution",
        classification=str(row.get_kind_display()),
        website=row.website,
    )


def person(ctx: Context, row) -> dict:
    return _object(
        ctx,
        "Person",
        person_path(row.pk),
        row,
        body=ctx.url(body_path(row.district)),
        name=row.name or f"{row.title}, {row.organisation.name}",
        status=[row.title] if row.title else None,
        membership=_internal(ctx, [membership(ctx, m) for m in row.memberships.all()]),
    )


def membership(ctx: Context, row) -> dict:
    return _object(
        ctx,
        "Membership",
        membership_path(row.pk),
        row,
        person=ctx.url(person_path(row.person_id)),
        organization=ctx.url(council_path(row.council)),
        role=str(row.get_role_display()),
        votingRight=row.role in VOTING_ROLES,
        startDate=row.start.isoformat(),
        endDate=row.end.isoformat() if row.end else None,
        onBehalfOf=ctx.url(partner_path(row.represents_id)),
    )


def _approved_minutes(meeting):
    minutes = getattr(meeting, "minutes", None)
    return minutes if minutes and minutes.status == minutes.Status.APPROVED else None


def meeting(ctx: Context, row) -> dict:
    return _object(
        ctx,
        "Meeting",
        meeting_path(row),
        row,
        name=str(row),
        meetingState=str(row.get_status_display()),
        cancelled=row.is_cancelled,
        start=moment(row.starts_at),
        end=moment(row.ends_at),
        location=None if ctx.omit_internal else location(ctx, row),
        organization=[ctx.url(council_path(row.council))],
        invitation=_embedded(ctx, _first(ctx, row.public_files, Kind.AGENDA, Format.PDF)),
        resultsProtocol=_embedded(ctx, _first(ctx, row.public_files, Kind.MINUTES, Format.PDF)),
        auxiliaryFile=_internal(
            ctx,
            [document_file(ctx, d) for d in row.public_files if d.format != Format.PDF] or None,
        ),
        agendaItem=_internal(ctx, [agenda_item(ctx, item) for item in row.items.all()]),
    )


def _first(ctx: Context, documents, kind: str, format_: str) -> dict | None:
    found = next((d for d in documents if d.kind == kind and d.format == format_), None)
    return document_file(ctx, found) if found else None


def location(ctx: Context, row) -> dict:
    """A meeting's place, changed whenever the meeting is (whether inside it or in a list)."""
    return _object(
        ctx,
        "Location",
        location_path(row),
        row,
        times=(row.created_at, row.updated_at),
        description=row.place,
        streetAddress=row.address,
        meeting=[ctx.url(meeting_path(row))],
    )


def agenda_item(ctx: Context, row) -> dict:
    minutes = _approved_minutes(row.meeting)
    return _object(
        ctx,
        "AgendaItem",
        item_path(row.pk),
        row,
        meeting=ctx.url(meeting_path(row.meeting)),
        number=str(row.position),
        order=row.position,
        name=row.title,
        public=not row.closed,
        consultation=ctx.url(consultation_path(row.pk)) if row.is_consultation else None,
        resolutionText=row.decision if minutes and row.decided else None,
        auxiliaryFile=_internal(ctx, [file(ctx, paper) for paper in row.papers.all()]),
    )


def consultation(ctx: Context, row) -> dict:
    paper = row.plan if row.plan_id else row.action_plan
    return _object(
        ctx,
        "Consultation",
        consultation_path(row.pk),
        row,
        paper=ctx.url(paper_path(paper)),
        agendaItem=ctx.url(item_path(row.pk)),
        meeting=ctx.url(meeting_path(row.meeting)),
        organization=[ctx.url(council_path(row.meeting.council))],
        authoritative=bool(row.plan_id) and row.plan.approval_item_id == row.pk,
        role=str(row.get_kind_display()),
    )


def plan_paper(ctx: Context, row) -> dict:
    return _object(
        ctx,
        "Paper",
        paper_path(row),
        row,
        body=ctx.url(body_path(row.district)),
        # As published: a title edited during a correction is a draft until it is published.
        name=row.public_title,
        reference=f"Samarbejdsplan {row.year}",
        date=timezone.localtime(row.o_created).date().isoformat(),
        paperType="Samarbejdsplan",
        **_paper_files(
            ctx,
            row.newest_first[0].public_files if row.newest_first else [],
            [d for version in row.newest_first[1:] for d in version.public_files],
        ),
        subordinatedPaper=_urls(ctx, [paper_path(a) for a in row.action_plans.all()]),
        underDirectionOf=[ctx.url(council_path(row.approved_by_council))]
        if row.approved_by_council_id
        else None,
        consultation=_internal(ctx, [consultation(ctx, item) for item in row.agenda_items.all()]),
    )


def action_plan_paper(ctx: Context, row) -> dict:
    return _object(
        ctx,
        "Paper",
        paper_path(row),
        row,
        body=ctx.url(body_path(row.plan.district)),
        name=str(row),
        reference=f"Handleplan {row.plan.year}",
        date=row.adopted_on.isoformat() if row.adopted_on else None,
        paperType="Handleplan",
        **_paper_files(ctx, row.public_files, []),
        superordinatedPaper=[ctx.url(paper_path(row.plan))],
        originatorOrganization=[ctx.url(council_path(row.council))],
        consultation=_internal(ctx, [consultation(ctx, item) for item in row.agenda_items.all()]),
    )


def _paper_files(ctx: Context, newest: list, older: list) -> dict:
    """A paper's files: the PDF of its newest version is the main file (none until it is
    built); the Word file and every older version's files are auxiliary, newest first."""
    main = next((d for d in newest if d.format == Format.PDF), None)
    rest = [d for d in [*newest, *older] if d is not main]
    return {
        "mainFile": _embedded(ctx, document_file(ctx, main) if main else None),
        "auxiliaryFile": _internal(ctx, [document_file(ctx, d) for d in rest] or None),
    }


def file(ctx: Context, row) -> dict:
    item = row.item
    return _object(
        ctx,
        "File",
        file_path(row),
        row,
        name=row.name,
        fileName=row.name,
        mimeType=papers.CONTENT_TYPES[row.type],
        size=row.size,
        date=timezone.localtime(row.uploaded_at).date().isoformat(),
        accessUrl=ctx.url(f"{file_path(row)}/download"),
        downloadUrl=ctx.url(f"{file_path(row)}/download"),
        meeting=[ctx.url(meeting_path(item.meeting))],
        agendaItem=[ctx.url(item_path(item.pk))],
    )


def document_file(ctx: Context, row) -> dict:
    """A published PDF or Word document (public variant), downloaded where the public site
    offers it; it names the paper or the meeting it belongs to."""
    if row.kind == Kind.PLAN:
        name = f"{row.title}, version {row.plan_version.number} ({row.get_format_display()})"
        paper = [ctx.url(paper_path(row.plan_version.plan))]
    else:
        name = f"{row.title} ({row.get_format_display()})"
        paper = [ctx.url(paper_path(row.action_plan))] if row.action_plan_id else None
    download = urljoin(ctx.base, reverse("publishing:document", args=[row.uuid]))
    return _object(
        ctx,
        "File",
        file_path(row),
        row,
        times=(row.created_at, row.created_at),
        name=name,
        fileName=row.file_name,
        mimeType=row.content_type,
        size=row.size,
        date=timezone.localtime(row.created_at).date().isoformat(),
        accessUrl=download,
        downloadUrl=download,
        paper=paper,
        meeting=[ctx.url(meeting_path(row.meeting))] if row.meeting_id else None,
    )


def tombstone(ctx: Context, row: Tombstone) -> dict:
    return {
        "id": ctx.url(f"{row.type.lower()}/{row.key}"),
        "type": f"{SCHEMA}{row.type}",
        "created": moment(row.created),
        "modified": moment(row.deleted_at),
        "deleted": True,
    }
