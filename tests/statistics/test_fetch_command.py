"""`kredsraad statistics fetch` end to end, with Danmarks Statistik played by a fake transport:
a dry run writes nothing, a real run writes one Dataset from the API, and when the service cannot
be reached, says no or fails halfway, nothing at all is written. And the demo, which fetches
when the reference files are not there and never fails for want of a network."""

import csv
import errno
import hashlib
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kredsraad.demo.statistics import fetch_statistics
from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Dataset, Observation, Offence, Population, Table
from kredsraad.statistics.rows import FOLK1A, STRAF11

from .statbank_fake import (
    BULK_EXCERPT,
    POPULATION,
    STRAF11_CODE_AND_VALUE,
    UHELDK1_FILE,
    FakeStatBank,
    excerpt_server,
    folk1a_bulk_answer,
    folk1a_tableinfo,
    ok,
    population_server,
    population_tableinfo,
    recorded,
    shared,
    straf11_tableinfo,
    uheldk1_server,
    uheldk1_tableinfo,
)

STRAF11_INFO = straf11_tableinfo()
FOLK1A_INFO = folk1a_tableinfo()


@pytest.fixture
def dst(settings):
    """Danmarks Statistik with STRAF11 (the real BULK excerpt) and FOLK1A (recorded), no waits."""
    fake = FakeStatBank(
        {STRAF11: STRAF11_INFO, FOLK1A: FOLK1A_INFO},
        answer=lambda table, variables, format: (
            excerpt_server(STRAF11_INFO)(table, variables, format)
            if table == STRAF11
            else folk1a_bulk_answer()
        ),
    )
    settings.KREDSRAAD_STATBANK_TRANSPORT = fake
    settings.KREDSRAAD_STATBANK_RETRIES = 0
    return fake


def fetch(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("statistics", "fetch", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def nothing_written() -> bool:
    return not (
        Dataset.objects.exists()
        or Observation.objects.exists()
        or Population.objects.exists()
        or Offence.objects.exists()
    )


def test_dry_run_shows_the_preview_and_writes_nothing(db, dst):
    out, err = fetch(STRAF11, "--since", "2025K1", "--dry-run")

    # 14 areas x 17 offences: the excerpt's 104 lines, and the cells BULK left out as 0.
    assert "Tabel STRAF11: 238 rækker." in out
    assert "Celler: 238 nye, 0 ændrede, 0 uændrede." in out
    assert out.endswith("Prøvekørsel: intet er gemt.\n")
    assert "Henter [" in err
    assert nothing_written()


def test_fetch_imports_one_dataset_from_the_api(db, dst, settings):
    settings.KREDSRAAD_STATBANK_MAX_CELLS = 60  # 10 areas x 17 offences: three parts

    out, err = fetch(STRAF11, "--period", "2025K1", "--area", "000,851", "--area", "politikreds:1")

    answers = [answer_to(request) for request in dst.requests if request.method == "POST"]
    rows = sum(len(answer.splitlines()) - 1 for answer in answers)
    dataset = Dataset.objects.get()
    assert (dataset.table, dataset.source) == (STRAF11, Dataset.Source.STATBANK_API)
    assert dataset.file_name == (
        "api.statbank.dk STRAF11 BULK: OMRÅDE 000,810,813,820,825,840,… (10), OVERTRÆD *, "
        "Tid 2025K1 (3 dele)"
    )
    assert dataset.sha256 == hashlib.sha256(b"".join(answers)).hexdigest()
    assert rows == 72  # of 10 x 17 cells asked for: the others are 0
    assert dataset.rows_new == Observation.objects.filter(derived=False).count() == 170
    assert Observation.objects.filter(derived=False, value=0).count() == 170 - rows
    assert Offence.objects.get(code="1210").parent.code == "12"
    assert "Overtrædelseskoder fra STRAF11: 17 nye, 0 ændrede, 0 uændrede." in out
    assert out.endswith("Indlæst: 170 nye, 0 ændrede og 0 uændrede celler i STRAF11.\n")
    assert "Henter [##############################] 3/3 (100%)" in err
    assert "Indlæser [" in err


def answer_to(request) -> bytes:
    """What the fake answered to `request`: it answers the same request the same way."""
    body = json.loads(request.body)
    variables = {v["code"]: v["values"] for v in body["variables"]}
    return excerpt_server(STRAF11_INFO)(body["table"], variables, body["format"])


def test_a_fresh_district_is_the_sum_of_its_fetched_municipalities(db, dst):
    fetch(STRAF11, "--area", "politikreds:1", "--offence", "1", "--since", "2025K1")

    (body,) = dst.data_requests
    assert body["variables"][0]["values"] == [
        "810",
        "813",
        "820",
        "825",
        "840",
        "846",
        "849",
        "851",
        "860",
    ]
    district = Observation.objects.get(area__code="politikreds:1", offence__code="1")
    # Straffelov i alt in the nine municipalities of the BULK excerpt.
    assert district.value == 210 + 427 + 238 + 9 + 155 + 330 + 268 + 2096 + 443


def test_folk1a_fetches_the_population_on_1_january(db, dst):
    out, _err = fetch(FOLK1A)

    (body,) = dst.data_requests
    assert body["variables"][1:] == [
        {"code": "KØN", "values": ["TOT"]},
        {"code": "ALDER", "values": ["IALT"]},
        {"code": "CIVILSTAND", "values": ["TOT"]},
        {"code": "Tid", "values": ["2024K1", "2025K1"]},
    ]
    # The recorded answer: 13 areas with made-up figures, (n + 1) x 10,000 in 2024, +100 in 2025.
    assert Population.objects.get(area__code="851", year=2024).value == 120_000
    assert Population.objects.get(area__code="851", year=2025).value == 120_100
    assert Population.objects.filter(derived=False).count() == 26
    assert Dataset.objects.get().source == Dataset.Source.STATBANK_API
    assert Offence.objects.count() == 0
    assert "Overtrædelseskoder" not in out


def test_folk1a_from_the_reference_file_figures(db, settings):
    tableinfo = population_tableinfo()
    settings.KREDSRAAD_STATBANK_TRANSPORT = FakeStatBank(
        {FOLK1A: tableinfo}, answer=population_server(tableinfo)
    )

    fetch(FOLK1A, "--since", "2023")

    with shared(POPULATION).open(encoding="utf-8-sig", newline="") as file:
        expected = {
            (row["OMRÅDE_kode"], int(row["TID"][:4])): int(row["folketal_1_i_kvartalet"])
            for row in csv.DictReader(file)
            if row["TID"] >= "2023"
        }
    stored = Population.objects.filter(derived=False).values_list("area__code", "year", "value")
    assert {(area, year): value for area, year, value in stored} == expected
    assert len(expected) == 104 * 3


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (ConnectionRefusedError(111, "Connection refused"), "forbindelsen blev afvist"),
        (TimeoutError("timed out"), "intet svar inden for 30 sekunder"),
    ],
)
def test_unreachable_service_is_a_danish_error_and_nothing_is_written(
    db, dst, settings, failure, reason
):
    settings.KREDSRAAD_STATBANK_MAX_CELLS = 2 * 17  # one quarter a part: five parts
    dst.failures = [None, None, failure]  # the table's metadata and a first part, then nothing

    with pytest.raises(CommandError) as error:
        fetch(STRAF11, "--area", "81,0851")

    assert str(error.value) == (
        f"Danmarks Statistik kunne ikke nås (api.statbank.dk): {reason} (1 forsøg). Prøv igen "
        "senere, eller indlæs en fil med `kredsraad statistics import`."
    )
    assert len(dst.data_requests) == 2
    assert dst.data_requests[0]["variables"][0] == {"code": "OMRÅDE", "values": ["081", "851"]}
    assert nothing_written()


def test_a_part_failing_halfway_imports_nothing(db, dst, settings):
    settings.KREDSRAAD_STATBANK_MAX_CELLS = 17 * 14  # one quarter a part: five parts
    dst.failures = [None, None, None, ok(b"", 503)]  # tableinfo, two parts, then the third

    with pytest.raises(CommandError) as error:
        fetch(STRAF11)

    assert "tjenesten svarede med fejl 503" in str(error.value)
    assert len(dst.data_requests) == 3
    assert nothing_written()


def test_dst_refusal_is_shown_with_its_own_message(db, dst):
    dst.failures = [None, ok(recorded("error_400.json"), 400)]

    with pytest.raises(CommandError) as error:
        fetch(STRAF11)

    assert str(error.value) == (
        "Danmarks Statistik afviste forespørgslen (HTTP 400): »Der skal vælges værdier for "
        "variabel: OVERTRÆD«"
    )
    assert nothing_written()


def test_a_web_page_instead_of_figures_imports_nothing(db, dst):
    dst.answer = lambda *args: recorded("error_page.html")
    err = io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command("statistics", "fetch", STRAF11, stdout=io.StringIO(), stderr=err)

    assert str(error.value) == "Svaret fra Danmarks Statistik har 1 fejl, så intet er indlæst."
    assert "Filen er en webside, ikke data" in err.getvalue()
    assert nothing_written()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--area", "999"],
            "Tabellen STRAF11 har ikke OMRÅDE-koden »999«. Dens koder er fx 000, 081, 773, 787, "
            "810, 813.",
        ),
        (
            ["--area", "politikreds:99"],
            "Ukendt politikreds »politikreds:99«. Skriv den som fx politikreds:1, "
            "politikreds:10, politikreds:11.",
        ),
        (["--period", "2025K5"], "Ugyldig periode »2025K5«. Skriv fx 2022K1-2022K3."),
    ],
)
def test_bad_choices_are_named_and_nothing_is_fetched(db, dst, args, message):
    with pytest.raises(CommandError) as error:
        fetch(STRAF11, *args)

    assert str(error.value) == message
    assert dst.data_requests == []


def test_folk1a_has_no_offences_to_choose(db, dst):
    with pytest.raises(CommandError) as error:
        fetch(FOLK1A, "--offence", "TOT")

    assert str(error.value) == "FOLK1A har ingen overtrædelser; udelad --offence."


def test_csv_format_asks_for_codes_and_values(db, dst):
    dst.answer = lambda *args: STRAF11_CODE_AND_VALUE

    fetch(STRAF11, "--format", "csv", "--area", "851,860", "--offence", "TOT,1320")

    (body,) = dst.data_requests
    assert (body["format"], body["valuePresentation"]) == ("CSV", "CodeAndValue")
    assert (
        Observation.objects.get(area__code="860", offence__code="1320", period="2024K2").value == 0
    )
    assert not Observation.objects.filter(area__code="851", offence__code="1320", period="2024K2")


# The demo -------------------------------------------------------------------------------------------


def test_demo_fetches_the_statistics_when_the_files_are_not_there(db):
    fake = FakeStatBank(
        {STRAF11: STRAF11_INFO, FOLK1A: FOLK1A_INFO},
        answer=lambda table, variables, format: (
            excerpt_server(STRAF11_INFO)(table, variables, format)
            if table == STRAF11
            else folk1a_bulk_answer()
        ),
    )

    line = fetch_statistics(transport=fake)
    again = fetch_statistics(transport=fake)

    shown = {"TOT", "1", "11", "12", "1210", "1220", "1252", "1283", "13", "1320", "1332", "14"}
    shown |= {"3", "3210"}  # of the recorded table's 17 offences: not 1345, 1380, 1390
    codes = {v["text"]: v["id"] for v in json.loads(STRAF11_INFO)["variables"][1]["values"]}
    with shared(BULK_EXCERPT).open(encoding="utf-8", newline="") as file:
        assert any(codes[row["OVERTRÆD"]] in shown for row in csv.DictReader(file, delimiter=";"))
    rows = 14 * len(shown) * 5  # every area, offence and quarter asked for; BULK's zeros as 0
    assert line == (
        f"Statistik hentet fra Danmarks Statistik (api.statbank.dk): STRAF11 ({rows} rækker), "
        "FOLK1A (26 rækker)."
    )
    assert again == "Statistikken fra Danmarks Statistik er allerede indlæst (STRAF11, FOLK1A)."
    straf11, folk1a = fake.data_requests
    assert set(straf11["variables"][1]["values"]) == shown
    assert straf11["variables"][2]["values"] == ["2024K1", "2024K2", "2024K3", "2024K4", "2025K1"]
    assert folk1a["variables"][-1]["values"] == ["2024K1", "2025K1"]
    assert set(Dataset.objects.values_list("source", flat=True)) == {"api"}


def test_demo_without_a_network_says_where_to_read_how_to_import(db):
    unreachable = OSError(errno.ENETUNREACH, "Network is unreachable")
    fake = FakeStatBank({}, failures=[unreachable] * 10)

    line = fetch_statistics(transport=fake)

    assert line == (
        "Statistikken kunne ikke hentes fra Danmarks Statistik: Danmarks Statistik kunne ikke "
        "nås (api.statbank.dk): maskinen har ingen forbindelse dertil (netværket kan ikke nås) "
        "(1 forsøg). Prøv igen senere, eller indlæs en fil med `kredsraad statistics import`. "
        "Statistiksiderne forklarer, hvordan tallene indlæses."
    )
    assert len(fake.requests) == 1
    assert nothing_written()


# Revisions, districts and English labels -------------------------------------------------------------


def without(server, prefix: str):
    """`server` with the lines starting with `prefix` left out, as BULK leaves out a 0."""

    def answer(table, variables, format):
        lines = server(table, variables, format).splitlines(keepends=True)
        return b"".join(line for line in lines if not line.startswith(prefix.encode()))

    return answer


def test_a_figure_revised_to_zero_in_a_new_fetch_is_written_as_zero(db, dst):
    wanted = (STRAF11, "--area", "politikreds:1", "--offence", "12", "--since", "2025K1")
    fetch(*wanted)
    district = Observation.objects.get(area__code="politikreds:1", offence__code="12")
    dst.answer = without(excerpt_server(STRAF11_INFO), "Aalborg;Voldsforbrydelser i alt")

    out, _err = fetch(*wanted)

    aalborg = Observation.objects.get(area__code="851", offence__code="12", period="2025K1")
    assert aalborg.value == 0
    district.refresh_from_db()
    assert district.value == Observation.pgh_event_model.objects.get(pgh_obj=district).value - 194
    assert [(e.pgh_label, e.value) for e in aalborg.events.all()] == [("revised", 194)]
    assert "1 celle uden række i svaret er 0 (BULK udelader nuller)." in out
    assert "Indlæst: 0 nye, 1 ændrede og 8 uændrede celler i STRAF11." in out


def test_fetch_reads_a_district_number_with_a_leading_zero(db, dst):
    fetch(STRAF11, "--area", "politikreds:01", "--offence", "1", "--since", "2025K1", "--dry-run")

    (body,) = dst.data_requests
    assert body["variables"][0]["values"] == [
        "810",
        "813",
        "820",
        "825",
        "840",
        "846",
        "849",
        "851",
        "860",
    ]


def english(tableinfo: bytes, texts: dict[str, str]) -> bytes:
    """The table's metadata with English texts for some offences."""
    info = json.loads(tableinfo)
    for value in info["variables"][1]["values"]:
        value["text"] = texts.get(value["id"], value["text"])
    return json.dumps(info, ensure_ascii=False).encode("utf-8")


def test_fetch_keeps_the_offences_english_texts_for_english_exports(db, dst):
    dst.tables[f"{STRAF11}?lang=en"] = english(
        STRAF11_INFO, {"1320": "Burglary of dwellings", "12": "Crimes of violence, total"}
    )

    fetch(STRAF11, "--area", "851", "--offence", "12,1320", "--since", "2025K1")

    assert Offence.objects.get(code="1320").label_en == "Burglary of dwellings"
    assert importer.labels().offence("burglary of dwellings") == "1320"
    asked = [r.url.split("?")[1] for r in dst.requests if r.method == "GET"]
    assert asked == ["lang=da&format=JSON", "lang=en&format=JSON"]


# Any table: UHELDK1 ------------------------------------------------------------------------------


@pytest.fixture
def dst_uheldk1(settings):
    """Danmarks Statistik with UHELDK1: its tableinfo, and BULK answers from the real file."""
    fake = FakeStatBank({"UHELDK1": uheldk1_tableinfo()}, answer=uheldk1_server)
    settings.KREDSRAAD_STATBANK_TRANSPORT = fake
    settings.KREDSRAAD_STATBANK_RETRIES = 0
    return fake


def test_fetch_stores_uheldk1s_tableinfo_and_every_selected_cell(db, dst_uheldk1):
    fetch(
        "uheldk1",
        "--area=851,860",
        "--select=UHELD=0",
        "--select=INDBLAND=71,61",
        "--select=KØN=1,2",
    )

    table = Table.objects.get(code="UHELDK1")
    assert table.described_by == Table.DescribedBy.TABLEINFO
    assert [(d["code"], d["role"], d["complete"]) for d in table.dimensions] == [
        ("UHELD", "key", True),
        ("INDBLAND", "key", True),
        ("ALDER", "age", True),
        ("KØN", "sex", True),
    ]
    stored = Observation.objects.filter(
        table="UHELDK1", area__code__in=["851", "860"], derived=False
    )
    # 2 areas x 2 transport modes x 6 ages x 2 sexes x 7 years, BULK's left-out zeros as 0.
    assert stored.count() == 336
    with shared(UHELDK1_FILE).open(encoding="utf-8-sig", newline="") as file:
        expected = sum(
            int(r["INDHOLD"])
            for r in csv.DictReader(file)
            if r["OMRÅDE_kode"] in ("851", "860") and r["INDBLAND_kode"] in ("71", "61")
        )
    assert sum(stored.values_list("value", flat=True)) == expected
    pedestrians = stored.get(
        area__code="851", key="UHELD=0;INDBLAND=71", age="6599", sex="2", period="2021"
    )
    assert pedestrians.offence is None


def test_fetch_names_a_variable_the_table_does_not_have_and_writes_nothing(db, dst_uheldk1):
    with pytest.raises(CommandError) as error:
        fetch("UHELDK1", "--select=TRANSPORT=71")

    assert str(error.value) == (
        "Tabellen UHELDK1 har ingen variabel TRANSPORT. Dens variabler er OMRÅDE, UHELD, "
        "INDBLAND, ALDER, KØN."
    )
    assert dst_uheldk1.data_requests == []
    assert not Observation.objects.filter(table="UHELDK1").exists()


def test_fetch_refuses_offences_for_a_table_without_them(db, dst_uheldk1):
    with pytest.raises(CommandError) as error:
        fetch("UHELDK1", "--offence=1320")

    assert str(error.value) == "UHELDK1 har ingen variabel OVERTRÆD; udelad --offence."


def test_folk1a_keeps_kredsraads_description_after_a_fetch(db, dst):
    fetch("FOLK1A")

    folk1a = Table.objects.get(code=FOLK1A)
    assert (folk1a.described_by, folk1a.dimensions) == (Table.DescribedBy.KREDSRAAD, [])
