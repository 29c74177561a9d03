import datetime

import pytest

from kredsraad.plans import actions
from kredsraad.plans.models import CooperationPlan, FocusArea


@pytest.fixture
def plan_2023(nordjylland, sekretariat, politi_nord):
    """Nordjylland's 2023 plan as a draft with two focus areas."""
    plan = actions.create_plan(nordjylland, year=2023, by=sekretariat)
    actions.add_focus_area(
        plan,
        title="Det lokale samarbejde fra to nye nærstationer",
        body="",
        themes=["local_policing"],
        responsible=politi_nord,
        by=sekretariat,
    )
    actions.add_focus_area(
        plan,
        title="Fælles projekt mod socialbedrageri",
        body="",
        themes=["social_fraud"],
        responsible=politi_nord,
        by=sekretariat,
    )
    return plan


def approved(plan, sekretariat, kredsraad):
    actions.send_for_discussion(plan, by=sekretariat)
    return actions.approve_plan(
        plan,
        council=kredsraad,
        on=datetime.date(2022, 12, 6),
        reference="Kredsrådets møde 4. kvartal",
        by=sekretariat,
    )


@pytest.fixture
def published_2023(plan_2023, sekretariat, kredsraad_nord):
    approved(plan_2023, sekretariat, kredsraad_nord)
    actions.publish_plan(plan_2023, by=sekretariat)
    plan_2023.refresh_from_db()
    return plan_2023


@pytest.fixture
def plan_midtvest(midtvest, sekretariat_midtvest):
    return actions.create_plan(midtvest, year=2023, by=sekretariat_midtvest)


__all__ = ["CooperationPlan", "FocusArea", "approved"]
