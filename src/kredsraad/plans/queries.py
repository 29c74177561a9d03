"""Reads of plans that several pages share."""

from kredsraad.accounts.scoping import action_plans_visible_to, councils_visible_to
from kredsraad.councils.models import Council
from kredsraad.plans.document import action_plan_status
from kredsraad.plans.models import ActionPlan, CooperationPlan


def action_plan_rows(user, plan: CooperationPlan, today=None) -> list[dict]:
    """One row per lokalråd the user can see: its handleplan (or None), the state against the
    deadline as (code, text), and whether the user may start it. Two queries."""
    councils = councils_visible_to(user).filter(district=plan.district_id, kind=Council.Kind.LOCAL)
    existing = {ap.council_id: ap for ap in action_plans_visible_to(user).filter(plan=plan)}
    return [
        {
            "council": council,
            "action_plan": existing.get(council.pk),
            "status": action_plan_status(existing.get(council.pk), plan, today),
            "can_create": council.pk not in existing
            and user.has_perm("plans.write_action_plan", ActionPlan(council=council)),
        }
        for council in councils.order_by("municipality__name", "name")
    ]
