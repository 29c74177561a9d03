"""The published plan's PDF shows a section's image as a tagged Figure with its alt text, read
from the database; the Word file holds the picture with the alt text as its description."""

import io

import docx
import pikepdf

from kredsraad.plans import actions as plan_actions
from kredsraad.publishing.documents.pdf import render_pdf
from kredsraad.publishing.documents.plan import plan_document
from kredsraad.publishing.documents.word import render_docx
from tests.images.conftest import ALT
from tests.plans.conftest import approved


def published_version(chart_image, sekretariat, kredsraad_nord):
    plan = chart_image.section.plan
    approved(plan, sekretariat, kredsraad_nord)
    return plan_actions.publish_plan(plan, by=sekretariat)


def figures(pdf) -> list:
    """The structure tree's Figure elements."""
    found, stack = [], [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary) and node.get("/S") == "/Figure":
            found.append(node)
        kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
        if isinstance(kids, pikepdf.Array):
            stack += [k for k in kids if isinstance(k, pikepdf.Dictionary)]
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)
    return found


def test_the_pdf_holds_the_image_as_a_figure_with_its_alt_text(
    sekretariat, kredsraad_nord, chart_image
):
    version = published_version(chart_image, sekretariat, kredsraad_nord)

    data = render_pdf(plan_document(version))

    pdf = pikepdf.open(io.BytesIO(data))
    assert [str(f.get("/Alt")) for f in figures(pdf)] == [ALT]
    # One picture, embedded once (the pages share their resources).
    assert len({name for page in pdf.pages for name in page.get_images()}) == 1


def test_the_word_file_holds_the_picture_described_by_its_alt_text(
    sekretariat, kredsraad_nord, chart_image
):
    version = published_version(chart_image, sekretariat, kredsraad_nord)

    data = render_docx(plan_document(version))

    document = docx.Document(io.BytesIO(data))
    described = [element.get("descr") for element in document.element.body.xpath(".//wp:docPr")]
    assert described == [ALT]
    assert "Figur 1: Organisationen" in [p.text for p in document.paragraphs]
