"""What the secretariat does to a samarbejdsplan: write it, send it for discussion, record the
kredsråd's approval, publish frozen versions, correct them, and start next year's plan."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kredsraad.core import effects
from kredsraad.core.actors import attributed
from kredsraad.core.concurrency import save_if_unchanged
from kredsraad.core.effects import Effect
from kredsraad.core.saving import Refused, constraints_as_errors, save_checked
from kredsraad.councils.actions import VOCABULARY_FIELDS, new_code
from kredsraad.councils.models import Council
from kredsraad.goals.models import Goal
from kredsraad.images.models import SectionImage
from kredsraad.plans.document import plan_content, section_numbers
from kredsraad.plans.models import (
    ActionPlan,
    ActionPlanItem,
    CooperationPlan,
    FocusArea,
    PlanSection,
    PlanVersion,
    Theme,
)
from kredsraad.plans.review import marks_of, review_reasons, unreviewed_message
from kredsraad.statistics.reading.block_options import carried_options, clean_options

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
    # Copied text that names last year's figures must be read before it goes out again.
    if marks := marks_of(plan):
        raise PlanStateError(unreviewed_message(marks))
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
def add_section(
    plan: CooperationPlan,
    *,
    title: str,
    body: str,
    kind: str = PlanSection.Kind.TEXT,
    parent: PlanSection | None = None,
    by,
) -> PlanSection:
    """A new section of `kind` (text, or any generated kind) at the end of the plan, or of
    `parent`'s subsections. Refused below the third level, and for a second focus-area
    section (the focus areas are printed in one place)."""
    _require_editable(plan)
    tree = _SectionTree(plan)
    if parent is not None:
        if parent.plan_id != plan.pk:
            raise PlanStateError(_("Overafsnittet hører til en anden plan."))
        if tree.depth(parent.pk) >= PlanSection.MAX_DEPTH:
            raise PlanStateError(_too_deep(tree.number(parent.pk)))
    if kind == PlanSection.Kind.FOCUS_AREAS:
        _require_no_focus_area_section(tree)
    position = (plan.sections.filter(parent=parent).aggregate(p=Max("position"))["p"] or 0) + 1
    with constraints_as_errors(PlanSection, refusal=_second_focus_area_section(tree)):
        return PlanSection.objects.create(
            plan=plan, parent=parent, position=position, title=title, body=body, kind=kind
        )


class _SectionTree:
    """A plan's sections as a tree, read once, for the rules on levels and placement."""

    def __init__(self, plan: CooperationPlan):
        self.sections = {s.pk: s for s in plan.sections.all()}
        self.numbers = section_numbers(list(self.sections.values()))

    def depth(self, pk: int) -> int:
        """1 for a top-level section, 2 for its subsection, …"""
        depth = 1
        while (pk := self.sections[pk].parent_id) is not None:
            depth += 1
        return depth

    def descendants(self, pk: int) -> set[int]:
        found = {s.pk for s in self.sections.values() if s.parent_id == pk}
        for child in list(found):
            found |= self.descendants(child)
        return found

    def height(self, pk: int) -> int:
        """The levels the section and its subsections take: 1 without subsections."""
        children = [s.pk for s in self.sections.values() if s.parent_id == pk]
        return 1 + max((self.height(child) for child in children), default=0)

    def number(self, pk: int) -> str:
        return self.numbers.get(pk, "")

    def of_kind(self, kind: str) -> list[PlanSection]:
        return [s for s in self.sections.values() if s.kind == kind]


def _too_deep(number: str) -> str:
    return _(
        "Planen har højst tre overskriftsniveauer (01, 01.1, 01.1.1); der kan ikke oprettes "
        "et afsnit under %(number)s."
    ) % {"number": number}


def _second_focus_area_section(tree: _SectionTree) -> PlanStateError:
    existing = tree.of_kind(PlanSection.Kind.FOCUS_AREAS)
    return PlanStateError(
        _(
            "Planen har allerede et afsnit med indsatsområderne (%(number)s); indsatsområderne "
            "står ét sted i planen."
        )
        % {"number": tree.number(existing[0].pk) if existing else ""}
    )


def _require_no_focus_area_section(tree: _SectionTree) -> None:
    if tree.of_kind(PlanSection.Kind.FOCUS_AREAS):
        raise _second_focus_area_section(tree)


@attributed
def place_section(section: PlanSection, *, parent: PlanSection | None, by) -> PlanSection:
    """Move the section (with its subsections) to the end of `parent`'s subsections, or to the
    end of the plan when `parent` is None. Refused under itself or one of its own
    subsections, and where it or its subsections would come below the third level."""
    plan = section.plan
    _require_editable(plan)
    tree = _SectionTree(plan)
    if parent is not None:
        if parent.plan_id != section.plan_id:
            raise PlanStateError(_("Overafsnittet hører til en anden plan."))
        if parent.pk == section.pk or parent.pk in tree.descendants(section.pk):
            raise PlanStateError(
                _("Et afsnit kan ikke flyttes ind under sig selv eller sine egne underafsnit.")
            )
        if tree.depth(parent.pk) + tree.height(section.pk) > PlanSection.MAX_DEPTH:
            raise PlanStateError(
                _(
                    "Under %(number)s ville afsnittet eller dets underafsnit komme under det "
                    "tredje overskriftsniveau (01.1.1); planen har højst tre niveauer."
                )
                % {"number": tree.number(parent.pk)}
            )
    parent_id = parent.pk if parent is not None else None
    if parent_id == section.parent_id:
        return section
    old_parent_id = section.parent_id
    with transaction.atomic():
        siblings = plan.sections.filter(parent=parent_id)
        section.parent_id = parent_id
        section.position = (siblings.aggregate(p=Max("position"))["p"] or 0) + 1
        PlanSection.objects.filter(pk=section.pk).update(
            parent=parent_id, position=section.position, version=F("version") + 1
        )
        _renumber(plan.sections.filter(parent=old_parent_id))
    section.refresh_from_db(fields=["version"])
    return section


@attributed
def update_section(
    section: PlanSection, *, expected_version: int, by, figure_options: dict | None = None
) -> PlanSection:
    """Save the title and text; a changed text counts as reviewed (its mark is cleared).
    `figure_options`, for a crime-trend section, is the author's choice of figures (see
    statistics.reading.block_options); bad options raise ValidationError and save nothing."""
    _require_editable(section.plan)
    fields = ["title", "body", *_reviewed_if_edited(section)]
    if figure_options is not None:
        section.options = _figure_options(section, figure_options)
        fields.append("options")
    return save_if_unchanged(section, expected_version=expected_version, fields=fields)


def _figure_options(section: PlanSection, options: dict) -> dict:
    if section.kind != PlanSection.Kind.CRIME_TRENDS:
        raise ValidationError(_("Kun et afsnit med kriminalitetstal kan vælge tal."))
    return clean_options(section.plan.district, options)


def _reviewed_if_edited(record: PlanSection | FocusArea) -> list[str]:
    """Clear the record's "skal gennemses" mark when its text was edited; the fields to save."""
    if not record.needs_review:
        return []
    stored = type(record).objects.filter(pk=record.pk).values_list("body", flat=True).first()
    if stored == record.body:
        return []
    record.needs_review, record.review_reasons = False, []
    return ["needs_review", "review_reasons"]


@attributed
def confirm_reviewed(
    record: PlanSection | FocusArea, *, expected_version: int, by
) -> PlanSection | FocusArea:
    """The secretariat has read the copied text and it stands as it is: clear the mark.
    Allowed on an approved plan too (the text does not change), so the kredsråd's approval
    need not be taken again; refused once the plan is published."""
    plan = record.plan
    if not (plan.is_editable or plan.status == CooperationPlan.Status.APPROVED):
        raise PlanStateError(
            _("Planen er %(status)s; teksten kan ikke længere bekræftes.")
            % {"status": plan.get_status_display().lower()}
        )
    record.needs_review, record.review_reasons = False, []
    return save_if_unchanged(
        record, expected_version=expected_version, fields=["needs_review", "review_reasons"]
    )


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
    """Remove a section with its subsections, of any kind: a plan without a lokalråd section
    prints no handleplan status. The focus-area section stays while the plan has focus areas,
    which would otherwise have nowhere to be printed."""
    _require_editable(section.plan)
    tree = _SectionTree(section.plan)
    removed = {section.pk} | tree.descendants(section.pk)
    holds_focus_areas = any(s.pk in removed for s in tree.of_kind(PlanSection.Kind.FOCUS_AREAS))
    if holds_focus_areas and section.plan.focus_areas.exists():
        raise PlanStateError(
            _(
                "Afsnittet rummer planens indsatsområder og kan ikke slettes, så længe planen "
                "har indsatsområder. Flyt afsnittet i stedet."
            )
        )
    with transaction.atomic():
        section.delete()
        _renumber(section.plan.sections.filter(parent=section.parent_id))


# Focus areas ---------------------------------------------------------------------------------


@attributed
def add_focus_area(plan: CooperationPlan, *, themes=(), by, **values) -> FocusArea:
    """A focus area at the end of the plan's list. `themes` are Theme rows or their codes."""
    _require_editable(plan)
    position = (plan.focus_areas.aggregate(p=Max("position"))["p"] or 0) + 1
    with transaction.atomic():
        focus_area = FocusArea.objects.create(plan=plan, position=position, **values)
        focus_area.themes.set(themes)
    return focus_area


@attributed
def update_focus_area(
    focus_area: FocusArea, *, expected_version: int, themes=None, by
) -> FocusArea:
    """Save the edited focus area; `themes` (Theme rows or codes), when given, replace its
    themes."""
    _require_editable(focus_area.plan)
    with transaction.atomic():
        save_if_unchanged(
            focus_area,
            expected_version=expected_version,
            fields=["title", "body", "responsible", *_reviewed_if_edited(focus_area)],
        )
        if themes is not None:
            focus_area.themes.set(themes)
    return focus_area


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
                # The strategy goes on while its period holds the new year.
                strategy=plan.strategy if plan.strategy and plan.strategy.covers(year) else None,
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
                # A figure block keeps its choice, its explicit quarters a year on.
                options=carried_options(section.options, years=year - plan.year),
                **_review_mark(section.body),
            )
        _carry_images(copies)
        # Initiative.CONTINUING; plans does not import initiatives (imports flow the other way).
        continuing = ("planned", "active", "permanent")
        carried_areas = {}
        for focus_area in plan.focus_areas.prefetch_related("initiatives", "themes"):
            carried = FocusArea.objects.create(
                plan=new,
                position=focus_area.position,
                title=focus_area.title,
                body=focus_area.body,
                responsible=focus_area.responsible,
                previous=focus_area,
                **_review_mark(focus_area.body),
            )
            carried_areas[focus_area.pk] = carried
            carried.themes.set(focus_area.themes.all())
            _carry_goals(focus_area, carried, year=year, strategy=new.strategy)
            carried.initiatives.set(
                [i for i in focus_area.initiatives.all() if i.status in continuing]
            )
        if plan.district.action_plans_required:
            _carry_action_plans(plan, new, carried_areas)
    return new


def _carry_images(copies: dict) -> None:
    """A section's images (an organisation chart) go on with its copy; the stored file is
    shared, only the placement is new."""
    placements = SectionImage.objects.filter(section__in=list(copies)).order_by("position")
    SectionImage.objects.bulk_create(
        SectionImage(
            section=copies[image.section_id],
            position=image.position,
            file_id=image.file_id,
            alt_text=image.alt_text,
            caption=image.caption,
        )
        for image in placements
    )


def _carry_goals(focus_area: FocusArea, carried: FocusArea, *, year: int, strategy) -> None:
    """The focus area's goals whose deadline is not yet past go on, linked to last year's
    (`previous`), so the year comparison pairs them. A goal stays tied to its strategy goal
    only while the new plan belongs to that strategy. Initiatives' goals need no copy: an
    initiative lives across the years."""
    for goal in Goal.objects.filter(focus_area=focus_area).select_related("contributes_to"):
        if int(goal.deadline[:4]) < year:
            continue
        contributes_to = goal.contributes_to
        if contributes_to and (strategy is None or contributes_to.strategy_id != strategy.pk):
            contributes_to = None
        Goal.objects.create(
            **{
                field.attname: getattr(goal, field.attname)
                for field in Goal._meta.concrete_fields
                if field.attname
                not in ("id", "focus_area_id", "previous_id", "contributes_to_id", "version")
                and not getattr(field, "auto_now", False)
                and not getattr(field, "auto_now_add", False)
            },
            focus_area=carried,
            previous=goal,
            contributes_to=contributes_to,
        )


def _review_mark(body: str) -> dict:
    """A copied text that names a year or quotes a figure must be read again before the new
    plan is published (plans.review). Only the written text is looked at: a generated section's
    computed part is made afresh for the new year, but its introduction is copied text too."""
    reasons = review_reasons(body)
    return {"needs_review": bool(reasons), "review_reasons": reasons}


def _carry_action_plans(plan: CooperationPlan, new: CooperationPlan, carried_areas) -> None:
    """Each lokalråd's handleplan of `plan` starts next year as a draft copy, linked to it:
    the introduction and the items with their partners and forums, each item serving the
    carried copy of its focus area, its dates a year later (a yearly action recurs)."""
    old_plans = ActionPlan.objects.filter(plan=plan).prefetch_related(
        "items__partners", "items__forums"
    )
    for old in old_plans:
        copy = ActionPlan.objects.create(
            council_id=old.council_id, plan=new, introduction=old.introduction, previous=old
        )
        for item in old.items.all():
            area = carried_areas.get(item.focus_area_id)
            item_copy = ActionPlanItem.objects.create(
                action_plan=copy,
                position=item.position,
                title=item.title,
                description=item.description,
                focus_area=area,
                responsible_id=item.responsible_id,
                starts=item.starts and _same_day_next_year(item.starts),
                ends=item.ends and _same_day_next_year(item.ends),
            )
            item_copy.partners.set(item.partners.all())
            item_copy.forums.set(item.forums.all())


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


# Themes (kept by the administrator) ------------------------------------------------------------


@attributed
def create_theme(*, label: str, position: int = 0, by) -> Theme:
    taken = set(Theme.objects.values_list("code", flat=True))
    return save_checked(Theme(code=new_code(label, taken), label=label, position=position))


@attributed
def update_theme(theme: Theme, *, expected_version: int, by) -> Theme:
    """Save the label, place and whether it is retired. A retired theme is no longer offered
    for focus areas, but the focus areas that have it keep it."""
    return save_checked(theme, expected_version=expected_version, fields=VOCABULARY_FIELDS)


@attributed
def delete_theme(theme: Theme, *, by) -> None:
    """Only a theme no focus area uses can be deleted; one in use is retired instead."""
    used = theme.focus_areas.count()
    if used:
        raise PlanStateError(
            ngettext(
                "Temaet bruges af %(count)d indsatsområde og kan ikke slettes; "
                "markér det som udgået.",
                "Temaet bruges af %(count)d indsatsområder og kan ikke slettes; "
                "markér det som udgået.",
                used,
            )
            % {"count": used}
        )
    theme.delete()
