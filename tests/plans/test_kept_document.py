"""The plan page keeps the plan's document between requests (plans.kept), and every change the
document shows is on the next page at once: a section's text, a figure block's choice, a focus
area, an initiative's status or milestone, a goal's reported value and a statistics import. The
kept document never reaches a reader who may not see the plan."""

import datetime
from decimal import Decimal

import pytest

from kredsraad.goals import actions as goal_actions
from kredsraad.initiatives import actions as initiative_actions
from kredsraad.initiatives.models import Initiative
from kredsraad.plans import actions
from kredsraad.plans.models import PlanSection
from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Dataset
from kredsraad.statistics.rows import STRAF11, Parsed, Row
from tests import factories

FETCHED = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)
MUNICIPALITIES = ("810", "813", "820", "825", "840", "846", "849", "851", "860")


def put(cells) -> None:
    rows = [Row(STRAF11, *cell, line=n) for n, cell in enumerate(cells, 2)]
    importer.apply(
        Parsed(table=STRAF11, format="long-csv", rows=rows),
        source=Dataset.Source.FILE,
        fetched_at=FETCHED,
    )


def violence(count: int) -> list:
    """Violence (12) in every municipality of Nordjylland, `count` a quarter in 2021 and 2022
    (the 2023 plan shows the four quarters of 2022 summed)."""
    return [
        (m, "12", f"{year}K{quarter}", count)
        for m in MUNICIPALITIES
        for year in (2021, 2022)
        for quarter in (1, 2, 3, 4)
    ]


@pytest.fixture
def seen(client, sekretariat, plan_2023):
    """The sekretariat has opened the plan once, so its document is kept."""
    client.force_login(sekretariat)
    client.get(plan_2023.get_absolute_url())
    return client


@pytest.fixture
def tryghed(plan_2023, nordjylland, politi_nord):
    area = plan_2023.focus_areas.order_by("position").first()
    return factories.initiative(
        "Tryg i nattelivet", district=nordjylland, lead=politi_nord, focus_areas=[area]
    )


def page(client, plan) -> str:
    return client.get(plan.get_absolute_url()).content.decode()


def test_sekretariat_sees_a_sections_new_text_at_once(seen, plan_2023, sekretariat):
    section = plan_2023.sections.get(kind=PlanSection.Kind.ORGANISATION)
    section.body = "Kredsrådet mødes fire gange om året."

    actions.update_section(section, expected_version=section.version, by=sekretariat)

    assert "Kredsrådet mødes fire gange om året." in page(seen, plan_2023)


def test_sekretariat_sees_a_new_subsection_at_once(seen, plan_2023, sekretariat):
    parent = plan_2023.sections.get(kind=PlanSection.Kind.ORGANISATION)

    actions.add_section(plan_2023, title="Mødeplan", body="", parent=parent, by=sekretariat)

    assert "01.1 Mødeplan" in page(seen, plan_2023)


def test_sekretariat_sees_a_focus_areas_new_title_at_once(seen, plan_2023, sekretariat):
    area = plan_2023.focus_areas.order_by("position").first()
    area.title = "Nærpoliti i hele kredsen"

    actions.update_focus_area(area, expected_version=area.version, by=sekretariat)

    assert "Nærpoliti i hele kredsen" in page(seen, plan_2023)


def test_sekretariat_sees_an_initiatives_new_status_at_once(
    client, sekretariat, plan_2023, tryghed
):
    client.force_login(sekretariat)
    before = page(client, plan_2023)

    initiative_actions.change_status(
        tryghed, status=Initiative.Status.STOPPED, expected_version=tryghed.version, by=sekretariat
    )

    label = str(Initiative.Status.STOPPED.label).lower()
    assert f"({label})" not in before
    assert f"({label})" in page(client, plan_2023)


def test_sekretariat_sees_an_initiatives_new_milestone_at_once(
    client, sekretariat, plan_2023, tryghed
):
    client.force_login(sekretariat)
    page(client, plan_2023)

    initiative_actions.add_milestone(
        tryghed,
        title="Evaluering af nattelivsindsatsen",
        kind="evaluation",
        due_date=datetime.date(2023, 11, 1),
        by=sekretariat,
    )

    assert "Evaluering af nattelivsindsatsen" in page(client, plan_2023)


def test_sekretariat_sees_a_goals_reported_value_at_once(
    client, sekretariat, plan_2023, politi_nord
):
    area = plan_2023.focus_areas.order_by("position").first()
    goal = goal_actions.add_goal(
        area,
        by=sekretariat,
        statement="Flere borgermøder",
        direction="up",
        target=Decimal(20),
        baseline_period="2022",
        deadline="2024",
        source="reported",
        reported_by=politi_nord,
        reported_unit="møder",
        unit="count",
    )
    client.force_login(sekretariat)
    before = page(client, plan_2023)

    goal_actions.report_value(goal, period="2023", value=Decimal(17), note="", by=sekretariat)

    assert "<dd>17 (2023)</dd>" not in before
    assert "<dd>17 (2023)</dd>" in page(client, plan_2023)


def test_sekretariat_sees_a_figure_blocks_new_choice_at_once(seen, plan_2023, sekretariat):
    importer.load_offence_codes([("12", "Voldsforbrydelser i alt")])
    put(violence(30))
    section = plan_2023.sections.get(kind=PlanSection.Kind.CRIME_TRENDS)
    before = page(seen, plan_2023)

    actions.update_section(
        section,
        expected_version=section.version,
        figure_options={"offences": ["12"], "areas": ["851"], "unit": "count"},
        by=sekretariat,
    )

    hjoerring = '<th scope="row">Hjørring</th><td>120</td>'
    assert hjoerring in before
    assert hjoerring not in page(seen, plan_2023)


def test_sekretariat_sees_an_imports_figures_at_once(seen, plan_2023):
    importer.load_offence_codes([("12", "Voldsforbrydelser i alt")])
    put(violence(30))
    before = page(seen, plan_2023)

    put(violence(47))

    assert "<td>188</td>" not in before
    assert "<td>188</td>" in page(seen, plan_2023)


def test_the_kept_document_never_reaches_another_districts_koordinator(
    seen, plan_2023, koordinator_hjoerring, sekretariat_midtvest, client
):
    client.force_login(sekretariat_midtvest)

    response = client.get(plan_2023.get_absolute_url())

    assert response.status_code == 404


def test_each_district_reads_its_own_kept_plan(
    seen, plan_2023, plan_midtvest, sekretariat_midtvest, client
):
    client.force_login(sekretariat_midtvest)

    own = page(client, plan_midtvest)

    assert "Nordjyllands Politi" not in own
    assert "Midt- og Vestjyllands Politi" in own
