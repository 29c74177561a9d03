"""The strategy panel on a yearly plan's page: which strategy the plan belongs to, and for its
editors the choice of one. A tag of its own, so the plan's page need not know of strategies."""

from django import template

from kredsraad.strategies.forms import PlanStrategyForm

register = template.Library()


@register.inclusion_tag("strategies/_plan_strategy.html", takes_context=True)
def plan_strategy(context, plan, editable: bool):
    """`editable`: the user may edit the plan and the plan is editable. Two queries at most."""
    return {
        "plan": plan,
        "strategy": plan.strategy if plan.strategy_id else None,
        "form": PlanStrategyForm(plan=plan) if editable else None,
        "csrf_token": context.get("csrf_token"),
    }
