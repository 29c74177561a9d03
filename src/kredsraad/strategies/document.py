"""The strategy as a document, and the strategy as a yearly plan shows it.

As with a plan, the same structure is shown live while the strategy is written and frozen (as
JSON and HTML) when it is published. A yearly plan tied to a strategy carries the strategy's
goals and this year's contribution to them in its own content, so a published plan keeps them
as they were when it was published, whatever the strategy becomes later.
"""

from django.db.models import Q
from django.urls import reverse

from kredsraad.core.markdown import render_markdown
from kredsraad.goals.content import goal_entries
from kredsraad.goals.models import Goal
from kredsraad.strategies.models import Strategy


def strategy_goals(strategy: Strategy):
    return Goal.objects.filter(strategy=strategy).order_by("position", "pk")


def strategy_content(strategy: Strategy) -> dict:
    """The strategy as a document: its period, text, approval and goals with their computed
    progress as of now."""
    return {
        "title": strategy.title,
        "district": strategy.district.name,
        "first_year": strategy.first_year,
        "last_year": strategy.last_year,
        "period": strategy.period_label,
        "html": str(render_markdown(strategy.body)),
        "approved": {
            "on": strategy.approved_on.isoformat(),
            "reference": strategy.approval_reference,
        }
        if strategy.approved_on
        else None,
        "goals": goal_entries(strategy_goals(strategy)),
    }


def public_url(strategy: Strategy) -> str | None:
    """Where the public reads the strategy; None before it is published (a plan published
    meanwhile must not point to a page that does not exist)."""
    if strategy.status != Strategy.Status.PUBLISHED:
        return None
    return reverse("publishing:public_strategy", args=[strategy.district.slug, strategy.uuid])


def plan_strategy(plan) -> dict | None:
    """The strategy a yearly plan belongs to, for the plan's content: its title, period, goals
    and, per strategy goal, the statements of this year's goals (of the plan's focus areas and
    of the initiatives serving them) that contribute to it. None for a plan without one."""
    if plan.strategy_id is None:
        return None
    strategy = Strategy.objects.select_related("district").get(pk=plan.strategy_id)
    goals = goal_entries(strategy_goals(strategy))
    this_year = (
        Goal.objects.filter(contributes_to__strategy=strategy)
        .filter(Q(focus_area__plan=plan) | Q(initiative__focus_areas__plan=plan))
        .order_by("contributes_to__position", "contributes_to_id", "position", "pk")
        .values_list("contributes_to_id", "pk", "statement")
    )
    contributions: dict[int, list[str]] = {}
    seen = set()
    for target, pk, statement in this_year:
        # An initiative serving two of the plan's focus areas is reached twice.
        if pk not in seen:
            seen.add(pk)
            contributions.setdefault(target, []).append(statement)
    return {
        "title": strategy.title,
        "period": strategy.period_label,
        "first_year": strategy.first_year,
        "last_year": strategy.last_year,
        "url": public_url(strategy),
        "goals": goals,
        "contributions": [
            {"strategy_goal_id": goal["id"], "goals": contributions[goal["id"]]}
            for goal in goals
            if goal["id"] in contributions
        ],
    }
