"""The published documents: a tagged PDF and a Word file with real headings, from the frozen
plan version; the agenda's and the minutes' public variant without closed items; a failed
build keeps the previous document; a stored document never changes."""

import io
import re
import subprocess
from unittest import mock

import docx
import pikepdf
import pytest
from django.db import DatabaseError, transaction

from kredsraad.initiatives.models import Initiative, Milestone
from kredsraad.plans.models import ActionPlan
from kredsraad.publishing import build as building
from kredsraad.publishing.build import current_documents, queue_build, run_build
from kredsraad.publishing.documents.blocks import danish_date
from kredsraad.publishing.models import DocumentBuild, DocumentContent, Kind, PublishedDocument
from tests.publishing.test_public_site import SECRETS, world  # noqa: F401 (the fixture)


def pdf_text(data: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return result.stdout.decode()


def page_texts(data: bytes, *, layout: bool = False) -> list[str]:
    """The text of each page (pdftotext separates pages by a form feed)."""
    args = ["pdftotext", *(["-layout"] if layout else []), "-", "-"]
    result = subprocess.run(args, input=data, capture_output=True, check=True)
    return result.stdout.decode().split("\f")


def contents_entries(data: bytes) -> list[tuple[str, int]]:
    """The table of contents (the page headed "Indhold") as (entry, page number) pairs."""
    page = next(p for p in page_texts(data, layout=True) if p.lstrip().startswith("Indhold"))
    return [
        (" ".join(m[0].split()), int(m[1]))
        for m in re.findall(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", page, flags=re.MULTILINE)
    ]


def walk(sections: list[dict]):
    for section in sections:
        yield section
        yield from walk(section.get("children", []))


def built(kind, subject) -> dict:
    """Build now; {(variant, format): bytes}."""
    job = queue_build(kind, subject, by=None)
    run_build(job.pk)
    return {
        (d.variant, d.format): bytes(d.stored.data)
        for d in PublishedDocument.objects.filter(build=job).select_related("stored")
    }


def headings(data: bytes) -> list[tuple[str, str]]:
    document = docx.Document(io.BytesIO(data))
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name in ("Heading 1", "Heading 2")
    ]


def test_plan_pdf_is_tagged_and_holds_the_sections_and_frozen_figures_and_docx_its_headings(
    demo_version,
):
    content = demo_version.content
    crime = next(s for s in content["sections"] if s["kind"] == "crime_trends")["generated"]
    first = crime["offences"][0]["municipalities"][0]
    # The strategy the plan belongs to comes first, then the numbered sections.
    expected = [("Heading 1", f"Strategi {content['strategy']['period']}")]
    for section in content["sections"]:
        expected.append(("Heading 1", f"{section['number']} {section['title']}"))
        expected += [("Heading 2", f"{c['number']} {c['title']}") for c in section["children"]]

    files = built(Kind.PLAN, demo_version)

    pdf = pikepdf.open(io.BytesIO(files[("public", "pdf")]))
    assert "/StructTreeRoot" in pdf.Root
    assert str(pdf.Root.Lang) == "da"
    assert bool(pdf.Root.MarkInfo.Marked) is True
    assert str(pdf.docinfo["/Title"]) == "Kredsrådets samarbejdsplan 2023"
    # The chart is drawn as vector paths, not embedded as a raster image.
    assert [name for page in pdf.pages for name in page.get_images()] == []
    text = " ".join(pdf_text(files[("public", "pdf")]).split())
    for section in content["sections"]:
        assert f"{section['number']} {section['title']}" in text
    assert crime["paragraphs"][0] in text
    assert crime["source"] in text
    assert f"{first['name']} {first['value_text']} {first['baseline_text']}" in text
    assert "Nordjyllands Politi" in text
    assert "Læsø Kommune" in text  # the cover names the municipalities
    assert "Side 2 af" in text  # the page footer
    found = headings(files[("public", "docx")])
    assert found == [*expected, ("Heading 1", "Kontakt")]
    # The table of contents gives each section the page its heading is printed on.
    entries = contents_entries(files[("public", "pdf")])
    pages = [" ".join(p.split()) for p in page_texts(files[("public", "pdf")])]
    assert [entry for entry, _page in entries] == [text for _style, text in found]
    for entry, number in entries:
        first = next(n for n, page in enumerate(pages, 1) if n > 2 and entry in page)
        assert (entry, number) == (entry, first)
    # No table caption is left at the foot of a page, away from its table.
    for page in page_texts(files[("public", "pdf")], layout=True):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = lines[:-1]  # the last line is the page footer
        assert not body or not body[-1].endswith(f"mod {crime['baseline_label']}")
    # The chart is vector graphics: its axis title is text drawn from the SVG, on a page with
    # no images.
    assert f"Anmeldelser, {crime['period_label']}" in text
    sections = list(walk(content["sections"]))
    areas = next(s for s in sections if s["kind"] == "focus_areas")["generated"]
    initiatives = [i["title"] for area in areas for i in area["initiatives"]]
    assert initiatives and all(title in text for title in initiatives)
    forums = next(s for s in sections if s["kind"] == "forums")["generated"]
    names = [f["name"] for group in forums for f in group["forums"]]
    assert names and all(name in text for name in names)
    # Danish dates: the approval as »6. december 2022«, the publication likewise.
    assert danish_date(content["approved"]["on"]) == "6. december 2022"
    assert "6. december 2022" in text
    assert f"offentliggjort {danish_date(demo_version.published_at.date())}" in text


def test_public_agenda_and_minutes_lack_the_closed_item_and_the_members_variants_have_it(
    demo_meeting_with_closed_item,
):
    meeting = demo_meeting_with_closed_item
    closed = meeting.items.get(closed=True).title
    open_items = [i["title"] for i in meeting.minutes.content["items"] if not i["closed"]]

    agenda = built(Kind.AGENDA, meeting)
    minutes = built(Kind.MINUTES, meeting)

    assert closed not in " ".join(pdf_text(agenda[("public", "pdf")]).split())
    assert closed in " ".join(pdf_text(agenda[("members", "pdf")]).split())
    assert not any(closed in text for _style, text in headings(agenda[("public", "docx")]))
    assert any(closed in text for _style, text in headings(agenda[("members", "docx")]))
    public_minutes = " ".join(pdf_text(minutes[("public", "pdf")]).split())
    assert closed not in public_minutes
    assert all(title in public_minutes for title in open_items)
    assert closed in " ".join(pdf_text(minutes[("members", "pdf")]).split())


def test_handleplan_lists_its_actions_and_status_report_its_initiatives(demo):
    action_plan = ActionPlan.objects.filter(plan__district=demo, items__isnull=False).first()
    titles = list(action_plan.items.values_list("title", flat=True))
    initiative = Initiative.objects.filter(district=demo).order_by("title").first()
    reached = Milestone.objects.filter(initiative__district=demo, done_on__year=2023)

    found = headings(built(Kind.ACTION_PLAN, action_plan)[("public", "docx")])
    report = built(Kind.STATUS_REPORT, (demo, 2023))[("public", "pdf")]

    assert [text.split(" ", 1)[1] for style, text in found if style == "Heading 2"] == titles
    text = " ".join(pdf_text(report).split())
    assert initiative.title in text
    assert all(milestone.title in text for milestone in reached)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return " ".join([p.text for p in document.paragraphs] + cells)


def test_status_report_holds_the_public_initiatives_only(world, nordjylland):  # noqa: F811
    files = built(Kind.STATUS_REPORT, (nordjylland, 2023))

    pdf = " ".join(pdf_text(files[("public", "pdf")]).split())
    word = docx_text(files[("public", "docx")])
    assert "Tryg i nattelivet" in pdf
    assert "Tryg i nattelivet" in word
    assert SECRETS["initiative of a draft"] not in pdf
    assert SECRETS["initiative of a draft"] not in word


def test_failed_build_shows_its_error_and_keeps_the_previous_document(published_2023):
    version = published_2023.versions.get()
    with mock.patch.object(building, "RENDERERS", {"pdf": _fake, "docx": _fake}):
        built(Kind.PLAN, version)
    before = current_documents(plan_version=version)
    job = queue_build(Kind.PLAN, version, by=None)

    with (
        mock.patch.object(building, "RENDERERS", {"pdf": _broken, "docx": _broken}),
        pytest.raises(RuntimeError),
    ):
        run_build(job.pk)

    job.refresh_from_db()
    assert job.status == DocumentBuild.Status.FAILED
    assert "skriften mangler" in job.error
    assert "tidligere offentliggjorte dokument er uændret" in job.error
    assert len(before) == 2
    assert current_documents(plan_version=version) == before
    assert PublishedDocument.objects.filter(build=job).count() == 0


def _broken(document):
    raise RuntimeError("skriften mangler")


def _fake(document):
    return f"{document.title}".encode()


def test_stored_document_can_never_change(published_2023):
    with mock.patch.object(building, "RENDERERS", {"pdf": _fake, "docx": _fake}):
        built(Kind.PLAN, published_2023.versions.get())
    document = PublishedDocument.objects.first()

    with pytest.raises(DatabaseError), transaction.atomic():
        PublishedDocument.objects.filter(pk=document.pk).update(title="Ændret")
    with pytest.raises(DatabaseError), transaction.atomic():
        DocumentContent.objects.filter(pk=document.pk).update(data=b"%PDF-forfalsket")
    with pytest.raises(DatabaseError), transaction.atomic():
        PublishedDocument.objects.filter(pk=document.pk).delete()

    document.refresh_from_db()
    assert document.title == published_2023.title
