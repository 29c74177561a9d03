"""Downloading published documents (who may see which), the "Byg PDF og Word" button and the
build's polled progress. Files are rendered by a stand-in here; test_documents.py renders the
real ones."""

import hashlib
from unittest import mock

import pytest
from django.urls import reverse

from kredsraad.meetings.models import Meeting
from kredsraad.publishing import build as building
from kredsraad.publishing.build import queue_build, run_build
from kredsraad.publishing.models import DocumentBuild, Kind, PublishedDocument


def _fake(document):
    return f"%PDF {document.title}".encode()


@pytest.fixture(autouse=True)
def fast_renderers():
    with mock.patch.object(building, "RENDERERS", {"pdf": _fake, "docx": _fake}):
        yield


def built(kind, subject) -> dict:
    job = queue_build(kind, subject, by=None)
    run_build(job.pk)
    return {(d.variant, d.format): d for d in PublishedDocument.objects.filter(build=job)}


def test_visitor_downloads_the_public_pdf_of_a_published_plan(client, published_2023):
    pdf = built(Kind.PLAN, published_2023.versions.get())[("public", "pdf")]
    expected = f"%PDF {published_2023.title}".encode()

    response = client.get(pdf.get_absolute_url())

    assert response.status_code == 200
    assert response.content == expected
    assert response["Content-Type"] == "application/pdf"
    assert response["ETag"] == f'"{hashlib.sha256(expected).hexdigest()}"'
    assert (
        response["Content-Disposition"] == 'inline; filename="kredsraadets-samarbejdsplan-2023.pdf"'
    )


def test_visitor_with_the_etag_gets_not_modified(client, published_2023):
    pdf = built(Kind.PLAN, published_2023.versions.get())[("public", "pdf")]

    response = client.get(pdf.get_absolute_url(), headers={"if-none-match": f'"{pdf.sha256}"'})

    assert response.status_code == 304


def test_unknown_document_is_404(client, db):
    response = client.get(
        reverse("publishing:document", args=["0b7d4d8e-1f1e-4c0b-9a57-6d1b0b7c1a00"])
    )

    assert response.status_code == 404


@pytest.fixture
def meeting_with_closed_item(kredsraad_nord, sekretariat):
    import datetime

    from django.utils import timezone

    from kredsraad.meetings.models import AgendaItem

    starts = timezone.make_aware(datetime.datetime(2023, 3, 14, 13, 0))
    meeting = Meeting.objects.create(
        council=kredsraad_nord,
        title="Kredsrådets møde 1. kvartal 2023",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Politigården",
        open_to_public=True,
        status=Meeting.Status.AGENDA_SENT,
        agenda_sent_at=starts - datetime.timedelta(days=7),
    )
    AgendaItem.objects.create(meeting=meeting, position=1, title="Åbent punkt", kind="information")
    AgendaItem.objects.create(
        meeting=meeting, position=2, title="Beredskabet", kind="discussion", closed=True
    )
    return meeting


def test_members_agenda_is_404_for_visitors_and_another_district_and_200_inside(
    client, meeting_with_closed_item, raadsmedlem, sekretariat_midtvest
):
    files = built(Kind.AGENDA, meeting_with_closed_item)
    members = files[("members", "pdf")].get_absolute_url()
    public = files[("public", "pdf")].get_absolute_url()

    anonymous = client.get(members), client.get(public)
    client.force_login(sekretariat_midtvest)
    elsewhere = client.get(members)
    client.force_login(raadsmedlem)
    inside = client.get(members)

    assert [r.status_code for r in anonymous] == [404, 200]
    assert elsewhere.status_code == 404
    assert inside.status_code == 200


def test_agenda_of_a_closed_meeting_is_404_for_visitors(client, meeting_with_closed_item):
    Meeting.objects.filter(pk=meeting_with_closed_item.pk).update(open_to_public=False)
    public = built(Kind.AGENDA, meeting_with_closed_item)[("public", "pdf")]

    response = client.get(public.get_absolute_url())

    assert response.status_code == 404


def test_sekretariat_builds_the_plan_and_follows_the_progress(
    client, sekretariat, published_2023, django_capture_on_commit_callbacks
):
    version = published_2023.versions.get()
    client.force_login(sekretariat)

    page = client.get(version.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs the build
        response = client.post(reverse("publishing:build_start", args=["plan", version.pk]))
    job = DocumentBuild.objects.latest("pk")  # the publication queued one before
    partial = client.get(reverse("publishing:build", args=[job.pk]), headers={"hx-request": "true"})
    after = client.get(version.get_absolute_url())

    assert "Byg PDF og Word" in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == reverse("publishing:build", args=[job.pk])
    html = partial.content.decode()
    assert '<div id="build-progress"' in html
    assert "<html" not in html
    assert "Dokumenterne er bygget og offentliggjort" in html
    pdf = job.documents.get(format="pdf")
    assert pdf.sha256 in after.content.decode()


def test_polled_partial_keeps_polling_while_the_build_runs(client, sekretariat, published_2023):
    job = queue_build(Kind.PLAN, published_2023.versions.get(), by=sekretariat)
    DocumentBuild.objects.filter(pk=job.pk).update(status="running", done=1, total=2)
    client.force_login(sekretariat)

    response = client.get(
        reverse("publishing:build", args=[job.pk]), headers={"hx-request": "true"}
    )

    html = response.content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert '<progress id="build-progress-bar" max="2" value="1">' in html


def test_failed_build_page_shows_the_error(client, sekretariat, published_2023):
    job = queue_build(Kind.PLAN, published_2023.versions.get(), by=sekretariat)
    with (
        mock.patch.object(building, "RENDERERS", {"pdf": _broken, "docx": _broken}),
        pytest.raises(RuntimeError),
    ):
        run_build(job.pk)
    client.force_login(sekretariat)

    response = client.get(reverse("publishing:build", args=[job.pk]))

    assert "Bygningen fejlede" in response.content.decode()
    assert "skriften mangler" in response.content.decode()


def _broken(document):
    raise RuntimeError("skriften mangler")


def test_council_member_cannot_build_and_another_district_gets_404(
    client, raadsmedlem, sekretariat_midtvest, published_2023
):
    version = published_2023.versions.get()
    url = reverse("publishing:build_start", args=["plan", version.pk])
    queued = DocumentBuild.objects.count()  # by the publication

    client.force_login(raadsmedlem)
    member = client.post(url)
    client.force_login(sekretariat_midtvest)
    other = client.post(url)

    assert (member.status_code, other.status_code) == (404, 404)
    assert DocumentBuild.objects.count() == queued


def test_sekretariat_builds_the_status_report(
    client, sekretariat, nordjylland, django_capture_on_commit_callbacks
):
    url = reverse("publishing:status_report", args=[nordjylland.slug, 2023])
    client.force_login(sekretariat)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    page = client.get(url)

    assert response.status_code == 302
    document = PublishedDocument.objects.get(kind="status_report", format="pdf")
    assert document.sha256 in page.content.decode()
    assert client.get(document.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "header",
    [
        '"{sha}"',
        'W/"{sha}"',
        '"0000", "{sha}"',
        '"0000",W/"{sha}"',
        "*",
    ],
)
def test_visitor_whose_cache_holds_the_file_gets_not_modified(client, published_2023, header):
    pdf = built(Kind.PLAN, published_2023.versions.get())[("public", "pdf")]

    response = client.get(
        pdf.get_absolute_url(), headers={"if-none-match": header.format(sha=pdf.sha256)}
    )

    assert response.status_code == 304


@pytest.mark.parametrize("header", ['"{part}"', '"x{sha}"', "{sha}", '"{sha}x"', ""])
def test_visitor_with_another_etag_gets_the_file(client, published_2023, header):
    pdf = built(Kind.PLAN, published_2023.versions.get())[("public", "pdf")]

    response = client.get(
        pdf.get_absolute_url(),
        headers={"if-none-match": header.format(sha=pdf.sha256, part=pdf.sha256[:20])},
    )

    assert response.status_code == 200


@pytest.fixture
def planned_public_meeting(kredsraad_nord):
    import datetime

    from django.utils import timezone

    from kredsraad.meetings.models import AgendaItem

    starts = timezone.now() + datetime.timedelta(days=14)
    meeting = Meeting.objects.create(
        council=kredsraad_nord,
        title="Kredsrådets åbne møde",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Politigården",
        open_to_public=True,
    )
    AgendaItem.objects.create(meeting=meeting, position=1, title="Åbent punkt", kind="information")
    return meeting


def test_agenda_built_before_it_was_sent_stays_unpublished_once_it_is_sent(
    client, planned_public_meeting, sekretariat
):
    from kredsraad.meetings.actions import send_agenda

    early = built(Kind.AGENDA, planned_public_meeting)[("public", "pdf")]
    send_agenda(planned_public_meeting, by=sekretariat)

    before_rebuild = client.get(early.get_absolute_url())
    sent = built(Kind.AGENDA, planned_public_meeting)[("public", "pdf")]

    assert before_rebuild.status_code == 404
    assert client.get(sent.get_absolute_url()).status_code == 200
    assert client.get(early.get_absolute_url()).status_code == 404


def test_only_the_newest_agenda_of_a_sent_meeting_is_public(client, meeting_with_closed_item):
    first = built(Kind.AGENDA, meeting_with_closed_item)[("public", "pdf")]
    # An item closed after the first build: the agenda is built again without it.
    meeting_with_closed_item.items.filter(position=1).update(closed=True)
    second = built(Kind.AGENDA, meeting_with_closed_item)[("public", "pdf")]

    assert client.get(first.get_absolute_url()).status_code == 404
    assert client.get(second.get_absolute_url()).status_code == 200


def test_stale_build_stops_polling_says_so_and_offers_to_build_again(
    client, sekretariat, published_2023, settings
):
    import datetime

    from django.utils import timezone

    settings.KREDSRAAD_DOCUMENT_BUILD_TIMEOUT = 15 * 60
    version = published_2023.versions.get()
    job = queue_build(Kind.PLAN, version, by=sekretariat)
    DocumentBuild.objects.filter(pk=job.pk).update(
        status="running", created_at=timezone.now() - datetime.timedelta(minutes=16)
    )
    client.force_login(sekretariat)

    response = client.get(
        reverse("publishing:build", args=[job.pk]), headers={"hx-request": "true"}
    )

    html = response.content.decode()
    assert "hx-trigger" not in html
    assert "Bygningen fejlede" in html
    assert "er ikke blevet færdig" in html
    assert f'action="{reverse("publishing:build_start", args=["plan", version.pk])}"' in html
    assert "Byg igen" in html


def test_build_within_the_timeout_still_polls(client, sekretariat, published_2023):
    import datetime

    from django.utils import timezone

    job = queue_build(Kind.PLAN, published_2023.versions.get(), by=sekretariat)
    DocumentBuild.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=14)
    )
    client.force_login(sekretariat)

    response = client.get(
        reverse("publishing:build", args=[job.pk]), headers={"hx-request": "true"}
    )

    assert 'hx-trigger="every 1s"' in response.content.decode()
