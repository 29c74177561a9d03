"""Every action records its writes as made by its `by`, whatever path called it: a command
without a signed-in user, or one command acting for several users (the demo)."""

import pghistory

from kredsraad.core.history import history_of
from kredsraad.plans import actions


def test_a_plan_created_from_a_command_names_who_created_it(nordjylland, sekretariat):
    plan = actions.create_plan(nordjylland, year=2030, by=sekretariat)

    created = history_of(plan)[-1]

    assert created.user == sekretariat


def test_two_users_acting_in_one_command_each_keep_their_own_name(
    nordjylland, midtvest, sekretariat, sekretariat_midtvest
):
    with pghistory.context(command="kredsraad demo"):
        north = actions.create_plan(nordjylland, year=2030, by=sekretariat)
        west = actions.create_plan(midtvest, year=2030, by=sekretariat_midtvest)
        actions.update_plan(north, expected_version=north.version, by=sekretariat)

    assert [c.user for c in history_of(north)] == [sekretariat] * len(history_of(north))
    assert history_of(west)[-1].user == sekretariat_midtvest
    assert history_of(west)[-1].source == "Demodata"


def test_an_action_without_a_user_names_nobody(nordjylland):
    plan = actions.create_plan(nordjylland, year=2030, by=None)

    assert history_of(plan)[-1].user is None
