# ruff: noqa: F811  (plan_2023 is a fixture imported from tests.plans)
"""A sent agenda is published, so every change to it, whatever path it takes (a page, an
accepted proposal, a command), requests new documents in the action itself; and a lokalråd's
items treat only the handleplaner its own coordinator may link."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from kredsraad.meetings import actions, proposals
from kredsraad.meetings.models import AgendaItem
from kredsraad.plans import actions as plan_actions
from kredsraad.publishing.models import DocumentBuild
from tests.plans.conftest import plan_2023  # noqa: F401  (fixture)

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime.datetime(2023, 5, 1, 9, 0, tzinfo=CPH)


def _meeting(council, user, **values):
    return actions.create_meeting(
        council,
        by=user,
        now=NOW,
        starts_at=datetime.datetime(2099, 6, 14, 13, tzinfo=CPH),
        ends_at=datetime.datetime(2099, 6, 14, 15, tzinfo=CPH),
        place="Politigården",
        open_to_public=True,
        **values,
    )


@pytest.fixture
def sent(kredsraad_nord, sekretariat):
    meeting = _meeting(kredsraad_nord, sekretariat)
    actions.add_item(meeting, title="Velkomst", by=sekretariat)
    actions.send_agenda(meeting, by=sekretariat)
    return meeting


def _builds(meeting) -> int:
    return DocumentBuild.objects.filter(meeting=meeting, kind="agenda").count()


def test_sending_the_agenda_requests_its_documents(kredsraad_nord, sekretariat):
    meeting = _meeting(kredsraad_nord, sekretariat)
    actions.add_item(meeting, title="Velkomst", by=sekretariat)
    assert _builds(meeting) == 0  # a draft agenda is the council's own

    actions.send_agenda(meeting, by=sekretariat)

    assert _builds(meeting) == 1


def test_every_change_to_a_sent_agenda_requests_new_documents(sent, sekretariat):
    item = actions.add_item(sent, title="Tryghedsvandring", by=sekretariat)
    item.closed = True
    actions.update_item(item, expected_version=item.version, by=sekretariat)
    actions.move_item(item, up=True, by=sekretariat)

    assert _builds(sent) == 4


def test_accepting_a_proposal_after_sending_rebuilds_the_agenda(sent, sekretariat):
    proposal = proposals.proposals_for(sent)[0]

    proposals.accept(sent, proposal.key, by=sekretariat)

    assert AgendaItem.objects.filter(meeting=sent, source=proposal.key).exists()
    assert _builds(sent) == 2


def test_a_handleplan_waits_for_its_plan_to_be_published(plan_2023, lokalraad_laesoe, sekretariat):
    action_plan = plan_actions.create_action_plan(lokalraad_laesoe, plan=plan_2023, by=sekretariat)
    action_plan.status = action_plan.Status.ADOPTED  # adopted by the lokalråd, as the page does
    action_plan.save()

    with pytest.raises(plan_actions.PlanStateError, match="samarbejdsplanen for 2023"):
        plan_actions.publish_action_plan(action_plan, by=sekretariat)

    action_plan.refresh_from_db()
    assert action_plan.status == action_plan.Status.ADOPTED
    assert not DocumentBuild.objects.filter(action_plan=action_plan).exists()


def test_laesoe_coordinator_is_offered_only_laesoes_handleplaner(
    client, plan_2023, lokalraad_laesoe, lokalraad_hjoerring, koordinator_laesoe, sekretariat
):
    own = plan_actions.create_action_plan(lokalraad_laesoe, plan=plan_2023, by=sekretariat)
    other = plan_actions.create_action_plan(lokalraad_hjoerring, plan=plan_2023, by=sekretariat)
    meeting = _meeting(lokalraad_laesoe, sekretariat)
    client.force_login(koordinator_laesoe)
    url = reverse("meetings:item_create", args=[meeting.pk])

    offered = client.get(url).context["form"].fields["action_plan"].queryset
    refused = client.post(
        url, {"title": "Hjørrings plan", "kind": "orientation", "action_plan": other.pk}
    )

    assert list(offered) == [own]
    assert refused.status_code == 200
    assert "action_plan" in refused.context["form"].errors
    assert not meeting.items.exists()


def test_an_item_of_a_lokalraad_cannot_link_another_councils_handleplan(
    plan_2023, lokalraad_laesoe, lokalraad_hjoerring, sekretariat
):
    other = plan_actions.create_action_plan(lokalraad_hjoerring, plan=plan_2023, by=sekretariat)
    meeting = _meeting(lokalraad_laesoe, sekretariat)

    with pytest.raises(Exception, match="sin egen handleplan"):
        actions.add_item(meeting, title="Hjørrings plan", action_plan=other, by=sekretariat)
