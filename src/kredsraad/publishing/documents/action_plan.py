"""A lokalråd's handleplan: its introduction and its actions, each with the focus area of the
district plan it serves (or a local need), who is responsible, partners, forums and dates. The
plan's title and focus areas are those of its published version, as a correction in progress
may be renaming them; only a plan never published is read live."""

from django.utils.translation import gettext as _

from kredsraad.core.markdown import render_markdown
from kredsraad.plans.document import focus_area_number
from kredsraad.plans.models import ActionPlan
from kredsraad.publishing import public
from kredsraad.publishing.documents.blocks import (
    Document,
    Heading,
    Html,
    Pairs,
    Paragraph,
    danish_date,
)
from kredsraad.statistics.periods import DASH


def action_plan_document(action_plan: ActionPlan) -> Document:
    council = action_plan.council
    plan = action_plan.plan
    cover = [council.name, plan.district.name, action_plan.get_status_display()]
    if action_plan.adopted_on:
        cover[-1] = _("Vedtaget %(date)s") % {"date": danish_date(action_plan.adopted_on)}
    published = plan.versions.exists()
    plan_title = public.public_plan_title(plan) if published else plan.title
    frozen = public.frozen_focus_areas([plan]) if published else {}
    blocks = [Heading(1, _("Indledning"), "1")]
    if action_plan.introduction:
        blocks.append(Html(str(render_markdown(action_plan.introduction))))
    blocks.append(
        Paragraph(
            _("Handleplanen udmønter %(plan)s i %(municipality)s.")
            % {"plan": plan_title, "municipality": council.municipality or council.name}
        )
    )
    blocks.append(Heading(1, _("Handlinger"), "2"))
    items = action_plan.items.select_related("focus_area__plan", "responsible").prefetch_related(
        "partners", "forums"
    )
    for number, item in enumerate(items, start=1):
        blocks.append(Heading(2, item.title, f"2.{number}"))
        if item.description:
            blocks.append(Paragraph(item.description))
        details = [(_("Indsatsområde"), _area(item, frozen, published))]
        if item.responsible:
            details.append((_("Ansvarlig"), item.responsible.name))
        if partners := [p.name for p in item.partners.all()]:
            details.append((_("Partnere"), ", ".join(partners)))
        if forums := [f.name for f in item.forums.all()]:
            details.append((_("Samarbejdsfora"), ", ".join(forums)))
        if item.starts or item.ends:
            details.append(
                (
                    _("Periode"),
                    f"{danish_date(item.starts)} {DASH} {danish_date(item.ends)}".strip(),
                )
            )
        blocks.append(Pairs(details))
    if len(blocks) == 4:
        blocks.append(Paragraph(_("Handleplanen har endnu ingen handlinger.")))
    return Document(
        title=str(action_plan),
        cover=cover,
        blocks=blocks,
        contents=True,
        footer=_(
            "Lokalrådets handleplan under kredsrådets samarbejdsplan (retsplejelovens § 113)."
        ),
        author=plan.district.name,
        # Its last change is its publication (a published handleplan is locked).
        published_at=action_plan.updated_at,
    )


def _area(item, frozen: dict, published: bool) -> str:
    if not item.focus_area_id:
        return _("Lokalt behov")
    if not published:
        return f"{focus_area_number(item.focus_area)} {item.focus_area.title}"
    area = frozen.get(item.focus_area_id)
    # An area added by a correction not yet published has no public name yet.
    return f"{area.number} {area.title}" if area else _("Et nyt indsatsområde")
