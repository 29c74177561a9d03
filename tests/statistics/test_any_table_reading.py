"""Any StatBank table read into rows with its own dimensions (issue 14): the real UHELDK1,
STRAF40 and STRAF11 files in ../shared/data/dst/, the table known from the file, its title or
`--table`, and every bad input refused with a Danish message naming where, and no rows. The
readers are pure (the tables' descriptions are kredsraad's built-in ones unless a test gives
others); the last stories take a file through `statistics import` and the upload page."""

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from kredsraad.statistics import tables
from kredsraad.statistics.importing import formats, statbank
from kredsraad.statistics.models import ImportJob, Observation, Offence
from kredsraad.statistics.rows import STRAF11, Labels, Parsed, Row

DST = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "dst"
UHELDK1_FILE = DST / "uheldk1_injured_4_transport_modes_2016-2022.csv"
STRAF40_FILE = DST / "straf40_national_penal_code_by_age_sex_1980-2021.csv"
STRAF11_11_FILE = DST / "straf11_11_offences_municipalities_2007K1-2019K3.csv"


def needs(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path} is not there (the reference data lives beside the checkout)")
    return path


def read(text: str, *, table=None, labels=None):
    return formats.read("fil.csv", text.encode(), labels=labels or Labels(), table=table)


def messages(parsed) -> list[str]:
    return [problem.message for problem in parsed.problems]


def raw_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


UHELDK1_HEADER = (
    "OMRÅDE_kode,OMRÅDE,UHELD_kode,UHELD,INDBLAND_kode,INDBLAND,ALDER_kode,ALDER,KØN_kode,KØN,"
    "TID,INDHOLD\n"
)


def uheldk1_line(indband="71", period="2021", age="6599", sex="2", value="7") -> str:
    return f"851,Aalborg,0,Personskade i alt,{indband},Fodgænger,{age},65 år og derover,{sex},Kvinder,{period},{value}\n"


# The real files -------------------------------------------------------------------------------


def test_analytiker_reads_uheldk1_with_every_dimension_and_the_sums_of_the_raw_rows():
    path = needs(UHELDK1_FILE)

    parsed = formats.read(path.name, path.read_bytes(), labels=Labels())

    assert parsed.problems == []
    assert parsed.table == "UHELDK1"
    assert len(parsed.rows) == 33_810
    raw = raw_rows(path)
    pedestrians_65 = sum(
        int(r["INDHOLD"])
        for r in raw
        if r["INDBLAND_kode"] == "71" and r["ALDER_kode"] == "6599" and r["OMRÅDE_kode"] == "851"
    )
    read_back = sum(
        row.value
        for row in parsed.rows
        if row.key == "UHELD=0;INDBLAND=71" and row.age == "6599" and row.area == "851"
    )
    assert read_back == pedestrians_65
    first = parsed.rows[0]
    assert (first.area, first.offence, first.period, first.age, first.sex, first.key) == (
        "000",
        "",
        "2016",
        "9917",
        "1",
        "UHELD=0;INDBLAND=11",
    )
    assert parsed.description is None  # UHELDK1's description is kredsraad's and complete


def test_analytiker_reads_straf40_as_a_national_table_by_age_and_sex():
    path = needs(STRAF40_FILE)

    parsed = formats.read(path.name, path.read_bytes(), labels=Labels(), table="STRAF40")

    assert parsed.problems == []
    assert len(parsed.rows) == 1_428
    assert {row.area for row in parsed.rows} == {"000"}
    assert {row.key for row in parsed.rows} == {"AFGØRELSE=000"}
    by_sex = Counter()
    for row in parsed.rows:
        by_sex[row.sex] += row.value
    expected = Counter()
    for r in raw_rows(path):
        expected[r["KØN_kode"]] += int(r["INDHOLD"])
    assert by_sex == expected
    assert {row.age for row in parsed.rows} >= {"15", "24"}


def test_analytiker_reads_the_straf11_file_of_eleven_offences_as_before():
    path = needs(STRAF11_11_FILE)

    parsed = formats.read(path.name, path.read_bytes(), labels=Labels(), table=STRAF11)

    assert parsed.problems == []
    assert len(parsed.rows) == 58_905
    assert {(row.age, row.sex, row.key) for row in parsed.rows} == {("", "", "")}
    assert "1252" in {row.offence for row in parsed.rows}
    assert parsed.description is None


# Which table a file is ------------------------------------------------------------------------


def test_a_title_line_names_the_table():
    parsed = read(
        "UHELDK1: Tilskadekomne og dræbte i færdselsuheld\n" + UHELDK1_HEADER + uheldk1_line()
    )

    assert parsed.problems == []
    assert parsed.table == "UHELDK1"
    assert parsed.rows[0].key == "UHELD=0;INDBLAND=71"


def test_a_title_naming_another_table_than_the_declared_one_is_refused():
    parsed = read(
        "UHELDK1: Tilskadekomne og dræbte i færdselsuheld\n" + UHELDK1_HEADER + uheldk1_line(),
        table=STRAF11,
    )

    assert parsed.rows == []
    assert messages(parsed) == [
        "Titlen i linje 1 (»UHELDK1: Tilskadekomne og dræbte i færdselsuheld«) er tabellen "
        "UHELDK1, men filen er angivet som STRAF11."
    ]


def test_labels_of_an_api_answer_are_read_by_the_tables_code_list():
    parsed = read(
        "OMRÅDE;UHELD;INDBLAND;ALDER;KØN;TID;INDHOLD\n"
        "851;Personskade i alt;Fodgænger;65 år og derover;Kvinder;2021;7\n",
        table="UHELDK1",
    )

    assert parsed.problems == []
    row = parsed.rows[0]
    assert (row.key, row.age, row.sex) == ("UHELD=0;INDBLAND=71", "6599", "2")


def test_a_wide_export_names_its_dimensions_in_the_header():
    parsed = read(
        "OMRÅDE;UHELD;INDBLAND;ALDER;KØN;2020;2021\n"
        "Aalborg;Personskade i alt;Fodgænger;65 år og derover;Kvinder;5;7\n"
        ";;;;Mænd;4;3\n",
        table="UHELDK1",
        labels=Labels(areas={"aalborg": "851"}),
    )

    assert parsed.problems == []
    assert {(r.sex, r.period, r.value) for r in parsed.rows} == {
        ("2", "2020", 5),
        ("2", "2021", 7),
        ("1", "2020", 4),
        ("1", "2021", 3),
    }
    assert {r.key for r in parsed.rows} == {"UHELD=0;INDBLAND=71"}


def test_a_workbook_of_straf40_reads_as_its_csv_does():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STRAF40: Strafferetlige afgørelser"])
    sheet.append(["OVERTRÆD_kode", "AFGØRELSE_kode", "ALDER_kode", "KØN_kode", "TID", "INDHOLD"])
    sheet.append(["1", "000", "15", "M", 2021, 1022])
    sheet.append(["1", "000", "TOT", "TOT", 2021, 40210])
    content = io.BytesIO()
    workbook.save(content)

    parsed = formats.read("straf40.xlsx", content.getvalue(), labels=Labels())

    assert parsed.problems == []
    assert (parsed.table, parsed.format) == ("STRAF40", "xlsx")
    assert [(r.area, r.offence, r.age, r.sex, r.key, r.period, r.value) for r in parsed.rows] == [
        ("000", "1", "15", "M", "AFGØRELSE=000", "2021", 1022),
        ("000", "1", "TOT", "TOT", "AFGØRELSE=000", "2021", 40210),
    ]


def test_an_unknown_table_is_described_by_the_files_header():
    parsed = read(
        "OMRÅDE_kode,OMRÅDE,BEVÆGELSE_kode,BEVÆGELSE,TID,INDHOLD\n"
        "851,Aalborg,B02,Fraflyttede,2021,120\n"
        "851,Aalborg,B01,Tilflyttede,2021,140\n",
        table="BEV22",
    )

    assert parsed.problems == []
    assert [row.key for row in parsed.rows] == ["BEVÆGELSE=B02", "BEVÆGELSE=B01"]
    assert parsed.description == {
        "code": "BEV22",
        "title": "BEV22",
        "frequency": "year",
        "has_area": True,
        "dimensions": [
            {
                "code": "BEVÆGELSE",
                "label": "BEVÆGELSE",
                "role": "key",
                "complete": False,
                "values": [
                    {"code": "B02", "label": "Fraflyttede"},
                    {"code": "B01", "label": "Tilflyttede"},
                ],
            }
        ],
        "described_by": "file",
    }


def test_a_new_code_in_an_incomplete_list_grows_the_tables_description():
    parsed = read(
        "OVERTRÆD_kode,AFGØRELSE_kode,AFGØRELSE,ALDER_kode,KØN_kode,TID,INDHOLD\n"
        "1,111,Ubetinget frihedsstraf,15,M,2021,12\n",
        table="STRAF40",
    )

    assert parsed.problems == []
    afgoerelse = next(d for d in parsed.description["dimensions"] if d["code"] == "AFGØRELSE")
    assert afgoerelse["values"][-1] == {"code": "111", "label": "Ubetinget frihedsstraf"}
    assert parsed.description["described_by"] == "kredsraad"


# Bad input: a Danish message naming line, column and value; no rows --------------------------


def test_a_dimension_the_declared_table_does_not_have_is_refused():
    parsed = read(
        "OMRÅDE_kode,OVERTRÆD_kode,INDBLAND_kode,TID,INDHOLD\n851,1320,71,2021K3,5\n",
        table=STRAF11,
    )

    assert parsed.rows == []
    assert messages(parsed) == [
        "Filen har kolonnen INDBLAND, men STRAF11 har ikke den dimension. STRAF11 har OMRÅDE, "
        "OVERTRÆD, TID."
    ]
    assert (parsed.problems[0].line, parsed.problems[0].column) == (1, "INDBLAND")


def test_a_dimension_missing_from_the_file_is_refused():
    parsed = read(
        "OMRÅDE_kode,UHELD_kode,INDBLAND_kode,ALDER_kode,TID,INDHOLD\n851,0,71,6599,2021,5\n",
        table="UHELDK1",
    )

    assert parsed.rows == []
    assert messages(parsed) == [
        "UHELDK1 har dimensionen KØN, men filen har ingen kolonne KØN. Står der en anden tabel "
        "i filen?"
    ]


def test_a_national_table_with_an_area_column_is_refused():
    parsed = read(
        "OMRÅDE_kode,OVERTRÆD_kode,AFGØRELSE_kode,ALDER_kode,KØN_kode,TID,INDHOLD\n"
        "851,1,000,15,M,2021,12\n",
        table="STRAF40",
    )

    assert parsed.rows == []
    assert messages(parsed)[0].startswith("Filen har kolonnen OMRÅDE, men STRAF40 har ikke den")


def test_a_code_outside_a_complete_code_list_is_refused_with_the_line_and_the_codes():
    parsed = read(UHELDK1_HEADER + uheldk1_line() + uheldk1_line(indband="77"), table="UHELDK1")

    assert parsed.rows == []
    assert [(p.line, p.column, p.value) for p in parsed.problems] == [(3, "INDBLAND_kode", "77")]
    assert messages(parsed) == [
        "»77« i kolonnen INDBLAND_kode (første gang i linje 3) er ikke en kode i UHELDK1' "
        "INDBLAND. Tabellens koder er 11, 12, 13, 21, 31, 33, 41, 45 og 4 flere."
    ]


def test_rows_of_another_table_with_empty_dimension_cells_are_refused():
    parsed = read(
        UHELDK1_HEADER + uheldk1_line() + "851,Aalborg,,,,,,,,,2021,40\n", table="UHELDK1"
    )

    assert parsed.rows == []
    assert (parsed.problems[0].line, parsed.problems[0].column) == (3, "UHELD_kode")
    assert messages(parsed)[0] == (
        "Linje 3, kolonne UHELD_kode, er tom. Hver række skal have en kode i alle tabellens "
        "dimensioner; står der rækker fra to tabeller i filen?"
    )


def test_two_header_blocks_in_one_file_are_refused():
    parsed = read(
        UHELDK1_HEADER
        + uheldk1_line()
        + "OMRÅDE_kode,OMRÅDE,OVERTRÆD_kode,OVERTRÆD,TID,INDHOLD\n"
        + "851,Aalborg,1320,Indbrud i beboelser,2021K3,40\n",
        table="UHELDK1",
    )

    assert parsed.rows == []
    assert messages(parsed) == [
        "Linje 3 er en ny overskrift: filen indeholder mere end én tabel. Gem hver tabel i sin "
        "egen fil, og indlæs dem hver for sig."
    ]


def test_two_title_lines_naming_two_tables_are_refused():
    parsed = read(
        "UHELDK1: Tilskadekomne og dræbte i færdselsuheld\n"
        "STRAF11: Anmeldte forbrydelser\n" + UHELDK1_HEADER + uheldk1_line()
    )

    assert parsed.rows == []
    assert messages(parsed) == [
        "Filen har to titler: linje 1 er tabellen UHELDK1 og linje 2 tabellen STRAF11. Gem "
        "hver tabel i sin egen fil, og indlæs dem hver for sig."
    ]


def test_a_second_wide_table_under_the_first_is_refused():
    parsed = read(
        "Anmeldte forbrydelser efter område, overtrædelsens art og tid\n"
        ";;2022K1;2022K2\n"
        "Hele landet;1320;3000;2900\n"
        "Folketal\n"
        ";;2022K1;2022K2\n"
        "Hele landet;1320;5;6\n",
        labels=Labels(areas={"hele landet": "000"}),
    )

    assert parsed.rows == []
    assert messages(parsed) == [
        "Linje 4 har 1 kolonner, men overskriften har 4.",
        "Linje 5 er en ny overskrift med perioder: filen indeholder mere end én tabel. Gem hver "
        "tabel i sin egen fil, og indlæs dem hver for sig.",
    ]


def test_years_in_a_quarterly_table_are_refused():
    parsed = read(
        "OMRÅDE_kode,OVERTRÆD_kode,TID,INDHOLD\n851,1320,2021K4,5\n851,1320,2021,20\n",
        table=STRAF11,
    )

    assert parsed.rows == []
    assert [(p.line, p.column, p.value) for p in parsed.problems] == [(3, "TID", "2021")]
    assert messages(parsed) == [
        "»2021« i linje 3, kolonne TID, er et år, men STRAF11 er en kvartalsvis tabel: dens "
        "perioder er kvartaler som 2021K3."
    ]


def test_quarters_in_a_yearly_table_are_refused():
    parsed = read(UHELDK1_HEADER + uheldk1_line(period="2021K1"), table="UHELDK1")

    assert parsed.rows == []
    assert messages(parsed) == [
        "»2021K1« i linje 2, kolonne TID, er et kvartal, men UHELDK1 er en årlig tabel: dens "
        "perioder er år som 2021."
    ]


def test_an_unknown_table_mixing_years_and_quarters_is_refused():
    parsed = read(
        "OMRÅDE_kode,BEVÆGELSE_kode,TID,INDHOLD\n851,B01,2021,5\n851,B01,2021K1,2\n",
        table="BEV22",
    )

    assert parsed.rows == []
    assert messages(parsed) == [
        "Filen blander år (fx 2021) og kvartaler (fx 2021K1) i kolonnen TID; en tabel har enten "
        "år eller kvartaler. Står der to tabeller i filen?"
    ]


def test_a_file_whose_dimensions_fit_no_known_table_must_name_its_table():
    parsed = read("OMRÅDE_kode,BEVÆGELSE_kode,TID,INDHOLD\n851,B01,2021,5\n")

    assert parsed.rows == []
    assert messages(parsed) == [
        "Filen siger ikke, hvilken tabel den er, og dens dimensioner (OMRÅDE, BEVÆGELSE, TID) "
        "passer ikke til netop én kendt tabel. Angiv tabellen (--table eller feltet Tabel)."
    ]


def test_the_readers_check_against_the_stored_descriptions_they_are_given():
    stored = tables.built_in()
    stored["UHELDK1"]["dimensions"][1]["values"].append({"code": "77", "label": "Løbehjul"})

    parsed = read(
        UHELDK1_HEADER + uheldk1_line(indband="77"),
        table="UHELDK1",
        labels=Labels(tables=stored),
    )

    assert parsed.problems == []
    assert parsed.rows[0].key == "UHELD=0;INDBLAND=77"


# The API's tableinfo ---------------------------------------------------------------------------


def test_tableinfo_describes_the_table_with_its_whole_code_lists():
    info = statbank.parse_tableinfo(
        "STRAF40",
        rb"""{"id": "STRAF40", "text": "Strafferetlige afg\u00f8relser", "unit": "Antal",
        "variables": [
          {"id": "OVERTR\u00c6D", "text": "overtr\u00e6delsens art", "values": [
            {"id": "1", "text": "Straffelov i alt"}]},
          {"id": "AFG\u00d8RELSE", "text": "afg\u00f8relsestype", "values": [
            {"id": "000", "text": "Afg\u00f8relsestype i alt"},
            {"id": "111", "text": "Ubetinget frihedsstraf"}]},
          {"id": "K\u00d8N", "text": "k\u00f8n", "values": [{"id": "M", "text": "M\u00e6nd"}]},
          {"id": "Tid", "text": "tid", "time": true, "values": [{"id": "2021", "text": "2021"}]}
        ]}""",
    )

    description = statbank.description_of(info)

    assert description == {
        "code": "STRAF40",
        "title": "Strafferetlige afgørelser",
        "unit": "Antal",
        "frequency": "year",
        "has_area": False,
        "dimensions": [
            {
                "code": "OVERTRÆD",
                "label": "overtrædelsens art",
                "role": "offence",
                "complete": True,
            },
            {
                "code": "AFGØRELSE",
                "label": "afgørelsestype",
                "role": "key",
                "complete": True,
                "values": [
                    {"code": "000", "label": "Afgørelsestype i alt"},
                    {"code": "111", "label": "Ubetinget frihedsstraf"},
                ],
            },
            {
                "code": "KØN",
                "label": "køn",
                "role": "sex",
                "complete": True,
                "values": [{"code": "M", "label": "Mænd"}],
            },
        ],
        "described_by": "tableinfo",
    }
    chosen = statbank.selection(info)
    assert chosen == {"OVERTRÆD": ["1"], "AFGØRELSE": ["000", "111"], "KØN": ["M"], "Tid": ["2021"]}


def test_zeros_left_out_of_a_bulk_answer_are_filled_in_with_every_dimension():
    info = statbank.parse_tableinfo(
        "UHELDK1",
        """{"id": "UHELDK1", "variables": [
          {"id": "OMRÅDE", "values": [{"id": "851", "text": "Aalborg"}]},
          {"id": "INDBLAND", "values": [{"id": "71", "text": "Fodgænger"},
                                        {"id": "61", "text": "Cykel"}]},
          {"id": "KØN", "values": [{"id": "1", "text": "Mænd"}]},
          {"id": "Tid", "time": true, "values": [{"id": "2021", "text": "2021"}]}
        ]}""".encode(),
    )
    result = Parsed(table="UHELDK1", format="api-csv")
    result.rows.append(Row("UHELDK1", "851", "", "2021", 4, sex="1", key="INDBLAND=71"))

    added = statbank._fill_zeros(result, info, statbank.selection(info), 0)

    assert added == 1
    assert result.rows[-1] == Row("UHELDK1", "851", "", "2021", 0, sex="1", key="INDBLAND=61")


# Through the command and the upload page --------------------------------------------------------


def small_uheldk1(tmp_path, *lines: str) -> Path:
    path = tmp_path / "uheldk1.csv"
    path.write_text(UHELDK1_HEADER + "".join(lines), encoding="utf-8")
    return path


def test_import_takes_uheldk1_and_shows_its_dimensions_in_the_preview(nordjylland, tmp_path):
    path = small_uheldk1(tmp_path, uheldk1_line(), uheldk1_line(sex="1", value="3"))
    out = io.StringIO()

    call_command("statistics", "import", str(path), "--table", "uheldk1", "--dry-run", stdout=out)

    printed = out.getvalue()
    assert "Tabel UHELDK1: 2 rækker." in printed
    assert "INDBLAND (Indblandede transportmidler): 1 værdier: 71 Fodgænger" in printed
    assert "KØN (Køn): 2 værdier: 1 Mænd, 2 Kvinder" in printed
    assert "Prøvekørsel: intet er gemt." in printed
    assert not Observation.objects.filter(table="UHELDK1").exists()


def test_import_of_a_file_that_does_not_fit_its_table_writes_nothing(nordjylland, tmp_path):
    path = small_uheldk1(tmp_path, uheldk1_line())
    err = io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command("statistics", "import", str(path), "--table", "STRAF11", stderr=err)

    assert str(error.value) == "Filen har 5 fejl, så intet er indlæst."
    assert (
        "linje 1, kolonne UHELD, værdi »UHELD«: Filen har kolonnen UHELD, men STRAF11 har ikke "
        "den dimension. STRAF11 har OMRÅDE, OVERTRÆD, TID." in err.getvalue()
    )
    assert not Observation.objects.exists()


def test_analytiker_uploads_uheldk1_and_the_preview_shows_its_dimensions(
    client, analytiker, nordjylland
):
    client.force_login(analytiker)
    content = (UHELDK1_HEADER + uheldk1_line() + uheldk1_line(indband="61")).encode()

    uploaded = client.post(
        reverse("statistics:upload", args=[nordjylland.slug]),
        {"kind": "dst", "file": SimpleUploadedFile("u.csv", content), "table": "UHELDK1"},
    )
    preview = client.get(uploaded.url).content.decode()

    job = ImportJob.objects.get()
    assert (job.status, job.table) == (ImportJob.Status.PREVIEWED, "UHELDK1")
    assert '<th scope="row">Tabel</th><td>UHELDK1</td>' in preview
    assert "INDBLAND Indblandede transportmidler: 2 værdier" in preview
    assert "<li>71 Fodgænger</li>" in preview


def test_analytiker_uploading_years_for_a_quarterly_table_sees_where_and_nothing_is_kept(
    client, analytiker, nordjylland
):
    client.force_login(analytiker)
    content = b"OMR\xc3\x85DE_kode,OVERTR\xc3\x86D_kode,TID,INDHOLD\n851,1320,2021,20\n"

    uploaded = client.post(
        reverse("statistics:upload", args=[nordjylland.slug]),
        {"kind": "dst", "file": SimpleUploadedFile("s.csv", content), "table": STRAF11},
    )
    page = client.get(uploaded.url).content.decode()

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.REFUSED
    assert "er et år, men STRAF11 er en kvartalsvis tabel" in page
    assert not Observation.objects.exists()


def test_analytiker_imports_straf40_from_the_upload_page_all_at_once(
    client, analytiker, nordjylland, django_capture_on_commit_callbacks
):
    Offence.objects.create(code="1", label="Straffelov i alt")
    client.force_login(analytiker)
    content = (
        "OVERTRÆD_kode,AFGØRELSE_kode,ALDER_kode,KØN_kode,TID,INDHOLD\n"
        "1,000,15,M,2020,1000\n1,000,15,K,2020,300\n1,000,15,M,2021,1022\n"
    ).encode()
    uploaded = client.post(
        reverse("statistics:upload", args=[nordjylland.slug]),
        {"kind": "dst", "file": SimpleUploadedFile("s.csv", content), "table": ""},
    )
    job = ImportJob.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("statistics:import_start", args=[nordjylland.slug, job.pk]))

    job.refresh_from_db()
    assert uploaded.status_code == 302
    assert (job.table, job.status, job.done, job.total) == ("STRAF40", "done", 3, 3)
    stored = Observation.objects.filter(table="STRAF40", derived=False)
    assert sorted(stored.values_list("area__code", "period", "sex", "key", "value")) == [
        ("000", "2020", "K", "AFGØRELSE=000", 300),
        ("000", "2020", "M", "AFGØRELSE=000", 1000),
        ("000", "2021", "M", "AFGØRELSE=000", 1022),
    ]


def test_the_upload_form_offers_every_described_table_but_the_police(
    client, analytiker, nordjylland
):
    client.force_login(analytiker)

    page = client.get(reverse("statistics:upload", args=[nordjylland.slug])).content.decode()

    assert '<option value="UHELDK1">' in page
    assert '<option value="STRAF40">' in page
    assert '<option value="police">' not in page
