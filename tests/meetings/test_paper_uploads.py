"""A paper must be what it claims to be: a PDF that opens as a PDF, an Office package that is not
a zip bomb. A refused file changes nothing and the message names it."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kredsraad.meetings import actions, papers
from tests import factories
from tests.meetings.test_actions import plan_meeting


def office_package(*parts: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name, data in parts:
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb_docx(unpacked: int = 200 * 1024 * 1024) -> bytes:
    """A DOCX whose word/document.xml is 200 MB of zeros, written in 1 MB pieces so that
    neither the test nor the file (about 200 KB) ever holds the 200 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        piece = bytes(1024 * 1024)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(unpacked // len(piece)):
                part.write(piece)
    return buffer.getvalue()


@pytest.fixture
def item(kredsraad_nord, sekretariat):
    meeting = plan_meeting(kredsraad_nord, sekretariat)
    return actions.add_item(
        meeting, title="Ruter for natbusser", kind="orientation", by=sekretariat
    )


def refusal(item, user, name, content) -> str:
    with pytest.raises(ValidationError) as error:
        actions.add_paper(item, name=name, content=content, by=user)
    return error.value.message_dict["file"][0]


def test_secretariat_cannot_attach_junk_behind_a_pdf_header(item, sekretariat):
    message = refusal(item, sekretariat, "referat.pdf", b"%PDF-1.7\n" + b"\x00junk" * 500)

    assert message.startswith("»referat.pdf« begynder som en PDF-fil, men kan ikke læses som PDF")
    assert not item.papers.exists()


def test_secretariat_cannot_attach_a_pdf_cut_off_in_transfer(item, sekretariat):
    whole = factories.pdf(pages=3)

    message = refusal(item, sekretariat, "bilag.pdf", whole[: len(whole) // 2])

    assert "»bilag.pdf« begynder som en PDF-fil, men kan ikke læses som PDF" in message
    assert not item.papers.exists()


def test_secretariat_cannot_attach_a_zip_bomb_as_a_word_file(item, sekretariat):
    bomb = zip_bomb_docx()
    assert len(bomb) < 1024 * 1024

    message = refusal(item, sekretariat, "analyse.docx", bomb)

    assert message.startswith("»analyse.docx« indeholder en del (word/document.xml), der vokser")
    assert "Sådan ser en zipbombe ud" in message
    assert not item.papers.exists()


def test_secretariat_cannot_attach_a_package_of_too_many_parts(item, sekretariat):
    parts = [("word/document.xml", b"<w/>")] + [
        (f"word/media/{n}.xml", b"<x/>") for n in range(papers.MAX_PACKAGE_PARTS)
    ]

    message = refusal(item, sekretariat, "mange.docx", office_package(*parts))

    assert message == (
        "»mange.docx« består af 1002 dele; en Word- eller Excel-fil må højst have 1000."
    )


def test_secretariat_cannot_attach_a_package_that_unpacks_too_large(item, sekretariat, monkeypatch):
    monkeypatch.setattr(papers, "MAX_PACKAGE_UNPACKED", 1000)
    content = office_package(("word/document.xml", b"<w>" + b"tekst " * 300 + b"</w>"))

    message = refusal(item, sekretariat, "lang.docx", content)

    assert message == (
        "»lang.docx« fylder 1,8\xa0KB, når den pakkes ud; et bilag må højst fylde "
        "1000\xa0bytes udpakket."
    )


def test_secretariat_attaches_a_real_pdf_and_word_file(item, sekretariat):
    report = office_package(("word/document.xml", b"<w>" + b"Referat " * 5000 + b"</w>"))

    pdf = actions.add_paper(item, name="kort.pdf", content=factories.pdf(), by=sekretariat)
    docx = actions.add_paper(item, name="referat.docx", content=report, by=sekretariat)

    assert (pdf.type, docx.type) == ("pdf", "docx")


def test_secretariat_sees_the_refusal_of_a_fake_pdf_on_the_item(client, sekretariat, item):
    client.force_login(sekretariat)

    response = client.post(
        reverse("meetings:paper_upload", args=[item.pk]),
        {"file": SimpleUploadedFile("falsk.pdf", b"%PDF-1.4\n%%EOF\n")},
        follow=True,
    )

    assert "»falsk.pdf« begynder som en PDF-fil, men kan ikke læses som PDF" in (
        response.content.decode()
    )
    assert not item.papers.exists()
