"""What changed between two years' plans: focus areas added, removed, renamed or rewritten,
their goals, the initiatives added, dropped or changed, and the words changed in each section.

Texts are compared word by word (difflib on whitespace-separated words). The comparison says
"Ingen ændringer" only when every part is unchanged (`Comparison.unchanged`).

plans does not import initiatives or goals (imports flow the other way): their models are
reached through the focus area's reverse relations.
"""

import difflib
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from kredsraad.core.history import event_models_tracking
from kredsraad.plans.document import section_numbers
from kredsraad.plans.models import CooperationPlan, FocusArea

Words = list[tuple[str, str]]  # (op, text): " " kept, "+" added, "-" removed


@dataclass
class SectionChange:
    number: str
    title: str
    status: str  # "added", "removed", "changed"
    words: Words = field(default_factory=list)


@dataclass
class FieldChange:
    """One field of a record whose value changed, as a word diff."""

    label: str
    words: Words


@dataclass
class RecordChange:
    """A focus area, goal or initiative that is new, gone or changed between the years."""

    title: str
    status: str  # "added", "removed", "changed"
    fields: list[FieldChange] = field(default_factory=list)
    context: str = ""  # what the record belongs to, e.g. the focus area of a goal
    url: str = ""


@dataclass
class Comparison:
    focus_areas_added: list
    focus_areas_removed: list
    focus_areas_renamed: list  # (old, new)
    initiatives_added: list
    initiatives_dropped: list
    initiatives_permanent: list
    sections: list[SectionChange]
    focus_areas_changed: list[RecordChange] = field(default_factory=list)
    goals: list[RecordChange] = field(default_factory=list)
    initiatives_changed: list[RecordChange] = field(default_factory=list)

    @property
    def focus_areas_unchanged(self) -> bool:
        return not (
            self.focus_areas_added
            or self.focus_areas_removed
            or self.focus_areas_renamed
            or self.focus_areas_changed
        )

    @property
    def initiatives_unchanged(self) -> bool:
        return not (self.initiatives_added or self.initiatives_dropped or self.initiatives_changed)

    @property
    def unchanged(self) -> bool:
        """Nothing at all differs: no text, no focus area, goal or initiative."""
        return (
            self.focus_areas_unchanged
            and self.initiatives_unchanged
            and not self.goals
            and not self.sections
        )


def compare_plans(old: CooperationPlan, new: CooperationPlan) -> Comparison:
    old_areas = _areas(old)
    new_areas = _areas(new)
    carried = {area.previous_id: area for area in new_areas if area.previous_id}
    old_initiatives = {i.pk: i for area in old_areas for i in area.initiatives.all()}
    new_initiatives = {i.pk: i for area in new_areas for i in area.initiatives.all()}
    return Comparison(
        focus_areas_added=[a for a in new_areas if a.previous_id not in {o.pk for o in old_areas}],
        focus_areas_removed=[a for a in old_areas if a.pk not in carried],
        focus_areas_renamed=[
            (a, carried[a.pk])
            for a in old_areas
            if a.pk in carried and carried[a.pk].title != a.title
        ],
        initiatives_added=sorted(
            (i for pk, i in new_initiatives.items() if pk not in old_initiatives), key=str
        ),
        initiatives_dropped=sorted(
            (i for pk, i in old_initiatives.items() if pk not in new_initiatives), key=str
        ),
        initiatives_permanent=sorted(
            (i for i in new_initiatives.values() if i.status == "permanent"), key=str
        ),
        sections=_section_changes(old, new),
        focus_areas_changed=_focus_area_changes(old_areas, carried),
        goals=_goal_changes(old, new),
        initiatives_changed=_initiative_changes(old, new, old_initiatives, new_initiatives),
    )


def _areas(plan) -> list[FocusArea]:
    return list(
        plan.focus_areas.select_related("responsible").prefetch_related("initiatives", "themes")
    )


def _section_changes(old, new) -> list[SectionChange]:
    """Sections pair up by title (numbers move when sections are added); bodies are compared
    word by word."""
    old_sections, new_sections = list(old.sections.all()), list(new.sections.all())
    old_numbers, new_numbers = section_numbers(old_sections), section_numbers(new_sections)
    by_title = {_key(s.title, old.year): s for s in old_sections}
    changes, seen = [], set()
    for section in sorted(new_sections, key=lambda s: new_numbers[s.pk]):
        previous = by_title.get(_key(section.title, new.year))
        if previous is None:
            changes.append(SectionChange(new_numbers[section.pk], section.title, "added"))
            continue
        seen.add(previous.pk)
        if _words_differ(previous.body, section.body):
            changes.append(
                SectionChange(
                    new_numbers[section.pk],
                    section.title,
                    "changed",
                    word_diff(previous.body, section.body),
                )
            )
    for section in old_sections:
        if section.pk not in seen:
            changes.append(SectionChange(old_numbers[section.pk], section.title, "removed"))
    return changes


def _key(title: str, year: int) -> str:
    return title.replace(str(year), "").strip().lower()


def _focus_area_changes(old_areas, carried) -> list[RecordChange]:
    """Carried focus areas whose text, themes or responsible organisation changed (a new
    title alone is a rename, listed apart)."""
    changes = []
    for old in old_areas:
        new = carried.get(old.pk)
        if new is None:
            continue
        fields = _field_changes(
            [
                (_("Tekst"), old.body, new.body),
                (_("Temaer"), ", ".join(old.theme_labels), ", ".join(new.theme_labels)),
                (
                    _("Ansvarlig"),
                    old.responsible.name if old.responsible else "",
                    new.responsible.name if new.responsible else "",
                ),
            ]
        )
        if fields:
            changes.append(RecordChange(new.title, "changed", fields, url=new.get_absolute_url()))
    return changes


def _goal_changes(old, new) -> list[RecordChange]:
    """The focus areas' goals, paired by the goal each was carried from: statement, target
    and deadline compared; a goal without a predecessor is new, one not carried is gone."""
    goal_model = FocusArea._meta.get_field("goals").related_model
    old_goals = list(goal_model.objects.filter(focus_area__plan=old).select_related("focus_area"))
    new_goals = list(goal_model.objects.filter(focus_area__plan=new).select_related("focus_area"))
    old_ids = {goal.pk for goal in old_goals}
    carried = {goal.previous_id for goal in new_goals if goal.previous_id in old_ids}
    by_id = {goal.pk: goal for goal in old_goals}
    changes = []
    for goal in new_goals:
        context = goal.focus_area.title
        previous = by_id.get(goal.previous_id)
        if previous is None:
            changes.append(RecordChange(goal.statement, "added", context=context))
            continue
        fields = _field_changes(
            [
                (_("Mål"), previous.statement, goal.statement),
                (_("Målværdi"), _number(previous.target), _number(goal.target)),
                (_("Frist"), previous.deadline, goal.deadline),
            ]
        )
        if fields:
            changes.append(RecordChange(goal.statement, "changed", fields, context=context))
    for goal in old_goals:
        if goal.pk not in carried:
            changes.append(RecordChange(goal.statement, "removed", context=goal.focus_area.title))
    return changes


def _number(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}".replace(".", ",")


def _initiative_changes(old, new, old_initiatives, new_initiatives) -> list[RecordChange]:
    """An initiative lives across years. One that goes on is compared with itself as it was
    when last year's plan was published (its recorded history); one continuing another under a
    new name (`continues`) is compared with that one as it is."""
    changes = []
    as_of = _published_at(old)
    then = _as_they_were(list(new_initiatives), as_of) if as_of else {}
    for initiative in sorted(new_initiatives.values(), key=str):
        if initiative.pk in old_initiatives:
            before = then.get(initiative.pk)
        elif initiative.continues_id in old_initiatives:
            before = old_initiatives[initiative.continues_id]
        else:
            continue
        if before is None:
            continue
        fields = _field_changes(
            [
                (_("Titel"), before.title, initiative.title),
                (_("Beskrivelse"), before.description, initiative.description),
                (
                    _("Status"),
                    _status_label(initiative, before.status),
                    initiative.get_status_display(),
                ),
            ]
        )
        if fields:
            changes.append(
                RecordChange(initiative.title, "changed", fields, url=initiative.get_absolute_url())
            )
    return changes


def _published_at(plan):
    version = plan.versions.order_by("-number").first()
    return version.published_at if version else None


def _as_they_were(initiatives, moment) -> dict:
    """Initiative id → its recorded state (an event row) at `moment`, for those with one."""
    if not initiatives:
        return {}
    model = FocusArea._meta.get_field("initiatives").related_model
    states = {}
    for event_model in event_models_tracking(model):
        events = event_model.objects.filter(
            pgh_obj_id__in=initiatives, pgh_created_at__lte=moment
        ).order_by("pgh_obj_id", "pgh_created_at", "pgh_id")
        for event in events:
            states[event.pgh_obj_id] = event
    return states


def _status_label(initiative, status: str) -> str:
    return str(dict(type(initiative).Status.choices).get(status, status))


def _field_changes(triples) -> list[FieldChange]:
    return [
        FieldChange(str(label), word_diff(before or "", after or ""))
        for label, before, after in triples
        if _words_differ(before or "", after or "")
    ]


def _words_differ(before: str, after: str) -> bool:
    return before.split() != after.split()


def word_diff(before: str, after: str) -> Words:
    """Runs of words kept (" "), removed ("-") and added ("+"); a replaced run is shown as
    removed, then added. Whitespace and line breaks do not count as changes."""
    old, new = before.split(), after.split()
    runs: Words = []

    def add(op, words):
        if not words:
            return
        text = " ".join(words)
        if runs and runs[-1][0] == op:
            runs[-1] = (op, f"{runs[-1][1]} {text}")
        else:
            runs.append((op, text))

    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add(" ", old[i1:i2])
        else:
            add("-", old[i1:i2])
            add("+", new[j1:j2])
    return runs
