# ruff: noqa: F811 (the shared fixture `world` is imported, then named as an argument)
"""The district's Atom feed lists what was published, newest first, and nothing else."""

import xml.etree.ElementTree as ET
from unittest import mock

from django.urls import reverse

from .test_public_site import COUNCIL, SECRETS, world  # noqa: F401 (the fixture)

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response) -> list[dict]:
    root = ET.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link[@rel='alternate']").get("href"),
            "enclosures": [e.get("href") for e in entry.findall(f"{ATOM}link[@rel='enclosure']")],
            "published": entry.findtext(f"{ATOM}published") or entry.findtext(f"{ATOM}updated"),
        }
        for entry in root.iter(f"{ATOM}entry")
    ]


def test_feed_lists_both_versions_of_the_corrected_plan_and_the_minutes(client, world):
    plan = world["plan"]

    response = client.get(reverse("publishing:public_feed", args=["nordjyllands-politi"]))

    assert response["Content-Type"].startswith("application/atom+xml")
    found = entries(response)
    titles = [e["title"] for e in found]
    assert sorted(titles) == sorted(
        [
            f"{plan.title}, version 2",
            f"{plan.title}, version 1",
            f"Referat: {COUNCIL}Kredsrådets møde i efteråret",
            f"Dagsorden: {COUNCIL}Kredsrådets åbne møde",
        ]
    )
    version_2 = next(e for e in found if e["title"].endswith("version 2"))
    assert version_2["link"] == "http://testserver" + reverse(
        "publishing:public_plan_version", args=["nordjyllands-politi", plan.uuid, 2]
    )
    assert version_2["enclosures"] == []  # no documents built yet
    body = response.content.decode()
    assert {what for what, text in SECRETS.items() if text in body} == set()


def test_feed_of_another_district_holds_none_of_nordjyllands_publications(client, world):
    response = client.get(reverse("publishing:public_feed", args=["midt-og-vestjyllands-politi"]))

    assert entries(response) == []


def test_feed_links_a_published_handleplan(client, world, lokalraad_hjoerring, sekretariat):
    from kredsraad.plans import actions

    action_plan = lokalraad_hjoerring.action_plans.get()
    actions.adopt_action_plan(action_plan, on=world["plan"].approved_on, by=sekretariat)
    actions.publish_action_plan(action_plan, by=sekretariat)

    response = client.get(reverse("publishing:public_feed", args=["nordjyllands-politi"]))

    links = [e["link"] for e in entries(response)]
    assert (
        "http://testserver"
        + reverse("publishing:public_action_plan", args=["nordjyllands-politi", action_plan.uuid])
        in links
    )


def publish_handleplan(lokalraad, plan, sekretariat):
    from kredsraad.plans import actions

    action_plan = lokalraad.action_plans.get()
    actions.adopt_action_plan(action_plan, on=plan.approved_on, by=sekretariat)
    actions.publish_action_plan(action_plan, by=sekretariat)
    return action_plan


def test_a_later_save_does_not_move_an_entry_in_the_feed(
    client, world, lokalraad_hjoerring, sekretariat
):
    import datetime

    from django.utils import timezone

    from kredsraad.meetings.models import Minutes
    from kredsraad.plans.models import ActionPlan

    action_plan = publish_handleplan(lokalraad_hjoerring, world["plan"], sekretariat)
    url = reverse("publishing:public_feed", args=["nordjyllands-politi"])
    before = {e["title"]: e["published"] for e in entries(client.get(url))}
    later = timezone.now() + datetime.timedelta(days=3)

    ActionPlan.objects.filter(pk=action_plan.pk).update(introduction="Rettet.", updated_at=later)
    Minutes.objects.filter(meeting=world["held"]).update(body="Rettet.", updated_at=later)
    after = {e["title"]: e["published"] for e in entries(client.get(url))}

    assert after == before
    assert str(action_plan) in after
    assert f"Referat: {COUNCIL}Kredsrådets møde i efteråret" in after


def test_feed_lists_the_sent_agenda_of_a_public_meeting_with_its_files(client, world):
    from kredsraad.publishing import build as building
    from kredsraad.publishing.models import Kind

    ahead = world["ahead"]
    job = building.queue_build(Kind.AGENDA, ahead, by=None)
    with mock.patch.object(building, "RENDERERS", {"pdf": _fake, "docx": _fake}):
        building.run_build(job.pk)

    response = client.get(reverse("publishing:public_feed", args=["nordjyllands-politi"]))

    agenda = next(
        e for e in entries(response) if e["title"] == f"Dagsorden: {COUNCIL}Kredsrådets åbne møde"
    )
    assert agenda["link"] == "http://testserver" + reverse(
        "publishing:public_meeting", args=["nordjyllands-politi", ahead.uuid]
    )
    assert len(agenda["enclosures"]) == 2  # the public PDF and Word, never the members'


def _fake(document):
    return document.title.encode()
