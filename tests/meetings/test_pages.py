"""The meeting pages as their users see them: who may run a meeting, and closed items, their
papers and draft minutes never shown outside the council."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.meetings import actions
from kredsraad.meetings.models import AgendaItem, Meeting, Minutes
from kredsraad.publishing.models import Kind, PublishedDocument
from tests import factories
from tests.publishing.test_documents import pdf_text

CPH = ZoneInfo("Europe/Copenhagen")
PDF = factories.pdf()


def meeting_of(council, *, day=14, status=Meeting.Status.PLANNED, **values):
    return Meeting.objects.create(
        council=council,
        starts_at=datetime.datetime(2023, 6, day, 13, tzinfo=CPH),
        ends_at=datetime.datetime(2023, 6, day, 15, tzinfo=CPH),
        place="Politigården, Aalborg",
        status=status,
        **values,
    )


@pytest.fixture
def meeting(kredsraad_nord, sekretariat):
    meeting = meeting_of(kredsraad_nord)
    AgendaItem.objects.create(meeting=meeting, position=1, title="Åbent punkt", kind="orientation")
    closed = AgendaItem.objects.create(
        meeting=meeting, position=2, title="Personsag om en betjent", kind="decision", closed=True
    )
    actions.add_paper(closed, name="sag.pdf", content=PDF, by=sekretariat)
    return meeting


@pytest.fixture
def closed_item(meeting):
    return meeting.items.get(closed=True)


def test_a_member_sees_closed_items_and_their_papers(client, raadsmedlem, meeting, closed_item):
    client.force_login(raadsmedlem)

    page = client.get(meeting.get_absolute_url())
    paper = client.get(closed_item.papers.get().get_absolute_url())

    assert "Personsag om en betjent" in page.content.decode()
    assert paper.status_code == 200
    assert paper.content == PDF
    assert paper["Content-Type"] == "application/pdf"
    assert paper["Content-Disposition"] == 'attachment; filename="sag.pdf"'


def test_outside_the_council_closed_items_papers_and_draft_minutes_do_not_exist(
    client, koordinator_hjoerring, meeting, closed_item, sekretariat
):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    Minutes.objects.create(meeting=meeting)
    client.force_login(koordinator_hjoerring)

    page = client.get(meeting.get_absolute_url())

    assert page.status_code == 200
    assert "Åbent punkt" in page.content.decode()
    assert "Personsag" not in page.content.decode()
    for url in [
        closed_item.get_absolute_url(),
        closed_item.papers.get().get_absolute_url(),
        reverse("meetings:minutes", args=[meeting.pk]),
        reverse("meetings:meeting_history", args=[meeting.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_approved_minutes_leave_out_closed_items_outside_the_council(
    client, koordinator_hjoerring, raadsmedlem, meeting, sekretariat
):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    meeting.items.update(decided=True, decision="Besluttet som indstillet.")
    minutes = Minutes.objects.create(meeting=meeting)
    actions.approve_minutes(minutes, how="chair", on=datetime.date(2023, 6, 20), by=sekretariat)
    url = reverse("meetings:minutes", args=[meeting.pk])

    client.force_login(koordinator_hjoerring)
    outside = client.get(url).content.decode()
    client.force_login(raadsmedlem)
    inside = client.get(url).content.decode()

    assert "Åbent punkt" in outside and "Personsag" not in outside
    assert "Personsag" in inside


def test_a_koordinator_reading_after_a_member_is_not_served_the_members_minutes(
    client, koordinator_hjoerring, raadsmedlem, meeting, sekretariat
):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    meeting.items.update(decided=True, decision="Besluttet som indstillet.")
    minutes = Minutes.objects.create(meeting=meeting)
    actions.approve_minutes(minutes, how="chair", on=datetime.date(2023, 6, 20), by=sekretariat)
    url = reverse("meetings:minutes", args=[meeting.pk])
    client.force_login(raadsmedlem)
    assert "Personsag" in client.get(url).content.decode()  # the member's reading is kept

    client.force_login(koordinator_hjoerring)
    outside = client.get(url).content.decode()

    assert "Åbent punkt" in outside
    assert "Personsag" not in outside


def test_minutes_whose_version_changes_are_read_anew(client, raadsmedlem, meeting, sekretariat):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    meeting.items.update(decided=True, decision="Besluttet som indstillet.")
    minutes = Minutes.objects.create(meeting=meeting)
    minutes = actions.approve_minutes(
        minutes, how="chair", on=datetime.date(2023, 6, 20), by=sekretariat
    )
    url = reverse("meetings:minutes", args=[meeting.pk])
    client.force_login(raadsmedlem)
    client.get(url)
    content = {**minutes.content, "introduction": "Rettet ved en databasekorrektion."}
    Minutes.objects.filter(pk=minutes.pk).update(content=content, version=minutes.version + 1)

    page = client.get(url).content.decode()

    assert "Rettet ved en databasekorrektion." in page


def test_a_councils_meeting_list_shows_one_earlier_year_at_a_time(
    client, sekretariat, kredsraad_nord
):
    june = meeting_of(kredsraad_nord, title="Junimødet", status=Meeting.Status.HELD)
    earlier = Meeting.objects.create(
        council=kredsraad_nord,
        title="Mødet i 2019",
        starts_at=datetime.datetime(2019, 3, 5, 13, tzinfo=CPH),
        ends_at=datetime.datetime(2019, 3, 5, 15, tzinfo=CPH),
        place="Politigården, Aalborg",
        status=Meeting.Status.HELD,
    )
    url = reverse("meetings:meetings", args=[kredsraad_nord.pk])
    client.force_login(sekretariat)

    latest = client.get(url).content.decode()
    in_2019 = client.get(url, {"aar": 2019}).content.decode()

    assert june.get_absolute_url() in latest and "?aar=2019" in latest
    assert earlier.get_absolute_url() in in_2019
    assert june.get_absolute_url() not in in_2019


def test_another_districts_meeting_is_a_404(client, sekretariat_midtvest, meeting):
    client.force_login(sekretariat_midtvest)

    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.get(reverse("meetings:meetings", args=[meeting.council_id])).status_code == 404


def test_a_member_cannot_run_the_meeting(client, raadsmedlem, meeting):
    client.force_login(raadsmedlem)

    assert client.get(reverse("meetings:meeting_edit", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("meetings:send_agenda", args=[meeting.pk])).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_a_koordinator_runs_its_lokalraads_meetings_only(
    client, koordinator_hjoerring, lokalraad_hjoerring, kredsraad_nord
):
    client.force_login(koordinator_hjoerring)

    own = client.get(reverse("meetings:meeting_create", args=[lokalraad_hjoerring.pk]))
    district = client.get(reverse("meetings:meeting_create", args=[kredsraad_nord.pk]))

    assert (own.status_code, district.status_code) == (200, 404)


def test_the_secretariat_plans_a_meeting_through_the_form(client, sekretariat, kredsraad_nord):
    client.force_login(sekretariat)
    start = datetime.datetime.now(CPH).replace(microsecond=0) + datetime.timedelta(days=30)

    response = client.post(
        reverse("meetings:meeting_create", args=[kredsraad_nord.pk]),
        {
            "title": "Kredsrådsmøde",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Politigården",
        },
    )

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert timezone_name(meeting.starts_at) == start.strftime("%H:%M")


def timezone_name(moment):
    return moment.astimezone(CPH).strftime("%H:%M")


def test_a_public_meeting_needs_the_councils_decision(client, sekretariat, kredsraad_nord):
    client.force_login(sekretariat)
    start = datetime.datetime.now(CPH) + datetime.timedelta(days=30)

    response = client.post(
        reverse("meetings:meeting_create", args=[kredsraad_nord.pk]),
        {
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Politigården",
            "open_to_public": "on",
        },
    )

    assert response.status_code == 200
    assert "Angiv rådets beslutning" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_renamed_program_is_refused_as_a_paper(client, sekretariat, meeting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = meeting.items.get(position=1)
    client.force_login(sekretariat)

    response = client.post(
        reverse("meetings:paper_upload", args=[item.pk]),
        {"file": SimpleUploadedFile("referat.pdf", b"MZ\x90\x00program")},
        follow=True,
    )

    assert "er ikke en PDF-" in response.content.decode()
    assert not item.papers.exists()


def add_items(meeting, user, count):
    start = meeting.items.count()
    for n in range(start, start + count):
        item = AgendaItem.objects.create(
            meeting=meeting, position=n + 1, title=f"Punkt {n}", kind="orientation"
        )
        actions.add_paper(item, name=f"bilag{n}.pdf", content=PDF, by=user)


@pytest.mark.parametrize(
    "url_of",
    [
        lambda m: m.get_absolute_url(),
        lambda m: reverse("meetings:meetings", args=[m.council_id]),
        lambda m: reverse("meetings:district_meetings", args=[m.council.district.slug]),
    ],
)
def test_meeting_pages_query_counts_do_not_grow(
    client, raadsmedlem, kredsraad_nord, sekretariat, url_of
):
    meeting = meeting_of(kredsraad_nord)
    add_items(meeting, sekretariat, 1)
    client.force_login(raadsmedlem)
    url = url_of(meeting)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    add_items(meeting, sekretariat, 2)
    meeting_of(kredsraad_nord, day=20)
    meeting_of(kredsraad_nord, day=27)

    with CaptureQueriesContext(connection) as three:
        client.get(url)

    assert len(three.captured_queries) == len(one.captured_queries)


def test_the_secretariat_invites_a_guest(client, sekretariat, meeting, politi_nord):
    guest = factories.person(title="Chefanalytiker", organisation=politi_nord)
    client.force_login(sekretariat)

    response = client.post(
        reverse("meetings:guest_add", args=[meeting.pk]), {"person": guest.pk}, follow=True
    )

    assert "Chefanalytiker, Nordjyllands Politi deltager som gæst." in response.content.decode()
    assert meeting.participants.get(person=guest).kind == "guest"
    again = client.post(
        reverse("meetings:guest_add", args=[meeting.pk]), {"person": guest.pk}, follow=True
    )
    assert "Vælg den person" in again.content.decode()
    assert meeting.participants.filter(person=guest).count() == 1


def test_another_districts_person_cannot_be_a_guest(client, sekretariat, meeting, politi_midtvest):
    stranger = factories.person(title="Fremmed", organisation=politi_midtvest)
    client.force_login(sekretariat)

    client.post(reverse("meetings:guest_add", args=[meeting.pk]), {"person": stranger.pk})

    assert not meeting.participants.filter(person=stranger).exists()


def test_closing_an_item_of_a_sent_public_agenda_publishes_the_agenda_again_without_it(
    client, sekretariat, kredsraad_nord, django_capture_on_commit_callbacks
):
    sent = meeting_of(
        kredsraad_nord,
        status=Meeting.Status.AGENDA_SENT,
        agenda_sent_at=datetime.datetime(2023, 6, 1, 9, tzinfo=CPH),
        open_to_public=True,
        public_decision="Kredsrådets beslutning 1. marts 2023",
    )
    item = AgendaItem.objects.create(
        meeting=sent, position=1, title="Tryghedsvandring i Vejgaard", kind="orientation"
    )
    client.force_login(sekretariat)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meetings:item_edit", args=[item.pk]),
            {"title": item.title, "kind": item.kind, "closed": "on", "version": item.version},
        )

    public_pdf = PublishedDocument.objects.filter(
        meeting=sent, kind=Kind.AGENDA, variant="public", format="pdf"
    ).get()
    client.logout()
    download = client.get(public_pdf.get_absolute_url())
    assert response.status_code == 302
    assert download.status_code == 200
    assert "Tryghedsvandring" not in pdf_text(download.content)
