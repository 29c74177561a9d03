"""Next year's plan from this year's, and what changed between them."""

import pytest

from kredsraad.plans import actions
from kredsraad.plans.comparison import compare_plans


def test_secretariat_rolls_2023_into_a_2024_draft(published_2023, sekretariat):
    plan_2024 = actions.roll_over(published_2023, by=sekretariat)

    assert (plan_2024.year, plan_2024.status, plan_2024.previous) == (2024, "draft", published_2023)
    assert plan_2024.title == "Kredsrådets samarbejdsplan 2024"
    assert [a.title for a in plan_2024.focus_areas.all()] == [
        a.title for a in published_2023.focus_areas.all()
    ]
    assert all(a.previous.plan == published_2023 for a in plan_2024.focus_areas.all())
    assert plan_2024.sections.count() == published_2023.sections.count()


def test_rolling_over_twice_into_the_same_year_is_refused(published_2023, sekretariat):
    actions.roll_over(published_2023, by=sekretariat)

    with pytest.raises(actions.PlanStateError, match="Der findes allerede en plan for 2024"):
        actions.roll_over(published_2023, by=sekretariat)


def test_comparison_shows_renamed_added_and_removed_focus_areas(published_2023, sekretariat):
    plan_2024 = actions.roll_over(published_2023, by=sekretariat)
    first, second = plan_2024.focus_areas.all()
    first.title = "Nærstationerne i Aars og Brønderslev"
    actions.update_focus_area(first, expected_version=first.version, by=sekretariat)
    second.delete()
    actions.add_focus_area(
        plan_2024, title="Tryghed på nettet", body="", themes=[], responsible=None, by=sekretariat
    )

    comparison = compare_plans(published_2023, plan_2024)

    assert [(old.title, new.title) for old, new in comparison.focus_areas_renamed] == [
        ("Det lokale samarbejde fra to nye nærstationer", "Nærstationerne i Aars og Brønderslev")
    ]
    assert [a.title for a in comparison.focus_areas_added] == ["Tryghed på nettet"]
    assert [a.title for a in comparison.focus_areas_removed] == [
        "Fælles projekt mod socialbedrageri"
    ]


def test_comparison_shows_changed_words(published_2023, sekretariat):
    plan_2024 = actions.roll_over(published_2023, by=sekretariat)
    old_section = published_2023.sections.get(kind="crime_trends")
    type(old_section).objects.filter(pk=old_section.pk).update(body="Volden steg 26 %.")
    section = plan_2024.sections.get(kind="crime_trends")
    section.body = "Volden steg 12 %."
    actions.update_section(section, expected_version=section.version, by=sekretariat)

    changes = {c.title: c for c in compare_plans(published_2023, plan_2024).sections}

    assert changes["Kriminalitetsudviklingen"].words == [
        (" ", "Volden steg"),
        ("-", "26"),
        ("+", "12"),
        (" ", "%."),
    ]
