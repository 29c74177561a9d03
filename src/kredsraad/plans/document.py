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
from kredsraad.councils.models import Council, Forum, Membership
from kredsraad.plans.models import ActionPlan, CooperationPlan, PlanSection, PlanVersion, Theme
from kredsraad.statistics.reading.plan_figures import changed_figures, figures_for_plan, figures_now
from kredsraad.strategies.document import plan_strategy


def section_numbers(sections) -> dict[int, str]:
    """ "01", "02", … for top-level sections and "01.1" for their subsections."""
    numbers = {}
    top = sorted((s for s in sections if s.parent_id is None), key=lambda s: s.position)
    for index, section in enumerate(top, start=1):
        numbers[section.pk] = f"{index:02d}"
        children = sorted(
            (s for s in sections if s.parent_id == section.pk), key=lambda s: s.position
        )
        for sub, child in enumerate(children, start=1):
            numbers[child.pk] = f"{index:02d}.{sub}"
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
    sections = list(plan.sections.all())
    numbers = section_numbers(sections)
    generated = {
        PlanSection.Kind.ORGANISATION: lambda: _organisation(plan, today),
        PlanSection.Kind.CRIME_TRENDS: lambda: figures_for_plan(
            plan.district, plan.year, written=plan.approved_on or today
        ),
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
            "generated": generated[section.kind]() if section.is_generated else None,
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
    crime figures frozen in it, one Danish line a figure; (None, []) for an unpublished plan.
    `content` is the plan's live `plan_content`: its figures serve when they cover the same
    quarters as the frozen ones, else those quarters are computed afresh. The published version
    itself never changes; a correction publishes the new figures as a new version."""
    version = plan.versions.order_by("-number").first()
    if version is None:
        return None, []
    frozen = _crime_figures(version.content)
    if frozen is None:
        return version, []
    live = _crime_figures(content) or {}
    if frozen.get("figures") and (live.get("period"), live.get("baseline")) != (
        frozen["period"],
        frozen["baseline"],
    ):
        live = figures_now(plan.district, frozen)
    return version, changed_figures(frozen, live)


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


def _crime_figures(content: dict) -> dict | None:
    """The generated part of the document's first crime-trend section (a version published
    before the figures existed holds {"placeholder": True}, read as no figures)."""
    section = first_section(content, PlanSection.Kind.CRIME_TRENDS)
    return None if section is None else (section["generated"] or {})


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
    theme_labels = dict(Theme.choices)
    areas = plan.focus_areas.select_related("responsible").prefetch_related("initiatives")
    return [
        {
            "id": area.pk,
            "number": f"{prefix}.{index}",
            "title": area.title,
            "html": str(render_markdown(area.body)),
            "themes": [str(theme_labels.get(t, t)) for t in area.themes],
            "responsible": area.responsible.name if area.responsible else "",
            "initiatives": [
                {"title": i.title, "status": i.get_status_display()}
                for i in sorted(area.initiatives.all(), key=lambda i: i.title)
            ],
        }
        for index, area in enumerate(areas, start=1)
    ]


def _local_councils(plan) -> list[dict]:
    plans = {
        ap.council_id: ap for ap in ActionPlan.objects.filter(plan=plan).select_related("council")
    }
    rows = []
    for council in Council.objects.filter(
        district=plan.district_id, kind=Council.Kind.LOCAL
    ).select_related("municipality"):
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
    missing or overdue (missing or unadopted after the deadline)."""
    today = today or timezone.localdate()
    due = plan.action_plans_due
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
    # Grouped by target group in the order the appendix lists them (the choices' order).
    groups: dict[str, list] = {str(label): [] for label in Forum.TargetGroup.labels}
    forums = (
        Forum.objects.filter(district=plan.district_id)
        .select_related("lead_organisation")
        .prefetch_related("municipalities")
        .order_by("name")
    )
    labels = dict(Forum.TargetGroup.choices)
    for forum in forums:
        groups[str(labels[forum.target_group])].append(
            {
                "name": forum.name,
                "description": forum.description,
                "lead": forum.lead_organisation.name,
                "municipalities": [m.name for m in forum.municipalities.all()],
            }
        )
    return [{"target_group": group, "forums": forums} for group, forums in groups.items() if forums]
