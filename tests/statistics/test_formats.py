"""Statistics files as they come from Danmarks Statistik and the police, read into rows with
DST's codes: every format, the real files in ../shared/data/dst/, and every kind of bad input
refused with a Danish message and no rows. Pure: no database."""

import csv
import io
from collections import defaultdict
from pathlib import Path

import pytest
from openpyxl import Workbook

from kredsraad.statistics.importing import formats
from kredsraad.statistics.rows import FOLK1A, STRAF11, Labels, Row

DST = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "dst"
LONG = DST / "straf11_8_offences_all_areas_2016K1-2025K4.csv"
BULK = DST / "straf11_bulk_response_excerpt_2025K1.csv"
POPULATION = DST / "folk1a_population_2016-2025.csv"
OFFENCE_CODES = DST / "straf11_offence_codes_2022.csv"

# Hele landet, Region Nordjylland, its eleven municipalities and Uoplyst kommune, as in the BULK
# excerpt; Copenhagen for the English exports.
AREAS = {
    "000": ("Hele landet", "All Denmark"),
    "081": ("Region Nordjylland", ""),
    "101": ("København", "Copenhagen"),
    "773": ("Morsø", ""),
    "787": ("Thisted", ""),
    "810": ("Brønderslev", ""),
    "813": ("Frederikshavn", ""),
    "820": ("Vesthimmerlands", ""),
    "825": ("Læsø", ""),
    "840": ("Rebild", ""),
    "846": ("Mariagerfjord", ""),
    "849": ("Jammerbugt", ""),
    "851": ("Aalborg", ""),
    "860": ("Hjørring", ""),
    "998": ("Uoplyst kommune", "Unknown municipality"),
}
NORDJYLLAND_REGION = ("773", "787", "810", "813", "820", "825", "840", "846", "849", "851", "860")
# The offences the small files use, when the code list is not beside the checkout.
OFFENCES = {
    "TOT": "Overtrædelsens art i alt",
    "1": "Straffelov i alt",
    "12": "Voldsforbrydelser i alt",
    "1320": "Indbrud i beboelser",
}


def needs(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path} is not there (the reference data lives beside the checkout)")
    return path


@pytest.fixture
def labels() -> Labels:
    """As the importer builds it from the database: every name, casefolded, to its code."""
    offences = dict(OFFENCES)
    if OFFENCE_CODES.is_file():
        with OFFENCE_CODES.open(encoding="utf-8") as file:
            offences |= {row["code"]: row["label_da"] for row in csv.DictReader(file)}
    found = Labels()
    for code, names in AREAS.items():
        for name in names:
            if name:
                found.areas[name.casefold()] = code
    for code, label in offences.items():
        found.offences[label.casefold()] = code
    return found


def read(text: str, labels: Labels, *, encoding="utf-8", table=None):
    return formats.read("fil.csv", text.encode(encoding), labels=labels, table=table)


def cells(parsed) -> dict[tuple[str, str, str], int | None]:
    return {(row.area, row.offence, row.period): row.value for row in parsed.rows}


def messages(parsed) -> list[str]:
    return [problem.message for problem in parsed.problems]


def workbook(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# The real files ----------------------------------------------------------------------------------


def test_long_csv_from_the_reference_data_reads_every_row_with_its_codes(labels):
    content = needs(LONG).read_bytes()
    with LONG.open(encoding="utf-8", newline="") as file:
        expected = {
            (row["OMRÅDE_kode"], row["OVERTRÆD_kode"], row["TID"]): int(row["INDHOLD"])
            for row in csv.DictReader(file)
        }

    parsed = formats.read(LONG.name, content, labels=labels)

    assert parsed.problems == []
    assert (parsed.table, parsed.format) == (STRAF11, "long-csv")
    assert len(parsed.rows) == 33_920
    assert cells(parsed) == expected
    assert cells(parsed)[("851", "12", "2022K2")] == 710  # Aalborg's violence outlier
    assert cells(parsed)[("820", "TOT", "2021K1")] == 847  # Vesthimmerlands' outlier
    assert parsed.rows[0] == Row(STRAF11, "000", "TOT", "2016K1", 112_695, line=2)


def test_bulk_response_excerpt_reads_labels_into_codes_and_invents_no_zeros(labels):
    content = needs(BULK).read_bytes()
    needs(OFFENCE_CODES)
    with BULK.open(encoding="utf-8", newline="") as file:
        raw = list(csv.DictReader(file, delimiter=";"))

    parsed = formats.read(BULK.name, content, labels=labels)

    assert parsed.problems == []
    assert (parsed.table, parsed.format) == (STRAF11, "api-csv")
    assert len(parsed.rows) == 104 == len(raw)
    assert cells(parsed) == {
        (labels.area(row["OMRÅDE"]), labels.offence(row["OVERTRÆD"]), row["TID"]): int(
            row["INDHOLD"]
        )
        for row in raw
    }
    assert cells(parsed)[("000", "1", "2025K1")] == 75_797
    assert ("081", "1220", "2025K1") not in cells(parsed)  # a zero row BULK leaves out
    assert sum(1 for row in parsed.rows if row.area == "825") == 3  # Læsø


def test_bulk_response_region_is_the_sum_of_its_municipalities(labels):
    needs(OFFENCE_CODES)
    parsed = formats.read(BULK.name, needs(BULK).read_bytes(), labels=labels)
    by_area = defaultdict(dict)
    for row in parsed.rows:
        by_area[row.area][row.offence] = row.value

    sums = {
        offence: sum(by_area[code].get(offence, 0) for code in NORDJYLLAND_REGION)
        for offence in by_area["081"]
    }

    assert sums == by_area["081"]


def test_population_file_reads_as_folk1a_without_offence(labels):
    content = needs(POPULATION).read_bytes()
    with POPULATION.open(encoding="utf-8", newline="") as file:
        expected = {
            (row["OMRÅDE_kode"], "", row["TID"]): int(row["folketal_1_i_kvartalet"])
            for row in csv.DictReader(file)
        }

    parsed = formats.read(POPULATION.name, content, labels=labels)

    assert parsed.problems == []
    assert parsed.table == FOLK1A
    assert cells(parsed) == expected
    assert cells(parsed)[("000", "", "2016K1")] == 5_707_251


# API CSV and BULK ---------------------------------------------------------------------------------


def test_api_csv_with_codes_keeps_them_as_they_are(labels):
    parsed = read(
        "OMRÅDE;OVERTRÆD;Tid;INDHOLD\n000;TOT;2022K3;112695\n851;1320;2022K3;41\n999;9999;2022K3;1\n",
        labels,
    )

    assert parsed.problems == []
    assert parsed.rows == [
        Row(STRAF11, "000", "TOT", "2022K3", 112_695, line=2),
        Row(STRAF11, "851", "1320", "2022K3", 41, line=3),
        Row(STRAF11, "999", "9999", "2022K3", 1, line=4),  # codes are the importer's to check
    ]


def test_api_csv_with_code_and_value_reads_the_codes(labels):
    parsed = read(
        'OMRÅDE;OVERTRÆD;TID;INDHOLD\n"851 Aalborg";"1320 Indbrud i beboelser";"2022K3";"41"\n'
        '"000 Hele landet";"TOT Overtrædelsens art i alt";"2022K3";"112695"\n',
        labels,
    )

    assert parsed.problems == []
    assert cells(parsed) == {("851", "1320", "2022K3"): 41, ("000", "TOT", "2022K3"): 112_695}


def test_api_csv_in_english_reads_q_quarters_as_k(labels):
    parsed = read(
        "OMRÅDE;OVERTRÆD;TID;INDHOLD\nAll Denmark;TOT;2022Q3;112695\nCopenhagen;TOT;2022Q4;9\n",
        labels,
    )

    assert parsed.problems == []
    assert cells(parsed) == {("000", "TOT", "2022K3"): 112_695, ("101", "TOT", "2022K4"): 9}


def test_api_csv_missing_value_is_read_as_none(labels):
    parsed = read("OMRÅDE;OVERTRÆD;TID;INDHOLD\nLæsø;Indbrud i beboelser;2022K3;..\n", labels)

    assert parsed.problems == []
    assert parsed.rows == [Row(STRAF11, "825", "1320", "2022K3", None, line=2)]


def test_api_csv_population_with_totals_reads_as_folk1a(labels):
    parsed = read(
        "OMRÅDE;KØN;ALDER;CIVILSTAND;TID;INDHOLD\n"
        "Aalborg;I alt;Alder i alt;I alt;2024K1;222575\n"
        "Aalborg;Mænd;Alder i alt;I alt;2024K1;111836\n"
        "Aalborg;I alt;17 år;I alt;2024K1;2500\n"
        "Aalborg;I alt;Alder i alt;Ugift;2024K1;120000\n",
        labels,
    )

    assert parsed.problems == []
    assert parsed.table == FOLK1A
    assert [(row.area, row.offence, row.sex, row.age, row.value) for row in parsed.rows] == [
        ("851", "", "", "", 222_575),
        ("851", "", "1", "", 111_836),
        ("851", "", "", "17", 2500),
    ]
    assert parsed.notes[-1].startswith("1 rækker for de enkelte civilstande")


def test_long_csv_pads_a_code_column_but_not_a_label_column(labels):
    padded = read(
        "OMRÅDE_kode,OMRÅDE,OVERTRÆD_kode,OVERTRÆD,TID,INDHOLD\n"
        "81,Region Nordjylland,12,Voldsforbrydelser i alt,2022K3,431\n"
        "0851,Aalborg,12,Voldsforbrydelser i alt,2022K3,201\n",
        labels,
    )
    beside_labels = read(
        "OMRÅDE;OVERTRÆD;TID;INDHOLD\nAalborg;12;2022K3;201\n81;12;2022K3;431\n", labels
    )

    assert cells(padded) == {("081", "12", "2022K3"): 431, ("851", "12", "2022K3"): 201}
    assert [(p.line, p.value) for p in beside_labels.problems] == [(3, "81")]
    assert beside_labels.rows == []


# StatBank web exports, periods as columns ----------------------------------------------------------


def test_wide_danish_export_repeats_a_group_label_and_reads_every_cell(labels):
    parsed = read(
        "Anmeldte forbrydelser efter område, overtrædelsens art og tid\n"
        ";;2022K1;2022K2;2022K3\n"
        "Hele landet;Straffelov i alt;70000;72000;74000\n"
        ";Indbrud i beboelser;3000;2900;..\n"
        "Aalborg;Straffelov i alt;2800;2900;3000\n"
        ";Indbrud i beboelser;90;80;70\n",
        labels,
    )

    assert parsed.problems == []
    assert parsed.format == "wide"
    assert len(parsed.rows) == 12
    assert cells(parsed)[("000", "1320", "2022K3")] is None
    assert cells(parsed)[("851", "1320", "2022K1")] == 90
    assert parsed.rows[-1].line == 6


def test_wide_english_export_with_quoted_cells_reads_copenhagen_and_q(labels):
    parsed = read(
        '" "," ","2022Q3","2022Q4"\n'
        '"All Denmark","1320","3000","2950"\n'
        '"Copenhagen","1320","700","650"\n',
        labels,
    )

    assert parsed.problems == []
    assert cells(parsed) == {
        ("000", "1320", "2022K3"): 3000,
        ("000", "1320", "2022K4"): 2950,
        ("101", "1320", "2022K3"): 700,
        ("101", "1320", "2022K4"): 650,
    }


def test_wide_export_of_one_offence_takes_it_from_the_line_under_the_title(labels):
    parsed = read(
        "Anmeldte forbrydelser efter område, overtrædelsens art og tid\n"
        "Indbrud i beboelser\n"
        ";2022K1;2022K2\n"
        "Aalborg;90;80\n"
        "Hjørring;20;25\n",
        labels,
    )

    assert parsed.problems == []
    assert cells(parsed) == {
        ("851", "1320", "2022K1"): 90,
        ("851", "1320", "2022K2"): 80,
        ("860", "1320", "2022K1"): 20,
        ("860", "1320", "2022K2"): 25,
    }
    assert parsed.notes[1] == (
        "»Indbrud i beboelser« (1320) er læst fra linje 2 og gælder alle rækker."
    )


def test_wide_export_lists_unknown_labels_of_both_blank_headed_columns(labels):
    parsed = read(
        ";;2022K1\nAalborg;Indbrud i beboelser;4\nGotham;Indbrud i beboelser;5\n;Cykel;6\n",
        labels,
    )

    assert parsed.rows == []
    assert [(p.line, p.column, p.value) for p in parsed.problems] == [
        (3, "OMRÅDE", "Gotham"),
        (4, "OVERTRÆD", "Cykel"),
    ]


def test_wide_export_without_any_offence_is_refused(labels):
    parsed = read(";2022K1;2022K2\nAalborg;90;80\n", labels)

    assert parsed.rows == []
    assert messages(parsed) == [
        "Filen har ingen kolonne med overtrædelser, og ingen linje over tabellen nævner en "
        "overtrædelse. Eksportér tabellen med overtrædelsen som kolonne, eller én overtrædelse "
        "ad gangen med den over tabellen."
    ]


# XLSX -------------------------------------------------------------------------------------------


def test_xlsx_long_reads_numbers_and_codes_excel_stripped_of_zeros(labels):
    content = workbook(
        ("OMRÅDE_kode", "OMRÅDE", "OVERTRÆD_kode", "OVERTRÆD", "TID", "INDHOLD"),
        (0, "Hele landet", "TOT", "Overtrædelsens art i alt", "2022K3", 112695),
        (851, "Aalborg", 1320, "Indbrud i beboelser", "2022K3", 41.0),
    )

    parsed = formats.read("straf11.xlsx", content, labels=labels)

    assert parsed.problems == []
    assert parsed.format == "xlsx"
    assert cells(parsed) == {("000", "TOT", "2022K3"): 112_695, ("851", "1320", "2022K3"): 41}


def test_xlsx_wide_with_a_title_row_reads_like_the_csv(labels):
    content = workbook(
        ("Anmeldte forbrydelser efter område, overtrædelsens art og tid",),
        (),
        (None, None, "2022K1", "2022K2"),
        ("Aalborg", "Indbrud i beboelser", 90, 80),
        (None, "Voldsforbrydelser i alt", 180, 710),
    )

    parsed = formats.read("straf11.xlsx", content, labels=labels)

    assert parsed.problems == []
    assert cells(parsed) == {
        ("851", "1320", "2022K1"): 90,
        ("851", "1320", "2022K2"): 80,
        ("851", "12", "2022K1"): 180,
        ("851", "12", "2022K2"): 710,
    }
    assert parsed.rows[-1].line == 5


def test_xlsx_with_a_fraction_is_refused(labels):
    content = workbook(("OMRÅDE", "OVERTRÆD", "TID", "INDHOLD"), ("Aalborg", "TOT", "2022K1", 2.5))

    parsed = formats.read("straf11.xlsx", content, labels=labels)

    assert messages(parsed) == [
        "»2,5« i linje 2, kolonne INDHOLD, er ikke et helt tal; et antal har ingen decimaler."
    ]


def test_zip_that_is_no_workbook_is_refused(labels):
    out = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("straf11.csv", "OMRÅDE;OVERTRÆD;TID;INDHOLD\n")

    parsed = formats.read("straf11.xlsx", out.getvalue(), labels=labels)

    assert parsed.rows == []
    assert messages(parsed) == [
        "Filen er en zip-fil, men ikke et Excel-regneark (.xlsx). Gem tabellen som .xlsx eller "
        "CSV, og prøv igen."
    ]


# Encodings --------------------------------------------------------------------------------------

HJØRRING = (
    "OMRÅDE;OVERTRÆD;TID;INDHOLD\nHjørring;Indbrud i beboelser;2022K3;12\nLæsø;TOT;2022K3;3\n"
)
HJØRRING_CELLS = {("860", "1320", "2022K3"): 12, ("825", "TOT", "2022K3"): 3}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_danish_letters_are_read_in_utf8_with_or_without_bom_and_in_cp1252(labels, encoding):
    parsed = read(HJØRRING, labels, encoding=encoding)

    assert parsed.problems == []
    assert cells(parsed) == HJØRRING_CELLS


def test_letters_destroyed_before_upload_are_refused(labels):
    parsed = read(HJØRRING.replace("ø", "\ufffd"), labels)

    assert parsed.rows == []
    assert messages(parsed) == [
        "Filen indeholder ødelagte tegn (\ufffd) i stedet for bogstaver som æ, ø og å (første "
        "gang i linje 2). De kan ikke gendannes her; hent den igen fra Danmarks Statistik eller "
        "gem den som UTF-8, og prøv igen."
    ]


def test_utf8_saved_again_as_cp1252_is_refused(labels):
    garbled = HJØRRING.encode("utf-8").decode("cp1252")  # "Hjørring" with ø as two letters

    parsed = read(garbled, labels)

    assert parsed.rows == []
    assert [problem.line for problem in parsed.problems] == [1]  # OMRÅDE in the header
    oe, ae = ("ø".encode().decode("cp1252"), "æ".encode().decode("cp1252"))
    assert messages(parsed)[0].startswith(f"Filen indeholder tegn som »{oe}« og »{ae}« i stedet")


# Files that are no data ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("<!DOCTYPE html>\n<html><body>Fejl</body></html>", "utf-8"),
        ("\n  <html lang='da'>", "utf-8"),
        ("<head><title>502 Bad Gateway</title></head><body>nginx</body>", "utf-8"),
        (
            '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
            "utf-8",
        ),
        ("<!-- Fejlside -->\n<html><body>Fejl</body></html>", "utf-8"),
        ("\r\n\t <BODY>Service Unavailable</BODY>", "utf-8"),
        ("<title>Fejl</title>", "utf-8-sig"),
        ("  <html><body>Fejl</body></html>", "utf-16"),
    ],
)
def test_web_page_instead_of_csv_is_refused(labels, text, encoding):
    parsed = read(text, labels, encoding=encoding)

    assert parsed.rows == []
    assert messages(parsed)[0].startswith(
        "Filen er en webside, ikke data – måske en fejlside fra Danmarks Statistik."  # noqa: RUF001
    )


def test_error_from_the_api_is_shown(labels):
    parsed = read('{"errorTypeCode":"EXTRACT-NOTFOUND","message":"Tabellen findes ikke"}', labels)

    assert messages(parsed) == [
        "Filen er et svar fra Danmarks Statistik uden data: »Tabellen findes ikke«. Ret "
        "udtrækket, og hent det igen som CSV eller BULK."
    ]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n"])
def test_empty_file_is_refused(labels, content):
    parsed = formats.read("tom.csv", content, labels=labels)

    assert messages(parsed) == ["Filen er tom."]


def test_header_without_rows_is_refused(labels):
    parsed = read("OMRÅDE;OVERTRÆD;TID;INDHOLD\n", labels)

    assert messages(parsed) == ["Filen har en overskrift, men ingen rækker med tal."]


def test_file_of_unknown_layout_names_its_first_line(labels):
    parsed = read("Navn;Adresse\nKarl;Vej 1\n", labels)

    assert [(p.line, p.value) for p in parsed.problems] == [(1, "Navn;Adresse")]


def test_unknown_column_is_refused(labels):
    parsed = read("OMRÅDE;OVERTRÆD;TID;KILDE;INDHOLD\nAalborg;TOT;2022K3;DST;5\n", labels)

    assert parsed.rows == []
    assert [(p.line, p.column) for p in parsed.problems] == [(1, "KILDE")]


# Truncated files ---------------------------------------------------------------------------------


def test_file_cut_off_in_the_last_line_is_refused(labels):
    parsed = read("OMRÅDE;OVERTRÆD;TID;INDHOLD\nAalborg;TOT;2022K3;5\nHjørring;TO", labels)

    assert parsed.rows == []
    assert messages(parsed) == [
        "Filen ser ud til at være afskåret: den sidste linje (3) har kun 2 af 4 kolonner. Hent "
        "filen igen."
    ]


def test_file_cut_off_in_a_quoted_field_is_refused(labels):
    parsed = read(
        'OMRÅDE;OVERTRÆD;TID;INDHOLD\n"851 Aalborg";"TOT";"2022K3";"5"\n"860 Hjørring";"1320 Ind',
        labels,
    )

    assert parsed.rows == []
    assert messages(parsed) == [
        "Filen ser ud til at være afskåret: et felt i anførselstegn, der begynder i linje 3, "
        "bliver aldrig afsluttet. Hent filen igen."
    ]


def test_file_cut_off_inside_a_danish_letter_is_refused_as_truncated(labels):
    content = "OMRÅDE;OVERTRÆD;TID;INDHOLD\nAalborg;TOT;2022K3;5\nHjø".encode()[:-1]

    parsed = formats.read("straf11.csv", content, labels=labels)

    assert [(p.line, p.message.split(":")[0]) for p in parsed.problems] == [
        (3, "Filen ser ud til at være afskåret")
    ]


def test_short_line_inside_the_file_is_refused_with_its_line(labels):
    parsed = read(
        "OMRÅDE;OVERTRÆD;TID;INDHOLD\nAalborg;TOT;2022K3\nHjørring;TOT;2022K3;5\n", labels
    )

    assert messages(parsed) == ["Linje 2 har 3 kolonner, men overskriften har 4."]


# Unknown labels, bad counts, duplicates, mixed quarters ---------------------------------------------


def test_every_unknown_label_is_listed_once_with_its_first_line(labels):
    parsed = read(
        "OMRÅDE;OVERTRÆD;TID;INDHOLD\n"
        "Aalborg;Cykeltyveri;2022K3;1\n"
        "Gotham;Indbrud i beboelser;2022K3;2\n"
        "Gotham;Cykeltyveri;2022K4;3\n"
        "Metropolis;TOT;2022K3;4\n"
        "Aalborg;TOT;2022M07;5\n",
        labels,
    )

    assert parsed.rows == []
    assert [(p.line, p.column, p.value) for p in parsed.problems] == [
        (2, "OVERTRÆD", "Cykeltyveri"),
        (3, "OMRÅDE", "Gotham"),
        (5, "OMRÅDE", "Metropolis"),
        (6, "TID", "2022M07"),
    ]
    assert messages(parsed)[1] == (
        "Ukendt område »Gotham« (første gang i linje 3). Brug Danmarks Statistiks navn eller "
        "kode, fx »Aalborg« eller »851«."
    )


def test_negative_and_non_numeric_counts_are_refused_with_line_column_and_value(labels):
    parsed = read(
        "OMRÅDE;OVERTRÆD;TID;INDHOLD\n"
        "Aalborg;TOT;2022K1;-3\n"
        "Aalborg;TOT;2022K2;mange\n"
        "Aalborg;TOT;2022K3;12,5\n"
        "Aalborg;TOT;2022K4;1.234\n",
        labels,
    )

    assert parsed.rows == []
    assert messages(parsed) == [
        "»-3« i linje 2, kolonne INDHOLD, er negativt; et antal kan ikke være negativt.",
        "»mange« i linje 3, kolonne INDHOLD, er ikke et tal. Et tal, der mangler, skrives »..«.",
        "»12,5« i linje 4, kolonne INDHOLD, er ikke et helt tal; et antal har ingen decimaler.",
    ]


def test_same_cell_twice_with_different_values_names_both_lines(labels):
    parsed = read(
        "OMRÅDE;OVERTRÆD;TID;INDHOLD\n"
        "Aalborg;TOT;2022K3;5\n"
        "Hjørring;TOT;2022K3;7\n"
        "851 Aalborg;TOT;2022K3;6\n",
        labels,
    )

    assert parsed.rows == []
    assert messages(parsed) == [
        "Samme celle (851, TOT, 2022K3) står to gange med forskellige tal: 5 i linje 2 og 6 i "
        "linje 4."
    ]


def test_same_cell_twice_with_the_same_value_is_read_once(labels):
    parsed = read("OMRÅDE;OVERTRÆD;TID;INDHOLD\nAalborg;TOT;2022K3;5\n851;TOT;2022K3;5\n", labels)

    assert parsed.problems == []
    assert parsed.rows == [Row(STRAF11, "851", "TOT", "2022K3", 5, line=2)]
    assert parsed.notes[-1] == "1 rækker stod to gange med samme tal og er kun talt med én gang."


def test_quarters_with_both_k_and_q_are_refused(labels):
    parsed = read(
        "OMRÅDE;OVERTRÆD;TID;INDHOLD\nAalborg;TOT;2022K3;5\nAalborg;TOT;2022Q4;6\n", labels
    )

    assert parsed.rows == []
    assert messages(parsed) == [
        "Filen blander kvartaler skrevet med K (»2022K3«, linje 2) og med Q (»2022Q4«, linje 3). "
        "Hent hele filen på ét sprog: dansk (K) eller engelsk (Q)."
    ]


def test_many_bad_counts_are_counted_beyond_the_first_fifty(labels):
    lines = "".join(f"Aalborg;TOT;{2000 + n // 4}K{n % 4 + 1};x\n" for n in range(60))

    parsed = read("OMRÅDE;OVERTRÆD;TID;INDHOLD\n" + lines, labels)

    assert len(parsed.problems) == 51
    assert parsed.problems[-1].message == ("Og 10 fejl mere af samme slags, som ikke er vist her.")


# The police's own export --------------------------------------------------------------------------

MAPPING = {"vold mod person": "1252", "vold i nattelivet": "1252", "indbrud i privat bolig": "1320"}


def read_police(text: str, labels: Labels, mapping=MAPPING, encoding="utf-8"):
    return formats.read_police("politi.csv", text.encode(encoding), mapping=mapping, areas=labels)


def test_police_export_maps_categories_and_adds_up_those_with_the_same_code(labels):
    parsed = read_police(
        "Kommune;Kategori;Periode;Antal\n"
        "Aalborg Kommune;Vold mod person;2023K1;40\n"
        "Aalborg Kommune;Vold i nattelivet;2023K1;12\n"
        "0860;Indbrud i privat bolig;2023 K1;9\n",
        labels,
    )

    assert parsed.problems == []
    assert (parsed.table, parsed.format) == ("police", "police")
    assert parsed.rows == [
        Row("police", "851", "1252", "2023K1", 52, line=2),
        Row("police", "860", "1320", "2023K1", 9, line=4),
    ]
    assert parsed.notes[-1] == (
        "Kategorierne »Vold i nattelivet«, »Vold mod person« er lagt sammen under kode 1252."
    )


def test_police_export_with_commas_and_columns_in_another_order_is_read(labels):
    parsed = read_police(
        "antal,periode,kommune,kategori,politikreds\n7,2023Q2,Hjørring,vold mod person,1\n",
        labels,
    )

    assert parsed.problems == []
    assert parsed.rows == [Row("police", "860", "1252", "2023K2", 7, line=2)]
    assert "Kolonnen »politikreds« bruges ikke og er sprunget over." in parsed.notes


def test_police_export_lists_every_unmapped_category(labels):
    parsed = read_police(
        "Kommune;Kategori;Periode;Antal\n"
        "Aalborg;Vold mod person;2023K1;40\n"
        "Aalborg;Narkotika;2023K1;4\n"
        "Hjørring;Butikstyveri;2023K1;3\n"
        "Hjørring;Narkotika;2023K1;1\n",
        labels,
    )

    assert parsed.rows == []
    assert messages(parsed) == [
        "Kategorien »Narkotika« (linje 3) har ingen tilknytning til en overtrædelseskode. "
        "Tilføj den under »Kategorier fra politiet«, og prøv igen.",
        "Kategorien »Butikstyveri« (linje 4) har ingen tilknytning til en overtrædelseskode. "
        "Tilføj den under »Kategorier fra politiet«, og prøv igen.",
    ]


def test_police_export_refuses_a_period_it_cannot_read_and_a_repeated_cell(labels):
    parsed = read_police(
        "Kommune;Kategori;Periode;Antal\n"
        "Aalborg;Vold mod person;1. kvt. 2023;40\n"
        "Aalborg;Vold mod person;2023K2;40\n"
        "Aalborg;Vold mod person;2023K2;41\n",
        labels,
    )

    assert parsed.rows == []
    assert [(p.line, p.value) for p in parsed.problems] == [
        (2, "1. kvt. 2023"),
        (4, "851, Vold mod person, 2023K2"),
    ]


def test_police_export_without_the_columns_says_which_it_needs(labels):
    parsed = read_police("Sted;Hvad;Hvornår;Hvor mange\nAalborg;Vold;2023K1;1\n", labels)

    assert parsed.rows == []
    assert messages(parsed)[0].startswith("Filen har ikke de kolonner, politiets eksport skal have")


def test_police_export_is_checked_for_web_pages_and_broken_letters(labels):
    web_page = read_police("<!DOCTYPE html><html></html>", labels)
    broken = read_police("Kommune;Kategori;Periode;Antal\nHj\ufffdrring;Vold;2023K1;1\n", labels)

    assert web_page.problems[0].message.startswith("Filen er en webside")
    assert broken.problems[0].message.startswith("Filen indeholder ødelagte tegn")
