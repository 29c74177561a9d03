"""An OParl client walks the demo district from the System object through every list and
object: shapes, ids, lists and back-references hold, and nothing unpublished is there."""

import hashlib
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from kredsraad.api.oparl import serializers
from kredsraad.meetings import actions as meeting_actions
from kredsraad.meetings.models import AgendaItem, Meeting
from kredsraad.plans import actions as plan_actions
from kredsraad.plans.models import ActionPlan, PlanVersion
from kredsraad.publishing.build import queue_build, run_build
from kredsraad.publishing.models import Kind, PublishedDocument, Variant
from tests import factories

from .oparl_crawler import Crawler

PDF = factories.pdf()
ENTRY = "/oparl/v1/"
REFERENCES = ("body", "person", "organization", "meeting", "paper", "agendaItem")
# A Body's and an Organization's links to their lists end so; they are not objects.
LIST_SUFFIXES = ("/meeting", "/organization", "/person", "/paper", "/agendaitem", "/file")


@pytest.fixture
def demo(db, sekretariat, sekretariat_midtvest, midtvest):
    """The demo, plus: the coming kredsråd meeting open to the public, its agenda sent with an
    open and a closed item, each with a paper, and built as PDF and Word (the public variant and
    the members' with the closed item); the PDF and Word of the 2023 plan; one handleplan
    published; a draft plan and an unannounced meeting in Midt- og Vestjylland."""
    call_command("demo", "--quiet")
    meeting = Meeting.objects.filter(
        council__district__slug="nordjyllands-politi",
        council__kind="district",
        status=Meeting.Status.PLANNED,
    ).first()
    Meeting.objects.filter(pk=meeting.pk).update(open_to_public=True)
    meeting.refresh_from_db()
    open_item = meeting_actions.add_item(
        meeting, by=sekretariat, title="Tryghedsvandringer i Hjørring", kind="orientation"
    )
    closed_item = meeting_actions.add_item(
        meeting, by=sekretariat, title="Personsag om bandeexit", kind="discussion", closed=True
    )
    open_paper = meeting_actions.add_paper(open_item, name="ruter.pdf", content=PDF, by=sekretariat)
    closed_paper = meeting_actions.add_paper(
        closed_item, name="personsag.pdf", content=PDF, by=sekretariat
    )
    meeting_actions.send_agenda(meeting, by=sekretariat)
    version = PlanVersion.objects.get(plan__district=meeting.council.district, plan__year=2023)
    for kind, subject in ((Kind.PLAN, version), (Kind.AGENDA, meeting)):
        run_build(queue_build(kind, subject, by=sekretariat).pk)
    action_plan = ActionPlan.objects.filter(status=ActionPlan.Status.ADOPTED).first()
    plan_actions.publish_action_plan(action_plan, by=sekretariat)
    draft = plan_actions.create_plan(midtvest, year=2031, by=sekretariat_midtvest)
    hidden_meeting = meeting_actions.create_meeting(
        midtvest.councils.get(kind="district"),
        by=sekretariat_midtvest,
        starts_at=timezone.now() + timezone.timedelta(days=30),
        ends_at=timezone.now() + timezone.timedelta(days=30, hours=2),
        place="Politigården, Holstebro",
    )
    return {
        "meeting": meeting,
        "open_paper": open_paper,
        "closed_item": closed_item,
        "closed_paper": closed_paper,
        "action_plan": action_plan,
        "draft": draft,
        "hidden_meeting": hidden_meeting,
        "version": version,
    }


def _of_type(crawler, type_):
    return [o for o in crawler.objects.values() if o["type"] == serializers.SCHEMA + type_]


def _file_ids(obj: dict) -> list[str]:
    """The ids of the Files an object holds, whatever the property."""
    single = [obj[name] for name in ("mainFile", "invitation", "resultsProtocol") if name in obj]
    return [f["id"] for f in single + obj.get("auxiliaryFile", [])]


def test_visitor_crawls_every_list_and_every_object_and_reference_holds(client, demo):
    """One walk, since the demo and the walk take most of a minute: every object dereferences
    to itself, every reference is a listed object, and references run both ways."""
    crawler = Crawler(client)

    crawler.crawl(ENTRY)

    objects = crawler.objects
    assert all(_of_type(crawler, type_) for type_ in ("Meeting", "Paper", "File", "Consultation"))
    for url, obj in objects.items():
        assert crawler.get(url) == obj, url
    listed = {object_id for ids in crawler.lists.values() for object_id in ids}
    for obj in objects.values():
        for name in (*REFERENCES, "onBehalfOf", "superordinatedPaper", "subordinatedPaper"):
            value = obj.get(name)
            for url in value if isinstance(value, list) else [value] if value else []:
                if isinstance(url, str) and not url.endswith(LIST_SUFFIXES):
                    assert url in listed, f"{obj['id']}.{name} → {url}"
    for meeting in _of_type(crawler, "Meeting"):
        for organization in meeting["organization"]:
            meetings = crawler.walk(objects[organization]["meeting"])
            assert meeting["id"] in [m["id"] for m in meetings]
        assert all(item["meeting"] == meeting["id"] for item in meeting["agendaItem"])
    for membership in _of_type(crawler, "Membership"):
        person, organization = objects[membership["person"]], objects[membership["organization"]]
        assert membership["id"] in [m["id"] for m in person["membership"]]
        assert membership["id"] in organization["membership"]
    for consultation in _of_type(crawler, "Consultation"):
        paper = objects[consultation["paper"]]
        assert consultation["id"] in [c["id"] for c in paper["consultation"]]
        assert objects[consultation["agendaItem"]]["consultation"] == consultation["id"]
    for paper in _of_type(crawler, "Paper"):
        for superordinated in paper.get("superordinatedPaper", []):
            assert paper["id"] in objects[superordinated]["subordinatedPaper"]
    for file in _of_type(crawler, "File"):
        for item in file.get("agendaItem", []):
            assert file["id"] in [f["id"] for f in objects[item]["auxiliaryFile"]]
        for owner in file.get("paper", []) + file.get("meeting", []):
            if "agendaItem" not in file:
                assert file["id"] in _file_ids(objects[owner]), f"{file['id']} ← {owner}"
    action_plan = objects[f"http://testserver{ENTRY}paper/{demo['action_plan'].uuid}"]
    assert action_plan["paperType"] == "Handleplan"
    assert action_plan["superordinatedPaper"] == [
        f"http://testserver{ENTRY}paper/{demo['action_plan'].plan.uuid}"
    ]


def test_visitor_never_sees_closed_items_their_papers_or_unpublished_things(client, demo):
    crawler = Crawler(client)
    crawler.crawl(ENTRY)
    closed = demo["closed_item"]
    demo_closed = AgendaItem.objects.filter(closed=True).exclude(pk=closed.pk).get()
    hidden = [
        serializers.item_path(closed.pk),
        serializers.item_path(demo_closed.pk),
        serializers.file_path(demo["closed_paper"]),
        f"{serializers.file_path(demo['closed_paper'])}/download",
        serializers.paper_path(demo["draft"]),
        serializers.meeting_path(demo["hidden_meeting"]),
        serializers.location_path(demo["hidden_meeting"]),
    ]

    names = {obj.get("name") for obj in crawler.objects.values()}
    assert closed.title not in names
    assert "personsag.pdf" not in names
    for path in hidden:
        assert f"http://testserver{ENTRY}{path}" not in crawler.objects
        response = client.get(f"{ENTRY}{path}")
        assert (response.status_code, response.json()) == (404, {"error": "Objektet findes ikke."})
    assert f"http://testserver{ENTRY}{serializers.file_path(demo['open_paper'])}" in crawler.objects


def test_visitor_crawling_while_the_plan_is_corrected_finds_no_draft_and_no_closed_item(
    client, demo, sekretariat
):
    """The 2023 plan under correction, renamed and with a renamed focus area: every answer of
    the walk, and every object dereferenced, holds the published title and nothing of the
    draft, nor the title of any closed item."""
    plan = demo["version"].plan
    published_title = plan.title
    plan_actions.start_correction(plan, by=sekretariat)
    plan.refresh_from_db()
    plan.title = "Kladdetitel under rettelse"
    plan_actions.update_plan(plan, expected_version=plan.version, by=sekretariat)
    area = plan.focus_areas.order_by("position").first()
    area.title = "Kladdeområde under rettelse"
    plan_actions.update_focus_area(area, expected_version=area.version, by=sekretariat)
    crawler = Crawler(client)

    crawler.crawl(ENTRY)
    for url in list(crawler.objects):
        crawler.get(url)

    closed = AgendaItem.objects.filter(closed=True)
    # The demo's standing item is closed at one meeting and open at others: its title is
    # public, its closed instance is not.
    open_titles = set(AgendaItem.objects.filter(closed=False).values_list("title", flat=True))
    closed_titles = {item.title for item in closed} - open_titles
    closed_paths = [serializers.item_path(item.pk) for item in closed]
    assert closed_titles == {demo["closed_item"].title}
    paper = crawler.objects[f"http://testserver{ENTRY}{serializers.paper_path(plan)}"]
    assert paper["name"] == published_title
    for url, text in crawler.answers.items():
        assert "Kladde" not in text, url
        for title in closed_titles:
            assert title not in text, url
        for path in closed_paths:
            assert path not in text, url


def test_visitor_downloads_the_paper_of_an_open_item(client, demo):
    paper = demo["open_paper"]

    response = client.get(f"{ENTRY}{serializers.file_path(paper)}/download")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content if response.streaming else [response.content]) == PDF


def _documents(**subject) -> dict:
    """{(variant, format): document} of a subject's build."""
    return {(d.variant, d.format): d for d in PublishedDocument.objects.filter(**subject)}


def test_visitor_finds_the_published_plan_and_agenda_as_files_and_downloads_them(client, demo):
    plan = _documents(plan_version=demo["version"])
    agenda = _documents(meeting=demo["meeting"], kind=Kind.AGENDA)

    paper = client.get(f"{ENTRY}{serializers.paper_path(demo['version'].plan)}").json()
    meeting = client.get(f"{ENTRY}{serializers.meeting_path(demo['meeting'])}").json()

    pdf, word = plan[Variant.PUBLIC, "pdf"], plan[Variant.PUBLIC, "docx"]
    assert paper["mainFile"]["id"] == f"http://testserver{ENTRY}file/{pdf.uuid}"
    assert [f["id"] for f in paper["auxiliaryFile"]] == [
        f"http://testserver{ENTRY}file/{word.uuid}"
    ]
    main = paper["mainFile"]
    assert (main["mimeType"], main["size"], main["paper"]) == (
        "application/pdf",
        pdf.size,
        [paper["id"]],
    )
    assert main["accessUrl"] == f"http://testserver/dokumenter/{pdf.uuid}/"
    download = client.get(main["accessUrl"])
    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == pdf.sha256
    invitation = agenda[Variant.PUBLIC, "pdf"]
    assert meeting["invitation"]["id"] == f"http://testserver{ENTRY}file/{invitation.uuid}"
    assert meeting["invitation"]["meeting"] == [meeting["id"]]
    assert [f["id"] for f in meeting["auxiliaryFile"]] == [
        f"http://testserver{ENTRY}file/{agenda[Variant.PUBLIC, 'docx'].uuid}"
    ]
    assert "resultsProtocol" not in meeting


def test_visitor_never_finds_the_members_variant_of_an_agenda(client, demo):
    members = PublishedDocument.objects.filter(meeting=demo["meeting"], variant=Variant.MEMBERS)
    body = client.get(f"{ENTRY}body/nordjyllands-politi/file", {"limit": 100}).json()

    listed = [obj["id"] for obj in body["data"]]
    meeting = client.get(f"{ENTRY}{serializers.meeting_path(demo['meeting'])}").json()

    assert members.count() == 2
    assert body["pagination"]["totalPages"] == 1
    for document in members:
        url = f"http://testserver{ENTRY}file/{document.uuid}"
        assert url not in listed
        assert url not in json.dumps(meeting)
        assert client.get(url).status_code == 404
    assert demo["closed_item"].title not in json.dumps(body, ensure_ascii=False)
