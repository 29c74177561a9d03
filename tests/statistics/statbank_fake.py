"""Danmarks Statistik's StatBank API as the tests need it: a transport that answers from the
recorded files in `recorded/` (and the real BULK excerpt in ../shared/data/dst), and keeps every
request it was sent, so a test can count them and read what was asked for."""

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kredsraad.statistics.statbank import Request, Response

RECORDED = Path(__file__).resolve().parent / "recorded"
DST = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "dst"
BULK_EXCERPT = DST / "straf11_bulk_response_excerpt_2025K1.csv"
POPULATION = DST / "folk1a_population_2016-2025.csv"


def recorded(name: str) -> bytes:
    return (RECORDED / name).read_bytes()


def shared(path: Path) -> Path:
    if not DST.is_dir():
        pytest.skip("../shared/data findes ikke")
    return path


def ok(body: bytes, status: int = 200, **headers) -> Response:
    return Response(status, headers, body)


class FakeStatBank:
    """A transport. `tables` maps a table to its tableinfo JSON (and "STRAF11?lang=en" to its
    English one; without it the Danish one answers); `answer(table, variables, format)` gives
    the body of a data request ({code: values}). `failures` are, in order, what
    the next requests get instead (a Response, or an exception to raise)."""

    def __init__(
        self,
        tables: dict[str, bytes],
        answer: Callable[[str, dict[str, list[str]], str], bytes] | None = None,
        failures: list | None = None,
    ):
        self.tables = tables
        self.answer = answer
        self.failures = list(failures or [])
        self.requests: list[Request] = []

    def __call__(self, request: Request) -> Response:
        self.requests.append(request)
        if self.failures:
            failure = self.failures.pop(0)
            if isinstance(failure, BaseException):
                raise failure
            if failure is not None:
                return failure
        if request.method == "GET" and "/tableinfo/" in request.url:
            table = request.url.split("/tableinfo/")[1].split("?")[0]
            if "lang=en" in request.url and f"{table}?lang=en" in self.tables:
                return ok(self.tables[f"{table}?lang=en"])
            return ok(self.tables[table]) if table in self.tables else ok(b"{}", 404)
        body = json.loads(request.body)
        variables = {v["code"]: v["values"] for v in body["variables"]}
        return ok(self.answer(body["table"], variables, body["format"]))

    @property
    def data_requests(self) -> list[dict]:
        return [json.loads(r.body) for r in self.requests if r.method == "POST"]


def texts(tableinfo: bytes) -> dict[str, dict[str, str]]:
    """Variable → text → code, from a tableinfo answer."""
    info = json.loads(tableinfo)
    return {
        v["id"]: {value["text"]: value["id"] for value in v["values"]} for v in info["variables"]
    }


def excerpt_server(tableinfo: bytes) -> Callable:
    """Answers STRAF11 requests with the lines of the real BULK excerpt (2025K1, Nordjylland)
    that the request selects, as DST would: only selected cells, zeros left out."""
    lines = shared(BULK_EXCERPT).read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], [line.split(";") for line in lines[1:] if line.strip()]
    codes = texts(tableinfo)

    def answer(table, variables, format):
        chosen = [
            ";".join(row)
            for row in rows
            if codes["OMRÅDE"][row[0]] in variables["OMRÅDE"]
            and codes["OVERTRÆD"][row[1]] in variables["OVERTRÆD"]
            and row[2] in variables["Tid"]
        ]
        return ("\r\n".join([header, *chosen]) + "\r\n").encode("utf-8")

    return answer


def population_server(tableinfo: bytes) -> Callable:
    """Answers FOLK1A requests with the reference file's figures (population on 1 January), as
    a BULK answer by label: one line per area and selected K1 quarter."""
    with shared(POPULATION).open(encoding="utf-8-sig", newline="") as file:
        figures = {(r["OMRÅDE_kode"], r["TID"]): r for r in csv.DictReader(file)}

    def answer(table, variables, format):
        out = io.StringIO()
        out.write("OMRÅDE;KØN;ALDER;CIVILSTAND;TID;INDHOLD\r\n")
        for area in variables["OMRÅDE"]:
            for period in variables["Tid"]:
                row = figures.get((area, period))
                if row:
                    value = row["folketal_1_i_kvartalet"]
                    out.write(f"{row['OMRÅDE']};I alt;Alder i alt;I alt;{period};{value}\r\n")
        return out.getvalue().encode("utf-8")

    return answer


def population_tableinfo() -> bytes:
    """FOLK1A's metadata with every area and the K1 quarters of the reference file."""
    with shared(POPULATION).open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    info = json.loads(recorded("folk1a_tableinfo.json"))
    areas = {r["OMRÅDE_kode"]: r["OMRÅDE"] for r in rows}
    periods = sorted({r["TID"] for r in rows})
    quarters = [f"{p[:4]}K{n}" for p in periods for n in range(1, 5)]
    for variable in info["variables"]:
        if variable["id"] == "OMRÅDE":
            variable["values"] = [{"id": c, "text": t} for c, t in areas.items()]
        if variable["id"] == "Tid":
            variable["values"] = [{"id": q, "text": q} for q in quarters]
    return json.dumps(info, ensure_ascii=False).encode("utf-8")
