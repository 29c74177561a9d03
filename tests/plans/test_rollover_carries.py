"""What a rolled-over plan takes along besides its texts: its focus areas' goals that are not
yet due, its sections' images, and its strategy while the strategy's period holds the year."""

import datetime

import pytest

from kredsraad.images import actions as image_actions
from kredsraad.plans import actions
from kredsraad.strategies import actions as strategy_actions
from tests.goals.conftest import reported_goal
from tests.images.conftest import ALT, png
from tests.plans.conftest import approved


@pytest.fixture
def strategy(nordjylland, sekretariat, politi_nord):
    strategy = strategy_actions.create_strategy(
        nordjylland, title="Tryghed 2023-2024", first_year=2023, last_year=2024, by=sekretariat
    )
    strategy_goal = reported_goal(strategy, sekretariat, politi_nord)
    return strategy, strategy_goal


def test_next_years_plan_takes_along_goals_images_and_strategy(
    plan_2023, strategy, sekretariat, kredsraad_nord, politi_nord
):
    strategy, strategy_goal = strategy
    strategy_actions.approve_strategy(
        strategy, on=datetime.date(2022, 12, 1), reference="Møde 1", by=sekretariat
    )
    strategy_actions.publish_strategy(strategy, by=sekretariat)
    strategy_actions.link_plan(plan_2023, strategy=strategy, by=sekretariat)
    area = plan_2023.focus_areas.first()
    ongoing = reported_goal(
        area, sekretariat, politi_nord, deadline="2025", contributes_to=strategy_goal
    )
    reported_goal(area, sekretariat, politi_nord, statement="Kurser i 2023", deadline="2023")
    section = actions.add_section(plan_2023, title="Organisationen", body="", by=sekretariat)
    image_actions.add_section_image(section, data=png(), alt_text=ALT, by=sekretariat)
    approved(plan_2023, sekretariat, kredsraad_nord)
    actions.publish_plan(plan_2023, by=sekretariat)

    plan_2024 = actions.roll_over(plan_2023, by=sekretariat)

    assert plan_2024.strategy == strategy
    carried = plan_2024.focus_areas.get(previous=area)
    assert [(g.statement, g.previous, g.contributes_to) for g in carried.goals.all()] == [
        (ongoing.statement, ongoing, strategy_goal)
    ]
    copy = plan_2024.sections.get(title="Organisationen")
    assert [(i.alt_text, i.file_id) for i in copy.images.all()] == [
        (ALT, section.images.get().file_id)
    ]


def test_a_strategy_that_ends_stays_with_its_last_year(plan_2023, strategy, sekretariat):
    strategy, _ = strategy
    strategy_actions.approve_strategy(
        strategy, on=datetime.date(2022, 12, 1), reference="Møde 1", by=sekretariat
    )
    strategy_actions.publish_strategy(strategy, by=sekretariat)
    plan_2024 = actions.roll_over(plan_2023, by=sekretariat)
    strategy_actions.link_plan(plan_2024, strategy=strategy, by=sekretariat)

    plan_2025 = actions.roll_over(plan_2024, by=sekretariat)

    assert plan_2025.strategy is None
