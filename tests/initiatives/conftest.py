"""Nordjylland's initiatives: one for the whole district, one Læsø takes part in, a local one
of Læsø's own, and one in Midt- og Vestjylland."""

import datetime

import pytest

from kredsraad.plans import actions as plan_actions
from tests import factories


@pytest.fixture
def plan_2023(nordjylland, sekretariat, politi_nord):
    plan = plan_actions.create_plan(nordjylland, year=2023, by=sekretariat)
    for title in ("Nærpoliti og tryghed", "Fælles projekt mod socialbedrageri"):
        plan_actions.add_focus_area(
            plan, title=title, body="", themes=[], responsible=politi_nord, by=sekretariat
        )
    return plan


@pytest.fixture
def areas(plan_2023):
    """The plan's two focus areas, 05.1 and 05.2 (the focus-area section is the third)."""
    return list(plan_2023.focus_areas.order_by("position"))


@pytest.fixture
def socialbedrageri(nordjylland, politi_nord, aalborg, laesoe, areas):
    """A district initiative in Aalborg and Læsø, serving the second focus area."""
    return factories.initiative(
        "Pilotprojekt om socialbedrageri",
        district=nordjylland,
        lead=politi_nord,
        external_id="NJ-2023-socialbedrageri",
        municipalities=[aalborg, laesoe],
        focus_areas=[areas[1]],
        starts=datetime.date(2023, 1, 1),
        ends=datetime.date(2023, 9, 30),
    )


@pytest.fixture
def bo_trygt(nordjylland, politi_nord, areas):
    """A district initiative covering every municipality."""
    return factories.initiative(
        "Bo trygt",
        district=nordjylland,
        lead=politi_nord,
        external_id="NJ-bo-trygt",
        all_municipalities=True,
        focus_areas=[areas[0]],
    )


@pytest.fixture
def laesoe_lokal(nordjylland, laesoe_kommune, laesoe):
    """Læsø's own local initiative."""
    return factories.initiative(
        "Tryg havn på Læsø",
        district=nordjylland,
        lead=laesoe_kommune,
        external_id="LAE-tryg-havn",
        owner=laesoe,
    )


@pytest.fixture
def holstebro_indsats(midtvest, politi_midtvest, holstebro):
    return factories.initiative(
        "Tryghedsvandringer i Holstebro",
        district=midtvest,
        lead=politi_midtvest,
        external_id="MV-tryghed",
        municipalities=[holstebro],
    )
