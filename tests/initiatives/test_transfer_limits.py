"""A workbook built to exhaust the server is refused by the initiatives import with a Danish
message, in little memory, before any of its rows is built."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kredsraad.initiatives import transfer
from kredsraad.initiatives.models import Initiative
from tests.spreadsheets import declaring, peak_memory, with_rows_at, workbook

MEGABYTE = 1024 * 1024
HEADER = transfer.INITIATIVE_COLUMNS


def hostile() -> bytes:
    sheet = workbook([HEADER, ["NJ-1", "Tryghed i nattelivet"]], title=transfer.INITIATIVES)
    return declaring(with_rows_at(sheet, 2000), "A1:XFD2000")


def test_a_workbook_declaring_every_column_is_refused_in_little_memory():
    upload, peak = peak_memory(
        lambda: transfer.read_upload(initiatives_file=("indsatser.xlsx", hostile()))
    )

    assert [(p.sheet, p.message) for p in upload.problems] == [
        (
            transfer.INITIATIVES,
            "Regnearket angiver sin størrelse som 2.000 rækker og 16.384 kolonner (A1:XFD2000); "
            "højst 20.000 rækker og 100 kolonner kan indlæses. Slet de tomme rækker og "
            "kolonner, eller gem arket som CSV.",
        )
    ]
    assert peak < 10 * MEGABYTE


def test_rows_beyond_the_limit_are_refused_however_little_the_file_holds():
    sheet = workbook([HEADER], title=transfer.INITIATIVES)

    upload, peak = peak_memory(
        lambda: transfer.read_upload(initiatives_file=("i.xlsx", with_rows_at(sheet, 500_000)))
    )

    assert [(p.line, p.message) for p in upload.problems] == [
        (
            20_001,
            "Regnearket har mere end 20.000 rækker; højst 20.000 kan indlæses. Del det op, "
            "eller gem det som CSV.",
        )
    ]
    assert peak < 10 * MEGABYTE


def test_secretariat_uploading_the_hostile_workbook_sees_it_refused(
    client, sekretariat, nordjylland
):
    client.force_login(sekretariat)

    response = client.post(
        reverse("initiatives:import", args=[nordjylland.slug]),
        {"initiatives": SimpleUploadedFile("indsatser.xlsx", hostile())},
    )

    assert "Regnearket angiver sin størrelse som 2.000 rækker" in response.content.decode()
    assert Initiative.objects.count() == 0


def test_a_csv_field_too_long_is_refused_naming_the_line():
    content = "\r\n".join([";".join(HEADER), "NJ-1;Tryghed;" + "x" * 200_000, ""]).encode(
        "utf-8-sig"
    )

    upload = transfer.read_upload(initiatives_file=("indsatser.csv", content))

    assert [(p.sheet, p.line, p.message) for p in upload.problems] == [
        (
            "indsatser.csv",
            2,
            "Linje 2 har et felt med mere end 100.000 tegn; højst 100.000 tegn i ét felt kan "
            'indlæses. Mangler et afsluttende anførselstegn (")?',
        )
    ]


def test_secretariat_uploading_a_csv_with_a_field_too_long_sees_it_refused(
    client, sekretariat, nordjylland
):
    client.force_login(sekretariat)
    content = (";".join(HEADER) + '\r\nNJ-1;"' + "x" * 200_000).encode("utf-8-sig")

    response = client.post(
        reverse("initiatives:import", args=[nordjylland.slug]),
        {"initiatives": SimpleUploadedFile("indsatser.csv", content)},
    )

    assert "Linje 2 har et felt med mere end 100.000 tegn" in response.content.decode()
