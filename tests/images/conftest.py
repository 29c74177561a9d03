import io
import struct
import zlib

import pytest
from PIL import Image

from kredsraad.images import actions
from kredsraad.plans import actions as plan_actions
from tests.plans.conftest import plan_2023, plan_midtvest, published_2023  # noqa: F401 (fixtures)

ALT = "Organisationsdiagram: kredsrådet øverst, lokalrådene under det."


def png(size=(40, 30), color="navy", **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG", **save)
    return out.getvalue()


def jpeg_with_gps(size=(40, 30)) -> bytes:
    """A photo as a phone saves it: EXIF with the camera's GPS position and owner."""
    exif = Image.Exif()
    exif[0x010F] = "Telefonfabrikken"  # Make
    exif[0x013B] = "Anne Hemmelig"  # Artist
    exif[0x8825] = {1: "N", 2: (57.0, 2.0, 51.0), 3: "E", 4: (9.0, 55.0, 12.0)}  # GPSInfo
    out = io.BytesIO()
    Image.new("RGB", size, "green").save(out, "JPEG", exif=exif)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height`: what a decompression bomb looks like
    before it is decoded."""
    data = bytearray(png((1, 1)))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" onload="alert(1)">'
    b"<script>alert('svg')</script>"
    b'<rect x="10" y="10" width="180" height="80" fill="#00436b"/>'
    b"</svg>"
)


@pytest.fixture
def text_section(plan_2023, sekretariat):  # noqa: F811 (the fixture)
    return plan_actions.add_section(
        plan_2023, title="Organisationen i billeder", body="Se diagrammet.", by=sekretariat
    )


@pytest.fixture
def chart_image(text_section, sekretariat):
    return actions.add_section_image(
        text_section, data=png(), alt_text=ALT, caption="Figur 1: Organisationen", by=sekretariat
    )
