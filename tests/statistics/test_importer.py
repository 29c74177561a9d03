"""The statistics importer: all or nothing, the same data twice changes nothing, a revised figure
updates and shows in the history, and a police district is the sum of its municipalities."""

import csv
import datetime
import hashlib
import io
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kredsraad.demo.statistics import load_statistics, shared_data
from kredsraad.statistics.importing import importer, revisions, uploads
from kredsraad.statistics.models import (
    Area,
    Dataset,
    ImportJob,
    Observation,
    Offence,
    Population,
    Table,
)
from kredsraad.statistics.reading import page
from kredsraad.statistics.rows import FOLK1A, STRAF11, Parsed, Problem, Row

NORDJYLLAND = "politikreds:1"
NORDJYLLAND_MUNICIPALITIES = ("810", "813", "820", "825", "840", "846", "849", "851", "860")
CODES = [
    ("TOT", "Overtrædelsens art i alt"),
    ("1", "Straffelov i alt"),
    ("1000", "Uoplyst straffelov"),
    ("12", "Voldsforbrydelser i alt"),
    ("1252", "Simpel vold"),
    ("13", "Ejendomsforbrydelser i alt"),
    ("1320", "Indbrud i beboelser"),
    ("3", "Særlove i alt"),
    ("3210", "Lov om euforiserende stoffer"),
]
FETCHED = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def codes(db):
    importer.load_offence_codes(CODES)


def straf11(*cells, table=STRAF11) -> Parsed:
    """A parsed file: cells as (area, offence, period, value), on lines 2, 3, …"""
    rows = [
        Row(table, area, offence, period, value, line=n)
        for n, (area, offence, period, value) in enumerate(cells, 2)
    ]
    return Parsed(table=table, format="long-csv", rows=rows)


def nordjylland_violence(period="2022K3", base=100) -> Parsed:
    """Violence (12) in each of Nordjylland's nine municipalities, and the region and country."""
    cells = [(code, "12", period, base + n) for n, code in enumerate(NORDJYLLAND_MUNICIPALITIES)]
    return straf11(*cells, ("081", "12", period, 1500), ("000", "12", period, 9000))


def apply(parsed: Parsed) -> Dataset:
    return importer.apply(
        parsed, source=Dataset.Source.FILE, file_name="straf11.csv", fetched_at=FETCHED
    )


def value(area: str, offence: str, period: str, table=STRAF11) -> int:
    return Observation.objects.get(
        table=table, area__code=area, offence__code=offence, period=period
    ).value


def counts(dataset: Dataset) -> tuple[int, int, int, int]:
    return (dataset.rows_read, dataset.rows_new, dataset.rows_changed, dataset.rows_unchanged)


# The offence codes ----------------------------------------------------------------------------


def test_offence_codes_hang_in_danmarks_statistiks_hierarchy(codes):
    offences = Offence.objects.select_related("parent")
    tree = {o.code: (o.parent.code if o.parent else None, o.level) for o in offences}

    assert tree == {
        "TOT": (None, 0),
        "1": ("TOT", 1),
        "1000": ("1", 2),
        "12": ("1", 2),
        "1252": ("12", 3),
        "13": ("1", 2),
        "1320": ("13", 3),
        "3": ("TOT", 1),
        "3210": ("3", 2),
    }


def test_loading_the_codes_again_changes_nothing_but_a_new_label(codes):
    loaded = importer.load_offence_codes([*CODES[:-1], ("3210", "Euforiserende stoffer")])

    assert loaded == importer.CodesLoaded(created=0, updated=1, unchanged=8)
    assert Offence.objects.get(code="3210").label == "Euforiserende stoffer"


def test_codes_are_read_from_dsts_list_and_from_a_semicolon_file():
    dst = 'code,label_da,level,parent_code\nTOT,Overtrædelsens art i alt,0,\n1316,"Indbrud i forretning, virksomhed mv.",3,13\n'
    simple = "1320;Indbrud i beboelser\r\n".encode("cp1252")

    assert importer.read_offence_codes(dst.encode()) == [
        ("TOT", "Overtrædelsens art i alt"),
        ("1316", "Indbrud i forretning, virksomhed mv."),
    ]
    assert importer.read_offence_codes(simple) == [("1320", "Indbrud i beboelser")]


def test_labels_map_danish_and_english_names_and_offence_labels_to_codes(codes):
    labels = importer.labels()

    assert labels.area("Aalborg") == "851"
    assert labels.area("copenhagen") == "101"
    assert labels.area("Hele landet") == "000"
    assert labels.area("All Denmark") == "000"
    assert labels.area("Region North Jutland") == "081"
    assert labels.area("Region Nordjylland") == "081"
    assert labels.area("Unknown municipality") == "998"
    assert labels.offence(" Indbrud i beboelser ") == "1320"
    assert labels.offence("Burglary in private homes") == "1320"
    assert labels.offence("Residential burglaries") == "1320"
    assert labels.offence("Crimes of violence, total") == "12"
    assert labels.offence("Total") == "TOT"
    assert Offence.objects.get(code="1").label_en == "Criminal code, total"


ENGLISH_EXPORT = [
    ["Reported criminal offences by region, type of offence and time"],
    ["", "", "2022Q2", "2022Q3"],
    ["All Denmark", "Total", "101000", "99000"],
    ["", "Criminal code, total", "85000", "84000"],
    ["", "Crimes of violence, total", "9000", "8800"],
    ["Region North Jutland", "Burglary in private homes", "300", ".."],
    ["Copenhagen", "Special acts, total", "2100", "2050"],
    ["Aalborg", "Euphoriants Act", "80", "75"],
    ["Unknown municipality", "Criminal code, total", "40", "39"],
]


def english_export(kind: str) -> bytes:
    if kind == "csv":
        out = io.StringIO()
        csv.writer(out, delimiter=";").writerows(ENGLISH_EXPORT)
        return out.getvalue().encode("utf-8")
    from openpyxl import Workbook

    book = Workbook()
    for row in ENGLISH_EXPORT:
        book.active.append([int(c) if c.isdigit() else (c or None) for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_analyst_imports_an_english_statbank_export(codes, tmp_path, kind):
    path = tmp_path / f"straf11_en.{kind}"
    path.write_bytes(english_export(kind))

    run("import", str(path))

    stored = Observation.objects.filter(derived=False).values_list(
        "area__code", "offence__code", "period", "value"
    )
    assert sorted(stored) == [
        ("000", "1", "2022K2", 85000),
        ("000", "1", "2022K3", 84000),
        ("000", "12", "2022K2", 9000),
        ("000", "12", "2022K3", 8800),
        ("000", "TOT", "2022K2", 101000),
        ("000", "TOT", "2022K3", 99000),
        ("081", "1320", "2022K2", 300),
        ("101", "3", "2022K2", 2100),
        ("101", "3", "2022K3", 2050),
        ("851", "3210", "2022K2", 80),
        ("851", "3210", "2022K3", 75),
        ("998", "1", "2022K2", 40),
        ("998", "1", "2022K3", 39),
    ]


# Applying -----------------------------------------------------------------------------------------


def test_first_import_writes_every_cell_as_new(codes):
    dataset = apply(nordjylland_violence())

    assert counts(dataset) == (11, 11, 0, 0)
    assert value("851", "12", "2022K3") == 107
    assert Dataset.objects.get().file_name == "straf11.csv"


def test_importing_the_same_data_again_changes_nothing(codes):
    apply(nordjylland_violence())
    before = list(Observation.objects.order_by("pk").values_list("pk", "value", "dataset_id"))

    again = apply(nordjylland_violence())

    assert counts(again) == (11, 0, 0, 11)
    after = list(Observation.objects.order_by("pk").values_list("pk", "value", "dataset_id"))
    assert after == before
    assert Observation.pgh_event_model.objects.count() == 0


def test_revised_figure_updates_and_the_old_value_shows_in_the_history(codes):
    first = apply(nordjylland_violence())

    revised = apply(straf11(("851", "12", "2022K3", 120)))

    assert counts(revised) == (1, 0, 1, 0)
    aalborg = Observation.objects.get(area__code="851", offence__code="12", period="2022K3")
    assert (aalborg.value, aalborg.dataset_id) == (120, revised.pk)
    events = Observation.pgh_event_model.objects.filter(pgh_obj=aalborg)
    assert [(e.pgh_label, e.value, e.dataset_id) for e in events] == [("revised", 107, first.pk)]
    assert events.get().pgh_context.metadata["statistics_dataset"] == revised.pk


def test_a_figure_withdrawn_as_dots_in_a_file_is_removed_with_its_history(codes, tmp_path):
    first = apply(nordjylland_violence())
    before = value(NORDJYLLAND, "12", "2022K3")
    path = long_csv(tmp_path, ("851", "12", "2022K3", ".."), ("825", "12", "2022K3", 103))

    out, _err = run("import", str(path))

    assert not Observation.objects.filter(area__code="851", offence__code="12").exists()
    assert value(NORDJYLLAND, "12", "2022K3") == before - 107
    aalborg = Observation.pgh_event_model.objects.get(area__code="851")
    assert (aalborg.pgh_label, aalborg.value, aalborg.dataset_id) == ("removed", 107, first.pk)
    district = Observation.pgh_event_model.objects.get(area__code=NORDJYLLAND)
    assert (district.pgh_label, district.value) == ("revised", before)
    assert "Heraf havde 1 et tal, som fjernes (det står i historikken)" in out
    assert out.endswith("Indlæst: 0 nye, 1 ændrede og 1 uændrede celler i STRAF11.\n")


def test_a_district_whose_every_figure_is_withdrawn_has_no_sum_left(codes):
    apply(straf11(("851", "12", "2022K3", 107), ("860", "12", "2022K3", 20)))

    removed = apply(straf11(("851", "12", "2022K3", None), ("860", "12", "2022K3", None)))

    assert removed.rows_changed == 2
    assert not Observation.objects.filter(offence__code="12").exists()


def test_dots_for_a_cell_and_a_number_for_it_are_the_same_cell_twice(codes):
    parsed = straf11(("851", "12", "2022K3", 107), ("851", "12", "2022K3", None))

    with pytest.raises(importer.ImportRefused) as refused:
        apply(parsed)

    assert [(p.line, p.value) for p in refused.value.problems] == [(3, "851, 12, 2022K3")]


def test_missing_values_are_skipped_and_counted(codes):
    parsed = straf11(("851", "12", "2022K3", 107), ("825", "12", "2022K3", None))

    dataset = apply(parsed)

    assert counts(dataset) == (2, 1, 0, 0)
    assert not Observation.objects.filter(area__code="825").exists()
    assert importer.preview(parsed).missing == 1


def test_preview_counts_new_changed_and_unchanged_with_examples_and_writes_nothing(codes):
    apply(nordjylland_violence())
    revised = nordjylland_violence()
    revised.rows[7] = Row(STRAF11, "851", "12", "2022K3", 120, line=9)
    revised.rows.append(Row(STRAF11, "851", "1320", "2022K3", 30, line=13))

    preview = importer.preview(revised)

    assert (preview.new, preview.changed, preview.unchanged) == (1, 1, 10)
    assert preview.examples == [importer.Change(9, "851", "12", "2022K3", "", "", old=107, new=120)]
    assert preview.offences == ["12", "1320"]
    assert preview.periods == ["2022K3"]
    assert len(preview.areas) == 11
    assert preview.problems == []
    assert value("851", "12", "2022K3") == 107
    assert Observation.objects.count() == 12  # 11 cells and Nordjylland's sum
    assert Dataset.objects.count() == 1


# Bad input ---------------------------------------------------------------------------------------


def test_unknown_codes_are_all_listed_with_their_first_line_and_nothing_is_written(codes):
    parsed = straf11(
        ("851", "12", "2022K3", 107),
        ("9999", "12", "2022K3", 1),
        ("851", "7777", "2022K3", 1),
        ("9999", "12", "2022K4", 1),
        (NORDJYLLAND, "12", "2022K3", 1),
        ("851", "8888", "2022K4", 1),
    )

    preview = importer.preview(parsed)
    with pytest.raises(importer.ImportRefused) as refused:
        apply(parsed)

    assert [(p.line, p.column, p.value) for p in preview.problems] == [
        (3, "OMRÅDE", "9999"),
        (4, "OVERTRÆD", "7777"),
        (6, "OMRÅDE", NORDJYLLAND),
        (7, "OVERTRÆD", "8888"),
    ]
    assert refused.value.problems == preview.problems
    assert preview.problems[1].message == (
        "Ukendt overtrædelseskode »7777« (første gang i linje 4). Indlæs kodelisten med "
        "`kredsraad statistics codes`, eller ret filen."
    )
    assert "Politikredse kan ikke indlæses fra en fil" in preview.problems[2].message
    assert str(refused.value) == "Filen har 4 fejl, så intet er indlæst."
    assert Observation.objects.count() == 0
    assert Dataset.objects.count() == 0


def test_a_year_is_refused_for_quarterly_figures_naming_its_line(codes):
    parsed = straf11(("851", "12", "2022K3", 107), ("851", "12", "2022", 400))
    police = straf11(("851", "12", "2023", 5), table="police")

    with pytest.raises(importer.ImportRefused) as refused:
        apply(parsed)

    assert [(p.line, p.column, p.value) for p in refused.value.problems] == [(3, "TID", "2022")]
    assert refused.value.problems[0].message == (
        "Perioden »2022« (første gang i linje 3) er et helt år, men tallene gemmes pr. kvartal. "
        "Hent tabellen med kvartaler (2022K1, 2022K2 …) i stedet for år."
    )
    assert [p.value for p in importer.preview(police).problems] == ["2023"]
    assert Observation.objects.count() == 0


def test_population_still_keeps_k1_and_skips_a_year(codes):
    rows = [
        Row(FOLK1A, "851", "", "2023K1", 1000, line=2),
        Row(FOLK1A, "860", "", "2023", 9, line=3),
    ]

    dataset = importer.apply(
        Parsed(table=FOLK1A, format="long-csv", rows=rows),
        source=Dataset.Source.FILE,
        fetched_at=FETCHED,
    )

    assert counts(dataset) == (2, 1, 0, 0)
    assert list(Population.objects.filter(derived=False).values_list("area__code", "year")) == [
        ("851", 2023)
    ]


def test_the_same_cell_twice_with_different_values_is_refused(codes):
    parsed = straf11(
        ("851", "12", "2022K3", 107), ("825", "12", "2022K3", 3), ("851", "12", "2022K3", 108)
    )

    with pytest.raises(importer.ImportRefused) as refused:
        apply(parsed)

    assert [(p.line, p.value) for p in refused.value.problems] == [(4, "851, 12, 2022K3")]
    assert Observation.objects.count() == 0


def test_the_same_cell_twice_with_the_same_value_is_written_once(codes):
    dataset = apply(straf11(("851", "12", "2022K3", 107), ("851", "12", "2022K3", 107)))

    assert (dataset.rows_new, dataset.rows_unchanged) == (1, 0)
    assert value("851", "12", "2022K3") == 107


def test_refused_import_leaves_the_database_as_it_was(codes):
    apply(nordjylland_violence())
    before = list(Observation.objects.order_by("pk").values_list("pk", "value"))
    parsed = straf11(("851", "12", "2022K3", 999), ("851", "12", "2022K4", -1))

    with pytest.raises(importer.ImportRefused) as refused:
        apply(parsed)

    assert [p.message for p in refused.value.problems] == ["Et antal kan ikke være negativt."]
    assert list(Observation.objects.order_by("pk").values_list("pk", "value")) == before
    assert Dataset.objects.count() == 1


def test_parser_problems_refuse_the_import_before_anything_is_checked(codes):
    parsed = straf11(("851", "12", "2022K3", 107))
    parsed.problems.append(Problem(3, "INDHOLD", "x", "Ikke et tal."))

    with pytest.raises(importer.ImportRefused) as refused:
        apply(parsed)

    assert refused.value.problems == parsed.problems
    assert Observation.objects.count() == 0


# Police districts ----------------------------------------------------------------------------------


def test_district_is_the_sum_of_its_municipalities_and_follows_a_revision(codes):
    apply(nordjylland_violence())
    first = value(NORDJYLLAND, "12", "2022K3")

    apply(straf11(("851", "12", "2022K3", 120)))

    district = Observation.objects.get(area__code=NORDJYLLAND, offence__code="12", period="2022K3")
    assert first == sum(100 + n for n in range(9))
    assert (district.value, district.derived) == (first + 13, True)
    assert [e.value for e in Observation.pgh_event_model.objects.filter(pgh_obj=district)] == [
        first
    ]


def test_reimport_mends_a_district_sum_when_an_area_joins_the_district(codes):
    # As when the registry gains a municipality's district: a re-import mends the sum.
    Area.objects.filter(code="411").update(district=None)
    parsed = straf11(("400", "12", "2022K3", 50), ("411", "12", "2022K3", 1))
    apply(parsed)
    before = value("politikreds:12", "12", "2022K3")
    Area.objects.filter(code="411").update(district=Area.objects.get(code="400").district)

    again = apply(parsed)

    assert counts(again) == (2, 0, 0, 2)
    assert (before, value("politikreds:12", "12", "2022K3")) == (50, 51)


def test_district_sums_are_written_only_for_districts_with_figures(codes):
    apply(nordjylland_violence())

    derived = Observation.objects.filter(derived=True)

    assert list(derived.values_list("area__code", "offence__code", "period")) == [
        (NORDJYLLAND, "12", "2022K3")
    ]


# Any table ---------------------------------------------------------------------------------------

UHELDK1 = "UHELDK1"
PEDESTRIANS = "UHELD=0;INDBLAND=71"


def uheldk1(*cells) -> Parsed:
    """Injured pedestrians: cells as (area, period, age, sex, value), on lines 2, 3, …"""
    rows = [
        Row(UHELDK1, area, "", period, value, age=age, sex=sex, key=PEDESTRIANS, line=n)
        for n, (area, period, age, sex, value) in enumerate(cells, 2)
    ]
    return Parsed(table=UHELDK1, format="long-csv", rows=rows)


def test_analyst_imports_a_yearly_table_without_offences_keeping_every_dimension(db):
    dataset = apply(
        uheldk1(
            ("851", "2021", "6599", "2", 3),
            ("860", "2021", "6599", "2", 1),
            ("851", "2021", "1824", "1", 7),
        )
    )

    assert counts(dataset) == (3, 3, 0, 0)
    stored = Observation.objects.filter(table=UHELDK1).values_list(
        "area__code",
        "offence",
        "period",
        "year",
        "quarter",
        "age",
        "sex",
        "key",
        "value",
        "derived",
    )
    assert sorted(stored) == [
        ("851", None, "2021", 2021, 0, "1824", "1", PEDESTRIANS, 7, False),
        ("851", None, "2021", 2021, 0, "6599", "2", PEDESTRIANS, 3, False),
        ("860", None, "2021", 2021, 0, "6599", "2", PEDESTRIANS, 1, False),
        (NORDJYLLAND, None, "2021", 2021, 0, "1824", "1", PEDESTRIANS, 7, True),
        (NORDJYLLAND, None, "2021", 2021, 0, "6599", "2", PEDESTRIANS, 4, True),
    ]


def test_the_same_yearly_file_twice_changes_nothing(db):
    parsed = uheldk1(("851", "2021", "6599", "2", 3))
    apply(parsed)

    again = apply(parsed)

    assert (again.pk, again.rows_unchanged) == (None, 1)


def test_a_quarter_is_refused_for_a_yearly_table_naming_its_line(db):
    parsed = uheldk1(("851", "2021", "6599", "2", 3), ("851", "2022K1", "6599", "2", 1))

    with pytest.raises(importer.ImportRefused) as refused:
        apply(parsed)

    assert [(p.line, p.column, p.value) for p in refused.value.problems] == [(3, "TID", "2022K1")]
    assert refused.value.problems[0].message == (
        "Perioden »2022K1« (første gang i linje 3) er et kvartal, men UHELDK1 har tal pr. år. "
        "Hent tabellen med hele år (2021, 2022 …)."
    )
    assert Observation.objects.count() == 0


def test_a_national_table_takes_hele_landet_only(codes):
    decisions = [
        Row("STRAF40", "000", "1", "2021", 120, age="17", sex="M", key="AFGØRELSE=000", line=2),
        Row("STRAF40", "851", "1", "2021", 5, age="17", sex="M", key="AFGØRELSE=000", line=3),
    ]

    with pytest.raises(importer.ImportRefused) as refused:
        apply(Parsed(table="STRAF40", format="long-csv", rows=decisions))
    apply(Parsed(table="STRAF40", format="long-csv", rows=decisions[:1]))

    assert [(p.line, p.column, p.value) for p in refused.value.problems] == [(3, "OMRÅDE", "851")]
    assert refused.value.problems[0].message == (
        "STRAF40 er en landstabel uden område, så kun Hele landet (000) kan indlæses, ikke »851« "
        "(første gang i linje 3)."
    )
    assert list(Observation.objects.values_list("area__code", "value", "derived")) == [
        ("000", 120, False)
    ]


def test_a_row_without_the_offence_its_table_has_is_refused(codes):
    with pytest.raises(importer.ImportRefused) as refused:
        apply(straf11(("851", "", "2022K3", 107)))

    assert [p.message for p in refused.value.problems] == [
        "Linje 2 mangler en overtrædelseskode, som STRAF11 har."
    ]


def test_an_undescribed_table_is_refused(db):
    parsed = uheldk1(("851", "2021", "6599", "2", 3))
    parsed.table = "UHELDK9"

    with pytest.raises(importer.ImportRefused) as refused:
        apply(parsed)

    assert refused.value.problems[0].message.startswith(
        "Tabellen »UHELDK9« er ikke beskrevet i kredsraad."
    )


def test_a_table_described_by_its_file_is_saved_with_its_figures(db):
    parsed = uheldk1(("851", "2021", "6599", "2", 3))
    parsed.table = "UHELDK9"
    parsed.description = {
        "code": "UHELDK9",
        "title": "Tilskadekomne",
        "frequency": "year",
        "has_area": True,
        "dimensions": [{"code": "UHELD", "label": "Personskade", "role": "key", "values": []}],
        "described_by": Table.DescribedBy.FILE,
    }
    refused = uheldk1(("851", "2021", "6599", "2", -1))
    refused.table, refused.description = "UHELDK9", parsed.description

    with pytest.raises(importer.ImportRefused):
        apply(refused)
    assert not Table.objects.filter(code="UHELDK9").exists()
    apply(parsed)

    table = Table.objects.get(code="UHELDK9")
    assert (table.title, table.described_by, table.quarterly) == ("Tilskadekomne", "file", False)
    assert Observation.objects.filter(table="UHELDK9", derived=False).count() == 1


# Derived totals: Hele landet and the regions -------------------------------------------------------


def municipalities() -> list[str]:
    return list(Area.objects.filter(kind="municipality").values_list("code", flat=True))


def every_part(offence="12", period="2022K3", *, leave_out=()) -> list[tuple]:
    """Violence in every municipality (value 10, Aalborg 100), Christiansø (1), Uoplyst (2)."""
    cells = [(code, offence, period, 100 if code == "851" else 10) for code in municipalities()]
    cells += [("411", offence, period, 1), ("998", offence, period, 2)]
    return [cell for cell in cells if cell[0] not in leave_out]


def test_hele_landet_and_the_regions_are_derived_where_every_part_has_a_figure(codes):
    nordjylland = set(
        Area.objects.filter(municipality__region__code=1081).values_list("code", flat=True)
    )

    apply(straf11(*every_part("12", "2022K3"), *every_part("12", "2022K4", leave_out={"998"})))

    country = Observation.objects.get(area__code="000", offence__code="12", period="2022K3")
    assert (country.value, country.derived) == (10 * 97 + 100 + 1 + 2, True)
    region = Observation.objects.get(area__code="081", offence__code="12", period="2022K3")
    assert (region.value, region.derived) == (10 * (len(nordjylland) - 1) + 100, True)
    hovedstaden = Observation.objects.get(area__code="084", period="2022K3")
    assert (
        hovedstaden.value == 10 * Area.objects.filter(municipality__region__code=1084).count() + 1
    )
    # 998 missing in 2022K4: no Hele landet ("ingen data"), but every region has its parts.
    assert not Observation.objects.filter(area__code="000", period="2022K4").exists()
    assert Observation.objects.filter(area__kind="region", period="2022K4").count() == 5


def test_a_total_with_a_municipality_missing_is_not_derived(codes):
    apply(straf11(*every_part(leave_out={"860"})))

    assert not Observation.objects.filter(area__code="000").exists()
    assert not Observation.objects.filter(area__code="081").exists()
    assert Observation.objects.filter(area__kind="region").count() == 4


def test_an_official_figure_replaces_a_derived_one_and_shows_as_a_revision(codes):
    derived_by = apply(straf11(*every_part()))
    derived, region = value("000", "12", "2022K3"), value("081", "12", "2022K3")

    official = apply(straf11(("000", "12", "2022K3", derived + 5), ("081", "12", "2022K3", 1)))

    country = Observation.objects.get(area__code="000", offence__code="12", period="2022K3")
    assert (country.value, country.derived, country.dataset_id) == (derived + 5, False, official.pk)
    assert counts(official) == (2, 0, 2, 0)
    revised = revisions.revisions_of(official)
    assert [(r.area.code, r.old_value, r.new_value, r.derived) for r in revised] == [
        ("000", derived, derived + 5, True),
        ("081", region, 1, True),
    ]
    assert list(revisions.revisions_of(derived_by)) == []


def test_an_official_figure_equal_to_the_derived_one_still_replaces_it(codes):
    apply(straf11(*every_part()))
    derived = value("000", "12", "2022K3")

    official = apply(straf11(("000", "12", "2022K3", derived)))

    country = Observation.objects.get(area__code="000", offence__code="12", period="2022K3")
    assert (country.derived, official.rows_changed) == (False, 1)
    assert importer.preview(straf11(("000", "12", "2022K3", derived))).unchanged == 1


def test_a_derived_total_never_overwrites_an_official_figure(codes):
    apply(straf11(("000", "12", "2022K3", 5000)))

    apply(straf11(*every_part()))

    country = Observation.objects.get(area__code="000", offence__code="12", period="2022K3")
    assert (country.value, country.derived) == (5000, False)


def test_a_withdrawn_part_takes_the_derived_total_with_it(codes):
    apply(straf11(*every_part()))

    apply(straf11(("860", "12", "2022K3", None)))

    assert not Observation.objects.filter(area__code__in=["000", "081"]).exists()
    assert Observation.objects.filter(area__code="082").exists()


def test_the_polices_own_figures_get_district_sums_but_no_made_up_totals(codes):
    apply(straf11(*every_part(), table="police"))

    derived = Observation.objects.filter(table="police", derived=True)
    assert set(derived.values_list("area__kind", flat=True)) == {"district"}


def test_a_table_without_uoplyst_kommune_derives_hele_landet_without_it(db):
    cells = [(code, "2021", "6599", "2", 1) for code in [*municipalities(), "411"]]

    apply(uheldk1(*cells))

    country = Observation.objects.get(table=UHELDK1, area__code="000")
    assert (country.value, country.derived, country.offence) == (99, True, None)


# Population ----------------------------------------------------------------------------------------


def test_population_on_1_january_with_district_sums_and_other_quarters_skipped(codes):
    rows = [
        Row(FOLK1A, code, "", "2023K1", 1000 + n, line=n + 2)
        for n, code in enumerate(NORDJYLLAND_MUNICIPALITIES)
    ]
    rows.append(Row(FOLK1A, "851", "", "2023K2", 222_000, line=11))
    parsed = Parsed(table=FOLK1A, format="long-csv", rows=rows)

    dataset = importer.apply(parsed, source=Dataset.Source.FILE, fetched_at=FETCHED)
    again = importer.preview(parsed)

    assert counts(dataset) == (10, 9, 0, 0)
    assert Population.objects.get(area__code="851", year=2023).value == 1007
    district = Population.objects.get(area__code=NORDJYLLAND, year=2023)
    assert (district.value, district.derived) == (9036, True)
    assert (again.new, again.changed, again.unchanged, again.ignored) == (0, 0, 9, 1)
    assert "kun 1. kvartal" in again.notes[0]


# The real figures ------------------------------------------------------------------------------------


def import_real_straf11() -> tuple[list[dict], Parsed]:
    """The reference data's STRAF11 file, read with the csv module, imported; skips without it."""
    shared = shared_data()
    if shared is None:
        pytest.skip("../shared/data findes ikke")
    path = shared / "dst" / "straf11_8_offences_all_areas_2016K1-2025K4.csv"
    with path.open(encoding="utf-8-sig", newline="") as file:
        raw = list(csv.DictReader(file))
    codes = shared / "dst" / "straf11_offence_codes_2022.csv"
    importer.load_offence_codes(importer.read_offence_codes(codes.read_bytes()))
    rows = [
        Row(STRAF11, r["OMRÅDE_kode"], r["OVERTRÆD_kode"], r["TID"], int(r["INDHOLD"]), line=n)
        for n, r in enumerate(raw, 2)
    ]
    parsed = Parsed(table=STRAF11, format="long-csv", rows=rows)
    importer.apply(
        parsed,
        source=Dataset.Source.FILE,
        file_name=path.name,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        fetched_at=timezone.now(),
    )
    return raw, parsed


@pytest.fixture
def real_straf11(db):
    return import_real_straf11()


def test_real_straf11_nordjyllands_politi_is_the_sum_of_its_nine_municipalities(real_straf11):
    raw, _parsed = real_straf11
    expected = defaultdict(int)
    for r in raw:
        if r["OMRÅDE_kode"] in NORDJYLLAND_MUNICIPALITIES:
            expected[r["OVERTRÆD_kode"], r["TID"]] += int(r["INDHOLD"])

    for offence, period in [
        ("TOT", "2021K1"),
        ("12", "2022K2"),
        ("1320", "2016K1"),
        ("3410", "2025K4"),
    ]:
        assert value(NORDJYLLAND, offence, period) == expected[offence, period]


def test_real_straf11_hele_landet_is_the_sum_of_municipalities_christiansoe_and_unknown(
    real_straf11,
):
    raw, _parsed = real_straf11
    municipalities = set(Area.objects.filter(kind="municipality").values_list("code", flat=True))
    parts = sum(
        int(r["INDHOLD"])
        for r in raw
        if r["OVERTRÆD_kode"] == "TOT"
        and r["TID"] == "2023K2"
        and (r["OMRÅDE_kode"] in municipalities or r["OMRÅDE_kode"] in ("411", "998"))
    )

    assert value("000", "TOT", "2023K2") == parts


def test_real_straf11_imported_twice_changes_nothing(real_straf11):
    _raw, parsed = real_straf11

    again = importer.apply(parsed, source=Dataset.Source.FILE, fetched_at=timezone.now())

    assert (again.rows_read, again.rows_new, again.rows_changed) == (33_920, 0, 0)
    assert again.rows_unchanged == 33_920
    assert again.pk is None
    assert Dataset.objects.count() == 1


def test_analyst_imports_the_real_file_twice_and_the_source_line_stays(db):
    shared = shared_data()
    if shared is None:
        pytest.skip("../shared/data findes ikke")
    path = shared / "dst" / "straf11_8_offences_all_areas_2016K1-2025K4.csv"
    run("codes", str(shared / "dst" / "straf11_offence_codes_2022.csv"))
    run("import", str(path))
    source = page._source()
    datasets = list(Dataset.objects.values_list("pk", "imported_at"))

    out, _err = run("import", str(path))

    assert "Celler: 0 nye, 0 ændrede, 33.920 uændrede." in out
    assert out.endswith(
        "Indlæst: 0 nye, 0 ændrede og 33.920 uændrede celler i STRAF11.\n"
        "Ingen tal er ændret, så der er ikke registreret et nyt datasæt.\n"
    )
    assert list(Dataset.objects.values_list("pk", "imported_at")) == datasets
    assert page._source() == source


def test_large_import_changes_no_table_or_index_so_readers_never_wait(db):
    with CaptureQueriesContext(connection) as queries:
        import_real_straf11()

    statements = {q["sql"].split(None, 2)[0].upper() for q in queries.captured_queries}
    ddl = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].split(None, 1)[0].upper() in {"ALTER", "DROP", "CREATE"}
        and "statistics_staged" not in q["sql"]
        and "statistics_parts" not in q["sql"]
    ]
    assert ddl == []
    assert "LOCK" not in statements


# The command -------------------------------------------------------------------------------------

LONG_CSV = "OMRÅDE_kode,OMRÅDE,OVERTRÆD_kode,OVERTRÆD,TID,INDHOLD\n"


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("statistics", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def long_csv(tmp_path, *cells, name="straf11.csv"):
    path = tmp_path / name
    lines = [f"{area},,{offence},,{period},{count}" for area, offence, period, count in cells]
    path.write_text(LONG_CSV + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_analyst_loads_the_offence_codes_from_a_semicolon_file(db, tmp_path):
    path = tmp_path / "koder.csv"
    path.write_text("kode;betegnelse\nTOT;I alt\n1;Straffelov i alt\n12;Vold\n", encoding="utf-8")

    out, _err = run("codes", str(path))

    assert out == "Overtrædelseskoder: 3 nye, 0 ændrede, 0 uændrede.\n"
    assert Offence.objects.get(code="12").parent.code == "1"


def test_analyst_tries_an_import_and_sees_the_preview_without_anything_saved(codes, tmp_path):
    path = long_csv(tmp_path, ("851", "12", "2022K3", 107), ("825", "12", "2022K3", ".."))

    out, _err = run("import", str(path), "--dry-run")

    assert "Tabel STRAF11: 2 rækker." in out
    assert "Områder: 2 (825, 851)" in out
    assert "Perioder: 2022K3 (1)" in out
    assert "Uden tal (»..«): 1 celler springes over." in out
    assert "Celler: 1 nye, 0 ændrede, 0 uændrede." in out
    assert out.endswith("Prøvekørsel: intet er gemt.\n")
    assert Observation.objects.count() == 0


def test_analyst_imports_and_a_revised_file_shows_the_change(codes, tmp_path):
    run("import", str(long_csv(tmp_path, ("851", "12", "2022K3", 107), ("825", "12", "2022K3", 3))))
    revised = long_csv(tmp_path, ("851", "12", "2022K3", 120), ("825", "12", "2022K3", 3))

    out, err = run("import", str(revised))

    assert "    linje 2: 851 12 2022K3: 107 → 120" in out
    assert out.endswith("Indlæst: 0 nye, 1 ændrede og 1 uændrede celler i STRAF11.\n")
    assert "Indlæser [" in err
    assert value(NORDJYLLAND, "12", "2022K3") == 123
    dataset = Dataset.objects.order_by("pk").last()
    assert (dataset.source, dataset.file_name, len(dataset.sha256)) == ("file", "straf11.csv", 64)


def test_import_with_unknown_codes_lists_them_and_stops_in_danish(codes, tmp_path):
    path = long_csv(tmp_path, ("851", "12", "2022K3", 107), ("851", "7777", "2022K3", 1))

    err = io.StringIO()

    with pytest.raises(CommandError) as refused:
        call_command("statistics", "import", str(path), stdout=io.StringIO(), stderr=err)

    assert str(refused.value) == "Filen har 1 fejl, så intet er indlæst."
    assert err.getvalue().startswith(
        "linje 3, kolonne OVERTRÆD, værdi »7777«: Ukendt overtrædelseskode »7777« (første gang "
        "i linje 3)."
    )
    assert Observation.objects.count() == 0


def test_population_is_imported_with_the_table_named(codes, tmp_path):
    path = tmp_path / "folk1a.csv"
    path.write_text("OMRÅDE_kode,OMRÅDE,TID,INDHOLD\n851,Aalborg,2023K1,221082\n", encoding="utf-8")

    out, _err = run("import", str(path), "--table", "FOLK1A")

    assert out.endswith("Indlæst: 1 nye, 0 ændrede og 0 uændrede celler i FOLK1A.\n")
    assert Population.objects.get(area__code="851", year=2023).value == 221082


# Uploads ------------------------------------------------------------------------------------------


def test_upload_imports_the_rows_its_preview_read_without_reading_the_file_again(
    codes, nordjylland, analytiker
):
    content = (LONG_CSV + "851,,12,,2022K3,107\n825,,12,,2022K3,3\n").encode()
    job = uploads.preview_upload(
        nordjylland, kind="dst", name="straf11.csv", content=content, table=None, by=analytiker
    )
    # Were the file read again, these bytes would refuse the import.
    ImportJob.objects.filter(pk=job.pk).update(content=b"<html>", status="queued")

    uploads.run_import(job.pk)

    job.refresh_from_db()
    assert (job.status, job.rows) == ("done", b"")
    assert value("851", "12", "2022K3") == 107


def test_upload_whose_preview_went_stale_shows_the_new_one_and_writes_nothing(
    codes, nordjylland, analytiker
):
    content = (LONG_CSV + "851,,12,,2022K3,107\n").encode()
    job = uploads.preview_upload(
        nordjylland, kind="dst", name="straf11.csv", content=content, table=None, by=analytiker
    )
    apply(straf11(("851", "12", "2022K3", 100)))  # someone imported meanwhile
    ImportJob.objects.filter(pk=job.pk).update(status="queued")

    uploads.run_import(job.pk)

    job.refresh_from_db()
    assert (job.status, job.preview["stale"], job.preview["changed"]) == ("previewed", True, 1)
    assert value("851", "12", "2022K3") == 100
    assert job.rows != b""


# The demo ----------------------------------------------------------------------------------------


def test_demo_loads_the_reference_statistics_once(db):
    shared = shared_data()
    if shared is None:
        pytest.skip("../shared/data findes ikke")

    first = load_statistics(shared)
    again = load_statistics(shared)

    assert first.endswith("STRAF11 (33.920 rækker), FOLK1A (1.040 rækker).")
    assert again.endswith("er allerede indlæst (STRAF11, FOLK1A).")
    assert list(Dataset.objects.values_list("table", "source", "rows_new")) == [
        ("FOLK1A", "file", 1040),
        ("STRAF11", "file", 33_920),
    ]
    assert value(NORDJYLLAND, "12", "2022K2") > value("851", "12", "2022K2") == 710


def test_demo_without_reference_data_loads_nothing(db, tmp_path):
    assert load_statistics(tmp_path) is None
    assert Dataset.objects.count() == 0


def test_christiansoe_counts_in_bornholms_politi(db):
    from kredsraad.statistics.models import Area

    assert Area.objects.get(code="411").district.code == 12


def test_compare_runs_under_the_statistics_command(db):
    import io

    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="Ukendt område"):
        call_command(
            "statistics",
            "compare",
            "--area",
            "999",
            "--offence",
            "TOT",
            "--period",
            "2022K1",
            stdout=io.StringIO(),
        )
