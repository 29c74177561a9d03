"""Papers (bilag) are PDF, DOCX or XLSX, told by their content, never by their name: a program
renamed "referat.pdf" is refused. The size limit is the setting KREDSRAAD_PAPER_MAX_BYTES."""

import io
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from kredsraad.meetings.models import Paper

# Parts an Office Open XML package of each kind must hold.
OOXML_PARTS = {
    Paper.Type.DOCX: "word/document.xml",
    Paper.Type.XLSX: "xl/workbook.xml",
}
EXTENSIONS = {Paper.Type.PDF: ".pdf", Paper.Type.DOCX: ".docx", Paper.Type.XLSX: ".xlsx"}
CONTENT_TYPES = {
    Paper.Type.PDF: "application/pdf",
    Paper.Type.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Paper.Type.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def max_bytes() -> int:
    return settings.KREDSRAAD_PAPER_MAX_BYTES


def detect(content: bytes) -> str | None:
    """The paper type the bytes are, or None."""
    if content.startswith(b"%PDF-"):
        return Paper.Type.PDF
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        for kind, part in OOXML_PARTS.items():
            if part in names:
                return kind
    return None


def check(name: str, content: bytes, *, size: int | None = None) -> str:
    """The paper's type, or a ValidationError in Danish saying what is wrong with the file."""
    size = len(content) if size is None else size
    if not content:
        raise ValidationError({"file": _("Filen er tom.")})
    if size > max_bytes():
        raise ValidationError(
            {
                "file": _("Filen fylder %(size)s; et bilag må højst fylde %(limit)s.")
                % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
            }
        )
    kind = detect(content)
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "»%(name)s« er ikke en PDF-, Word- (.docx) eller Excel-fil (.xlsx), uanset "
                    "hvad navnet siger. Gem den i et af de formater, og prøv igen."
                )
                % {"name": name}
            }
        )
    return kind


def clean_name(name: str, kind: str) -> str:
    """The file's own name without any folder, with the extension its content has."""
    stem = PurePath(name.replace("\\", "/")).stem.strip() or _("bilag")
    return f"{stem[:200]}{EXTENSIONS[kind]}"
