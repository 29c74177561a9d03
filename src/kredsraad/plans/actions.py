"""What the secretariat does to a samarbejdsplan: write it, send it for discussion, record the
kredsråd's approval, publish frozen versions, correct them, and start next year's plan."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kredsraad.core import effects
from kredsraad.core.actors import attributed
from kredsraad.core.concurrency import save_if_unchanged
from kredsraad.core.effects import Effect
from kredsraad.core.saving import Refused, constraints_as_errors
from kredsraad.councils.models import Council
from kredsraad.plans.document import plan_content
from kredsraad.plans.models import (
    ActionPlan,
    ActionPlanItem,
    CooperationPlan,
    FocusArea,
    PlanSection,
    PlanVersion,
)

SECTION_FIELDS = ["title", "body", "kind", "parent", "position"]
FOCUS_AREA_FIELDS = ["title", "body", "themes", "responsible", "position"]
PLAN_FIELDS = ["title", "action_plans_due"]


class PlanStateError(Refused):
    """The plan's state does not allow this; the message says why, in Danish."""


def _require_editable(plan: CooperationPlan) -> None:
    if not plan.is_editable:
        raise PlanStateError(
            _("Planen er %(status)s og kan ikke længere redigeres.")
            % {"status": plan.get_status_display().lower()}
        )


@attributed
def create_plan(district, *, year: int, by) -> CooperationPlan:
    """An empty draft for `year` with the sections every samarbejdsplan has. Titles are stored
    in Danish (the plan is a Danish document), whatever the user's language."""
    with transaction.atomic(), translation.override("da"):
        exists = PlanStateError(
            _("%(district)s har allerede en samarbejdsplan for %(year)s.")
            % {"district": district, "year": year}
        )
        with constraints_as_errors(CooperationPlan, refusal=exists):
            plan = CooperationPlan.objects.create(
                district=district,
                year=year,
                title=_("Kredsrådets samarbejdsplan %(year)s") % {"year": year},
                action_plans_due=CooperationPlan.default_action_plans_due(year),
            )
        for position, (title, kind) in enumerate(STANDARD_SECTIONS, start=1):
            PlanSection.objects.create(plan=plan, position=position, title=str(title), kind=kind)
    return plan


STANDARD_SECTIONS = [
    (gettext_lazy("Samarbejdet i kredsrådet og lokalrådene"), PlanSection.Kind.ORGANISATION),
    (gettext_lazy("Kriminalitetsudviklingen"), PlanSection.Kind.CRIME_TRENDS),
    (gettext_lazy("Indsatsområder"), PlanSection.Kind.FOCUS_AREAS),
    (
        gettext_lazy("Lokalrådenes udmøntning af samarbejdet i kommunerne"),
        PlanSection.Kind.LOCAL_COUNCILS,
    ),
    (gettext_lazy("Bilag: De forebyggende samarbejdsfora"), PlanSection.Kind.FORUMS),
]


@attributed
def update_plan(plan: CooperationPlan, *, expected_version: int, by) -> CooperationPlan:
    _require_editable(plan)
    return save_if_unchanged(plan, expected_version=expected_version, fields=PLAN_FIELDS)


@attributed
def send_for_discussion(plan: CooperationPlan, *, by) -> CooperationPlan:
    """The draft goes to the kredsråd for discussion (§ 113)."""
    if plan.status != CooperationPlan.Status.DRAFT:
        raise PlanStateError(_("Kun en kladde kan sendes til drøftelse."))
    return _move(plan, CooperationPlan.Status.DISCUSSION)


@attributed
def return_to_draft(plan: CooperationPlan, *, by) -> CooperationPlan:
    if plan.status != CooperationPlan.Status.DISCUSSION:
        raise PlanStateError(_("Kun en plan til drøftelse kan sendes tilbage til kladde."))
    return _move(plan, CooperationPlan.Status.DRAFT)


@attributed
def approve_plan(
    plan: CooperationPlan, *, council: Council, on: datetime.date, reference: str, by, item=None
) -> CooperationPlan:
    """Record the kredsråd's approval. An approved plan can be published but not edited.
    `item` is the agenda item whose decision approved it, when approved at a meeting."""
    if plan.status != CooperationPlan.Status.DISCUSSION:
        raise PlanStateError(_("Kun en plan, der er sendt til drøftelse, kan godkendes."))
    if council.district_id != plan.district_id or not council.is_district_council:
        raise PlanStateError(_("Planen godkendes af politikredsens kredsråd."))
    plan.approved_by_council = council
    plan.approved_on = on
    plan.approval_reference = reference
    plan.approval_item = item
    return _move(
        plan,
        CooperationPlan.Status.APPROVED,
        extra=["approved_by_council", "approved_on", "approval_reference", "approval_item"],
    )


@attributed
def start_correction(plan: CooperationPlan, *, by) -> CooperationPlan:
    """Open a published plan for a correction; the published versions stay as they are."""
    if plan.status != CooperationPlan.Status.PUBLISHED or plan.in_correction:
        raise PlanStateError(_("Kun en offentliggjort plan kan rettes."))
    plan.in_correction = True
    return _move(plan, plan.status, extra=["in_correction"])


@attributed
def publish_plan(
    plan: CooperationPlan, *, change_note: str = "", by, at: datetime.datetime | None = None
) -> PlanVersion:
    """Freeze the plan as it is now (content and HTML) as the next numbered version.

    The first publication needs an approved plan; a correction needs a change note. `at` is for
    plans published before they were kept here (the demo's 2022 and 2023 plans); it defaults
    to now.
    """
    correcting = plan.status == CooperationPlan.Status.PUBLISHED and plan.in_correction
    if plan.status != CooperationPlan.Status.APPROVED and not correcting:
        raise PlanStateError(_("Kun en godkendt plan eller en rettelse kan offentliggøres."))
    if correcting and not change_note.strip():
        raise PlanStateError(_("Skriv en ændringsnote, der forklarer rettelsen."))
    # The plan shows its strategy's goals: a strategy not yet published would reach the public
    # through the plan first.
    if plan.strategy_id and plan.strategy.status != plan.strategy.Status.PUBLISHED:
        raise PlanStateError(
            _(
                "Planen hører til strategien »%(strategy)s«, som ikke er offentliggjort. "
                "Offentliggør strategien først, eller fjern planens kobling til den."
            )
            % {"strategy": plan.strategy.title}
        )
    with transaction.atomic():
        locked = CooperationPlan.objects.select_for_update().get(pk=plan.pk)
        number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        # The published document is Danish, whichever language the publisher reads.
        with translation.override("da"):
            content = plan_content(locked)
            html = render_to_string("plans/_document.html", {"document": content})
        version = PlanVersion.objects.create(
            plan=locked,
            number=number,
            published_by=by,
            published_at=at or timezone.now(),
            change_note=change_note.strip(),
            content=content,
            html=html,
        )
        plan.in_correction = False
        _move(plan, CooperationPlan.Status.PUBLISHED, extra=["in_correction"])
        effects.announce(Effect.PLAN_PUBLISHED, version, by=by)
    return version


def _move(plan: CooperationPlan, status: str, *, extra=()) -> CooperationPlan:
    plan.status = status
    CooperationPlan.objects.filter(pk=plan.pk).update(
        status=status, version=F("version") + 1, **{name: getattr(plan, name) for name in extra}
    )
    plan.refresh_from_db(fields=["version", "status"])
    return plan


# Sections ------------------------------------------------------------------------------------


@attributed
def add_section(plan: CooperationPlan, *, title: str, body: str, parent=None, by) -> PlanSection:
    """A new text section at the end (of the plan, or of `parent`'s subsections)."""
    _require_editable(plan)
    siblings = plan.sections.filter(parent=parent)
    position = (siblings.aggregate(p=Max("position"))["p"] or 0) + 1
    return PlanSection.objects.create(
        plan=plan, parent=parent, position=position, title=title, body=body
    )


@attributed
def update_section(section: PlanSection, *, expected_version: int, by) -> PlanSection:
    _require_editable(section.plan)
    return save_if_unchanged(section, expected_version=expected_version, fields=["title", "body"])


@attributed
def move_section(section: PlanSection, *, up: bool, by) -> None:
    """Swap the section with its neighbour above or below; numbers follow."""
    _require_editable(section.plan)
    siblings = list(section.plan.sections.filter(parent=section.parent_id).order_by("position"))
    index = siblings.index(section)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    _swap_positions(PlanSection, siblings[index], siblings[other])


@attributed
def delete_section(section: PlanSection, *, by) -> None:
    """Remove a text section (generated sections stay: the plan needs them)."""
    _require_editable(section.plan)
    if section.is_generated:
        raise PlanStateError(_("Et genereret afsnit kan ikke slettes."))
    with transaction.atomic():
        section.delete()
        _renumber(section.plan.sections.filter(parent=section.parent_id))


# Focus areas ---------------------------------------------------------------------------------


@attributed
def add_focus_area(plan: CooperationPlan, *, by, **values) -> FocusArea:
    _require_editable(plan)
    position = (plan.focus_areas.aggregate(p=Max("position"))["p"] or 0) + 1
    return FocusArea.objects.create(plan=plan, position=position, **values)


@attributed
def update_focus_area(focus_area: FocusArea, *, expected_version: int, by) -> FocusArea:
    _require_editable(focus_area.plan)
    return save_if_unchanged(
        focus_area,
        expected_version=expected_version,
        fields=["title", "body", "themes", "responsible"],
    )


@attributed
def move_focus_area(focus_area: FocusArea, *, up: bool, by) -> None:
    _require_editable(focus_area.plan)
    siblings = list(focus_area.plan.focus_areas.order_by("position"))
    index = siblings.index(focus_area)
    other = index - 1 if up else index + 1
    if 0 <= other < len(siblings):
        _swap_positions(FocusArea, siblings[index], siblings[other])


def _swap_positions(model, first, second) -> None:
    with transaction.atomic():
        model.objects.filter(pk=first.pk).update(position=second.position, version=F("version") + 1)
        model.objects.filter(pk=second.pk).update(position=first.position, version=F("version") + 1)


def _renumber(queryset) -> None:
    for position, row in enumerate(queryset.order_by("position"), start=1):
        if row.position != position:
            type(row).objects.filter(pk=row.pk).update(position=position)


# Next year -----------------------------------------------------------------------------------


@attributed
def roll_over(plan: CooperationPlan, *, by) -> CooperationPlan:
    """Next year's draft from this plan: its sections and focus areas, and the initiatives that
    go on (planned, active or permanent; finished and stopped ones are not carried)."""
    year = plan.year + 1
    if CooperationPlan.objects.filter(district=plan.district_id, year=year).exists():
        raise PlanStateError(
            _("Der findes allerede en plan for %(year)s; den kan ikke oprettes igen.")
            % {"year": year}
        )
    with transaction.atomic(), translation.override("da"):
        exists = PlanStateError(
            _("Der findes allerede en plan for %(year)s; den kan ikke oprettes igen.")
            % {"year": year}
        )
        with constraints_as_errors(CooperationPlan, refusal=exists):
            new = CooperationPlan.objects.create(
                district=plan.district,
                year=year,
                title=plan.title.replace(str(plan.year), str(year))
                if str(plan.year) in plan.title
                else _("Kredsrådets samarbejdsplan %(year)s") % {"year": year},
                previous=plan,
                action_plans_due=_same_day_next_year(plan.action_plans_due),
            )
        copies = {}
        for section in plan.sections.order_by(F("parent_id").asc(nulls_first=True), "position"):
            copies[section.pk] = PlanSection.objects.create(
                plan=new,
                parent=copies.get(section.parent_id),
                position=section.position,
                title=section.title.replace(str(plan.year), str(year)),
                kind=section.kind,
                body=section.body,
            )
        # Initiative.CONTINUING; plans does not import initiatives (imports flow the other way).
        continuing = ("planned", "active", "permanent")
        for focus_area in plan.focus_areas.prefetch_related("initiatives"):
            carried = FocusArea.objects.create(
                plan=new,
                position=focus_area.position,
                title=focus_area.title,
                body=focus_area.body,
                themes=focus_area.themes,
                responsible=focus_area.responsible,
                previous=focus_area,
            )
            carried.initiatives.set(
                [i for i in focus_area.initiatives.all() if i.status in continuing]
            )
    return new


def _same_day_next_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


# Handleplaner --------------------------------------------------------------------------------

ACTION_PLAN_ITEM_FIELDS = ["title", "description", "focus_area", "responsible", "starts", "ends"]


def _require_draft(action_plan: ActionPlan) -> None:
    if action_plan.status != ActionPlan.Status.DRAFT:
        raise PlanStateError(
            _("Handleplanen er %(status)s og kan ikke længere redigeres.")
            % {"status": action_plan.get_status_display().lower()}
        )


@attributed
def create_action_plan(council: Council, *, plan: CooperationPlan, by) -> ActionPlan:
    """The lokalråd's handleplan for the plan's year, as a draft."""
    if council.is_district_council or council.district_id != plan.district_id:
        raise PlanStateError(_("En handleplan hører til et lokalråd i planens politikreds."))
    exists = PlanStateError(
        _("%(council)s har allerede en handleplan for %(year)s.")
        % {"council": council, "year": plan.year}
    )
    with constraints_as_errors(ActionPlan, refusal=exists):
        return ActionPlan.objects.create(council=council, plan=plan)


@attributed
def update_action_plan(action_plan: ActionPlan, *, expected_version: int, by) -> ActionPlan:
    _require_draft(action_plan)
    return save_if_unchanged(
        action_plan, expected_version=expected_version, fields=["introduction"]
    )


def check_item(item: ActionPlanItem) -> None:
    """An item serves a focus area of its own district's plan (or a local need), and ends
    after it starts."""
    errors = {}
    if item.focus_area_id and item.focus_area.plan_id != item.action_plan.plan_id:
        errors["focus_area"] = _("Indsatsområdet hører ikke til årets samarbejdsplan.")
    if item.starts and item.ends and item.ends < item.starts:
        errors["ends"] = _("Slutdatoen ligger før startdatoen.")
    if errors:
        raise ValidationError(errors)


@attributed
def add_item(action_plan: ActionPlan, *, partners=(), forums=(), by, **values) -> ActionPlanItem:
    _require_draft(action_plan)
    position = (action_plan.items.aggregate(p=Max("position"))["p"] or 0) + 1
    item = ActionPlanItem(action_plan=action_plan, position=position, **values)
    check_item(item)
    with transaction.atomic():
        item.save()
        item.partners.set(partners)
        item.forums.set(forums)
    return item


@attributed
def update_item(
    item: ActionPlanItem, *, partners, forums, expected_version: int, by
) -> ActionPlanItem:
    _require_draft(item.action_plan)
    check_item(item)
    with transaction.atomic():
        save_if_unchanged(item, expected_version=expected_version, fields=ACTION_PLAN_ITEM_FIELDS)
        item.partners.set(partners)
        item.forums.set(forums)
    return item


@attributed
def delete_item(item: ActionPlanItem, *, by) -> None:
    _require_draft(item.action_plan)
    item.delete()


@attributed
def adopt_action_plan(action_plan: ActionPlan, *, on: datetime.date, by) -> ActionPlan:
    """The lokalråd adopted the handleplan on `on` (the date decides whether it was on time)."""
    _require_draft(action_plan)
    if not action_plan.items.exists():
        raise PlanStateError(_("En handleplan uden handlinger kan ikke vedtages."))
    if on > timezone.localdate():
        raise PlanStateError(_("Vedtagelsesdatoen kan ikke ligge i fremtiden."))
    action_plan.status = ActionPlan.Status.ADOPTED
    action_plan.adopted_on = on
    return save_if_unchanged(
        action_plan, expected_version=action_plan.version, fields=["status", "adopted_on"]
    )


@attributed
def publish_action_plan(action_plan: ActionPlan, *, by) -> ActionPlan:
    """Publish an adopted handleplan. Its samarbejdsplan must be published first: the
    handleplan names the plan's focus areas, and those are not public before the plan is."""
    if action_plan.status != ActionPlan.Status.ADOPTED:
        raise PlanStateError(_("Kun en vedtaget handleplan kan offentliggøres."))
    with transaction.atomic():
        plan = CooperationPlan.objects.select_for_update().get(pk=action_plan.plan_id)
        if plan.status != CooperationPlan.Status.PUBLISHED:
            raise PlanStateError(
                _(
                    "Handleplanen kan først offentliggøres, når samarbejdsplanen for %(year)s "
                    "er offentliggjort."
                )
                % {"year": plan.year}
            )
        action_plan.status = ActionPlan.Status.PUBLISHED
        save_if_unchanged(action_plan, expected_version=action_plan.version, fields=["status"])
        effects.announce(Effect.ACTION_PLAN_PUBLISHED, action_plan, by=by)
    return action_plan


@attributed
def reopen_action_plan(action_plan: ActionPlan, *, by) -> ActionPlan:
    """Back to draft, e.g. when the lokalråd changes an adopted plan; it must be adopted again."""
    if action_plan.status == ActionPlan.Status.DRAFT:
        raise PlanStateError(_("Handleplanen er allerede en kladde."))
    action_plan.status = ActionPlan.Status.DRAFT
    action_plan.adopted_on = None
    return save_if_unchanged(
        action_plan, expected_version=action_plan.version, fields=["status", "adopted_on"]
    )
