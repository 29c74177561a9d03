"""Nordjylland's strategy 2023-2026 in the states a story needs, and goals to give it."""

import datetime
from decimal import Decimal

import pytest

from kredsraad.goals import actions as goal_actions
from kredsraad.plans import actions as plan_actions
from kredsraad.strategies import actions
from kredsraad.strategies.models import DASH


@pytest.fixture
def strategy(nordjylland, sekretariat):
    """A draft for 2023-2026."""
    return actions.create_strategy(
        nordjylland,
        title=f"Tryghed i Nordjylland 2023{DASH}2026",
        first_year=2023,
        last_year=2026,
        body="Færre indbrud og mere tryghed i nattelivet.",
        by=sekretariat,
    )


def add_goal(owner, organisation, by, statement="Flere deltagere i tryghedsvandringer", **values):
    """A goal measured by a value the organisation reports (no statistics needed)."""
    return goal_actions.add_goal(
        owner,
        statement=statement,
        direction="up",
        target=Decimal(values.pop("target", "40")),
        baseline_period="2022",
        deadline=values.pop("deadline", "2026"),
        source="reported",
        reported_by=organisation,
        unit="count",
        by=by,
        **values,
    )


def approve(strategy, by):
    return actions.approve_strategy(
        strategy, on=datetime.date(2023, 1, 10), reference="Kredsrådets møde 1/2023", by=by
    )


@pytest.fixture
def published_strategy(strategy, sekretariat, politi_nord):
    add_goal(strategy, politi_nord, sekretariat)
    approve(strategy, sekretariat)
    actions.publish_strategy(strategy, by=sekretariat)
    strategy.refresh_from_db()
    return strategy


@pytest.fixture
def plan_2023(nordjylland, sekretariat, politi_nord):
    plan = plan_actions.create_plan(nordjylland, year=2023, by=sekretariat)
    plan_actions.add_focus_area(
        plan,
        title="Tryghed i nattelivet",
        body="",
        themes=["nightlife"],
        responsible=politi_nord,
        by=sekretariat,
    )
    return plan


@pytest.fixture
def strategy_midtvest(midtvest, sekretariat_midtvest):
    return actions.create_strategy(
        midtvest,
        title=f"Midt- og Vestjylland 2024{DASH}2027",
        first_year=2024,
        last_year=2027,
        by=sekretariat_midtvest,
    )
