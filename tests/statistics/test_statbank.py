"""The StatBank API client: the table's metadata, requests split under the cell limit, retries
with backoff on a failing service and none on a refusal, Danish messages when Danmarks Statistik
cannot be reached, and every answer read like a file. The network is a fake transport (and once
a local HTTP server, for the default urllib transport); nothing waits for real."""

import csv
import http.server
import itertools
import json
import socket
import threading
import urllib.error

import pytest

from kredsraad.statistics.importing import importer, statbank
from kredsraad.statistics.importing.statbank import (
    Request,
    Response,
    StatBank,
    StatbankError,
    Unreachable,
)
from kredsraad.statistics.models import Dataset, Observation, Offence
from kredsraad.statistics.periods import parse_quarter
from kredsraad.statistics.rows import FOLK1A, STRAF11, Labels

from .statbank_fake import (
    BULK_EXCERPT,
    STRAF11_CODE_AND_VALUE,
    FakeStatBank,
    excerpt_server,
    folk1a_tableinfo,
    ok,
    population_server,
    population_tableinfo,
    recorded,
    shared,
    straf11_tableinfo,
    texts,
)

NORDJYLLANDS_POLITI = ("810", "813", "820", "825", "840", "846", "849", "851", "860")


def straf11_info() -> statbank.TableInfo:
    return statbank.parse_tableinfo(STRAF11, straf11_tableinfo())


def folk1a_info() -> statbank.TableInfo:
    return statbank.parse_tableinfo(FOLK1A, folk1a_tableinfo())


def bank(transport, **options) -> StatBank:
    """A client that records its waits instead of sleeping."""
    waits = []
    client = StatBank(transport=transport, sleep=waits.append, **options)
    client.waits = waits
    return client


def every_cell(chosen: dict[str, list[str]]) -> list[tuple]:
    return list(itertools.product(*chosen.values()))


# The metadata -------------------------------------------------------------------------------------


def test_tableinfo_gives_the_variables_their_values_and_the_time_variable():
    info = straf11_info()

    assert (info.table, info.unit) == (STRAF11, "Antal")
    assert [v.code for v in info.variables] == ["OMRÅDE", "OVERTRÆD", "Tid"]
    assert info.time.code == "Tid"
    assert info.variable("overtræd").codes()[:4] == ["TOT", "1", "11", "12"]
    assert info.variable("OMRÅDE").values[0] == statbank.Value("000", "Hele landet")


def test_client_asks_for_the_danish_json_tableinfo():
    fake = FakeStatBank({STRAF11: straf11_tableinfo()})

    bank(fake).tableinfo(STRAF11)

    assert [(r.method, r.url) for r in fake.requests] == [
        ("GET", "https://api.statbank.dk/v1/tableinfo/STRAF11?lang=da&format=JSON")
    ]


def test_a_web_page_for_tableinfo_is_refused_in_danish():
    with pytest.raises(StatbankError) as refused:
        statbank.parse_tableinfo(STRAF11, recorded("error_page.html"))

    assert str(refused.value) == (
        "Danmarks Statistik svarede ikke med en beskrivelse af tabellen STRAF11, men med en "
        "webside."
    )


def test_folk1a_is_asked_for_its_totals_and_first_quarters_only():
    chosen = statbank.selection(folk1a_info())

    assert chosen == {
        "OMRÅDE": folk1a_info().variable("OMRÅDE").codes(),
        "KØN": ["TOT"],
        "ALDER": ["IALT"],
        "CIVILSTAND": ["TOT"],
        "Tid": ["2024K1", "2025K1"],
    }


def test_periods_and_codes_narrow_the_selection():
    chosen = statbank.selection(
        straf11_info(),
        areas=["851", "000"],
        offences=["1320"],
        first=parse_quarter("2024K3"),
        last=parse_quarter("2024K4"),
    )

    assert chosen == {"OMRÅDE": ["000", "851"], "OVERTRÆD": ["1320"], "Tid": ["2024K3", "2024K4"]}


def test_unknown_codes_are_named_in_danish():
    with pytest.raises(StatbankError) as refused:
        statbank.selection(straf11_info(), areas=["851", "999", "politikreds:1"])

    assert str(refused.value) == (
        "Tabellen STRAF11 har ikke OMRÅDE-koden »999«, »politikreds:1«. Dens koder er fx 000, "
        "081, 773, 787, 810, 813."
    )


def test_a_period_outside_the_table_says_what_the_table_holds():
    with pytest.raises(StatbankError) as refused:
        statbank.selection(straf11_info(), first=parse_quarter("2030K1"))

    assert str(refused.value) == (
        "Ingen kvartaler i STRAF11 ligger i den valgte periode. Tabellen går fra 2024K1 til 2025K1."
    )


# Parts under the cell limit ---------------------------------------------------------------------------


FULL_STRAF11 = {
    "OMRÅDE": [f"{n:03d}" for n in range(106)],
    "OVERTRÆD": [str(n) for n in range(90)],
    "Tid": [f"{2007 + n // 4}K{n % 4 + 1}" for n in range(76)],
}


SMALL = {"OMRÅDE": ["000", "081", "851"], "OVERTRÆD": ["TOT", "1", "12"], "Tid": ["a", "b"]}


@pytest.mark.parametrize(
    ("chosen", "limit"),
    [
        *((SMALL, limit) for limit in (1, 7, 9, 10, 18, 100)),
        *((FULL_STRAF11, limit) for limit in (1000, 9539, 100_000)),
    ],
)
def test_parts_stay_under_the_limit_and_ask_for_every_cell_once(chosen, limit):
    parts = statbank.chunks(chosen, time="Tid", limit=limit)

    asked = [cell for part in parts for cell in every_cell(part)]
    assert max(statbank.cells(part) for part in parts) <= limit
    assert len(asked) == len(set(asked)) == statbank.cells(chosen)
    assert set(asked) == set(every_cell(chosen))


def test_time_is_split_first_in_even_runs_of_periods():
    parts = statbank.chunks(FULL_STRAF11, time="Tid", limit=100_000)

    # 106 x 90 = 9,540 cells a quarter: ten quarters a part, 76 quarters in eight parts.
    assert [len(part["Tid"]) for part in parts] == [10] * 7 + [6]
    assert all(part["OMRÅDE"] == FULL_STRAF11["OMRÅDE"] for part in parts)
    assert all(part["OVERTRÆD"] == FULL_STRAF11["OVERTRÆD"] for part in parts)
    assert [period for part in parts for period in part["Tid"]] == FULL_STRAF11["Tid"]


def test_one_period_too_large_is_split_along_the_largest_other_variable():
    parts = statbank.chunks(FULL_STRAF11, time="Tid", limit=5_000)

    assert all(len(part["Tid"]) == 1 for part in parts)
    assert {len(part["OMRÅDE"]) for part in parts} == {53}  # 106 areas in two halves
    assert all(part["OVERTRÆD"] == FULL_STRAF11["OVERTRÆD"] for part in parts)
    assert len(parts) == 76 * 2


# Retries, refusals, the service out of reach -----------------------------------------------------------


def test_server_errors_are_retried_with_growing_waits_then_the_answer_is_used():
    fake = FakeStatBank(
        {STRAF11: straf11_tableinfo()},
        failures=[ok(b"", 503), ok(b"", 500), TimeoutError("timed out")],
    )
    client = bank(fake, retries=3)

    info = client.tableinfo(STRAF11)

    assert info.table == STRAF11
    assert len(fake.requests) == 4
    assert client.waits == [1.0, 2.0, 4.0]


def test_too_many_requests_waits_as_long_as_the_service_asks():
    fake = FakeStatBank(
        {STRAF11: straf11_tableinfo()},
        failures=[Response(429, {"Retry-After": "7"}, b"")],
    )
    client = bank(fake, retries=1)

    client.tableinfo(STRAF11)

    assert client.waits == [7.0]


def test_a_refusal_is_not_retried_and_shows_dst_own_message():
    fake = FakeStatBank({}, failures=[ok(recorded("error_400.json"), 400)])
    client = bank(fake, retries=3)

    with pytest.raises(StatbankError) as refused:
        client.data(STRAF11, {"OMRÅDE": ["851"], "Tid": ["2024K1"]})

    assert str(refused.value) == (
        "Danmarks Statistik afviste forespørgslen (HTTP 400): »Der skal vælges værdier for "
        "variabel: OVERTRÆD«"
    )
    assert not isinstance(refused.value, Unreachable)
    assert (len(fake.requests), client.waits) == (1, [])


def test_a_refusal_without_a_message_says_so():
    fake = FakeStatBank({}, failures=[ok(recorded("error_page.html"), 404)])

    with pytest.raises(StatbankError) as refused:
        bank(fake).tableinfo("STRAF99")

    assert str(refused.value).startswith("Danmarks Statistik afviste forespørgslen (HTTP 404) ")


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (TimeoutError("timed out"), "intet svar inden for 2,5 sekunder"),
        (urllib.error.URLError(TimeoutError("timed out")), "intet svar inden for 2,5 sekunder"),
        (urllib.error.URLError(ConnectionRefusedError(111, "x")), "forbindelsen blev afvist"),
        (
            urllib.error.URLError(socket.gaierror(-2, "Name or service not known")),
            "navnet kunne ikke slås op (er maskinen på nettet?)",
        ),
        (ok(b"", 502), "tjenesten svarede med fejl 502"),
    ],
)
def test_a_service_out_of_reach_is_said_in_danish(failure, reason):
    fake = FakeStatBank({}, failures=[failure] * 3)
    client = bank(fake, retries=2, timeout=2.5)

    with pytest.raises(Unreachable) as unreachable:
        client.tableinfo(STRAF11)

    assert str(unreachable.value) == (
        f"Danmarks Statistik kunne ikke nås (api.statbank.dk): {reason} (3 forsøg). Prøv igen "
        "senere, eller indlæs en fil med `kredsraad statistics import`."
    )
    assert client.waits == [1.0, 2.0]
    assert {r.timeout for r in fake.requests} == {2.5}


# Data requests and their answers ------------------------------------------------------------------


def test_data_is_asked_for_by_post_with_every_variable_named():
    fake = FakeStatBank({}, answer=lambda *args: b"OMR\xc3\x85DE;OVERTR\xc3\x86D;TID;INDHOLD\n")

    bank(fake).data(STRAF11, {"OMRÅDE": ["851"], "OVERTRÆD": ["TOT"], "Tid": ["2024K1"]})
    bank(fake).data(STRAF11, {"OMRÅDE": ["851"]}, format="CSV")

    (bulk, csv_request) = fake.requests
    assert (bulk.method, bulk.url) == ("POST", "https://api.statbank.dk/v1/data")
    assert json.loads(bulk.body) == {
        "table": STRAF11,
        "format": "BULK",
        "lang": "da",
        "variables": [
            {"code": "OMRÅDE", "values": ["851"]},
            {"code": "OVERTRÆD", "values": ["TOT"]},
            {"code": "Tid", "values": ["2024K1"]},
        ],
    }
    assert json.loads(csv_request.body)["valuePresentation"] == "CodeAndValue"


def test_csv_with_code_and_value_is_read_into_codes():
    info = straf11_info()
    chosen = statbank.selection(info, areas=["851", "860"], offences=["TOT", "1320"])
    fake = FakeStatBank({}, answer=lambda *args: STRAF11_CODE_AND_VALUE)

    fetched = statbank.fetch(bank(fake), info, chosen, labels=Labels(), format="CSV")

    assert fetched.parsed.problems == []
    answered = {
        ("851", "TOT", "2024K1"): 3000,
        ("851", "TOT", "2024K2"): 3100,
        ("851", "1320", "2024K1"): 70,
        ("851", "1320", "2024K2"): None,
        ("860", "TOT", "2024K1"): 600,
        ("860", "TOT", "2024K2"): 650,
        ("860", "1320", "2024K1"): 20,
        ("860", "1320", "2024K2"): 0,
    }
    # The three later quarters were asked for and not answered: 0.
    unanswered = {
        (area, offence, period): 0
        for area in ("851", "860")
        for offence in ("TOT", "1320")
        for period in ("2024K3", "2024K4", "2025K1")
    }
    assert {(r.area, r.offence, r.period): r.value for r in fetched.parsed.rows} == (
        answered | unanswered
    )


def test_a_web_page_where_data_was_expected_gives_no_rows_and_ends_the_fetch():
    info = straf11_info()
    chosen = statbank.selection(info, areas=["851"], offences=["TOT"])  # five quarters
    fake = FakeStatBank({}, answer=lambda *args: recorded("error_page.html"))

    fetched = statbank.fetch(bank(fake, max_cells=1), info, chosen, labels=Labels())

    assert fetched.parsed.rows == []
    assert len(fake.data_requests) == 1
    assert [p.message for p in fetched.parsed.problems] == [
        "STRAF11, del 1 af 5: Filen er en webside, ikke data – måske en fejlside fra Danmarks Statistik. Hent "  # noqa: RUF001
        "tabellen igen som CSV eller BULK (eller gem den som CSV eller Excel fra "
        "Statistikbanken), og prøv igen."
    ]


def test_a_part_with_only_zeros_is_no_problem_but_nothing_at_all_is():
    info = straf11_info()
    chosen = statbank.selection(info, areas=["825"], offences=["1220"])
    fake = FakeStatBank({}, answer=lambda *args: "OMRÅDE;OVERTRÆD;TID;INDHOLD\r\n".encode())

    fetched = statbank.fetch(bank(fake), info, chosen, labels=Labels())

    assert [p.message for p in fetched.parsed.problems] == [
        "Danmarks Statistik har ingen tal for det valgte (kun nuller)."
    ]
    assert fetched.parsed.rows == []


def test_parts_with_only_zeros_are_counted_beside_the_rows_of_the_others():
    info = straf11_info()
    chosen = statbank.selection(
        info, areas=["825"], offences=["1", "1220"], last=parse_quarter("2024K2")
    )
    header = "OMRÅDE;OVERTRÆD;TID;INDHOLD\r\n"
    answers = iter([header, header + "Læsø;Straffelov i alt;2024K2;9\r\n"])
    fake = FakeStatBank({}, answer=lambda *args: next(answers).encode())

    fetched = statbank.fetch(bank(fake, max_cells=2), info, chosen, labels=labels_for_tests(info))

    assert sorted((r.area, r.offence, r.period, r.value) for r in fetched.parsed.rows) == [
        ("825", "1", "2024K1", 0),
        ("825", "1", "2024K2", 9),
        ("825", "1220", "2024K1", 0),
        ("825", "1220", "2024K2", 0),
    ]
    assert fetched.parsed.notes[0] == (
        "Hentet fra Danmarks Statistik i 2 dele: 4 rækker. 1 del havde kun nuller. 3 celler "
        "uden række i svaret er 0 (BULK udelader nuller)."
    )


def labels_for_tests(info) -> Labels:
    return statbank.labels_for(info, Labels())


def test_a_failing_part_stops_the_fetch_before_the_rest_is_asked_for():
    info = straf11_info()
    fake = FakeStatBank(
        {},
        answer=lambda *args: STRAF11_CODE_AND_VALUE,
        failures=[None, ok(recorded("error_400.json"), 400)],
    )
    chosen = statbank.selection(info)  # 14 areas x 17 offences x 5 quarters

    with pytest.raises(StatbankError):
        statbank.fetch(bank(fake, max_cells=238), info, chosen, labels=Labels())

    assert len(fake.data_requests) == 2  # of five parts


# The real BULK excerpt through the client, imported ---------------------------------------------------


def test_real_bulk_excerpt_fetched_in_parts_is_imported_with_district_sums(db):
    tableinfo = straf11_tableinfo()
    fake = FakeStatBank({STRAF11: tableinfo}, answer=excerpt_server(tableinfo))
    client = bank(fake, max_cells=40)
    info = client.tableinfo(STRAF11)
    importer.load_offence_codes(statbank.codes_of(info))
    chosen = statbank.selection(info, first=parse_quarter("2025K1"))

    fetched = statbank.fetch(
        client, info, chosen, labels=statbank.labels_for(info, importer.labels())
    )
    dataset = importer.apply(
        fetched.parsed,
        source=Dataset.Source.STATBANK_API,
        file_name=fetched.file_name,
        sha256=fetched.sha256,
        fetched_at=fetched.fetched_at,
    )

    # 14 areas x 17 offences in one quarter, at most 40 cells a part: the offences (the larger
    # variable) in parts of two, 14 x 2 = 28 cells.
    assert fetched.parts == len(fake.data_requests) == 9
    assert all(
        statbank.cells({v["code"]: v["values"] for v in body["variables"]}) <= 40
        for body in fake.data_requests
    )
    with shared(BULK_EXCERPT).open(encoding="utf-8", newline="") as file:
        raw = list(csv.DictReader(file, delimiter=";"))
    codes = texts(tableinfo)
    # BULK leaves out zeros: an offence none of the nine municipalities answered for sums to 0.
    expected = dict.fromkeys(info.variable("OVERTRÆD").codes(), 0)
    for row in raw:
        area, offence = codes["OMRÅDE"][row["OMRÅDE"]], codes["OVERTRÆD"][row["OVERTRÆD"]]
        if area in NORDJYLLANDS_POLITI:
            expected[offence] += int(row["INDHOLD"])
    district = dict(
        Observation.objects.filter(area__code="politikreds:1", period="2025K1").values_list(
            "offence__code", "value"
        )
    )
    assert district == expected
    assert district["1"] == 4530 - 121 - 233  # Region Nordjylland less Morsø and Thisted
    assert (dataset.rows_read, dataset.rows_new) == (14 * 17, 14 * 17)
    zeros = Observation.objects.filter(derived=False, value=0).count()
    assert zeros == 14 * 17 - len(raw)
    assert dataset.file_name == (
        "api.statbank.dk STRAF11 BULK: OMRÅDE *, OVERTRÆD *, Tid 2025K1 (9 dele)"
    )
    assert Offence.objects.get(code="1345").label == "Tyveri/brugstyveri af cykel"


def test_the_same_answers_give_the_same_sha256():
    info = straf11_info()
    chosen = statbank.selection(info, areas=["851"], offences=["TOT"])
    fake = FakeStatBank({}, answer=lambda *args: STRAF11_CODE_AND_VALUE)

    first = statbank.fetch(bank(fake), info, chosen, labels=Labels())
    again = statbank.fetch(bank(fake), info, chosen, labels=Labels())

    assert first.sha256 == again.sha256
    assert len(first.sha256) == 64


# FOLK1A --------------------------------------------------------------------------------------------


def test_folk1a_answer_reads_as_the_population_file_does():
    tableinfo = population_tableinfo()
    fake = FakeStatBank({FOLK1A: tableinfo}, answer=population_server(tableinfo))
    client = bank(fake)
    info = client.tableinfo(FOLK1A)
    labels = statbank.labels_for(info, Labels())

    fetched = statbank.fetch(client, info, statbank.selection(info), labels=labels)

    from kredsraad.statistics.importing import formats

    from .statbank_fake import POPULATION

    from_file = formats.read(POPULATION.name, POPULATION.read_bytes(), labels=labels, table=FOLK1A)
    assert fetched.parsed.problems == []
    assert {(r.area, r.period): r.value for r in fetched.parsed.rows} == {
        (r.area, r.period): r.value for r in from_file.rows
    }
    assert {(r.age, r.sex, r.offence) for r in fetched.parsed.rows} == {("", "", "")}
    (body,) = fake.data_requests
    assert body["variables"][-1]["values"] == [f"{year}K1" for year in range(2016, 2026)]


# The default transport, against a local server ---------------------------------------------------------


class _Answers(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if "STRAF11" in self.path:
            self._send(200, straf11_tableinfo())
        else:
            self._send(400, recorded("error_400.json"))

    def _send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_urllib_transport_gets_answers_and_refusals(local_server):
    client = StatBank(url=local_server, transport=statbank.urllib_transport, retries=0)

    info = client.tableinfo(STRAF11)
    with pytest.raises(StatbankError) as refused:
        client.tableinfo("FOLK1A")

    assert info.variable("OMRÅDE").codes()[0] == "000"
    assert "»Der skal vælges værdier for variabel: OVERTRÆD«" in str(refused.value)


def test_urllib_transport_says_a_refused_connection_and_a_silent_server_apart():
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    try:
        refused = StatBank(url=f"http://127.0.0.1:{port}/v1", retries=0, timeout=1)
        waiting = StatBank(
            url=f"http://127.0.0.1:{silent.getsockname()[1]}/v1", retries=0, timeout=0.2
        )
        with pytest.raises(Unreachable) as first:
            refused.tableinfo(STRAF11)
        with pytest.raises(Unreachable) as second:
            waiting.tableinfo(STRAF11)
    finally:
        silent.close()

    assert "(127.0.0.1): forbindelsen blev afvist (1 forsøg)" in str(first.value)
    assert "(127.0.0.1): intet svar inden for 0,2 sekunder (1 forsøg)" in str(second.value)


def test_default_transport_is_urllib_unless_a_setting_names_another(settings):
    assert StatBank().transport is statbank.urllib_transport

    fake = FakeStatBank({})
    settings.KREDSRAAD_STATBANK_TRANSPORT = fake

    assert StatBank().transport is fake


def test_request_carries_the_clients_timeout():
    fake = FakeStatBank({STRAF11: straf11_tableinfo()})

    bank(fake, timeout=4).tableinfo(STRAF11)

    assert fake.requests[0].timeout == 4
    assert isinstance(fake.requests[0], Request)
