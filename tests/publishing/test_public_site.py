"""The public site shows what is published and nothing else, to anyone, without login."""

import datetime
import io
import re
import subprocess
from zoneinfo import ZoneInfo

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kredsraad.meetings import actions as meeting_actions
from kredsraad.meetings.models import AgendaItem, Meeting
from kredsraad.plans import actions as plan_actions
from kredsraad.plans.models import CooperationPlan, PlanSection
from kredsraad.publishing.build import queue_build, run_build
from kredsraad.publishing.models import Kind, PublishedDocument
from tests import factories

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

# Words that must never reach a visitor, wherever they look.
SECRETS = {
    "draft plan": "Kladdeplan med hemmelige prioriteringer",
    "draft focus area": "Hemmeligt indsatsområde i kladden",
    "initiative of a draft": "Indsats kun i kladden",
    "closed agenda item": "Personsag om en medarbejder",
    "closed item in minutes": "Lukket drøftelse af en verserende sag",
    "status report text": "Intern note: tovholderen er sygemeldt",
    "milestone result": "Internt evalueringsresultat",
    "draft handleplan item": "Kladdehandling i Hjørring",
    "non-public meeting without minutes": "Lukket formøde om budgettet",
    "other district's draft": "Midt- og Vestjyllands kladde",
}


def at(days: int, hour: int = 17) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=COPENHAGEN)


def meeting(council, *, days: int, **values) -> Meeting:
    values.setdefault("place", "Politigården i Aalborg")
    return Meeting.objects.create(
        council=council,
        starts_at=at(days),
        ends_at=at(days) + datetime.timedelta(hours=2),
        **values,
    )


def item(meeting, title, *, position, closed=False) -> AgendaItem:
    return AgendaItem.objects.create(
        meeting=meeting, position=position, title=title, kind="decision", closed=closed
    )


def publish(plan, sekretariat, kredsraad) -> None:
    plan_actions.send_for_discussion(plan, by=sekretariat)
    plan_actions.approve_plan(
        plan,
        council=kredsraad,
        on=datetime.date(2022, 12, 6),
        reference="Kredsrådets møde 6. december 2022, punkt 3",
        by=sekretariat,
    )
    plan_actions.publish_plan(plan, by=sekretariat)


@pytest.fixture
def world(
    nordjylland,
    midtvest,
    sekretariat,
    sekretariat_midtvest,
    kredsraad_nord,
    lokalraad_hjoerring,
    politi_nord,
):
    """Nordjylland has published its 2023 plan and corrected it as version 2; beside it lies
    everything a visitor must not see."""
    plan = plan_actions.create_plan(nordjylland, year=2023, by=sekretariat)
    burglary = plan_actions.add_focus_area(
        plan, title="Indbrud", body="", themes=["burglary"], responsible=politi_nord, by=sekretariat
    )
    publish(plan, sekretariat, kredsraad_nord)
    plan.refresh_from_db()
    plan_actions.start_correction(plan, by=sekretariat)
    burglary.refresh_from_db()
    burglary.title = "Indbrud i boliger"
    plan_actions.update_focus_area(burglary, expected_version=burglary.version, by=sekretariat)
    plan.refresh_from_db()
    plan_actions.publish_plan(
        plan, change_note="Indsatsområdets titel er præciseret.", by=sekretariat
    )

    draft = plan_actions.create_plan(nordjylland, year=2024, by=sekretariat)
    CooperationPlan.objects.filter(pk=draft.pk).update(title=SECRETS["draft plan"])
    draft_area = plan_actions.add_focus_area(
        draft, title=SECRETS["draft focus area"], body="", themes=[], by=sekretariat
    )
    other = plan_actions.create_plan(midtvest, year=2023, by=sekretariat_midtvest)
    CooperationPlan.objects.filter(pk=other.pk).update(title=SECRETS["other district's draft"])

    public_initiative = factories.initiative(
        "Tryg i nattelivet", district=nordjylland, lead=politi_nord, focus_areas=[burglary]
    )
    factories.status_update(
        public_initiative,
        period="2023K2",
        progress=40,
        light="challenged",
        text=SECRETS["status report text"],
        author=sekretariat,
    )
    factories.milestone(
        public_initiative,
        "Evaluering af første halvår",
        due_date=datetime.date(2023, 6, 30),
        done_on=datetime.date(2023, 6, 20),
        result=SECRETS["milestone result"],
    )
    factories.initiative(
        SECRETS["initiative of a draft"],
        district=nordjylland,
        lead=politi_nord,
        focus_areas=[draft_area],
    )

    action_plan = plan_actions.create_action_plan(lokalraad_hjoerring, plan=plan, by=sekretariat)
    plan_actions.add_item(action_plan, title=SECRETS["draft handleplan item"], by=sekretariat)

    ahead = meeting(kredsraad_nord, days=20, title="Kredsrådets åbne møde", open_to_public=True)
    item(ahead, "Kriminalitetsudviklingen i Nordjylland", position=1)
    item(ahead, SECRETS["closed agenda item"], position=2, closed=True)
    meeting_actions.send_agenda(ahead, by=sekretariat)

    meeting(kredsraad_nord, days=30, title=SECRETS["non-public meeting without minutes"])

    held = meeting(kredsraad_nord, days=-30, title="Kredsrådets møde i efteråret")
    open_item = item(held, "Tryghedsindekset for kredsen", position=1)
    closed_item = item(held, SECRETS["closed item in minutes"], position=2, closed=True)
    meeting_actions.mark_held(held, present=set(), by=sekretariat)
    for decided in (open_item, closed_item):
        meeting_actions.record_decision(
            decided,
            decision="Taget til efterretning.",
            expected_version=decided.version,
            by=sekretariat,
        )
    held.refresh_from_db()
    meeting_actions.approve_minutes(
        held.minutes, how="chair", on=timezone.localdate(), by=sekretariat
    )
    plan.refresh_from_db()
    return {"plan": plan, "initiative": public_initiative, "ahead": ahead, "held": held}


# What a correction in progress changes, which no visitor may see before it is published.
# Meetings are named with their council first (Meeting.__str__).
COUNCIL = "Kredsrådet for Nordjyllands Politi \u2013 "
CORRECTION_SECRETS = {
    "plan title under correction": "Ny arbejdstitel under rettelsen",
    "focus area renamed in correction": "Omdøbt indsatsområde i rettelsen",
    "focus area added in correction": "Nyt indsatsområde i rettelsen",
    "initiative of the added area": "Indsats kun i rettelsen",
    "internal note in a section": "Intern note: budgettet er ikke på plads",
}
LINK = re.compile(r'href="(?:http://testserver)?(/(?:offentlig|dokumenter)/[^"#]*)"')


def text_of(response) -> str:
    """The text a visitor reads in a response: a PDF through pdftotext, a Word file through
    python-docx (paragraphs and tables), anything else as UTF-8."""
    content_type = response["Content-Type"]
    if content_type == "application/pdf":
        result = subprocess.run(
            ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
        )
        return " ".join(result.stdout.decode().split())
    if content_type.startswith("application/vnd.openxmlformats"):
        document = docx.Document(io.BytesIO(response.content))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return " ".join([p.text for p in document.paragraphs] + cells)
    return response.content.decode("utf-8-sig")


def crawl(client, *starts: str) -> dict[str, str]:
    """Every public address reachable from `starts` by links, with the text of its body."""
    bodies, queue = {}, list(starts or ["/offentlig/"])
    while queue:
        path = queue.pop()
        if path in bodies:
            continue
        response = client.get(path)
        assert response.status_code == 200, path
        bodies[path] = text_of(response)
        if response["Content-Type"].startswith(("text/html", "application/atom+xml")):
            queue += [link for link in LINK.findall(bodies[path]) if link not in bodies]
    return bodies


def build_now(kind, subject) -> None:
    run_build(queue_build(kind, subject, by=None).pk)


@pytest.fixture
def correcting(world, sekretariat, politi_nord):
    """World, with real PDF and Word of what it has published, and then a correction of the
    plan begun: its title and a focus area renamed, a focus area added with an initiative of
    its own, and an internal note written into a section; none of it published."""
    plan = world["plan"]
    build_now(Kind.PLAN, plan.versions.get(number=2))
    build_now(Kind.AGENDA, world["ahead"])
    build_now(Kind.MINUTES, world["held"])
    plan_actions.start_correction(plan, by=sekretariat)
    plan.refresh_from_db()
    plan.title = CORRECTION_SECRETS["plan title under correction"]
    plan_actions.update_plan(plan, expected_version=plan.version, by=sekretariat)
    burglary = plan.focus_areas.get(title="Indbrud i boliger")
    burglary.title = CORRECTION_SECRETS["focus area renamed in correction"]
    plan_actions.update_focus_area(burglary, expected_version=burglary.version, by=sekretariat)
    added = plan_actions.add_focus_area(
        plan, title=CORRECTION_SECRETS["focus area added in correction"], body="", by=sekretariat
    )
    factories.initiative(
        CORRECTION_SECRETS["initiative of the added area"],
        district=plan.district,
        lead=politi_nord,
        focus_areas=[added],
    )
    section = plan.sections.exclude(kind=PlanSection.Kind.CRIME_TRENDS).first()
    section.body = CORRECTION_SECRETS["internal note in a section"]
    plan_actions.update_section(section, expected_version=section.version, by=sekretariat)
    # The status report is built during the correction, from what is public.
    build_now(Kind.STATUS_REPORT, (plan.district, 2023))
    plan.refresh_from_db()
    return {**world, "plan": plan}


def test_visitor_sees_the_published_plan_and_nothing_unpublished_anywhere(client, world):
    bodies = crawl(client, reverse("publishing:public_district", args=["nordjyllands-politi"]))

    everything = "\n".join(bodies.values())
    leaks = {what: text for what, text in SECRETS.items() if text in everything}
    assert leaks == {}
    assert "Indbrud i boliger" in everything
    assert "Tryghedsindekset for kredsen" in everything
    assert "Kriminalitetsudviklingen i Nordjylland" in everything
    assert any(path.endswith("feed.atom") for path in bodies)
    assert any(path.endswith("moeder.ics") for path in bodies)
    assert any(path.endswith("statistik.csv") for path in bodies)


def test_visitor_sees_nothing_unpublished_in_any_page_or_file_while_a_correction_is_pending(
    client, correcting
):
    reports = PublishedDocument.objects.filter(kind=Kind.STATUS_REPORT)
    district = reverse("publishing:public_district", args=["nordjyllands-politi"])

    bodies = crawl(client, district, *(r.get_absolute_url() for r in reports))

    everything = "\n".join(bodies.values())
    secrets = {**SECRETS, **CORRECTION_SECRETS}
    assert {what: text for what, text in secrets.items() if text in everything} == {}
    documents = [path for path in bodies if path.startswith("/dokumenter/")]
    # The plan's, the agenda's and the minutes' PDF and Word (public variants), the report's.
    assert len(documents) == 8
    assert "Kredsrådets samarbejdsplan 2023" in everything
    assert "Indbrud i boliger" in everything
    assert "Tryg i nattelivet" in everything
    assert any(path.endswith("handleplaner.json") for path in bodies)


def test_public_pages_keep_the_published_titles_while_a_correction_is_pending(client, correcting):
    plan, initiative = correcting["plan"], correcting["initiative"]
    slug = "nordjyllands-politi"

    pages = [
        client.get(reverse("publishing:public_district", args=[slug])),
        client.get(reverse("publishing:public_plan", args=[slug, plan.uuid])),
        client.get(reverse("publishing:public_feed", args=[slug])),
        client.get(reverse("publishing:public_data_download", args=[slug, "planer", "csv"])),
    ]
    initiative_page = client.get(
        reverse("publishing:public_initiative", args=[slug, initiative.uuid])
    )

    texts = [page.content.decode("utf-8-sig") for page in pages]
    assert all("Kredsrådets samarbejdsplan 2023" in text for text in texts)
    assert "Indbrud i boliger (2023)" in initiative_page.content.decode()
    everything = "\n".join([*texts, initiative_page.content.decode()])
    assert {w for w, t in CORRECTION_SECRETS.items() if t in everything} == set()


def test_initiative_of_a_focus_area_added_by_a_pending_correction_is_not_public(client, correcting):
    from kredsraad.initiatives.models import Initiative

    added = Initiative.objects.get(title=CORRECTION_SECRETS["initiative of the added area"])

    response = client.get(
        reverse("publishing:public_initiative", args=["nordjyllands-politi", added.uuid])
    )

    assert response.status_code == 404


def test_the_index_lists_every_district_and_leads_nowhere_unpublished(client, world):
    bodies = crawl(client)

    everything = "\n".join(bodies.values())
    assert {what for what, text in SECRETS.items() if text in everything} == set()
    assert everything.count("Midt- og Vestjyllands Politi") >= 1


def test_corrected_plan_shows_version_2_and_keeps_version_1_with_its_note(client, world):
    plan = world["plan"]

    current = client.get(reverse("publishing:public_plan", args=["nordjyllands-politi", plan.uuid]))
    first = client.get(
        reverse("publishing:public_plan_version", args=["nordjyllands-politi", plan.uuid, 1])
    )

    page = current.content.decode()
    assert "Gældende version 2" in page
    assert "Indsatsområdets titel er præciseret." in page
    assert "Indbrud i boliger" in page
    assert (
        reverse("publishing:public_plan_version", args=["nordjyllands-politi", plan.uuid, 1])
        in page
    )
    old = first.content.decode()
    assert "Du læser version 1" in old
    assert "Indbrud i boliger" not in old  # version 1 stays as it was published


def test_plan_without_built_documents_shows_the_html_only(client, world):
    plan = world["plan"]

    response = client.get(
        reverse("publishing:public_plan", args=["nordjyllands-politi", plan.uuid])
    )

    assert response.status_code == 200
    assert "Kun som webside" in response.content.decode()
    assert "/dokumenter/" not in response.content.decode()


def test_initiative_shows_light_progress_and_reached_milestones_only(client, world):
    initiative = world["initiative"]

    response = client.get(
        reverse("publishing:public_initiative", args=["nordjyllands-politi", initiative.uuid])
    )

    page = response.content.decode()
    assert "Udfordret" in page
    assert 'value="40"' in page
    assert "Evaluering af første halvår" in page
    assert SECRETS["status report text"] not in page
    assert SECRETS["milestone result"] not in page


def test_public_meeting_shows_open_items_only(client, world):
    ahead = world["ahead"]

    response = client.get(
        reverse("publishing:public_meeting", args=["nordjyllands-politi", ahead.uuid])
    )

    page = response.content.decode()
    assert "Kriminalitetsudviklingen i Nordjylland" in page
    assert SECRETS["closed agenda item"] not in page


@pytest.mark.parametrize(
    "name, args",
    [
        ("publishing:public_district", ["ingen-saadan-kreds"]),
        ("publishing:public_plan", ["nordjyllands-politi", "00000000-0000-0000-0000-000000000000"]),
        (
            "publishing:public_initiative",
            ["nordjyllands-politi", "00000000-0000-0000-0000-0000000000aa"],
        ),
        (
            "publishing:public_meeting",
            ["nordjyllands-politi", "00000000-0000-0000-0000-0000000000bb"],
        ),
        (
            "publishing:public_action_plan",
            ["nordjyllands-politi", "00000000-0000-0000-0000-0000000000cc"],
        ),
        ("publishing:public_data_download", ["nordjyllands-politi", "hemmeligt", "csv"]),
        ("publishing:public_data_download", ["nordjyllands-politi", "planer", "xml"]),
        ("publishing:public_feed", ["ingen-saadan-kreds"]),
        ("publishing:public_meetings_ics", ["ingen-saadan-kreds"]),
    ],
)
def test_unknown_slugs_and_uuids_are_404(client, world, name, args):
    response = client.get(reverse(name, args=args))

    assert response.status_code == 404


def test_unpublished_objects_and_another_districts_are_404_by_their_uuid(
    client, world, midtvest, lokalraad_hjoerring
):
    draft = CooperationPlan.objects.get(title=SECRETS["draft plan"])
    other = CooperationPlan.objects.get(title=SECRETS["other district's draft"])
    closed_meeting = Meeting.objects.get(title=SECRETS["non-public meeting without minutes"])
    draft_action_plan = lokalraad_hjoerring.action_plans.get()
    plan = world["plan"]

    urls = [
        reverse("publishing:public_plan", args=["nordjyllands-politi", draft.uuid]),
        reverse("publishing:public_plan", args=["midt-og-vestjyllands-politi", other.uuid]),
        # A published plan is not found under another district's address.
        reverse("publishing:public_plan", args=["midt-og-vestjyllands-politi", plan.uuid]),
        reverse("publishing:public_plan_version", args=["nordjyllands-politi", plan.uuid, 3]),
        reverse("publishing:public_meeting", args=["nordjyllands-politi", closed_meeting.uuid]),
        reverse(
            "publishing:public_action_plan", args=["nordjyllands-politi", draft_action_plan.uuid]
        ),
        reverse(
            "publishing:public_initiative",
            args=["midt-og-vestjyllands-politi", world["initiative"].uuid],
        ),
    ]

    assert [client.get(url).status_code for url in urls] == [404] * len(urls)


def test_signed_in_secretary_sees_the_public_site_as_a_visitor_does(client, world, sekretariat):
    client.force_login(sekretariat)

    response = client.get(reverse("publishing:public_district", args=["nordjyllands-politi"]))

    assert SECRETS["draft plan"] not in response.content.decode()
    assert "Hovedmenu" not in response.content.decode()  # no internal navigation


def test_district_pages_link_their_atom_feed(client, world):
    response = client.get(reverse("publishing:public_initiatives", args=["nordjyllands-politi"]))

    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'href="/offentlig/nordjyllands-politi/feed.atom"'
    ) in response.content.decode()


# The calendar ----------------------------------------------------------------------------------


def test_calendar_holds_public_meetings_with_open_items_only(client, world, kredsraad_nord):
    response = client.get(reverse("publishing:public_meetings_ics", args=["nordjyllands-politi"]))

    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [f"{COUNCIL}Kredsrådets åbne møde"]
    description = str(events[0]["DESCRIPTION"])
    assert "1. Kriminalitetsudviklingen i Nordjylland" in description
    assert SECRETS["closed agenda item"] not in response.content.decode().replace("\r\n ", "")
    assert str(events[0]["URL"]).endswith(
        reverse("publishing:public_meeting", args=["nordjyllands-politi", world["ahead"].uuid])
    )
    assert response["Content-Type"] == "text/calendar; charset=utf-8"


def test_calendar_shows_no_items_before_the_agenda_is_sent(client, kredsraad_nord):
    planned = meeting(
        kredsraad_nord, days=10, title="Åbent møde uden dagsorden", open_to_public=True
    )
    item(planned, "Punkt der endnu kan ændres", position=1)

    response = client.get(reverse("publishing:public_meetings_ics", args=["nordjyllands-politi"]))

    assert "Åbent møde uden dagsorden" in response.content.decode().replace("\r\n ", "")
    assert "Punkt der endnu kan ændres" not in response.content.decode().replace("\r\n ", "")


# Query counts ----------------------------------------------------------------------------------

LIST_PAGES = [
    "publishing:public_district",
    "publishing:public_action_plans",
    "publishing:public_initiatives",
    "publishing:public_meetings",
    "publishing:public_feed",
    "publishing:public_meetings_ics",
]


def add_rows(n, *, district, sekretariat, kredsraad, lokalraad, lead, base_year):
    """n published plans each with an initiative, n public meetings ahead and n approved
    minutes."""
    for k in range(n):
        plan = plan_actions.create_plan(district, year=base_year + k, by=sekretariat)
        area = plan_actions.add_focus_area(plan, title=f"Område {k}", body="", by=sekretariat)
        publish(plan, sekretariat, kredsraad)
        initiative = factories.initiative(
            f"Indsats {k}", district=district, lead=lead, focus_areas=[area]
        )
        factories.status_update(initiative, period="2023K1", progress=10, author=sekretariat)
        factories.milestone(
            initiative,
            "Nået",
            due_date=datetime.date(2023, 3, 1),
            done_on=datetime.date(2023, 3, 1),
        )
        ahead = meeting(kredsraad, days=40 + base_year - 2020 + k, open_to_public=True)
        item(ahead, f"Punkt {k}", position=1)
        meeting_actions.send_agenda(ahead, by=sekretariat)
        held = meeting(kredsraad, days=-40 - (base_year - 2020) - k)
        decided = item(held, f"Besluttet {k}", position=1)
        meeting_actions.mark_held(held, present=set(), by=sekretariat)
        meeting_actions.record_decision(
            decided, decision="Godkendt.", expected_version=decided.version, by=sekretariat
        )
        held.refresh_from_db()
        meeting_actions.approve_minutes(
            held.minutes, how="chair", on=timezone.localdate(), by=sekretariat
        )


def queries_of(client, name) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name, args=["nordjyllands-politi"]))
    assert response.status_code == 200
    return len(queries)


def test_public_list_pages_query_count_does_not_grow_with_rows(
    client, nordjylland, sekretariat, kredsraad_nord, lokalraad_hjoerring, politi_nord
):
    world = {
        "district": nordjylland,
        "sekretariat": sekretariat,
        "kredsraad": kredsraad_nord,
        "lokalraad": lokalraad_hjoerring,
        "lead": politi_nord,
    }
    add_rows(1, base_year=2020, **world)
    one = {name: queries_of(client, name) for name in LIST_PAGES}

    add_rows(2, base_year=2030, **world)
    three = {name: queries_of(client, name) for name in LIST_PAGES}

    assert three == one
