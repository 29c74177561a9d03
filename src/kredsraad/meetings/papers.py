"""Papers (bilag) are PDF, DOCX or XLSX, told by their content, never by their name: a program
renamed "referat.pdf" is refused. The size limit is the setting KREDSRAAD_PAPER_MAX_BYTES.

A file must also be what its first bytes claim: a PDF must open as a PDF with at least one page,
and a Word or Excel file is an Office package whose zip directory is read for the number of parts,
their size unpacked and how much each part grows, without unpacking anything, so a zip bomb is
refused before anyone opens it.
"""

import io
import zipfile
from pathlib import PurePath

import pikepdf
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
# Limits for an Office package, read from its zip directory. A long report with pictures has a
# few hundred parts and unpacks to tens of megabytes; XML shrinks to a tenth or a twentieth.
MAX_PACKAGE_PARTS = 1_000
MAX_PACKAGE_UNPACKED = 100 * 1024 * 1024
MAX_PART_RATIO = 100  # unpacked size over packed size, for parts over RATIO_FROM bytes
RATIO_FROM = 1024 * 1024
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
    if kind == Paper.Type.PDF:
        _check_pdf(name, content)
    else:
        _check_package(name, content)
    return kind


def _check_pdf(name: str, content: bytes) -> None:
    # A PDF ends with %%EOF (readers look in the last kilobyte); a file cut off in transfer or
    # junk behind a "%PDF-" header does not, or does not open with qpdf (pikepdf).
    try:
        if b"%%EOF" not in content[-1024:]:
            raise ValueError("no %%EOF")
        with pikepdf.open(io.BytesIO(content)) as pdf:
            if len(pdf.pages) == 0:
                raise ValueError("no pages")
    except (pikepdf.PdfError, ValueError):
        raise ValidationError(
            {
                "file": _(
                    "»%(name)s« begynder som en PDF-fil, men kan ikke læses som PDF: den er "
                    "beskadiget, ufuldstændig, uden sider eller beskyttet med adgangskode. Gem "
                    "den som PDF igen, og prøv igen."
                )
                % {"name": name}
            }
        ) from None


def _check_package(name: str, content: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = archive.infolist()
    unpacked = sum(part.file_size for part in parts)
    bomb = next(
        (
            part
            for part in parts
            if part.file_size > RATIO_FROM
            and part.file_size / max(part.compress_size, 1) > MAX_PART_RATIO
        ),
        None,
    )
    problem = None
    if len(parts) > MAX_PACKAGE_PARTS:
        problem = _(
            "»%(name)s« består af %(count)s dele; en Word- eller Excel-fil må højst have %(limit)s."
        ) % {"name": name, "count": len(parts), "limit": MAX_PACKAGE_PARTS}
    elif bomb is not None:
        problem = _(
            "»%(name)s« indeholder en del (%(part)s), der vokser %(ratio)s gange, når den "
            "pakkes ud, til %(size)s. Sådan ser en zipbombe ud, og filen afvises."
        ) % {
            "name": name,
            "part": bomb.filename[:100],
            "ratio": bomb.file_size // max(bomb.compress_size, 1),
            "size": filesizeformat(bomb.file_size),
        }
    elif unpacked > MAX_PACKAGE_UNPACKED:
        problem = _(
            "»%(name)s« fylder %(size)s, når den pakkes ud; et bilag må højst fylde %(limit)s "
            "udpakket."
        ) % {
            "name": name,
            "size": filesizeformat(unpacked),
            "limit": filesizeformat(MAX_PACKAGE_UNPACKED),
        }
    if problem:
        raise ValidationError({"file": problem})


def clean_name(name: str, kind: str) -> str:
    """The file's own name without any folder, with the extension its content has."""
    stem = PurePath(name.replace("\\", "/")).stem.strip() or _("bilag")
    return f"{stem[:200]}{EXTENSIONS[kind]}"
