"""An uploaded file turned into an image fit to serve, or a Danish refusal.

What a file is is decided by its content (its first bytes, then Pillow decoding it), never by
its name or the browser's content type. Every image is re-encoded by Pillow, which leaves out
EXIF (GPS positions, the camera's owner), XMP and text chunks. An SVG is never stored or served
as SVG: it is rasterised to PNG by vl-convert (resvg), so no script, link or style in it ever
reaches a browser or a PDF.
"""

import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from xml.etree import ElementTree

import vl_convert
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 6000
MAX_PIXELS = MAX_SIDE * MAX_SIDE
# Pillow refuses (DecompressionBombError) at twice this and warns above it; the warning is
# turned into a refusal below. Set for the process: no other part of the site decodes images
# larger than an upload may be.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# An SVG is drawn at twice its size, so it stays sharp in print, unless that passes the limit.
SVG_SCALE = 2

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
SVG_NS = "{http://www.w3.org/2000/svg}"
# CSS lengths in pixels (96 per inch), for an SVG's width and height.
UNITS = {"": 1, "px": 1, "pt": 4 / 3, "pc": 16, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4}


def not_an_image() -> ValidationError:
    return ValidationError(_("Filen er ikke et billede (PNG, JPEG eller SVG)."), code="not_image")


def too_large(size: int) -> ValidationError:
    return ValidationError(
        _("Filen er for stor (%(size)s); et billede må højst fylde %(limit)s.")
        % {"size": filesizeformat(size), "limit": filesizeformat(MAX_BYTES)},
        code="too_large",
    )


def too_many_pixels(width: int | None = None, height: int | None = None) -> ValidationError:
    limit = number_format(MAX_SIDE, force_grouping=True)
    if width is None or height is None:
        return ValidationError(
            _("Billedet er for stort; det må højst være %(limit)s x %(limit)s pixel.")
            % {"limit": limit},
            code="too_many_pixels",
        )
    return ValidationError(
        _(
            "Billedet er for stort (%(width)s x %(height)s pixel); det må højst være "
            "%(limit)s x %(limit)s pixel."
        )
        % {
            "width": number_format(width, force_grouping=True),
            "height": number_format(height, force_grouping=True),
            "limit": limit,
        },
        code="too_many_pixels",
    )


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    content_type: str
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def clean_image(data: bytes) -> CleanImage:
    """The upload as PNG or JPEG, re-encoded without metadata. Raises ValidationError (Danish)
    for a file that is not a PNG, JPEG or SVG image, or that is too large."""
    if len(data) > MAX_BYTES:
        raise too_large(len(data))
    if data.startswith(PNG_MAGIC):
        return _bitmap(data, "PNG")
    if data.startswith(JPEG_MAGIC):
        return _bitmap(data, "JPEG")
    if _looks_like_svg(data):
        return _bitmap(_rasterise(data), "PNG")
    raise not_an_image()


def _bitmap(data: bytes, expected: str) -> CleanImage:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format != expected:
                raise not_an_image()
            # The header's size, checked before the pixels are decoded.
            if image.width > MAX_SIDE or image.height > MAX_SIDE:
                raise too_many_pixels(image.width, image.height)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own guard, in Image.open, before the header's size could be read here.
        raise too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        # Truncated or corrupt data, or a file only pretending to be one by its first bytes.
        raise not_an_image() from None
    # A phone's photo is stored sideways with an EXIF note to turn it; turn it now, since the
    # note goes with the rest of the EXIF.
    image = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if expected == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, format="JPEG", quality=90)
        content_type = "image/jpeg"
    else:
        image.save(out, format="PNG")
        content_type = "image/png"
    return CleanImage(out.getvalue(), content_type, image.width, image.height)


def _looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (
        head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg"))
        and b"<svg" in data[:4096].lower()
    )


def _rasterise(data: bytes) -> bytes:
    """PNG of an SVG. Refuses an SVG with entities (entity tricks) or a reference to anything
    outside itself (a file or URL the renderer would read), and one that would be drawn larger
    than the limit."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise not_an_image() from None
    # A plain DOCTYPE (as drawing programs write it) is harmless: the parser reads no external
    # DTD. Entities, or a DOCTYPE with declarations of its own, are refused.
    if "<!ENTITY" in text.upper() or re.search(r"<!DOCTYPE[^>]*\[", text, re.IGNORECASE):
        raise not_an_image()
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        raise not_an_image() from None
    if root.tag != f"{SVG_NS}svg":
        raise not_an_image()
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.endswith("href") and not value.strip().startswith(("#", "data:image/")):
                raise not_an_image()
            if _external_url(value):
                raise not_an_image()
        if element.tag == f"{SVG_NS}style" and _external_url(element.text or ""):
            raise not_an_image()
    width, height = _svg_size(root)
    scale = SVG_SCALE if max(width, height) * SVG_SCALE <= MAX_SIDE else 1
    if max(width, height) * scale > MAX_SIDE:
        raise too_many_pixels(round(width), round(height))
    try:
        return vl_convert.svg_to_png(text, scale=scale)
    except Exception:  # resvg's errors are plain exceptions with a message
        raise not_an_image() from None


def _external_url(value: str) -> bool:
    """A CSS url(…) or @import that leaves the document (url(#id) stays inside it)."""
    if "@import" in value:
        return True
    return any(
        not target.strip(" '\"").startswith(("#", "data:image/"))
        for target in re.findall(r"url\(([^)]*)\)", value)
    )


def _svg_size(root) -> tuple[float, float]:
    """The size the SVG is drawn at, in CSS pixels: its width and height, else its viewBox."""
    box = re.split(r"[\s,]+", (root.get("viewBox") or "").strip())
    box_size = (float(box[2]), float(box[3])) if len(box) == 4 and _numbers(box) else None
    sizes = []
    for name, index in (("width", 0), ("height", 1)):
        length = _length(root.get(name))
        if length is None:
            length = box_size[index] if box_size else (300, 150)[index]
        sizes.append(length)
    if min(sizes) <= 0:
        raise not_an_image()
    return sizes[0], sizes[1]


def _length(value: str | None) -> float | None:
    match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*([a-z]*)\s*", value or "")
    if not match or match[2] not in UNITS:
        return None  # absent, a percentage or unknown: the viewBox decides
    return float(match[1]) * UNITS[match[2]]


def _numbers(values) -> bool:
    try:
        [float(v) for v in values]
    except ValueError:
        return False
    return True
