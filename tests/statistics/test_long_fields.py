"""A field longer than any real table has (Python's csv module stops at 131,072 characters and
raised a 500) is refused with a Danish message naming its line and the limit, in every CSV the
statistics read: Danmarks Statistik's files, the police's export, the police's category list,
the offence code list, and on the upload page. A bad job number in a link is a 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kredsraad.statistics.importing import formats, importer, police
from kredsraad.statistics.models import ImportJob, Observation
from kredsraad.statistics.rows import Labels

LABELS = Labels(areas={"aalborg": "851"}, offences={"simpel vold": "1252"})
LONG = "x" * 200_000  # beyond the csv module's own limit
TOO_LONG = "x" * 20_000  # within the csv module's, beyond ours

REFUSED = (
    "Linje 3 har et felt med mere end 10.000 tegn; højst 10.000 tegn i ét felt kan indlæses. "
    'Mangler et afsluttende anførselstegn (")?'
)


def csv_with(field: str) -> bytes:
    return (
        f"OMRÅDE;OVERTRÆD;TID;INDHOLD\nAalborg;Simpel vold;2023K1;41\nAalborg;{field};2023K2;12\n"
    ).encode()


def messages(parsed) -> list[str]:
    return [problem.message for problem in parsed.problems]


@pytest.mark.parametrize("field", [LONG, TOO_LONG, '"' + LONG])
def test_a_dst_file_with_a_field_too_long_is_refused_naming_the_line(field):
    parsed = formats.read("straf11.csv", csv_with(field), labels=LABELS)

    assert parsed.rows == []
    assert messages(parsed) == [REFUSED]
    assert parsed.problems[0].line == 3


def test_the_polices_export_with_a_field_too_long_is_refused_naming_the_line():
    content = f"KOMMUNE;KATEGORI;PERIODE;ANTAL\nAalborg;Vold;2023K1;4\nAalborg;{LONG};2023K1;4\n"

    parsed = formats.read_police(
        "politi.csv", content.encode(), mapping={"vold": "1252"}, areas=LABELS
    )

    assert messages(parsed) == [REFUSED]


def test_a_file_with_more_lines_than_any_table_is_refused(monkeypatch):
    monkeypatch.setattr("kredsraad.statistics.importing.formats.text.MAX_LINES", 2)

    parsed = formats.read("straf11.csv", csv_with("Simpel vold"), labels=LABELS)

    assert messages(parsed) == [
        "Filen har mere end 2 linjer; højst 2 kan indlæses. Del den op, og indlæs delene hver "
        "for sig."
    ]


@pytest.mark.django_db
def test_a_category_list_with_a_line_too_long_is_refused_naming_the_line():
    importer.load_offence_codes([("TOT", "I alt"), ("1252", "Simpel vold")])

    with pytest.raises(police.MappingRefused) as refused:
        police.read_mapping(f"Vold;1252\n{LONG};1252\n")

    assert [problem.message for problem in refused.value.problems] == [
        "Linje 2 er længere end 1000 tegn; en linje er en kategori og en kode."
    ]


def test_an_offence_code_list_with_a_field_too_long_is_refused_naming_the_line():
    with pytest.raises(ValueError) as refused:
        importer.read_offence_codes(f"code,label\n1252,Simpel vold\n1320,{LONG}\n".encode())

    assert str(refused.value).startswith("Linje 3 har et felt med mere end 10.000 tegn")


@pytest.mark.django_db
def test_analyst_uploading_a_file_with_a_field_too_long_sees_it_refused(
    client, analytiker, nordjylland
):
    client.force_login(analytiker)

    response = client.post(
        reverse("statistics:upload", args=[nordjylland.slug]),
        {"kind": "dst", "file": SimpleUploadedFile("straf11.csv", csv_with(LONG)), "table": ""},
    )

    page = client.get(response.url).content.decode()
    assert ImportJob.objects.get().status == ImportJob.Status.REFUSED
    assert "Linje 3 har et felt med mere end 10.000 tegn" in page
    assert Observation.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("job", ["abc", "²", "1e3", "9" * 30])
def test_a_mapping_link_naming_no_job_number_is_not_found(client, analytiker, nordjylland, job):
    client.force_login(analytiker)

    response = client.get(
        reverse("statistics:police_mapping", args=[nordjylland.slug]), {"indlaesning": job}
    )

    assert response.status_code == 404
