"""A year's goal counts toward the strategy its plan belongs to, and no other."""

import pytest
from django.core.exceptions import ValidationError

from kredsraad.goals.forms import GoalForm
from kredsraad.strategies import actions
from tests.strategies.conftest import add_goal


def test_a_focus_area_goal_cannot_count_toward_a_strategy_its_plan_is_not_tied_to(
    sekretariat, plan_2023, published_strategy, politi_nord
):
    area = plan_2023.focus_areas.get()

    with pytest.raises(ValidationError) as refusal:
        add_goal(area, politi_nord, sekretariat, contributes_to=published_strategy.goals.get())

    assert refusal.value.message_dict["contributes_to"] == [
        "Et indsatsområdes mål kan kun bidrage til et mål i planens egen strategi; "
        "knyt først planen til strategien."
    ]
    assert not area.goals.exists()


def test_the_goal_form_offers_only_the_plans_own_strategys_goals(
    sekretariat, plan_2023, published_strategy, politi_nord
):
    area = plan_2023.focus_areas.get()
    owner = {"focus_area": area}

    untied = GoalForm(district_id=area.plan.district_id, owner_fields=owner)
    actions.link_plan(plan_2023, strategy=published_strategy, by=sekretariat)
    area.plan.refresh_from_db()
    tied = GoalForm(district_id=area.plan.district_id, owner_fields=owner)

    assert list(untied.fields["contributes_to"].queryset) == []
    assert list(tied.fields["contributes_to"].queryset) == list(published_strategy.goals.all())


def test_untying_the_plan_ends_its_goals_contributions(
    sekretariat, plan_2023, published_strategy, politi_nord
):
    actions.link_plan(plan_2023, strategy=published_strategy, by=sekretariat)
    goal = add_goal(
        plan_2023.focus_areas.get(),
        politi_nord,
        sekretariat,
        contributes_to=published_strategy.goals.get(),
    )

    actions.link_plan(plan_2023, strategy=None, by=sekretariat)

    goal.refresh_from_db()
    assert goal.contributes_to is None
