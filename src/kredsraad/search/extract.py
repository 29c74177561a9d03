"""The words of a paper (bilag), for the search index.

A paper's PDF or Word file is read once, when it is added, and its text is stored on the paper
(Paper.text), which its generated search column covers. A file that cannot be read (scanned
pages without a text layer, an encrypted or broken PDF, an odd Word file) gives empty text: the
paper is still added and is still found by its name. Reading never fails the upload.
"""

import io
import logging
import re

import docx
import pypdf

logger = logging.getLogger(__name__)

# A tsvector holds at most 1 MB; 100,000 characters is about 60 pages of prose and keeps the
# index row, and the paper rows read by lists, small.
MAX_CHARS = 100_000
# Pages read from a PDF: beyond this the words are past MAX_CHARS anyway for any real paper, and
# a crafted file with thousands of empty pages cannot hold the request.
MAX_PAGES = 300

_SPACE = re.compile(r"[ \t\r\f\v]+")
_LINES = re.compile(r"\n{3,}")


def paper_text(kind: str, content: bytes) -> str:
    """The paper's text, or "" when it has none or cannot be read. `kind` is Paper.Type."""
    try:
        if kind == "pdf":
            text = _pdf_text(content)
        elif kind == "docx":
            text = _docx_text(content)
        else:
            return ""
    except Exception:  # any parser error on an uploaded file means "no text"
        logger.warning("The text of a %s paper could not be read", kind, exc_info=True)
        return ""
    return _clean(text)


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    if reader.is_encrypted and not reader.decrypt(""):
        return ""
    parts, length = [], 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
        if length >= MAX_CHARS:
            break
    return "\n\n".join(parts)


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _clean(text: str) -> str:
    # PostgreSQL text cannot hold NUL; PDFs sometimes carry them.
    text = text.replace("\x00", "")
    text = _SPACE.sub(" ", text)
    text = _LINES.sub("\n\n", text).strip()
    return text[:MAX_CHARS]
