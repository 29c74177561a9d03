"""A `Document` as Word (DOCX) with python-docx: real Heading 1/2 styles, so Word's navigation
pane shows the sections and a municipality can edit the text; tables with a header row; charts
as PNG with their description as alternative text; Danish as the document's language."""

import datetime
import io
import re
from html.parser import HTMLParser

from django.utils import timezone
from docx import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from kredsraad.publishing.documents.blocks import (
    Chart,
    Document,
    Heading,
    Html,
    Image,
    Items,
    Pairs,
    Paragraph,
    Table,
)
from kredsraad.publishing.documents.pdf import chart_png, stored_images


def render_docx(document: Document) -> bytes:
    word = WordDocument()
    _set_language(word)
    _set_properties(word, document)
    word.add_paragraph(document.title, style="Title")
    for line in document.cover:
        word.add_paragraph(line, style="Subtitle")
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    images = stored_images(document)
    for block in document.blocks:
        if isinstance(block, Image):
            _image(word, block, images[block.url])
        else:
            _write(word, block)
    if document.footer:
        word.add_paragraph(document.footer)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _set_properties(word, document: Document) -> None:
    """Title, author and dates as Word's »Egenskaber« shows them, replacing every property
    python-docx's template carries (author "python-docx", created in 2013, its comments)."""
    properties = word.core_properties
    # Word stores UTC ("…Z"); python-docx writes the clock time as given.
    when = (document.published_at or timezone.now()).astimezone(datetime.UTC)
    author = document.author or (document.cover[0] if document.cover else "")
    properties.title = document.title
    properties.author = author
    properties.last_modified_by = author
    properties.created = when
    properties.modified = when
    properties.language = "da-DK"
    properties.revision = 1
    for name in ("subject", "keywords", "comments", "category", "content_status", "identifier"):
        setattr(properties, name, "")
    properties.version = ""


def _write(word, block) -> None:
    if isinstance(block, Heading):
        word.add_heading(block.full, level=min(block.level, 5))
    elif isinstance(block, Paragraph):
        paragraph = word.add_paragraph(block.text)
        if block.note:
            for run in paragraph.runs:
                run.font.size = Pt(8.5)
    elif isinstance(block, Html):
        for style, text in html_paragraphs(block.html):
            word.add_paragraph(text, style=style)
    elif isinstance(block, Items):
        for item in block.items:
            word.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Pairs):
        for term, text in block.pairs:
            paragraph = word.add_paragraph()
            paragraph.add_run(term).bold = True
            if text:
                paragraph.add_run(f"\n{text}")
    elif isinstance(block, Table):
        _table(word, block)
    elif isinstance(block, Chart):
        word.add_picture(io.BytesIO(chart_png(block)), width=Cm(16))
        # The picture's alternative text, as Word's "Alt Text" reads it.
        _describe(word, block.description)


def _image(word, block: Image, file) -> None:
    """The picture at its size (96 pixels an inch), never wider than the text; the alt text as
    its description, which Word shows as the picture's "Alt Text" and a screen reader reads."""
    width = min(Cm(16), Cm(file.width / 96 * 2.54))
    word.add_picture(io.BytesIO(bytes(file.data)), width=width)
    _describe(word, block.alt)
    if block.caption:
        word.add_paragraph(block.caption, style="Caption")


def _describe(word, text: str) -> None:
    drawing = word.paragraphs[-1]._p.xpath(".//wp:docPr")
    if drawing:
        drawing[0].set("descr", text)


def _table(word, block: Table) -> None:
    word.add_paragraph(block.caption, style="Caption")
    table = word.add_table(rows=1, cols=len(block.head), style="Table Grid")
    for cell, text in zip(table.rows[0].cells, block.head, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    # The header row repeats on every page and tells a screen reader it is one.
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(header.makeelement(qn("w:tblHeader"), {}))
    for row in [*block.rows, *block.foot]:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def _set_language(word) -> None:
    """Danish spelling and hyphenation for every style that does not say otherwise."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    properties = run.find(qn("w:rPr")) if run is not None else None
    if properties is None:
        return
    language = properties.find(qn("w:lang"))
    if language is None:
        language = properties.makeelement(qn("w:lang"), {})
        properties.append(language)
    language.set(qn("w:val"), "da-DK")


class _Blocks(HTMLParser):
    """The text of sanitised Markdown HTML, one (style, text) per paragraph, heading or list
    item; inline markup is dropped."""

    STYLES = {"h3": "Heading 3", "h4": "Heading 4", "h5": "Heading 5", "h6": "Heading 6"}
    BLOCKS = {"p", "li", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "pre"}

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._flush()
            self.stack.append(tag)
        elif tag == "br":
            self.text.append("\n")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._flush()
            if self.stack:
                self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    def _flush(self):
        text = re.sub(r"[ \t\r\n]+", " ", "".join(self.text)).strip()
        self.text = []
        if text:
            tag = self.stack[-1] if self.stack else "p"
            style = "List Bullet" if tag == "li" else self.STYLES.get(tag, "Normal")
            self.found.append((style, text))

    def close(self):
        super().close()
        self._flush()


def html_paragraphs(html: str) -> list[tuple[str, str]]:
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return parser.found
