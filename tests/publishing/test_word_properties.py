"""Word files say who issued them and when: the title, the police district as author, the
publication time as created and modified, Danish; nothing left of python-docx's template. And
the public page offers the files without their SHA-256 (a digest is for machines: the download's
ETag)."""

import datetime
import io

import docx
from django.urls import reverse

from kredsraad.publishing.build import queue_build, run_build
from kredsraad.publishing.documents.blocks import Document, Paragraph
from kredsraad.publishing.documents.word import render_docx
from kredsraad.publishing.models import Kind, PublishedDocument


def _properties(data: bytes):
    return docx.Document(io.BytesIO(data)).core_properties


def test_the_published_plans_word_file_names_the_district_and_the_publication_time(
    published_2023,
):
    version = published_2023.versions.get()
    run_build(queue_build(Kind.PLAN, version, by=None).pk)
    stored = PublishedDocument.objects.select_related("stored").get(
        plan_version=version, format="docx", variant="public"
    )

    properties = _properties(bytes(stored.stored.data))

    published = version.published_at.astimezone(datetime.UTC).replace(microsecond=0)
    assert (properties.title, properties.author, properties.last_modified_by) == (
        "Kredsrådets samarbejdsplan 2023",
        "Nordjyllands Politi",
        "Nordjyllands Politi",
    )
    assert (properties.created, properties.modified) == (published, published)
    assert properties.language == "da-DK"


def test_no_word_file_carries_python_docxs_template_properties():
    built_at = datetime.datetime(2026, 12, 7, 14, 5, tzinfo=datetime.UTC)
    document = Document(
        title="Statusrapport 2026",
        cover=["Midt- og Vestjyllands Politi"],
        blocks=[Paragraph("Tekst")],
        author="Midt- og Vestjyllands Politi",
        published_at=built_at,
    )

    properties = _properties(render_docx(document))

    assert properties.created == built_at
    assert properties.created.year != 2013
    assert "python-docx" not in (properties.author + properties.last_modified_by)
    assert (properties.comments, properties.subject, properties.keywords) == ("", "", "")


def test_visitor_downloads_the_plan_without_being_shown_a_hash(client, published_2023):
    version = published_2023.versions.get()
    run_build(queue_build(Kind.PLAN, version, by=None).pk)
    pdf = PublishedDocument.objects.get(plan_version=version, format="pdf", variant="public")

    page = client.get(
        reverse("publishing:public_plan", args=[published_2023.district.slug, published_2023.uuid])
    )

    html = page.content.decode()
    assert pdf.get_absolute_url() in html
    assert pdf.sha256 not in html
    assert "SHA-256" not in html
