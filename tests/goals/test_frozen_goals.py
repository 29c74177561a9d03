"""A published plan freezes its goals with their values and data date; newer data changes the
live plan, and the editors are told which frozen goals it would change."""

import datetime

import pytest

from kredsraad.goals.content import entries_in, goal_changes
from kredsraad.plans import actions as plan_actions
from kredsraad.plans.document import plan_content
from tests.goals.conftest import AALBORG, burglary_goal, put

LATER = datetime.datetime(2025, 2, 20, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def published(sekretariat, area, initiative, burglaries, kredsraad_nord):
    """The plan published with a burglary goal on the focus area and one on the initiative."""
    burglary_goal(area, sekretariat)
    burglary_goal(initiative, sekretariat, statement="Færre indbrud, hvor naboerne hjælper")
    plan = area.plan
    plan_actions.send_for_discussion(plan, by=sekretariat)
    plan_actions.approve_plan(
        plan,
        council=kredsraad_nord,
        on=datetime.date(2022, 12, 6),
        reference="Møde",
        by=sekretariat,
    )
    version = plan_actions.publish_plan(plan, by=sekretariat)
    plan.refresh_from_db()
    return plan, version


def second_half_of_2024():
    put([(AALBORG, "1320", "2024K3", 75), (AALBORG, "1320", "2024K4", 75)], fetched_at=LATER)


def test_published_version_keeps_the_goal_as_it_was(published):
    plan, version = published

    second_half_of_2024()

    frozen = entries_in(version.content)
    live = entries_in(plan_content(plan))
    assert [(g["latest_label"], g["latest_text"], g["data_date"]) for g in frozen.values()] == [
        ("2023", "360", "2024-08-20"),
        ("2023", "360", "2024-08-20"),
    ]
    assert [(g["latest_label"], g["latest_text"], g["data_date"]) for g in live.values()] == [
        ("2024", "310", "2025-02-20"),
        ("2024", "310", "2025-02-20"),
    ]


def test_focus_area_and_initiative_carry_their_goals(published):
    _, version = published

    area = next(s for s in version.content["sections"] if s["kind"] == "focus_areas")["generated"][
        0
    ]

    assert [g["statement"] for g in area["goals"]] == [
        "Færre indbrud i beboelser i Aalborg i 2025 end i 2022"
    ]
    assert [g["statement"] for g in area["initiatives"][0]["goals"]] == [
        "Færre indbrud, hvor naboerne hjælper"
    ]


def test_editors_see_which_goals_newer_data_would_change(client, sekretariat, published):
    plan, _ = published
    second_half_of_2024()
    client.force_login(sekretariat)

    response = client.get(plan.get_absolute_url())

    line = (
        "Mål »Færre indbrud i beboelser i Aalborg i 2025 end i 2022«: 360 (2023), på vej → "
        "310 (2024), på vej"
    )
    assert response.context["goal_changes"][0] == line
    assert line in response.content.decode()


def test_no_change_line_while_the_data_is_the_same(published):
    plan, version = published

    assert goal_changes(version.content, plan_content(plan)) == []
