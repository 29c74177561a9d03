"""`kredsraad demo` gives Nordjylland its published 2023-2026 strategy with the 2023 plan tied to
it, and loading it again changes nothing."""

from django.core.management import call_command

from kredsraad.plans.models import CooperationPlan
from kredsraad.strategies.models import DASH, Strategy, StrategyVersion


def test_demo_publishes_nordjyllands_strategy_and_ties_the_2023_plan(db):
    call_command("demo", "--quiet")

    strategy = Strategy.objects.get(district__code=1)
    plan = CooperationPlan.objects.get(district__code=1, year=2023)
    assert strategy.period_label == f"2023{DASH}2026"
    assert strategy.status == Strategy.Status.PUBLISHED
    assert 2 <= strategy.goals.count() <= 3
    assert plan.strategy == strategy
    frozen = plan.versions.get().content["strategy"]
    assert frozen["title"] == strategy.title
    assert len(frozen["goals"]) == strategy.goals.count()


def test_demo_run_twice_keeps_one_strategy_version(db):
    call_command("demo", "--quiet")

    call_command("demo", "--quiet")

    assert StrategyVersion.objects.count() == 1
    assert Strategy.objects.count() == 1
