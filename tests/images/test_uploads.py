"""The secretariat adds images to a plan's sections: PNG, JPEG and SVG, checked by their
content, re-encoded without metadata, with a required Danish alt text; anything else is refused
with a Danish message and nothing is stored."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import ProgrammingError, transaction
from django.urls import reverse
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from kredsraad.core.history import history_of
from kredsraad.images import actions
from kredsraad.images.models import ImageFile, SectionImage
from kredsraad.images.uploads import MAX_BYTES
from kredsraad.plans import actions as plan_actions
from tests.images.conftest import ALT, SVG_WITH_SCRIPT, jpeg_with_gps, png, png_claiming
from tests.plans.conftest import approved


def upload(client, section, data, *, name="billede.png", alt=ALT, caption=""):
    return client.post(
        reverse("images:upload", args=[section.pk]),
        {"file": SimpleUploadedFile(name, data), "alt_text": alt, "caption": caption},
    )


def stored(image: SectionImage) -> bytes:
    return bytes(ImageFile.objects.with_bytes().get(pk=image.file_id).data)


def test_secretariat_uploads_a_png_with_alt_text_and_caption(client, sekretariat, text_section):
    client.force_login(sekretariat)

    response = upload(client, text_section, png((40, 30)), caption="Figur 1")

    assert response.status_code == 302
    image = SectionImage.objects.get(section=text_section)
    assert (image.alt_text, image.caption, image.position) == (ALT, "Figur 1", 1)
    assert (image.file.content_type, image.file.width, image.file.height) == ("image/png", 40, 30)
    assert Image.open(io.BytesIO(stored(image))).format == "PNG"


def test_a_jpeg_is_stored_without_its_exif_and_gps_position(sekretariat, text_section):
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif()  # the phone's file has it

    image = actions.add_section_image(text_section, data=data, alt_text=ALT, by=sekretariat)

    clean = stored(image)
    assert image.file.content_type == "image/jpeg"
    assert dict(Image.open(io.BytesIO(clean)).getexif()) == {}
    assert b"Anne Hemmelig" not in clean
    assert b"Telefonfabrikken" not in clean


def test_a_png_is_stored_without_its_text_chunks(sekretariat, text_section):
    info = PngInfo()
    info.add_text("Author", "Anne Hemmelig")

    image = actions.add_section_image(
        text_section, data=png(pnginfo=info), alt_text=ALT, by=sekretariat
    )

    assert b"Anne Hemmelig" not in stored(image)


def test_an_svg_is_rasterised_to_png_and_its_script_is_gone(sekretariat, text_section):
    image = actions.add_section_image(
        text_section, data=SVG_WITH_SCRIPT, alt_text=ALT, by=sekretariat
    )

    data = stored(image)
    assert image.file.content_type == "image/png"
    assert data.startswith(b"\x89PNG")
    assert b"script" not in data.lower()
    assert b"alert" not in data
    # Drawn at twice its size, so it stays sharp in print.
    assert (image.file.width, image.file.height) == (400, 200)


def test_an_svg_as_a_drawing_program_writes_it_is_accepted(sekretariat, text_section):
    svg = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'viewBox="0 0 300 120"><defs><linearGradient id="g"><stop offset="0" stop-color="red"/>'
        b'</linearGradient></defs><rect width="300" height="120" style="fill:url(#g)"/>'
        b'<use xlink:href="#g"/></svg>'
    )

    image = actions.add_section_image(text_section, data=svg, alt_text=ALT, by=sekretariat)

    assert (image.file.content_type, image.file.width, image.file.height) == (
        "image/png",
        600,
        240,
    )


@pytest.mark.parametrize(
    "data",
    [
        b"Hej, jeg er en tekst og ikke et billede.",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"\x89PNG\r\n\x1a\nnot really a png at all",
        b"\xff\xd8\xff\xe0 broken jpeg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://x.dk/a)"/></svg>',
        b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
        b"<svg>not xml",
    ],
    ids=[
        "text",
        "pdf",
        "fake-png",
        "fake-jpeg",
        "svg-file-link",
        "svg-css-url",
        "svg-dtd",
        "bad-svg",
    ],
)
def test_a_file_that_is_not_an_image_is_refused_and_nothing_stored(
    client, sekretariat, text_section, data
):
    client.force_login(sekretariat)

    # The name says PNG; the content decides.
    response = upload(client, text_section, data, name="diagram.png")

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Filen er ikke et billede (PNG, JPEG eller SVG)."
    ]
    assert not SectionImage.objects.exists()
    assert not ImageFile.objects.exists()


def test_a_file_over_five_megabytes_is_refused_with_the_limit(client, sekretariat, text_section):
    client.force_login(sekretariat)

    response = upload(client, text_section, png() + b"\0" * MAX_BYTES)

    [message] = response.context["form"].errors["file"]
    assert message.startswith("Filen er for stor (")
    assert message.endswith("et billede må højst fylde 5,0\xa0MB.")
    assert not ImageFile.objects.exists()


@pytest.mark.parametrize("size", [(6001, 10), (10, 6001), (20000, 20000), (90000, 90000)])
def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded(
    sekretariat, text_section, size
):
    with pytest.raises(ValidationError) as refused:
        actions.add_section_image(
            text_section, data=png_claiming(*size), alt_text=ALT, by=sekretariat
        )

    [message] = refused.value.message_dict["file"]
    assert message.startswith("Billedet er for stort")
    assert message.endswith("det må højst være 6.000 x 6.000 pixel.")
    assert not ImageFile.objects.exists()


def test_an_svg_drawn_larger_than_the_limit_is_refused(sekretariat, text_section):
    huge = b'<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="10"/>'

    with pytest.raises(ValidationError) as refused:
        actions.add_section_image(text_section, data=huge, alt_text=ALT, by=sekretariat)

    assert refused.value.message_dict["file"] == [
        "Billedet er for stort (100.000 x 10 pixel); det må højst være 6.000 x 6.000 pixel."
    ]


@pytest.mark.parametrize("alt", ["", "   "])
def test_an_image_without_alt_text_is_refused_and_nothing_stored(
    client, sekretariat, text_section, alt
):
    client.force_login(sekretariat)

    response = upload(client, text_section, png(), alt=alt)

    assert response.status_code == 200
    assert response.context["form"].errors["alt_text"] == [
        "Skriv en alternativ tekst, der beskriver billedet."
    ]
    assert not ImageFile.objects.exists()


def test_an_alt_text_over_500_characters_is_refused(client, sekretariat, text_section):
    client.force_login(sekretariat)

    response = upload(client, text_section, png(), alt="a" * 501)

    assert response.context["form"].errors["alt_text"] == [
        "»Alternativ tekst« må højst være 500 tegn; teksten er 501."
    ]
    assert not SectionImage.objects.exists()


def test_the_action_refuses_missing_alt_text_and_not_an_image_together(sekretariat, text_section):
    with pytest.raises(ValidationError) as refused:
        actions.add_section_image(text_section, data=b"tekst", alt_text="", by=sekretariat)

    assert set(refused.value.message_dict) == {"alt_text", "file"}


def test_no_image_is_added_to_an_approved_plan(sekretariat, text_section, kredsraad_nord):
    approved(text_section.plan, sekretariat, kredsraad_nord)

    with pytest.raises(plan_actions.PlanStateError) as refused:
        actions.add_section_image(text_section, data=png(), alt_text=ALT, by=sekretariat)

    assert str(refused.value) == "Planen er godkendt og kan ikke længere redigeres."
    assert not ImageFile.objects.exists()


def test_the_same_picture_twice_is_stored_once(sekretariat, text_section, chart_image):
    again = actions.add_section_image(text_section, data=png(), alt_text=ALT, by=sekretariat)

    assert again.file_id == chart_image.file_id
    assert again.position == 2


def test_history_records_who_uploaded_the_image(sekretariat, chart_image):
    [event] = history_of(chart_image)

    assert event.user == sekretariat
    assert ALT in [change.new for change in event.fields]


def test_a_stored_file_never_changes(chart_image):
    with pytest.raises(ProgrammingError, match="Cannot update rows"), transaction.atomic():
        ImageFile.objects.filter(pk=chart_image.file_id).update(width=1)
