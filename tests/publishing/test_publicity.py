"""Every public output shows what publishing.publicity calls public, and nothing more: the
public site, the Atom feed, open data, the JSON API and OParl, read as a visitor, on the demo
plus the edge cases the rules are about (a handleplan published under an unpublished plan, an
initiative serving only a draft plan, a closed agenda item, a meeting behind closed doors)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from kredsraad.councils.models import Council
from kredsraad.initiatives.models import Initiative
from kredsraad.meetings import actions as meeting_actions
from kredsraad.meetings.models import AgendaItem, Meeting
from kredsraad.plans import actions as plan_actions
from kredsraad.plans.models import ActionPlan, FocusArea
from kredsraad.publishing import publicity
from kredsraad.publishing.models import DocumentBuild, PublishedDocument
from tests import factories

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SECRET = "Lukket punkt 7f3c: personsag"


@pytest.fixture
def world(demo):
    """The demo, with the edge cases added behind the actions' backs, as old data or a bug
    could leave them: the rules must hold whatever the rows say."""
    district = demo
    draft = plan_actions.create_plan(district, year=2031, by=None)
    laesoe = Council.objects.get(district=district, municipality__name="Læsø")
    ActionPlan.objects.create(plan=draft, council=laesoe, status=ActionPlan.Status.PUBLISHED)
    draft_area = FocusArea.objects.create(plan=draft, title="Kun i kladden", position=99)
    lead = Initiative.objects.filter(district=district).first().lead_organisation
    factories.initiative(
        "Indsats kun i en kladde", district=district, lead=lead, focus_areas=[draft_area]
    )
    # An open meeting whose agenda is sent, with a closed item, and one behind closed doors.
    kredsraad = Council.objects.get(district=district, kind=Council.Kind.DISTRICT)
    starts = timezone.now() + datetime.timedelta(days=30)
    for open_to_public in (True, False):
        meeting = Meeting.objects.create(
            council=kredsraad,
            title=f"Kantmøde {open_to_public}",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            place="Politigården",
            open_to_public=open_to_public,
        )
        AgendaItem.objects.create(meeting=meeting, position=1, title="Åbent punkt")
        AgendaItem.objects.create(meeting=meeting, position=2, title=SECRET, closed=True)
        meeting_actions.send_agenda(meeting, by=None)
        starts += datetime.timedelta(days=1)
    return district


def _uuids(response) -> set[str]:
    assert response.status_code == 200, response.content[:300]
    return set(UUID.findall(response.content.decode()))


def _outputs(client, district, dataset: str, api: str, oparl: str | None) -> dict[str, set]:
    """The UUIDs each output shows, as a visitor reads it."""
    found = {
        "open data": _uuids(client.get(f"/offentlig/{district.slug}/data/{dataset}.json")),
        "JSON API": _uuids(client.get(f"/api/{api}/?page_size=100")),
    }
    if oparl:
        found["OParl"] = _uuids(client.get(f"/oparl/v1/body/{district.slug}/{oparl}"))
    return found


def test_visitor_finds_exactly_the_public_handleplaner_in_every_output(client, world):
    public = {str(u) for u in publicity.action_plans().values_list("uuid", flat=True)}
    every = {str(u) for u in ActionPlan.objects.values_list("uuid", flat=True)}
    site = _uuids(client.get(reverse("publishing:public_action_plans", args=[world.slug])))

    outputs = _outputs(client, world, "handleplaner", "action-plans", "paper")
    outputs["public site"] = site

    assert public and public != every
    for name, found in outputs.items():
        assert found & every == public, name
    hidden = (every - public).pop()
    assert client.get(f"/offentlig/{world.slug}/handleplaner/{hidden}/").status_code == 404
    assert client.get(f"/api/action-plans/{hidden}/").status_code == 404


def test_visitor_finds_exactly_the_public_initiatives_in_every_output(client, world):
    public = {str(u) for u in publicity.initiatives().values_list("uuid", flat=True)}
    every = {str(u) for u in Initiative.objects.values_list("uuid", flat=True)}
    # The list opens on one plan year; »alle« shows every year's.
    site = _uuids(
        client.get(reverse("publishing:public_initiatives", args=[world.slug]), {"aar": "alle"})
    )

    outputs = _outputs(client, world, "indsatser", "initiatives", None)
    outputs["public site"] = site

    assert public and public != every
    for name, found in outputs.items():
        assert found & every == public, name


def test_visitor_finds_exactly_the_public_meetings_in_every_output(client, world):
    public = {str(u) for u in publicity.meetings().values_list("uuid", flat=True)}
    every = {str(u) for u in Meeting.objects.values_list("uuid", flat=True)}

    outputs = _outputs(client, world, "moeder", "meetings", "meeting")
    outputs["public site"] = _uuids(
        client.get(reverse("publishing:public_meetings", args=[world.slug]))
    ) | _uuids(client.get(reverse("publishing:public_meetings_ics", args=[world.slug])))

    assert public and public != every
    for name, found in outputs.items():
        # The site lists the meetings ahead and those with approved minutes, a subset of these.
        assert found & every <= public, name
        assert found & every, name
    assert outputs["JSON API"] & every == public


def test_a_closed_item_appears_in_no_public_output(client, world):
    meetings = Meeting.objects.filter(title__startswith="Kantmøde")
    pages = [
        f"/offentlig/{world.slug}/moeder/{m.uuid}/" for m in meetings.filter(open_to_public=True)
    ]
    pages += [f"/api/meetings/{m.uuid}/" for m in meetings.filter(open_to_public=True)]
    pages += [
        f"/oparl/v1/body/{world.slug}/agendaitem",
        f"/offentlig/{world.slug}/feed.atom",
        f"/offentlig/{world.slug}/moeder.ics",
        f"/offentlig/{world.slug}/data/moeder.json",
    ]

    texts = {page: client.get(page) for page in pages}

    assert publicity.agenda_items().filter(title="Åbent punkt").count() == 1
    assert not publicity.agenda_items().filter(title=SECRET).exists()
    for page, response in texts.items():
        assert response.status_code == 200, page
        assert SECRET not in response.content.decode(), page


def test_a_closed_door_meeting_is_not_public_before_its_minutes(client, world):
    closed = Meeting.objects.get(title="Kantmøde False")

    assert not publicity.meetings().filter(pk=closed.pk).exists()
    assert client.get(f"/offentlig/{world.slug}/moeder/{closed.uuid}/").status_code == 404
    assert client.get(f"/api/meetings/{closed.uuid}/").status_code == 404


def _built_agenda(meeting) -> PublishedDocument:
    """A finished build of the meeting's agenda, as the worker leaves it."""
    build = DocumentBuild.objects.create(
        kind="agenda", district=meeting.council.district, meeting=meeting, status="done", total=1
    )
    return PublishedDocument.objects.create(
        district=meeting.council.district,
        kind="agenda",
        format="pdf",
        title=str(meeting),
        meeting=meeting,
        build=build,
        size=1,
        sha256="0" * 64,
    )


def test_closing_an_item_after_sending_withholds_the_public_agenda_at_once(world):
    meeting = Meeting.objects.get(title="Kantmøde True")
    document = _built_agenda(meeting)
    assert publicity.documents().filter(pk=document.pk).exists()
    item = meeting.items.get(title="Åbent punkt")
    item.closed = True

    meeting_actions.update_item(item, expected_version=item.version, by=None)

    assert not publicity.documents().filter(pk=document.pk).exists()
    rebuild = DocumentBuild.objects.filter(meeting=meeting).latest("pk")
    assert rebuild.status == DocumentBuild.Status.QUEUED


def test_a_handleplan_under_an_unpublished_plan_has_no_public_document(world):
    hidden = ActionPlan.objects.get(plan__year=2031)
    document = PublishedDocument.objects.create(
        district=world, kind="action_plan", format="pdf", title="x", action_plan=hidden, size=1
    )

    assert not publicity.documents().filter(pk=document.pk).exists()


def test_a_milestones_result_and_a_reports_text_appear_in_no_public_output(
    client, world, sekretariat
):
    initiative = publicity.initiatives().filter(district=world).first()
    factories.milestone(
        initiative,
        "Evaluering afsluttet",
        due_date=datetime.date(2023, 6, 1),
        done_on=datetime.date(2023, 6, 1),
        result="Resultat til rådet 41c2",
    )
    factories.status_update(
        initiative, period="2031K1", progress=40, author=sekretariat, text="Intern status 9d1e"
    )
    pages = [
        f"/offentlig/{world.slug}/indsatser/{initiative.uuid}/",
        f"/offentlig/{world.slug}/data/indsatser.json",
        f"/api/initiatives/{initiative.uuid}/",
        f"/api/initiatives/{initiative.uuid}/milestones/",
        f"/api/initiatives/{initiative.uuid}/status-updates/",
    ]

    texts = {page: client.get(page) for page in pages}

    assert publicity.milestones().filter(initiative=initiative).exists()
    for page, response in texts.items():
        assert response.status_code == 200, page
        body = response.content.decode()
        assert "Resultat til rådet 41c2" not in body, page
        assert "Intern status 9d1e" not in body, page
    assert "Evaluering afsluttet" in texts[pages[0]].content.decode()
