"""Adding, editing and deleting goals: every bad input is refused in Danish on its field and
changes nothing; a goal follows its owner's state; a stale edit is a conflict."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kredsraad.core.concurrency import EditConflict
from kredsraad.goals import actions
from kredsraad.goals.models import Goal
from kredsraad.plans import actions as plan_actions
from kredsraad.strategies.models import Strategy
from tests.goals.conftest import burglary_goal, reported_goal


def refusal(owner, by, **values) -> dict:
    with pytest.raises(ValidationError) as refused:
        burglary_goal(owner, by, **values)
    assert Goal.objects.count() == 0
    return refused.value.message_dict


def test_secretariat_adds_a_burglary_goal_to_a_focus_area(sekretariat, area, burglaries):
    goal = burglary_goal(area, sekretariat, area="0851", baseline_period="2022K1-2022K4")

    assert (goal.focus_area, goal.district_id, goal.position) == (area, area.plan.district_id, 0)
    assert (goal.area, goal.baseline_period) == ("851", "2022")


def test_second_goal_comes_last(sekretariat, area, burglaries):
    burglary_goal(area, sekretariat)

    second = burglary_goal(area, sekretariat, statement="Også færre på Læsø", area="825")

    assert second.position == 1


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"statement": "  "}, "statement", "Skriv målet"),
        ({"target": None}, "target", "Angiv målværdien."),
        ({"deadline": ""}, "deadline", "Angiv fristen som et år (2025) eller et kvartal (2025K4)."),
        ({"deadline": "2025K5"}, "deadline", "Angiv fristen som et år"),
        ({"deadline": "2024-2025"}, "deadline", "Angiv fristen som et år"),
        (
            {"deadline": "2022"},
            "deadline",
            "Fristen (2022) skal ligge efter udgangspunktet (2022).",
        ),
        ({"baseline_period": ""}, "baseline_period", "Angiv udgangspunktet som en periode"),
        ({"baseline_period": "sidste år"}, "baseline_period", "Udgangspunktet: Ugyldig periode"),
        ({"direction": "sideways"}, "direction", "Vælg en retning"),
        ({"table": ""}, "table", "Angiv statistikkens tabel, fx STRAF11."),
        ({"table": "STRAF99"}, "table", "Tabellen »STRAF99« findes ikke."),
        ({"measure": ""}, "measure", "Angiv målet i tabellen"),
        ({"measure": "9999"}, "measure", "Overtrædelsen »9999« findes ikke i statistikken."),
        ({"area": ""}, "area", "Angiv området"),
        ({"area": "999"}, "area", "Området »999« findes ikke."),
        ({"area": "politikreds:99"}, "area", "Området »politikreds:99« findes ikke."),
        ({"target": Decimal(-1)}, "target", "Målværdien kan ikke være negativ for et antal."),
        ({"unit": "per_day"}, "unit", "Vælg en enhed"),
    ],
)
def test_secretariat_is_told_what_is_wrong_with_a_goal(
    sekretariat, area, burglaries, values, field, message
):
    errors = refusal(area, sekretariat, **values)

    assert message in errors[field][0]


def test_a_reported_goal_needs_who_reports_and_no_rate(sekretariat, area):
    with pytest.raises(ValidationError) as refused:
        reported_goal(area, sekretariat, None, unit="per_1000")

    assert refused.value.message_dict == {
        "reported_by": ["Vælg den organisation, der indberetter værdien."],
        "unit": [
            "Pr. 1.000 indbyggere kan kun bruges med statistikkens serier. Vælg antal eller "
            "ændring i %."
        ],
    }
    assert Goal.objects.count() == 0


def test_a_goal_on_a_table_not_yet_imported_is_accepted(sekretariat, area):
    goal = burglary_goal(area, sekretariat, table="uheldk1", measure="INDBLAND=71;ALDER=6599")

    assert (goal.table, goal.measure) == ("UHELDK1", "INDBLAND=71;ALDER=6599")


def test_goal_of_a_published_plan_cannot_change(sekretariat, area, burglaries, kredsraad_nord):
    import datetime

    goal = burglary_goal(area, sekretariat)
    plan = area.plan
    plan_actions.send_for_discussion(plan, by=sekretariat)
    plan_actions.approve_plan(
        plan,
        council=kredsraad_nord,
        on=datetime.date(2022, 12, 6),
        reference="Møde",
        by=sekretariat,
    )
    goal.refresh_from_db()

    with pytest.raises(actions.GoalStateError, match="Planen er godkendt, og dens mål"):
        actions.update_goal(goal, expected_version=goal.version, by=sekretariat, target=Decimal(1))
    with pytest.raises(actions.GoalStateError):
        actions.delete_goal(goal, by=sekretariat)
    with pytest.raises(actions.GoalStateError):
        burglary_goal(area, sekretariat)
    goal.refresh_from_db()
    assert (goal.target, Goal.objects.count()) == (Decimal(300), 1)


def test_strategy_goals_change_only_in_draft_or_correction(sekretariat, nordjylland, burglaries):
    strategy = Strategy.objects.create(
        district=nordjylland, title="Strategi 2023-2026", first_year=2023, last_year=2026
    )
    goal = burglary_goal(strategy, sekretariat)
    Strategy.objects.filter(pk=strategy.pk).update(status=Strategy.Status.APPROVED)
    goal.refresh_from_db()

    with pytest.raises(actions.GoalStateError, match="Strategien er godkendt"):
        actions.delete_goal(goal, by=sekretariat)
    Strategy.objects.filter(pk=strategy.pk).update(in_correction=True)
    goal.refresh_from_db()
    actions.delete_goal(goal, by=sekretariat)
    assert Goal.objects.count() == 0


def test_initiative_goal_follows_the_initiative(sekretariat, initiative, burglaries):
    goal = burglary_goal(initiative, sekretariat)

    assert (goal.initiative, goal.focus_area) == (initiative, None)


def test_stale_edit_is_a_conflict_and_changes_nothing(sekretariat, area, burglaries):
    goal = burglary_goal(area, sekretariat)
    actions.update_goal(goal, expected_version=1, by=sekretariat, target=Decimal(320))

    stale = Goal.objects.get(pk=goal.pk)
    with pytest.raises(EditConflict):
        actions.update_goal(stale, expected_version=1, by=sekretariat, target=Decimal(310))

    assert Goal.objects.get(pk=goal.pk).target == Decimal(320)


def test_bad_edit_changes_nothing(sekretariat, area, burglaries):
    goal = burglary_goal(area, sekretariat)

    with pytest.raises(ValidationError):
        actions.update_goal(goal, expected_version=1, by=sekretariat, area="politikreds:99")

    stored = Goal.objects.get(pk=goal.pk)
    assert (stored.area, stored.version) == ("851", 1)


def test_goal_contributes_only_to_a_strategy_goal_of_its_district(
    sekretariat, area, burglaries, midtvest, sekretariat_midtvest
):
    other = Strategy.objects.create(
        district=midtvest, title="Midtvest 2023-2026", first_year=2023, last_year=2026
    )
    theirs = burglary_goal(other, sekretariat_midtvest)
    plain = burglary_goal(area, sekretariat)

    errors = refusal_of(lambda: burglary_goal(area, sekretariat, contributes_to=theirs))
    errors_plain = refusal_of(lambda: burglary_goal(area, sekretariat, contributes_to=plain))

    assert errors["contributes_to"] == [
        "Et mål kan kun bidrage til et mål i en strategi for samme politikreds."
    ]
    assert errors_plain == errors


def refusal_of(add) -> dict:
    before = Goal.objects.count()
    with pytest.raises(ValidationError) as refused:
        add()
    assert Goal.objects.count() == before
    return refused.value.message_dict


def test_target_on_the_wrong_side_of_the_baseline_is_saved_with_a_warning(
    sekretariat, area, burglaries
):
    goal = burglary_goal(area, sekretariat, target=Decimal(450))

    warnings = actions.goal_warnings(goal)

    assert warnings == [
        "Målværdien ligger over udgangspunktets værdi (400), men målet er at komme ned. Tjek "
        "retning og målværdi."
    ]
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_target_in_the_right_direction_has_no_warning(sekretariat, area, burglaries):
    goal = burglary_goal(area, sekretariat)

    assert actions.goal_warnings(goal) == []
