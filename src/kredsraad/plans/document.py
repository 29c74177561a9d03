"""The plan as a document: numbered sections with their generated parts filled in from the
registry, the focus areas with their initiatives, and the handleplan status per municipality.

The same structure is shown live while the plan is written and frozen (as JSON and HTML) when
it is published, so a published version never changes when the data behind it does.
"""

import datetime

from django.db.models import Prefetch, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kredsraad.core.markdown import render_markdown
from kredsraad.core.quarters import Quarter
from kredsraad.councils.models import Council, Forum, Membership, Organisation, TargetGroup
from kredsraad.goals.content import goals_by_owner
from kredsraad.plans.models import ActionPlan, CooperationPlan, PlanSection, PlanVersion
from kredsraad.statistics.reading.plan_figures import (
    changed_figures,
    figure_blocks,
    figures_now,
    same_choice,
)
from kredsraad.strategies.document import plan_strategy


def section_numbers(sections) -> dict[int, str]:
    """Numbers as the printed plans number their headings: "01", "02", … at the top, "01.1" for
    a subsection and "01.1.1" below it (PlanSection.MAX_DEPTH levels at most)."""
    children: dict[int | None, list] = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    numbers = {}

    def number(parent_id, prefix):
        for index, section in enumerate(
            sorted(children.get(parent_id, []), key=lambda s: s.position), start=1
        ):
            numbers[section.pk] = f"{prefix}.{index}" if prefix else f"{index:02d}"
            number(section.pk, numbers[section.pk])

    number(None, "")
    return numbers


def focus_area_prefix(sections, numbers) -> str:
    """Focus areas are numbered under the focus-area section (05.1, 05.2 …)."""
    for section in sections:
        if section.kind == PlanSection.Kind.FOCUS_AREAS:
            return numbers[section.pk]
    return "00"


def focus_area_number(area) -> str:
    """The area's number as the plan shows it (05.1 …)."""
    sections = list(area.plan.sections.all())
    positions = list(area.plan.focus_areas.values_list("position", flat=True))
    prefix = focus_area_prefix(sections, section_numbers(sections))
    return f"{prefix}.{positions.index(area.position) + 1}"


def plan_content(plan: CooperationPlan, *, today: datetime.date | None = None) -> dict:
    """The plan as a document, its generated sections filled in from the data as it is now.
    The crime-trend section shows the quarters known when the plan was written: up to its
    approval, or up to `today` for a plan not yet approved (see statistics.plan_figures)."""
    today = today or timezone.localdate()
    # Each section's images (kredsraad.images) with their files, whose bytes stay unread.
    sections = list(plan.sections.prefetch_related("images__file"))
    numbers = section_numbers(sections)
    # Every crime-figure block of the plan, each as its options choose, read together.
    figures = figure_blocks(
        plan.district,
        plan.year,
        written=plan.approved_on or today,
        choices={s.pk: s.options for s in sections if s.kind == PlanSection.Kind.CRIME_TRENDS},
    )
    generated = {
        PlanSection.Kind.ORGANISATION: lambda: _organisation(plan, today),
        PlanSection.Kind.FOCUS_AREAS: lambda: _focus_areas(plan, sections, numbers),
        PlanSection.Kind.LOCAL_COUNCILS: lambda: _local_councils(plan),
        PlanSection.Kind.FORUMS: lambda: _forums(plan),
    }

    def entry(section):
        return {
            "id": section.pk,
            "number": numbers[section.pk],
            "title": section.title,
            "kind": section.kind,
            "html": str(render_markdown(section.body)),
            "images": [image.document_entry() for image in section.images.all()],
            "generated": (
                figures[section.pk]
                if section.kind == PlanSection.Kind.CRIME_TRENDS
                else generated[section.kind]()
            )
            if section.is_generated
            else None,
            "children": [
                entry(child)
                for child in sorted(
                    (s for s in sections if s.parent_id == section.pk), key=lambda s: s.position
                )
            ],
        }

    top = sorted((s for s in sections if s.parent_id is None), key=lambda s: s.position)
    return {
        "title": plan.title,
        "year": plan.year,
        "district": plan.district.name,
        "municipalities": [str(m) for m in plan.district.municipalities.all()],
        "approved": {
            "council": plan.approved_by_council.name,
            "on": plan.approved_on.isoformat(),
            "reference": plan.approval_reference,
        }
        if plan.approved_by_council_id
        else None,
        "contact": {
            "phone": plan.district.phone,
            "email": plan.district.email,
            "website": plan.district.website,
        },
        "sections": [entry(s) for s in top],
        # The multi-year strategy the plan belongs to, with this year's contribution to its goals.
        "strategy": plan_strategy(plan),
    }


def crime_figure_changes(plan: CooperationPlan, content: dict) -> tuple[PlanVersion | None, list]:
    """The plan's latest published version and what the data of today would change in the
    crime figures frozen in it, one Danish line a figure, for every crime-figure block (each
    line after its section's number and title when the version has several); (None, []) for
    an unpublished plan. `content` is the plan's live `plan_content`: a block's live figures
    serve when they show the same quarters, offences, areas and unit as the frozen ones, else
    the frozen choice is computed afresh. The published version itself never changes; a
    correction publishes the new figures as a new version."""
    version = plan.versions.order_by("-number").first()
    if version is None:
        return None, []
    return version, frozen_figure_changes(plan, version.content, content)


def frozen_figure_changes(plan: CooperationPlan, frozen_content: dict, content: dict) -> list:
    """`crime_figure_changes` for a version's frozen content, already read."""
    frozen_blocks = crime_sections(frozen_content)
    live_blocks = {section["id"]: section for section in crime_sections(content)}
    lines = []
    for section in frozen_blocks:
        frozen = section["generated"] or {}
        live = (live_blocks.get(section["id"]) or {}).get("generated") or {}
        if frozen.get("figures") and not same_choice(frozen, live):
            live = figures_now(plan.district, frozen)
        changes = changed_figures(frozen, live)
        if len(frozen_blocks) > 1:
            where = f"{section['number']} {section['title']}"
            changes = [f"{where}: {line}" for line in changes]
        lines += changes
    return lines


def crime_sections(content: dict) -> list[dict]:
    """The document's crime-trend sections, in document order (a version published before the
    figures existed holds {"placeholder": True} in one, read as no figures)."""
    found, sections = [], list(content.get("sections", []))
    while sections:
        section = sections.pop(0)
        if section["kind"] == PlanSection.Kind.CRIME_TRENDS:
            found.append(section)
        sections[:0] = section.get("children", [])
    return found


def first_section(content: dict, kind: str) -> dict | None:
    """The document's first section of `kind`, in document order (children after their
    parent), from a plan's content as `plan_content` builds it and a version freezes it."""
    sections = list(content.get("sections", []))
    while sections:
        section = sections.pop(0)
        if section["kind"] == kind:
            return section
        sections[:0] = section.get("children", [])
    return None


def focus_areas_of(content: dict) -> dict[int, dict]:
    """The focus areas a plan's content names (its focus-area section's generated part), whole,
    by id."""
    section = first_section(content, PlanSection.Kind.FOCUS_AREAS) or {}
    return {area["id"]: area for area in section.get("generated") or [] if "id" in area}


def _organisation(plan, today) -> dict:
    current = Q(end__isnull=True) | Q(end__gte=today)
    councils = (
        Council.objects.filter(district=plan.district_id)
        .select_related("municipality")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(current, start__lte=today)
                .select_related("person__organisation", "represents")
                .order_by(Membership.role_rank(), "represents__name"),
            )
        )
    )
    kredsraad = [c for c in councils if c.is_district_council]
    return {
        "district_councils": [
            {
                "name": c.name,
                "members": [
                    {"person": str(m.person), "role": m.get_role_display()}
                    for m in c.memberships.all()
                ],
            }
            for c in kredsraad
        ],
        "local_councils": [c.name for c in councils if not c.is_district_council],
    }


def _focus_areas(plan, sections, numbers) -> list[dict]:
    prefix = focus_area_prefix(sections, numbers)
    areas = plan.focus_areas.select_related("responsible").prefetch_related(
        "themes",
        "initiatives__lead_organisation",
        Prefetch("initiatives__partners", queryset=Organisation.objects.order_by("name")),
        "initiatives__milestones",
    )
    # Goals with their values now, frozen with the content when the plan is published.
    areas = list(areas)
    goals = goals_by_owner(
        focus_area_ids=[area.pk for area in areas],
        initiative_ids={i.pk for area in areas for i in area.initiatives.all()},
    )
    return [
        {
            "id": area.pk,
            "number": f"{prefix}.{index}",
            "title": area.title,
            "html": str(render_markdown(area.body)),
            "themes": [theme.label for theme in area.themes.all()],
            "responsible": area.responsible.name if area.responsible else "",
            "goals": goals.get(("focus_area", area.pk), []),
            "initiatives": [
                {**_initiative(i, plan.year), "goals": goals.get(("initiative", i.pk), [])}
                for i in sorted(area.initiatives.all(), key=lambda i: i.title)
            ],
        }
        for index, area in enumerate(areas, start=1)
    ]


def _initiative(initiative, year: int) -> dict:
    """An initiative as the plan lists it, as the printed plans do: its tovholder, its partners
    (in Danish order, as prefetched) and its coming milestones. A milestone reached, or due
    before the plan's year, is history and stays on the initiative's own page. Only fields the
    public may read (publishing.publicity.PLAN_MILESTONE_KEYS) go in: the content is published."""
    coming = [
        m
        for m in initiative.milestones.all()
        if m.done_on is None and _milestone_due(m) >= datetime.date(year, 1, 1)
    ]
    return {
        "uuid": str(initiative.uuid),
        "title": initiative.title,
        "status": initiative.get_status_display(),
        "lead": initiative.lead_organisation.name,
        "partners": [o.name for o in initiative.partners.all()],
        "milestones": [
            {
                "title": m.title,
                "kind": m.kind,
                "kind_label": m.get_kind_display(),
                "due": m.due_date.isoformat() if m.due_date else m.due_quarter,
                "due_label": formats.date_format(m.due_date, "DATE_FORMAT")
                if m.due_date
                else Quarter.parse(m.due_quarter).label,
            }
            for m in sorted(coming, key=_milestone_due)
        ],
    }


def _milestone_due(milestone) -> datetime.date:
    """A milestone's due date; one due in a quarter falls due on the quarter's last day."""
    return milestone.due_date or Quarter.parse(milestone.due_quarter).last_day


def _local_councils(plan) -> list[dict]:
    plans = {
        ap.council_id: ap for ap in ActionPlan.objects.filter(plan=plan).select_related("council")
    }
    rows = []
    # A municipality may have several lokalråd (PoliceDistrict.local_councils): one row each.
    for council in (
        Council.objects.filter(district=plan.district_id, kind=Council.Kind.LOCAL)
        .select_related("municipality")
        .order_by("municipality__name", "name")
    ):
        action_plan = plans.get(council.pk)
        rows.append(
            {
                "municipality": str(council.municipality),
                "council": council.name,
                "status": action_plan_status(action_plan, plan)[1],
            }
        )
    return rows


def action_plan_status(action_plan: ActionPlan | None, plan: CooperationPlan, today=None):
    """(code, Danish text) for a handleplan against its deadline: adopted, late, draft,
    missing or overdue (missing or unadopted after the deadline). In a district without the
    handleplan duty (PoliceDistrict.action_plans_required) nothing is missing or overdue: a
    handleplan a lokalråd writes anyway shows as adopted or draft, none as "not_required"."""
    today = today or timezone.localdate()
    due = plan.action_plans_due
    if not plan.district.action_plans_required:
        if action_plan is None:
            return "not_required", _("Ingen handleplanspligt")
        if action_plan.adopted_on:
            adopted = formats.date_format(action_plan.adopted_on, "DATE_FORMAT")
            return "adopted", _("Vedtaget %(date)s") % {"date": adopted}
        return "draft", _("Kladde")
    if action_plan is None:
        return (
            ("overdue", _("Mangler (fristen er overskredet)"))
            if today > due
            else (
                "missing",
                _("Ikke påbegyndt"),
            )
        )
    if action_plan.adopted_on:
        adopted = formats.date_format(action_plan.adopted_on, "DATE_FORMAT")
        if action_plan.adopted_on > due:
            return "late", _("Vedtaget for sent, %(date)s") % {"date": adopted}
        return "adopted", _("Vedtaget %(date)s") % {"date": adopted}
    if today > due:
        return "overdue", _("Ikke vedtaget (fristen er overskredet)")
    return "draft", _("Kladde")


def _forums(plan) -> list[dict]:
    # Grouped by target group in the order the appendix lists them (the target groups' order).
    groups: dict[str, list] = {group.label: [] for group in TargetGroup.objects.all()}
    forums = (
        Forum.objects.filter(district=plan.district_id)
        .select_related("lead_organisation", "target_group")
        .prefetch_related("municipalities")
        .order_by("name")
    )
    for forum in forums:
        groups[forum.target_group.label].append(
            {
                "name": forum.name,
                "description": forum.description,
                "lead": forum.lead_organisation.name,
                "municipalities": [m.name for m in forum.municipalities.all()],
            }
        )
    return [{"target_group": group, "forums": forums} for group, forums in groups.items() if forums]
