"""The secretariat builds PDF and Word of a published plan version, downloads the PDF and checks
it against the SHA-256 the page shows, then finds the yearly status report from the plans list.
A council member finds the members' agenda on the meeting page; a visitor gets a 404 for it."""

import datetime
import hashlib

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kredsraad.core import effects
from kredsraad.meetings.models import AgendaItem, Meeting
from kredsraad.plans import actions
from kredsraad.publishing import build
from kredsraad.publishing.models import Kind

from .conftest import sign_in


def published_plan(district, council, responsible, *, by):
    plan = actions.create_plan(district, year=2024, by=by)
    actions.add_focus_area(
        plan,
        title="Indbrud i boliger",
        body="Bo trygt udbredes.",
        themes=["burglary"],
        responsible=responsible,
        by=by,
    )
    actions.send_for_discussion(plan, by=by)
    actions.approve_plan(
        plan,
        council=council,
        on=datetime.date(2023, 12, 5),
        reference="Kredsrådets møde 5. december 2023, punkt 2",
        by=by,
    )
    # Published as the demo's plans are, with no documents yet: the story builds them by hand.
    with effects.paused():
        actions.publish_plan(plan, by=by)
    return plan


def document_row(page, name):
    """The row of the documents table whose link is `name`."""
    return page.locator("table.documents-list tbody tr").filter(
        has=page.get_by_role("link", name=name, exact=True)
    )


@pytest.mark.django_db(transaction=True)
def test_secretariat_builds_downloads_and_verifies_the_plan_pdf_and_finds_the_status_report(
    page, sekretariat, nordjylland, kredsraad_nord, politi_nord
):
    published_plan(nordjylland, kredsraad_nord, politi_nord, by=sekretariat)
    this_year = timezone.localdate().year
    sign_in(page, sekretariat)
    p = page.page

    p.get_by_role("link", name="Samarbejdsplaner").click()
    page.check()
    p.get_by_role("link", name="Kredsrådets samarbejdsplan 2024").click()
    page.check()
    p.get_by_role("link", name="Version 1").click()
    page.check()
    assert "Der er endnu ikke bygget PDF og Word." in p.locator("main").inner_text()

    p.get_by_role("button", name="Byg PDF og Word").click()
    page.check()
    # The worker may still be at it: the progress polls until the build is done.
    expect(p.get_by_text("Dokumenterne er bygget og offentliggjort")).to_be_visible(timeout=30_000)
    page.check()
    pdf_row = document_row(p, "Kredsrådets samarbejdsplan 2024 (PDF)")
    docx_row = document_row(p, "Kredsrådets samarbejdsplan 2024 (Word)")
    expect(pdf_row).to_have_count(1)
    expect(docx_row).to_have_count(1)
    shown_pdf_sha = pdf_row.locator("code.sha256").inner_text().strip()
    shown_docx_sha = docx_row.locator("code.sha256").inner_text().strip()
    assert len(shown_pdf_sha) == 64
    assert len(shown_docx_sha) == 64
    assert shown_pdf_sha != shown_docx_sha

    # A plain click opens the PDF in the browser's viewer; Alt+click is Chromium's own
    # "save the link" gesture, which hands the bytes to the test as a download.
    with p.expect_download() as download_info:
        pdf_row.get_by_role("link").click(modifiers=["Alt"])
    pdf = download_info.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == shown_pdf_sha

    p.get_by_role("link", name="Tilbage").click()
    page.check()
    assert "Kredsrådets samarbejdsplan 2024 (PDF)" in p.locator("main").inner_text()

    p.get_by_role("link", name="Samarbejdsplaner").click()
    page.check()
    p.get_by_role("link", name=f"Statusrapport {this_year}").click()
    page.check()
    assert (
        p.get_by_role("heading", level=1).inner_text()
        == f"Statusrapport {this_year}, {nordjylland.name}"
    )
    assert "Der er endnu ikke bygget PDF og Word." in p.locator("main").inner_text()


@pytest.fixture
def meeting_with_closed_item(kredsraad_nord):
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


@pytest.mark.django_db(transaction=True)
def test_council_member_sees_the_members_agenda_and_a_visitor_gets_404_for_it(
    page, raadsmedlem, sekretariat, meeting_with_closed_item
):
    build.run_build(build.queue_build(Kind.AGENDA, meeting_with_closed_item, by=sekretariat).pk)
    sign_in(page, raadsmedlem)
    p = page.page

    page.goto(meeting_with_closed_item.get_absolute_url())
    rows = p.locator("table.documents-list tbody tr")
    variants = sorted(rows.locator("td:nth-child(2)").all_inner_texts())
    members_pdf = rows.filter(has_text="Medlemmernes (med lukkede punkter)").filter(
        has=p.get_by_role("link", name="(PDF)")
    )
    members_href = members_pdf.get_by_role("link").get_attribute("href")
    public_pdf = rows.filter(has_text="Offentlig").filter(has=p.get_by_role("link", name="(PDF)"))
    public_href = public_pdf.get_by_role("link").get_attribute("href")
    assert variants == sorted(["Offentlig"] * 2 + ["Medlemmernes (med lukkede punkter)"] * 2)
    assert p.request.get(page.base_url + members_href).body().startswith(b"%PDF")

    p.get_by_role("button", name="Log ud").click()
    page.check()

    page.goto(members_href, expect_status=404)
    assert p.request.get(page.base_url + public_href).status == 200
