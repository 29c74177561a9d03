"""A `Document` as a tagged PDF (PDF/UA-1: structure tree, /Lang da, the title) by WeasyPrint.

The HTML comes from templates/publishing/print/document.html; the print stylesheet is
print.css beside this module, passed to WeasyPrint (never inline styles). Charts are drawn by
vl-convert as SVG from their Vega-Lite spec with no access to any URL, and WeasyPrint fetches
nothing but the data: URLs of those charts and the images of the plan's sections, which
StoredImages reads from the database."""

import base64
from functools import cache
from pathlib import Path

import vl_convert
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from kredsraad.images.models import ImageFile
from kredsraad.publishing.documents.blocks import (
    IMAGE_SCHEME,
    Chart,
    Document,
    Image,
    stored_image_url,
)

STYLESHEET = Path(__file__).with_name("print.css")


@cache
def _stylesheet() -> CSS:
    return CSS(string=STYLESHEET.read_text(encoding="utf-8"))


def chart_svg(chart: Chart) -> str:
    return vl_convert.vegalite_to_svg(chart.spec, allowed_base_urls=[], format_locale="da-DK")


def chart_png(chart: Chart) -> bytes:
    return vl_convert.vegalite_to_png(
        chart.spec, scale=2, allowed_base_urls=[], format_locale="da-DK"
    )


def render_html(document: Document) -> str:
    charts = {
        id(block): "data:image/svg+xml;base64,"
        + base64.b64encode(chart_svg(block).encode()).decode()
        for block in document.blocks
        if isinstance(block, Chart)
    }
    blocks = [(block, charts.get(id(block), "")) for block in document.blocks]
    return render_to_string(
        "publishing/print/document.html", {"document": document, "blocks": blocks}
    )


def stored_images(document: Document) -> dict[str, ImageFile]:
    """The files of the document's images, with their bytes, by their blocks' URL: one query.
    A file is found by its id and its hash together, so a block names exactly one picture."""
    wanted = {(b.file, b.sha256) for b in document.blocks if isinstance(b, Image)}
    files = ImageFile.objects.with_bytes().filter(pk__in={pk for pk, _sha in wanted})
    return {stored_image_url(f.pk, f.sha256): f for f in files if (f.pk, f.sha256) in wanted}


class StoredImages(URLFetcher):
    """Answers the charts' data: URLs and the images of the plan's sections from the database
    (blocks.Image's kredsraad-image: URLs), read in one query; nothing else, so a link in a
    section's text can never make the worker fetch."""

    def __init__(self, document: Document):
        super().__init__(allowed_protocols={"data"})
        self._images = stored_images(document)

    def fetch(self, url, headers=None):
        if url.startswith(f"{IMAGE_SCHEME}:"):
            file = self._images.get(url)
            if file is None:
                raise ValueError(f"No such stored image: {url}")
            return URLFetcherResponse(
                url, bytes(file.data), headers={"Content-Type": file.content_type}
            )
        return super().fetch(url, headers)


def render_pdf(document: Document) -> bytes:
    html = HTML(string=render_html(document), url_fetcher=StoredImages(document))
    return html.write_pdf(stylesheets=[_stylesheet()], pdf_variant="pdf/ua-1")
