"""Danmarks Statistik's StatBank API as the tests need it: a transport that answers from the
recorded files in `recorded/`, answers built here and the real BULK excerpt in ../shared/data/dst, and keeps every
request it was sent, so a test can count them and read what was asked for."""

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kredsraad.statistics.importing.statbank import Request, Response

RECORDED = Path(__file__).resolve().parent / "recorded"
DST = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "dst"
BULK_EXCERPT = DST / "straf11_bulk_response_excerpt_2025K1.csv"
POPULATION = DST / "folk1a_population_2016-2025.csv"
OFFENCE_CODES = DST / "straf11_offence_codes_2022.csv"


def recorded(name: str) -> bytes:
    return (RECORDED / name).read_bytes()


def shared(path: Path) -> Path:
    if not DST.is_dir():
        pytest.skip("../shared/data findes ikke")
    return path


# Built answers, in the shapes ../shared/data/dst/STATBANK_API_NOTES.md describes: FOLK1A for the
# whole country, Region Nordjylland and its eleven municipalities, with made-up round figures.
FOLK1A_AREAS = ("000", "081", "773", "787", "810", "813", "820", "825", "840", "846", "849")
FOLK1A_AREAS += ("851", "860")
FOLK1A_QUARTERS = ("2024K1", "2024K2", "2024K3", "2024K4", "2025K1")


def _area_names() -> dict[str, str]:
    """DST's names of the FOLK1A areas, as the reference population file has them."""
    with shared(POPULATION).open(encoding="utf-8-sig", newline="") as file:
        return {r["OMRÅDE_kode"]: r["OMRÅDE"] for r in csv.DictReader(file)}


def _values(*pairs: tuple[str, str]) -> list[dict]:
    return [{"id": code, "text": text} for code, text in pairs]


def folk1a_tableinfo() -> bytes:
    """GET /v1/tableinfo/FOLK1A, cut down to the areas above and five quarters."""
    names = _area_names()
    info = {
        "id": "FOLK1A",
        "text": "Folketal den 1. i kvartalet efter område, køn, alder og civilstand",
        "unit": "Antal",
        "updated": "2025-05-11T08:00:00",
        "active": True,
        "variables": [
            {
                "id": "OMRÅDE",
                "text": "område",
                "elimination": True,
                "time": False,
                "values": _values(*((code, names[code]) for code in FOLK1A_AREAS)),
            },
            {
                "id": "KØN",
                "text": "køn",
                "elimination": True,
                "time": False,
                "values": _values(("TOT", "I alt"), ("1", "Mænd"), ("2", "Kvinder")),
            },
            {
                "id": "ALDER",
                "text": "alder",
                "elimination": True,
                "time": False,
                "values": _values(
                    ("IALT", "Alder i alt"),
                    ("0", "0 år"),
                    ("1", "1 år"),
                    ("2", "2 år"),
                    ("125", "125 år"),
                ),
            },
            {
                "id": "CIVILSTAND",
                "text": "civilstand",
                "elimination": True,
                "time": False,
                "values": _values(
                    ("TOT", "I alt"),
                    ("U", "Ugift"),
                    ("G", "Gift/separeret"),
                    ("E", "Enke/enkemand"),
                    ("F", "Fraskilt"),
                ),
            },
            {
                "id": "Tid",
                "text": "tid",
                "elimination": False,
                "time": True,
                "values": _values(*((q, q) for q in FOLK1A_QUARTERS)),
            },
        ],
    }
    return json.dumps(info, ensure_ascii=False, indent=1).encode("utf-8")


STRAF11_OFFENCES = ("TOT", "1", "11", "12", "1210", "1220", "1252", "1283", "13", "1320", "1332")
STRAF11_OFFENCES += ("1345", "1380", "1390", "14", "3", "3210")


def straf11_tableinfo() -> bytes:
    """GET /v1/tableinfo/STRAF11, cut down to the areas above (with DST's code for an unknown
    municipality), a few offences and five quarters; the texts are read from ../shared/data."""
    names = _area_names()
    with shared(OFFENCE_CODES).open(encoding="utf-8-sig", newline="") as file:
        offences = {r["code"]: r["label_da"] for r in csv.DictReader(file)}
    areas = [(code, names[code]) for code in FOLK1A_AREAS] + [("998", "Uoplyst kommune")]
    info = {
        "id": "STRAF11",
        "text": "Anmeldte forbrydelser efter område, overtrædelsens art og tid",
        "description": "Anmeldte forbrydelser efter område, overtrædelsens art og tid",
        "unit": "Antal",
        "suppressedDataValue": "0",
        "updated": "2025-05-07T08:00:00",
        "active": True,
        "contacts": [],
        "variables": [
            {
                "id": "OMRÅDE",
                "text": "område",
                "elimination": True,
                "time": False,
                "map": "denmark_municipality_07",
                "values": _values(*areas),
            },
            {
                "id": "OVERTRÆD",
                "text": "overtrædelsens art",
                "elimination": True,
                "time": False,
                "values": _values(*((code, offences[code]) for code in STRAF11_OFFENCES)),
            },
            {
                "id": "Tid",
                "text": "tid",
                "elimination": False,
                "time": True,
                "values": _values(*((q, q) for q in FOLK1A_QUARTERS)),
            },
        ],
    }
    return json.dumps(info, ensure_ascii=False, indent=1).encode("utf-8")


def folk1a_bulk_answer() -> bytes:
    """A BULK answer (CRLF lines) for FOLK1A's totals in 2024K1 and 2025K1: the n-th area has
    n x 10,000 inhabitants in 2024 and 100 more in 2025."""
    names = _area_names()
    lines = ["OMRÅDE;KØN;ALDER;CIVILSTAND;TID;INDHOLD"]
    for n, code in enumerate(FOLK1A_AREAS, start=1):
        for period, value in (("2024K1", n * 10_000), ("2025K1", n * 10_000 + 100)):
            lines.append(f"{names[code]};I alt;Alder i alt;I alt;{period};{value}")
    return "".join(f"{line}\r\n" for line in lines).encode("utf-8")


# A CSV answer with valuePresentation=CodeAndValue, with a ".." (missing) and a 0; made up.
STRAF11_CODE_AND_VALUE = """OMRÅDE;OVERTRÆD;TID;INDHOLD
851 Aalborg;TOT Overtrædelsens art i alt;2024K1;3000
851 Aalborg;TOT Overtrædelsens art i alt;2024K2;3100
851 Aalborg;1320 Indbrud i beboelser;2024K1;70
851 Aalborg;1320 Indbrud i beboelser;2024K2;..
860 Hjørring;TOT Overtrædelsens art i alt;2024K1;600
860 Hjørring;TOT Overtrædelsens art i alt;2024K2;650
860 Hjørring;1320 Indbrud i beboelser;2024K1;20
860 Hjørring;1320 Indbrud i beboelser;2024K2;0
""".encode()


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
    info = json.loads(folk1a_tableinfo())
    areas = {r["OMRÅDE_kode"]: r["OMRÅDE"] for r in rows}
    periods = sorted({r["TID"] for r in rows})
    quarters = [f"{p[:4]}K{n}" for p in periods for n in range(1, 5)]
    for variable in info["variables"]:
        if variable["id"] == "OMRÅDE":
            variable["values"] = [{"id": c, "text": t} for c, t in areas.items()]
        if variable["id"] == "Tid":
            variable["values"] = [{"id": q, "text": q} for q in quarters]
    return json.dumps(info, ensure_ascii=False).encode("utf-8")


UHELDK1_FILE = DST / "uheldk1_injured_4_transport_modes_2016-2022.csv"
UHELDK1_AREAS = ("000", "851", "860")


def uheldk1_tableinfo() -> bytes:
    """GET /v1/tableinfo/UHELDK1, cut down to three areas; the other variables' whole code lists
    as kredsraad describes them, years 2016-2022."""
    from kredsraad.statistics.tables import KNOWN

    with shared(UHELDK1_FILE).open(encoding="utf-8-sig", newline="") as file:
        names = {r["OMRÅDE_kode"]: r["OMRÅDE"] for r in csv.DictReader(file)}
    variables = [
        {
            "id": "OMRÅDE",
            "text": "område",
            "elimination": True,
            "time": False,
            "values": _values(*((code, names[code]) for code in UHELDK1_AREAS)),
        }
    ]
    for dimension in KNOWN["UHELDK1"]["dimensions"]:
        variables.append(
            {
                "id": dimension["code"],
                "text": dimension["label"].lower(),
                "elimination": True,
                "time": False,
                "values": _values(*((v["code"], v["label"]) for v in dimension["values"])),
            }
        )
    years = [str(year) for year in range(2016, 2023)]
    variables.append(
        {
            "id": "Tid",
            "text": "tid",
            "elimination": False,
            "time": True,
            "values": _values(*zip(years, years, strict=True)),
        }
    )
    info = {
        "id": "UHELDK1",
        "text": KNOWN["UHELDK1"]["title"],
        "unit": "Antal",
        "updated": "2023-05-15T08:00:00",
        "variables": variables,
    }
    return json.dumps(info, ensure_ascii=False).encode("utf-8")


def uheldk1_server(table, variables, format) -> bytes:
    """A BULK answer by label from the real UHELDK1 file: the selected cells, zeros left out."""
    with shared(UHELDK1_FILE).open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    dimensions = ("OMRÅDE", "UHELD", "INDBLAND", "ALDER", "KØN")
    lines = ["OMRÅDE;UHELD;INDBLAND;ALDER;KØN;TID;INDHOLD"]
    for row in rows:
        if row["INDHOLD"] == "0" or row["TID"] not in variables["Tid"]:
            continue
        if all(row[f"{name}_kode"] in variables[name] for name in dimensions):
            texts = ";".join(row[name] for name in dimensions)
            lines.append(f"{texts};{row['TID']};{row['INDHOLD']}")
    return "".join(f"{line}\r\n" for line in lines).encode("utf-8")
