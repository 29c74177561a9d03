"""What changed between two years' plans: focus areas added, removed or renamed, initiatives
added or dropped, and the words changed in each section."""

import difflib
from dataclasses import dataclass, field

from kredsraad.plans.document import section_numbers
from kredsraad.plans.models import CooperationPlan


@dataclass
class SectionChange:
    number: str
    title: str
    status: str  # "added", "removed", "changed"
    words: list[tuple[str, str]] = field(default_factory=list)  # (op, text): " ", "+", "-"


@dataclass
class Comparison:
    focus_areas_added: list
    focus_areas_removed: list
    focus_areas_renamed: list  # (old, new)
    initiatives_added: list
    initiatives_dropped: list
    initiatives_permanent: list
    sections: list[SectionChange]


def compare_plans(old: CooperationPlan, new: CooperationPlan) -> Comparison:
    old_areas = list(old.focus_areas.prefetch_related("initiatives"))
    new_areas = list(new.focus_areas.prefetch_related("initiatives"))
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
        if previous.body != section.body:
            changes.append(
                SectionChange(
                    new_numbers[section.pk],
                    section.title,
                    "changed",
                    _word_diff(previous.body, section.body),
                )
            )
    for section in old_sections:
        if section.pk not in seen:
            changes.append(SectionChange(old_numbers[section.pk], section.title, "removed"))
    return changes


def _key(title: str, year: int) -> str:
    return title.replace(str(year), "").strip().lower()


def _word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Runs of words kept (" "), added ("+") and removed ("-")."""
    runs: list[tuple[str, str]] = []
    for token in difflib.ndiff(before.split(), after.split()):
        op, word = token[0], token[2:]
        if op == "?":
            continue
        if runs and runs[-1][0] == op:
            runs[-1] = (op, f"{runs[-1][1]} {word}")
        else:
            runs.append((op, word))
    return runs
