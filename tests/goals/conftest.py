"""The goals' world: Nordjylland's 2023 plan with a focus area, an initiative under it, and
burglary figures for Aalborg and Læsø from 2022 to the middle of 2024."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kredsraad.goals import actions
from kredsraad.plans import actions as plan_actions
from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Area, Dataset, Population
from kredsraad.statistics.rows import STRAF11, Parsed, Row
from tests import factories

FETCHED = datetime.datetime(2024, 8, 20, 9, 0, tzinfo=datetime.UTC)
AALBORG, LAESOE = "851", "825"


def put(cells, *, fetched_at=FETCHED) -> None:
    """Cells (area, offence, period, value), imported as a file would be."""
    rows = [Row(STRAF11, *cell, line=n) for n, cell in enumerate(cells, 2)]
    importer.apply(
        Parsed(table=STRAF11, format="long-csv", rows=rows),
        source=Dataset.Source.FILE,
        fetched_at=fetched_at,
    )


@pytest.fixture
def burglaries(db):
    """Burglary (1320) per quarter: Aalborg 100 in 2022, 90 in 2023 and 80 in 2024K1-K2; Læsø 1
    a quarter. Violence (12) is a known code without figures."""
    importer.load_offence_codes([("1320", "Indbrud i beboelser"), ("12", "Voldsforbrydelser")])
    cells = []
    for year, count, quarters in ((2022, 100, 4), (2023, 90, 4), (2024, 80, 2)):
        for quarter in range(1, quarters + 1):
            cells.append((AALBORG, "1320", f"{year}K{quarter}", count))
            cells.append((LAESOE, "1320", f"{year}K{quarter}", 1))
    put(cells)


@pytest.fixture
def population(burglaries):
    """Aalborg's population: 200,000 on 1 January of 2022 and 2023."""
    dataset = Dataset.objects.create(
        table="FOLK1A", source=Dataset.Source.FILE, fetched_at=timezone.now()
    )
    area = Area.objects.get(code=AALBORG)
    for year in (2022, 2023):
        Population.objects.create(area=area, year=year, value=200_000, dataset=dataset)


@pytest.fixture
def plan(nordjylland, sekretariat):
    return plan_actions.create_plan(nordjylland, year=2023, by=sekretariat)


@pytest.fixture
def area(plan, sekretariat, politi_nord):
    return plan_actions.add_focus_area(
        plan,
        title="Tryghed i boligområderne",
        body="",
        themes=[],
        responsible=politi_nord,
        by=sekretariat,
    )


@pytest.fixture
def initiative(nordjylland, politi_nord, area):
    return factories.initiative(
        "Nabohjælp i Aalborg", district=nordjylland, lead=politi_nord, focus_areas=[area]
    )


def burglary_goal(owner, by, **values):
    """Fewer burglaries in Aalborg in 2025 than in 2022 (baseline 400)."""
    fields = {
        "statement": "Færre indbrud i beboelser i Aalborg i 2025 end i 2022",
        "direction": "down",
        "target": Decimal(300),
        "baseline_period": "2022",
        "deadline": "2025",
        "source": "statistics",
        "table": "STRAF11",
        "measure": "1320",
        "area": AALBORG,
        "unit": "count",
    } | values
    return actions.add_goal(owner, by=by, **fields)


def reported_goal(owner, by, organisation, **values):
    """More courses held: 10 in 2022, 20 by 2025."""
    fields = {
        "statement": "Flere kurser i nabohjælp",
        "direction": "up",
        "target": Decimal(20),
        "baseline_period": "2022",
        "deadline": "2025",
        "source": "reported",
        "reported_by": organisation,
        "reported_unit": "kurser",
        "unit": "count",
    } | values
    return actions.add_goal(owner, by=by, **fields)
