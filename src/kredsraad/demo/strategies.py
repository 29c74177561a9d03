"""Nordjyllands Politi's strategy for 2023-2026 as demo data: three goals for the period, approved
with the 2023 plan, published before it, and the 2023 plan tied to it. The words are the demo's
own; the seed document has no multi-year strategy.

A statistics goal needs the offence in the statistics; without the figures (no reference data
and no network) the burglary goal is left out rather than refused."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from kredsraad.accounts.models import User
from kredsraad.councils.models import Organisation
from kredsraad.demo.data import POLICE
from kredsraad.goals import actions as goal_actions
from kredsraad.goals.models import Goal
from kredsraad.plans.models import CooperationPlan
from kredsraad.statistics.models import Area, Offence
from kredsraad.strategies import actions
from kredsraad.strategies.models import DASH, Strategy

SECRETARIAT = "sekretariat@demo.kredsraad.dk"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")
BURGLARY = "1320"
APPROVED_ON = datetime.date(2022, 12, 6)  # demo: the kredsråd's meeting that approved the 2023 plan

TITLE = f"Tryghed og forebyggelse i Nordjylland 2023{DASH}2026"
BODY = (
    "Kredsrådet samler de fire års arbejde om tryghed og forebyggelse i én strategi. Hvert års "
    "samarbejdsplan vælger sine indsatser, og hvert indsatsområde viser, hvad året bidrager "
    "med til strategiens mål.\n\n"
    "Strategien bygger på tre spor:\n\n"
    "- færre indbrud i private hjem gennem nabohjælp og lokal forebyggelse,\n"
    "- tryghed i nattelivet i de større byer,\n"
    "- et fast SSP+-samarbejde om unge mellem 18 og 25 år i alle ni kommuner."
)


def load_strategy(plan_2023: CooperationPlan) -> Strategy | None:
    """Load, approve and publish the strategy, and tie the 2023 plan to it. Run inside
    demo.plans.load_plans, before the 2023 plan is published (it freezes the strategy's goals).
    A second run changes nothing."""
    nord = plan_2023.district
    existing = Strategy.objects.filter(district=nord, first_year=2023, title=TITLE).first()
    if existing is not None:
        return existing
    secretariat = User.objects.get(email=SECRETARIAT)
    police = Organisation.objects.get(district=nord, name=POLICE)
    strategy = actions.create_strategy(
        nord, title=TITLE, first_year=2023, last_year=2026, body=BODY, by=secretariat
    )
    burglary = _burglary_goal(strategy, nord, secretariat)
    _reported_goal(
        strategy,
        police,
        secretariat,
        statement="Flere føler sig trygge i nattelivet i Aalborg, Hjørring og Frederikshavn",
        target="80",
        unit_text="%",
    )
    _reported_goal(
        strategy,
        police,
        secretariat,
        statement="SSP+ er et fast samarbejde i alle ni kommuner",
        target="9",
        unit_text="kommuner",
    )
    actions.approve_strategy(
        strategy, on=APPROVED_ON, reference="Kredsrådets møde 6. december 2022", by=secretariat
    )
    published = datetime.datetime.combine(
        APPROVED_ON + datetime.timedelta(days=14), datetime.time(10), tzinfo=COPENHAGEN
    )
    actions.publish_strategy(strategy, by=secretariat, at=published)
    # demo: the 2023 plan is loaded as approved, and an approved plan is no longer edited; it
    # was approved together with the strategy, so the tie is written as data.
    CooperationPlan.objects.filter(pk=plan_2023.pk).update(strategy=strategy)
    plan_2023.strategy = strategy
    if burglary is not None:
        # The year's burglary goals (the goals demo's, if loaded) are its contribution.
        Goal.objects.filter(
            focus_area__plan=plan_2023, measure=BURGLARY, contributes_to__isnull=True
        ).update(contributes_to=burglary)
    return strategy


def _burglary_goal(strategy, nord, secretariat) -> Goal | None:
    area = Area.objects.filter(kind=Area.Kind.DISTRICT, district=nord).first()
    if area is None or not Offence.objects.filter(code=BURGLARY).exists():
        return None
    return goal_actions.add_goal(
        strategy,
        statement="Færre indbrud i private hjem i 2026 end i 2022",
        direction=Goal.Direction.DOWN,
        target=Decimal("-15"),
        baseline_period="2022",
        deadline="2026",
        source=Goal.Source.STATISTICS,
        table="STRAF11",
        measure=BURGLARY,
        area=area.code,
        unit=Goal.Unit.CHANGE,
        by=secretariat,
    )


def _reported_goal(strategy, police, secretariat, *, statement, target, unit_text) -> Goal:
    return goal_actions.add_goal(
        strategy,
        statement=statement,
        direction=Goal.Direction.UP,
        target=Decimal(target),
        baseline_period="2022",
        deadline="2026",
        source=Goal.Source.REPORTED,
        reported_by=police,
        reported_unit=unit_text,
        unit=Goal.Unit.COUNT,
        by=secretariat,
    )
