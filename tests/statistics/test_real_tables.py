"""The three further real tables (UHELDK1, STRAF40 and STRAF11 with 11 offences and no Hele
landet) imported as an analytiker imports them, and checked against sums this test computes
from Danmarks Statistik's own CSV rows with the csv module, never with the code under test."""

import csv
from collections import defaultdict
from pathlib import Path

import pytest
from django.utils import timezone

from kredsraad.statistics.importing import formats, importer, revisions
from kredsraad.statistics.models import Area, Dataset, Observation

DST = Path(__file__).resolve().parents[3] / "shared" / "data" / "dst"
UHELDK1_FILE = DST / "uheldk1_injured_4_transport_modes_2016-2022.csv"
STRAF40_FILE = DST / "straf40_national_penal_code_by_age_sex_1980-2021.csv"
STRAF11_FILE = DST / "straf11_11_offences_municipalities_2007K1-2019K3.csv"
CODES_FILE = DST / "straf11_offence_codes_2022.csv"
pytestmark = pytest.mark.skipif(
    not all(f.is_file() for f in (UHELDK1_FILE, STRAF40_FILE, STRAF11_FILE, CODES_FILE)),
    reason="../shared/data is missing",
)
NORDJYLLAND_MUNICIPALITIES = ("810", "813", "820", "825", "840", "846", "849", "851", "860")


def raw(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def read(path: Path, table: str | None = None):
    parsed = formats.read(path.name, path.read_bytes(), labels=importer.labels(), table=table)
    assert parsed.problems == []
    return parsed


def apply(parsed) -> Dataset:
    return importer.apply(
        parsed, source=Dataset.Source.FILE, file_name="fil.csv", fetched_at=timezone.now()
    )


def stored(table: str, area: str) -> dict[tuple, int]:
    """(offence, age, sex, key, period) → value of the area's stored cells."""
    rows = Observation.objects.filter(table=table, area__code=area).values_list(
        "offence__code", "age", "sex", "key", "period", "value"
    )
    return {
        (offence or "", age, sex, key, period): value
        for offence, age, sex, key, period, value in rows
    }


def uheldk1_cell(r: dict) -> tuple:
    key = f"UHELD={r['UHELD_kode']};INDBLAND={r['INDBLAND_kode']}"
    return ("", r["ALDER_kode"], r["KØN_kode"], key, r["TID"])


@pytest.fixture
def codes(db):
    importer.load_offence_codes(importer.read_offence_codes(CODES_FILE.read_bytes()))


# UHELDK1 ------------------------------------------------------------------------------------------


def test_analyst_imports_uheldk1_and_every_area_sums_as_in_the_file(db):
    rows = raw(UHELDK1_FILE)

    dataset = apply(read(UHELDK1_FILE, "UHELDK1"))

    assert (dataset.rows_read, dataset.rows_new) == (33_810, 33_810)
    for area in ("000", "081", "851", "411"):
        expected = {uheldk1_cell(r): int(r["INDHOLD"]) for r in rows if r["OMRÅDE_kode"] == area}
        assert stored("UHELDK1", area) == expected
    district = defaultdict(int)
    for r in rows:
        if r["OMRÅDE_kode"] in NORDJYLLAND_MUNICIPALITIES:
            district[uheldk1_cell(r)] += int(r["INDHOLD"])
    assert stored("UHELDK1", "politikreds:1") == district
    assert not Observation.objects.filter(table="UHELDK1", area__code="000", derived=True)


def test_uheldk1_without_hele_landet_derives_it_equal_to_the_official_row(db):
    rows = raw(UHELDK1_FILE)
    official = {uheldk1_cell(r): int(r["INDHOLD"]) for r in rows if r["OMRÅDE_kode"] == "000"}
    parsed = read(UHELDK1_FILE, "UHELDK1")
    parsed.rows = [row for row in parsed.rows if row.area != "000"]

    apply(parsed)

    assert stored("UHELDK1", "000") == official
    derived = Observation.objects.filter(table="UHELDK1", area__code="000")
    assert set(derived.values_list("derived", flat=True)) == {True}
    # The regions were in the file: official, not derived.
    assert not Observation.objects.filter(area__kind="region", derived=True).exists()


def test_uheldk1s_official_hele_landet_imported_later_replaces_the_derived_one(db):
    parsed = read(UHELDK1_FILE, "UHELDK1")
    national = [row for row in parsed.rows if row.area == "000"]
    parsed.rows = [row for row in parsed.rows if row.area != "000"]
    apply(parsed)
    parsed.rows = national

    later = apply(parsed)

    assert (later.rows_new, later.rows_changed) == (0, len(national))
    assert not Observation.objects.filter(table="UHELDK1", derived=True, area__code="000")
    assert revisions.revisions_of(later).count() == len(national)


# STRAF40 ------------------------------------------------------------------------------------------


def test_analyst_imports_straf40_as_a_national_table(codes):
    rows = raw(STRAF40_FILE)
    by_sex_and_year = defaultdict(int)
    for r in rows:
        by_sex_and_year[r["KØN_kode"], r["TID"]] += int(r["INDHOLD"])

    dataset = apply(read(STRAF40_FILE, "STRAF40"))

    assert (dataset.rows_read, dataset.rows_new) == (1_428, 1_428)
    cells = Observation.objects.filter(table="STRAF40")
    assert set(cells.values_list("area__code", "quarter", "derived")) == {("000", 0, False)}
    sums = defaultdict(int)
    for sex, period, value in cells.values_list("sex", "period", "value"):
        sums[sex, period] += value
    assert sums == by_sex_and_year
    assert cells.get(age="17", sex="M", period="2021").value == next(
        int(r["INDHOLD"])
        for r in rows
        if (r["ALDER_kode"], r["KØN_kode"], r["TID"]) == ("17", "M", "2021")
    )


# STRAF11 with 11 offences and no Hele landet --------------------------------------------------------


def parts_of_hele_landet() -> set[str]:
    return {*Area.objects.filter(kind="municipality").values_list("code", flat=True), "411", "998"}


def test_straf11_without_hele_landet_gets_it_derived_from_every_municipality(codes):
    rows = raw(STRAF11_FILE)
    parts = parts_of_hele_landet()
    expected = defaultdict(int)
    for r in rows:
        if r["OMRÅDE_kode"] in parts:
            expected[r["OVERTRÆD_kode"], r["TID"]] += int(r["INDHOLD"])

    dataset = apply(read(STRAF11_FILE))

    assert dataset.rows_new == 58_905
    country = Observation.objects.filter(table="STRAF11", area__code="000")
    found = {
        (offence, period): value
        for offence, period, value in country.values_list("offence__code", "period", "value")
    }
    assert found == expected
    assert len(found) == 11 * 51
    assert set(country.values_list("derived", flat=True)) == {True}
    region = Observation.objects.get(area__code="084", offence__code="1252", period="2019K3")
    assert region.derived is False


def test_straf11_with_a_municipality_missing_in_a_quarter_has_no_hele_landet_there(codes):
    parsed = read(STRAF11_FILE)
    parsed.rows = [
        row
        for row in parsed.rows
        if not (row.area == "851" and row.offence == "1252" and row.period == "2019K3")
    ]

    apply(parsed)

    country = Observation.objects.filter(area__code="000")
    assert not country.filter(offence__code="1252", period="2019K3").exists()
    assert country.filter(offence__code="1252", period="2019K2").exists()
    assert country.filter(offence__code="1255", period="2019K3").exists()
    assert country.count() == 11 * 51 - 1
