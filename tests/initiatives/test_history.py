"""An initiative's links (municipalities, partners, forums, focus areas) are part of its
history, not only its own fields."""

import pghistory

from kredsraad.core.history import history_of


def test_adding_and_removing_a_municipality_shows_in_history(
    sekretariat, socialbedrageri, aalborg, hjoerring
):
    with pghistory.context(user=sekretariat.pk):
        socialbedrageri.municipalities.remove(aalborg)
        socialbedrageri.municipalities.add(hjoerring)

    entries = {(c.action, c.subject) for c in history_of(socialbedrageri)}

    assert ("Fjernet", "Kommuner: Aalborg Kommune") in entries
    assert ("Tilføjet", "Kommuner: Hjørring Kommune") in entries


def test_handleplan_item_partner_changes_show_in_history(
    sekretariat, plan_2023, lokalraad_hjoerring, trygfonden
):
    from kredsraad.plans import actions

    action_plan = actions.create_action_plan(lokalraad_hjoerring, plan=plan_2023, by=sekretariat)
    item = actions.add_item(
        action_plan, title="Bo trygt-møder", partners=[trygfonden], by=sekretariat
    )

    entries = {(c.action, c.subject) for c in history_of(item)}

    assert ("Tilføjet", "Partnere: TrygFonden") in entries
