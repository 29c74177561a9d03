"""A `Document` as a tagged PDF (PDF/UA-1: structure tree, /Lang da, the title) by WeasyPrint.

The HTML comes from templates/publishing/print/document.html; the print stylesheet is
print.css beside this module, passed to WeasyPrint (never inline styles). Charts are drawn by
vl-convert as SVG from their Vega-Lite spec with no access to any URL, and WeasyPrint fetches
nothing but the data: URLs of those charts."""

import base64
from functools import cache
from pathlib import Path

import vl_convert
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from kredsraad.publishing.documents.blocks import Chart, Document

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


def render_pdf(document: Document) -> bytes:
    # Only the charts' data: URLs; a link in a section's text can never make the worker fetch.
    fetcher = URLFetcher(allowed_protocols={"data"})
    html = HTML(string=render_html(document), url_fetcher=fetcher)
    return html.write_pdf(stylesheets=[_stylesheet()], pdf_variant="pdf/ua-1")
