"""Files built to exhaust the server: a small workbook that declares itself enormous, rows a
million lines apart, XML that unpacks far beyond its size. Each is refused with a Danish
message before memory grows, on the upload page and by the readers behind the CLI."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kredsraad.statistics.importing import formats
from kredsraad.statistics.models import ImportJob, Observation
from kredsraad.statistics.rows import Labels
from tests.spreadsheets import declaring, peak_memory, wide_rows, with_rows_at, workbook

LABELS = Labels(areas={"aalborg": "851"}, offences={"simpel vold": "1252"})
TABLE = [("OMRÅDE", "OVERTRÆD", "TID", "INDHOLD"), ("Aalborg", "Simpel vold", "2023K1", 41)]
MEGABYTE = 1024 * 1024


def hostile() -> bytes:
    """The attack as seen: a few KB on disk, 2,000 rows by 16,384 columns as declared."""
    return declaring(with_rows_at(workbook(TABLE), 2000), "A1:XFD2000")


def messages(parsed) -> list[str]:
    return [problem.message for problem in parsed.problems]


def test_a_workbook_declaring_two_thousand_rows_of_every_column_is_refused_in_little_memory():
    content = hostile()

    parsed, peak = peak_memory(lambda: formats.read("straf11.xlsx", content, labels=LABELS))

    assert len(content) < 12_000
    assert parsed.rows == []
    assert messages(parsed) == [
        "Regnearket angiver sin størrelse som 2.000 rækker og 16.384 kolonner (A1:XFD2000); "
        "højst 1.048.576 rækker og 1.000 kolonner kan indlæses. Slet de tomme rækker og "
        "kolonner, eller gem arket som CSV."
    ]
    assert peak < 10 * MEGABYTE


def test_the_polices_export_as_such_a_workbook_is_refused_in_little_memory():
    content = hostile()

    parsed, peak = peak_memory(
        lambda: formats.read_police("politi.xlsx", content, mapping={"vold": "1252"}, areas=LABELS)
    )

    assert parsed.rows == []
    assert messages(parsed)[0].startswith("Regnearket angiver sin størrelse som 2.000 rækker")
    assert peak < 10 * MEGABYTE


def test_rows_a_million_lines_down_cost_nothing_and_keep_their_line_numbers():
    content = with_rows_at(workbook(TABLE), 1_000_000)

    parsed, peak = peak_memory(lambda: formats.read("straf11.xlsx", content, labels=LABELS))

    assert messages(parsed) == [
        "Ukendt område »x« (første gang i linje 1000000). Brug Danmarks Statistiks navn eller "
        "kode, fx »Aalborg« eller »851«.",
        "Linje 1000000, kolonne OVERTRÆD, er tom.",
        "Linje 1000000, kolonne TID, er tom.",
        "Linje 1000000, kolonne INDHOLD, er tom. Et tal, der mangler, skrives »..«.",
    ]
    assert peak < 10 * MEGABYTE


def test_a_sheet_that_unpacks_hundreds_of_times_its_size_is_refused_before_it_is_parsed():
    content = wide_rows(workbook(TABLE), 2000, 2000)

    parsed, peak = peak_memory(lambda: formats.read("straf11.xlsx", content, labels=LABELS))

    assert messages(parsed) == [
        "Regnearkets del »xl/worksheets/sheet1.xml« er pakket 492 gange tættere sammen, end et "
        "regneark kan være; filen indlæses ikke."
    ]
    assert peak < 10 * MEGABYTE


def test_a_real_workbook_still_reads():
    parsed = formats.read("straf11.xlsx", workbook(TABLE), labels=LABELS)

    assert messages(parsed) == []
    assert [(row.area, row.offence, row.period, row.value) for row in parsed.rows] == [
        ("851", "1252", "2023K1", 41)
    ]


@pytest.mark.django_db
def test_analyst_uploading_the_hostile_workbook_sees_it_refused(client, analytiker, nordjylland):
    client.force_login(analytiker)

    response = client.post(
        reverse("statistics:upload", args=[nordjylland.slug]),
        {"kind": "dst", "file": SimpleUploadedFile("straf11.xlsx", hostile()), "table": ""},
    )

    page = client.get(response.url).content.decode()
    assert ImportJob.objects.get().status == ImportJob.Status.REFUSED
    assert "Regnearket angiver sin størrelse som 2.000 rækker og 16.384 kolonner" in page
    assert Observation.objects.count() == 0
