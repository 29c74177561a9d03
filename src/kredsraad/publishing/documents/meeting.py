"""A meeting's dagsorden (from its items as they are when built) and its beslutningsreferat
(from the minutes frozen at approval). The public variant leaves closed items out entirely,
title included; the members' variant has them, marked as closed."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from kredsraad.core.markdown import render_markdown
from kredsraad.meetings.models import Meeting
from kredsraad.publishing.documents.blocks import (
    Document,
    Heading,
    Html,
    Items,
    Paragraph,
    danish_date,
    quoted,
)
from kredsraad.publishing.models import Variant
from kredsraad.statistics.periods import DASH


def _when(starts_at: datetime.datetime) -> str:
    local = timezone.localtime(starts_at)
    return _("%(date)s kl. %(time)s") % {
        "date": danish_date(local.date()),
        "time": f"{local:%H.%M}",
    }


def _variant_note(variant: str) -> Paragraph:
    if variant == Variant.MEMBERS:
        return Paragraph(
            _("Medlemmernes udgave med lukkede punkter. Må ikke offentliggøres."), note=True
        )
    return Paragraph(_("Offentlig udgave: lukkede punkter er udeladt."), note=True)


def agenda_document(meeting: Meeting, variant: str) -> Document:
    items = meeting.items.order_by("position")
    if variant != Variant.MEMBERS:
        items = items.filter(closed=False)
    place = ", ".join(part for part in (meeting.place, meeting.address) if part)
    blocks = [_variant_note(variant)]
    for item in items:
        title = f"{item.title} ({_('lukket punkt')})" if item.closed else item.title
        blocks.append(Heading(1, title, str(item.position)))
        facts = [item.get_kind_display()]
        if item.presenter:
            facts.append(_("Fremlægges af %(name)s") % {"name": item.presenter})
        blocks.append(Paragraph(" · ".join(facts), note=True))
        if item.description:
            blocks.append(Html(str(render_markdown(item.description))))
        if item.proposal:
            blocks.append(Heading(2, _("Indstilling")))
            blocks.append(Paragraph(item.proposal))
    if len(blocks) == 1:
        blocks.append(Paragraph(_("Dagsordenen har ingen åbne punkter.")))
    return Document(
        title=_("Dagsorden: %(meeting)s") % {"meeting": meeting},
        cover=[meeting.council.name, _when(meeting.starts_at), place],
        blocks=blocks,
        contents=False,
        author=meeting.council.district.name,
        published_at=meeting.agenda_sent_at,
    )


def minutes_document(meeting: Meeting, variant: str) -> Document:
    content = meeting.minutes.content or {}
    blocks = [_variant_note(variant)]
    if content.get("introduction"):
        blocks.append(Paragraph(content["introduction"]))
    blocks.append(Heading(1, _("Deltagere")))
    present = [_person(p) for p in content.get("present", [])]
    blocks.append(Items(present) if present else Paragraph(_("Ingen registreret.")))
    if absent := [_person(p) for p in content.get("absent", [])]:
        blocks.append(Heading(2, _("Afbud")))
        blocks.append(Items(absent))
    for item in content.get("items", []):
        if item.get("closed") and variant != Variant.MEMBERS:
            continue
        title = f"{item['title']} ({_('lukket punkt')})" if item.get("closed") else item["title"]
        blocks.append(Heading(1, title, str(item["position"])))
        if item.get("proposal"):
            blocks.append(Paragraph(_("Indstilling: %(text)s") % {"text": item["proposal"]}))
        blocks.append(Paragraph(_("Beslutning: %(text)s") % {"text": item.get("decision") or DASH}))
        if item.get("action_items"):
            blocks.append(
                Items(
                    [
                        _("%(title)s (%(owner)s, senest %(due)s)")
                        % {
                            "title": action["title"],
                            "owner": action["owner"],
                            "due": danish_date(action["due"]),
                        }
                        if action.get("due")
                        else f"{action['title']} ({action['owner']})"
                        for action in item["action_items"]
                    ]
                )
            )
    minutes = meeting.minutes
    approval = (
        _("Referatet er godkendt %(date)s (%(how)s).")
        % {
            "date": danish_date(minutes.approved_on),
            "how": minutes.get_approved_how_display().lower(),
        }
        if minutes.approved_on
        else _("Referatet er ikke godkendt.")
    )
    return Document(
        title=_("Beslutningsreferat: %(meeting)s") % {"meeting": content.get("title") or meeting},
        cover=[
            content.get("council") or meeting.council.name,
            _when(meeting.starts_at),
            content.get("place") or meeting.place,
        ],
        blocks=blocks,
        footer=approval,
        author=meeting.council.district.name,
        # Its last change is its approval (approved minutes are locked).
        published_at=minutes.updated_at if minutes.approved_on else None,
    )


def _person(person: dict) -> str:
    name = person["name"]
    if person.get("organisation"):
        name = f"{name}, {person['organisation']}"
    if person.get("kind") and person["kind"] != _("Medlem"):
        name = f"{name} ({person['kind'].lower()})"
    return name


__all__ = ["agenda_document", "minutes_document", "quoted"]
