"""What a document is made of, independent of PDF or Word: headings, paragraphs, lists,
tables, charts and frozen HTML. Each document module (plan, action_plan, …) turns its subject
into a `Document`; pdf.py renders it through a print template and word.py writes it with
python-docx, so the two files always hold the same text."""

import datetime
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import override

from kredsraad.statistics.reading.compare import format_number


@dataclass(frozen=True)
class Heading:
    kind = "heading"
    level: int  # 1 = a numbered section, 2 = its subsection, 3 below
    text: str
    number: str = ""

    @property
    def anchor(self) -> str:
        return f"afsnit-{self.number or slugify(self.text)}"

    @property
    def full(self) -> str:
        return f"{self.number} {self.text}" if self.number else self.text


@dataclass(frozen=True)
class Paragraph:
    kind = "paragraph"
    text: str
    note: bool = False  # a source line or an explanation in smaller type


@dataclass(frozen=True)
class Html:
    """Sanitised HTML frozen in a published version (a section's Markdown)."""

    kind = "html"
    html: str


@dataclass(frozen=True)
class Items:
    kind = "items"
    items: list[str]


@dataclass(frozen=True)
class Pairs:
    """Terms and their descriptions (forums, an item's details)."""

    kind = "pairs"
    pairs: list[tuple[str, str]]


@dataclass(frozen=True)
class Table:
    kind = "table"
    caption: str
    head: list[str]
    rows: list[list[str]]
    foot: list[list[str]] = field(default_factory=list)
    numeric: bool = False  # figures: right-aligned

    @property
    def small(self) -> bool:
        """Short enough to keep on one page rather than split (print.css's table.keep)."""
        return len(self.rows) + len(self.foot) <= 15


@dataclass(frozen=True)
class Chart:
    """A Vega-Lite chart: SVG in the PDF, PNG in Word; `description` is its text alternative."""

    kind = "chart"
    spec: dict
    description: str


@dataclass(frozen=True)
class Image:
    """An image of a plan's section (kredsraad.images), by its stored file: the PDF's URL
    fetcher and the Word writer read the bytes from the database, never over HTTP."""

    kind = "image"
    file: int
    sha256: str
    alt: str
    caption: str
    width: int
    height: int

    @property
    def url(self) -> str:
        """The address the print template gives WeasyPrint (pdf.py's fetcher answers it)."""
        return stored_image_url(self.file, self.sha256)


IMAGE_SCHEME = "kredsraad-image"


def stored_image_url(file: int, sha256: str) -> str:
    return f"{IMAGE_SCHEME}:{file}/{sha256}"


@dataclass
class Document:
    title: str
    # The cover's lines under the title (the district, its municipalities, a date).
    cover: list[str]
    blocks: list
    contents: bool = False  # a table of contents with page numbers
    footer: str = ""
    # The file's properties: who issues it (the police district) and when it was published
    # (None: when it is built).
    author: str = ""
    published_at: datetime.datetime | None = None

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading) and b.level <= 2]


def danish_date(value: datetime.date | str | None) -> str:
    """ "3. februar 2025", whatever language the request or the worker runs in."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    with override("da"):
        return formats.date_format(value, "DATE_FORMAT")


def danish_number(value) -> str:
    """ "1.234", "12,5"."""
    with override("da"):
        return format_number(value)


def quoted(text: str) -> str:
    """Danish quotation marks: »…«."""
    return f"»{text}«"
