"""Danmarks Statistik's StatBank API v1 (api.statbank.dk/v1): a table's metadata, and its figures
asked for in parts small enough for the service's cell limit and read by `formats.read` exactly
as a downloaded file would be.

    bank = StatBank()                                   # URL, timeout, retries, cell limit: settings
    info = bank.tableinfo("STRAF11")
    wanted = selection(info, areas=["851"], since=parse_quarter("2016K1"))
    fetched = fetch(bank, info, wanted, labels=labels_for(info, importer.labels()))
    # fetched.parsed goes to importer.preview / importer.apply, as a file's rows do

What the service takes and gives is described in ../shared/data/dst/STATBANK_API_NOTES.md; the
parts this module relies on without having seen them answered (the error answer's `message`, the
100,000-value limit, `lang` in the POST body) are noted where they are used.

Nothing here writes to the database. The network is a `Transport`: a function from `Request` to
`Response` that raises OSError when the service cannot be reached. The default uses urllib;
tests pass a fake (or set `KREDSRAAD_STATBANK_TRANSPORT` to one), and a fake `sleep`, so they
neither reach the network nor wait.
"""

import errno
import hashlib
import http.client
import itertools
import json
import math
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kredsraad.statistics import tables
from kredsraad.statistics.importing import formats
from kredsraad.statistics.importing.formats.vocabulary import YEAR
from kredsraad.statistics.periods import PeriodError, Quarter, parse_quarter
from kredsraad.statistics.rows import FOLK1A, Labels, Parsed, Problem, Row

FORMATS = ("BULK", "CSV")
AREA, OFFENCE = "område", "overtræd"  # variable codes, casefolded
# The value a variable's total goes by when the metadata does not say otherwise.
TOTAL_CODES = {"tot", "ialt", "i alt"}
TOTAL_TEXTS = {"i alt", "total", "in total"}
RETRY_STATUSES = {429} | set(range(500, 600))
LONGEST_WAIT = 60.0  # seconds: a Retry-After beyond this is not honoured
SHOWN = 6  # values named in a description before they are summarised


class StatbankError(Exception):
    """Danmarks Statistik could not give what was asked. The message is Danish and complete."""


class Unreachable(StatbankError):
    """No answer, or only failing answers (5xx, 429), after every retry."""


# Requests and the network ------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    method: str  # "GET" or "POST"
    url: str
    body: bytes | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    timeout: float = 30.0


@dataclass(frozen=True)
class Response:
    status: int
    headers: Mapping[str, str]
    body: bytes


Transport = Callable[[Request], Response]


def urllib_transport(request: Request) -> Response:
    """Send `request` with the standard library. An HTTP error status is a Response like any
    other; no answer at all (refused, timed out, unknown host) raises OSError."""
    outgoing = urllib.request.Request(
        request.url, data=request.body, headers=dict(request.headers), method=request.method
    )
    try:
        with urllib.request.urlopen(outgoing, timeout=request.timeout) as answer:
            return Response(answer.status, dict(answer.headers.items()), answer.read())
    except urllib.error.HTTPError as error:
        headers = dict(error.headers.items()) if error.headers else {}
        return Response(error.code, headers, error.read())


# The table's metadata ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    code: str
    text: str


@dataclass(frozen=True)
class Variable:
    code: str  # "OMRÅDE", "OVERTRÆD", "Tid"
    text: str
    time: bool
    elimination: bool
    values: tuple[Value, ...]

    def codes(self) -> list[str]:
        return [value.code for value in self.values]

    def total(self) -> str | None:
        """The code of the value that counts everything ("TOT", "IALT"), or None."""
        for value in self.values:
            if value.code.casefold() in TOTAL_CODES:
                return value.code
        for value in self.values:
            text = " ".join(value.text.split()).casefold()
            if text in TOTAL_TEXTS or text.endswith(" i alt"):
                return value.code
        return None


@dataclass(frozen=True)
class TableInfo:
    table: str
    text: str
    unit: str
    updated: str
    variables: tuple[Variable, ...]

    def variable(self, code: str) -> Variable | None:
        return next((v for v in self.variables if v.code.casefold() == code.casefold()), None)

    @property
    def time(self) -> Variable:
        return next(v for v in self.variables if v.time)


def parse_tableinfo(table: str, content: bytes) -> TableInfo:
    """The metadata from a `tableinfo` answer (JSON: id, text, unit, updated, variables with id,
    text, time, elimination and values of id and text). Raises StatbankError for anything else."""
    try:
        answer = json.loads(content.decode("utf-8-sig"))
        variables = tuple(
            Variable(
                code=str(variable["id"]),
                text=str(variable.get("text", "")),
                time=bool(variable.get("time")),
                elimination=bool(variable.get("elimination")),
                values=tuple(
                    Value(str(value["id"]), str(value.get("text", "")))
                    for value in variable["values"]
                ),
            )
            for variable in answer["variables"]
        )
        info = TableInfo(
            table=str(answer.get("id") or table),
            text=str(answer.get("text", "")),
            unit=str(answer.get("unit", "")),
            updated=str(answer.get("updated", "")),
            variables=variables,
        )
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as error:
        start = content[:200].decode("utf-8", errors="replace").strip().lstrip("\ufeff")
        what = _("en webside") if start.startswith("<") else _("noget, der ikke kan læses")
        raise StatbankError(
            _(
                "Danmarks Statistik svarede ikke med en beskrivelse af tabellen %(table)s, men "
                "med %(what)s."
            )
            % {"table": table, "what": what}
        ) from error
    if not any(variable.time for variable in variables):
        # Older answers may lack the flag; the time variable is then called Tid.
        variables = tuple(
            Variable(v.code, v.text, v.code.casefold() == "tid", v.elimination, v.values)
            for v in variables
        )
        info = TableInfo(info.table, info.text, info.unit, info.updated, variables)
    if not any(variable.time for variable in variables):
        raise StatbankError(
            _("Tabellen %(table)s har ingen tidsvariabel i Danmarks Statistiks beskrivelse.")
            % {"table": table}
        )
    return info


def description_of(info: TableInfo) -> dict:
    """The table as `Table` describes it (`statistics.tables.DESCRIPTION_FIELDS`), from its
    tableinfo: every variable but OMRÅDE and the time, in the table's order, with its whole
    code list (OVERTRÆD's list is `Offence`, loaded by `codes_of`); yearly or quarterly by the
    time's codes. Saved with the figures (`Parsed.description`); small counts stay as decided."""
    dimensions = []
    for variable in info.variables:
        if variable.time or variable.code.casefold() == AREA:
            continue
        role = tables.role_of(variable.code)
        entry = {"code": variable.code, "label": variable.text, "role": role, "complete": True}
        if role != "offence":
            entry["values"] = [{"code": v.code, "label": v.text} for v in variable.values]
        dimensions.append(entry)
    quarterly = any(_is_quarter(code) for code in info.time.codes())
    return {
        "code": info.table,
        "title": info.text[:300] or info.table,
        "unit": (info.unit or "antal")[:100],
        "frequency": "quarter" if quarterly or not info.time.values else "year",
        "has_area": info.variable(AREA) is not None,
        "dimensions": dimensions,
        "described_by": "tableinfo",
    }


def _is_quarter(code: str) -> bool:
    try:
        parse_quarter(code)
    except PeriodError:
        return False
    return True


def labels_for(info: TableInfo, known: Labels) -> Labels:
    """`known` with the table's own texts for its areas and offences added: a BULK answer names
    each value by the text the metadata gives it. A text the table uses for two codes is left to
    `known`, which then decides or reports it as unknown. The table's description is its
    tableinfo's, so its other variables' texts read as their codes too."""
    found = Labels(
        areas=dict(known.areas),
        offences=dict(known.offences),
        tables={**known.tables, info.table: description_of(info)},
    )
    for name, target in ((AREA, found.areas), (OFFENCE, found.offences)):
        variable = info.variable(name)
        if variable is None:
            continue
        by_text: dict[str, set[str]] = {}
        for value in variable.values:
            by_text.setdefault(value.text.strip().casefold(), set()).add(value.code)
        for text, codes in by_text.items():
            if text and len(codes) == 1:
                target[text] = next(iter(codes))
    return found


# What to ask for --------------------------------------------------------------------------------


Selection = dict[str, list[str]]  # variable code → value codes, in the metadata's order


def selection(
    info: TableInfo,
    *,
    areas: Sequence[str] = ("*",),
    offences: Sequence[str] = ("*",),
    first: Quarter | None = None,
    last: Quarter | None = None,
    others: Mapping[str, Sequence[str]] | None = None,
) -> Selection:
    """Every variable of the table with the codes to fetch: the given areas and offences (`*`
    for all), the periods from `first` to `last` (either open; a yearly table's years within
    them), and for every other variable the codes in `others` (by variable code, `*` for all),
    else all of them: a table's own dimensions are what it is fetched for. FOLK1A is the
    exception: the total of its other variables (KØN, ALDER, CIVILSTAND) and only the first
    quarter of each year, the population on 1 January, which is what kredsraad keeps. Raises
    StatbankError, naming the codes, for a variable or code the table does not have or a
    choice that leaves nothing."""
    others = {code.casefold(): list(codes) for code, codes in (others or {}).items()}
    for code in others:
        if info.variable(code) is None or info.variable(code).time:
            raise StatbankError(
                _("Tabellen %(table)s har ingen variabel %(variable)s. Dens variabler er %(all)s.")
                % {
                    "table": info.table,
                    "variable": code.upper(),
                    "all": ", ".join(v.code for v in info.variables if not v.time),
                }
            )
    chosen: Selection = {}
    for variable in info.variables:
        if variable.time:
            chosen[variable.code] = _periods(info, variable, first, last)
        elif variable.code.casefold() == AREA:
            chosen[variable.code] = _pick(info, variable, areas)
        elif variable.code.casefold() == OFFENCE:
            chosen[variable.code] = _pick(info, variable, offences)
        elif variable.code.casefold() in others:
            chosen[variable.code] = _pick(info, variable, others[variable.code.casefold()])
        elif info.table != FOLK1A:
            chosen[variable.code] = variable.codes()
        else:
            total = variable.total()
            if total is None:
                raise StatbankError(
                    _(
                        "Tabellen %(table)s har variablen %(variable)s (%(text)s) uden en værdi "
                        "for i alt, så kredsraad ved ikke, hvilken der skal hentes."
                    )
                    % {"table": info.table, "variable": variable.code, "text": variable.text}
                )
            chosen[variable.code] = [total]
    return chosen


def _pick(info: TableInfo, variable: Variable, wanted: Sequence[str]) -> list[str]:
    if "*" in wanted:
        return variable.codes()
    known = set(variable.codes())
    unknown = [code for code in dict.fromkeys(wanted) if code not in known]
    if unknown:
        raise StatbankError(
            _(
                "Tabellen %(table)s har ikke %(variable)s-koden %(codes)s. Dens koder er fx "
                "%(examples)s."
            )
            % {
                "table": info.table,
                "variable": variable.code,
                "codes": ", ".join(f"»{code}«" for code in unknown),
                "examples": ", ".join(variable.codes()[:SHOWN]),
            }
        )
    wanted = set(wanted)
    return [code for code in variable.codes() if code in wanted]


def _periods(
    info: TableInfo, variable: Variable, first: Quarter | None, last: Quarter | None
) -> list[str]:
    codes = []
    for code in variable.codes():
        if YEAR.fullmatch(code):
            # A yearly table's year is in the span when any of its quarters is.
            year = int(code)
            if (first is None or year >= first.year) and (last is None or year <= last.year):
                codes.append(code)
            continue
        try:
            quarter = parse_quarter(code)
        except PeriodError:
            continue  # neither a year nor a quarter: nothing kredsraad can store
        if info.table == FOLK1A and quarter.number != 1:
            continue
        if (first is None or quarter >= first) and (last is None or quarter <= last):
            codes.append(code)
    if not codes:
        available = variable.codes()
        if available and YEAR.fullmatch(available[0]):
            message = _(
                "Ingen år i %(table)s ligger i den valgte periode. Tabellen går fra %(first)s "
                "til %(last)s."
            )
        else:
            message = _(
                "Ingen kvartaler i %(table)s ligger i den valgte periode. Tabellen går fra "
                "%(first)s til %(last)s."
            )
        raise StatbankError(
            message
            % {
                "table": info.table,
                "first": available[0] if available else "?",
                "last": available[-1] if available else "?",
            }
        )
    return codes


def cells(chosen: Selection) -> int:
    return math.prod(len(values) for values in chosen.values())


def chunks(chosen: Selection, *, time: str, limit: int) -> list[Selection]:
    """`chosen` split into parts of at most `limit` cells each, every cell in exactly one part.
    The time variable is split first (runs of whole periods), then, if one period is still too
    many cells, the other variables from the one with most values; parts are of even size."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    others = sorted((code for code in chosen if code != time), key=lambda c: -len(chosen[c]))
    order = [time, *others]
    return _split(chosen, order, limit)


def _split(chosen: Selection, order: list[str], limit: int) -> list[Selection]:
    total = cells(chosen)
    if total <= limit:
        return [chosen]
    code = next(code for code in order if len(chosen[code]) > 1)
    values = chosen[code]
    others = total // len(values)
    per_part = max(limit // others, 1)
    parts = math.ceil(len(values) / per_part)
    size = math.ceil(len(values) / parts)
    return [
        piece
        for start in range(0, len(values), size)
        for piece in _split(chosen | {code: values[start : start + size]}, order, limit)
    ]


def describe(info: TableInfo, chosen: Selection, format: str, parts: int, host: str) -> str:
    """The request in one line, for the Dataset's file name: "api.statbank.dk STRAF11 BULK:
    OMRÅDE *, OVERTRÆD 1,12,1320, Tid 2016K1-2025K4 (3 dele)"."""
    pieces = []
    for variable in info.variables:
        values = chosen.get(variable.code, [])
        if variable.time and len(values) > 1:
            shown = f"{values[0]}\N{EN DASH}{values[-1]}"
            codes = variable.codes()
            if codes.index(values[-1]) - codes.index(values[0]) + 1 != len(values):
                shown += f" ({len(values)})"  # not every period between them (FOLK1A's K1s)
        elif len(values) == len(variable.values) and len(values) > 1:
            shown = "*"
        elif len(values) > SHOWN:
            shown = ",".join(values[:SHOWN]) + f",… ({len(values)})"
        else:
            shown = ",".join(values)
        pieces.append(f"{variable.code} {shown}")
    text = f"{host} {info.table} {format}: {', '.join(pieces)}"
    if parts > 1:
        text += " " + _("(%(parts)d dele)") % {"parts": parts}
    return text


# The client -------------------------------------------------------------------------------------


class StatBank:
    """The API at `url` (default KREDSRAAD_STATBANK_URL). A request that gets no answer, or a
    5xx or 429 answer, is tried again up to `retries` times, waiting `backoff` seconds, then
    twice that, and so on (a 429's Retry-After when longer, up to a minute); any other 4xx is
    DST saying no and is not repeated."""

    def __init__(
        self,
        *,
        url: str | None = None,
        transport: Transport | None = None,
        timeout: float | None = None,
        retries: int | None = None,
        max_cells: int | None = None,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.url = (url or settings.KREDSRAAD_STATBANK_URL).rstrip("/")
        self.transport = (
            transport or getattr(settings, "KREDSRAAD_STATBANK_TRANSPORT", None) or urllib_transport
        )
        self.timeout = settings.KREDSRAAD_STATBANK_TIMEOUT if timeout is None else timeout
        self.retries = max(settings.KREDSRAAD_STATBANK_RETRIES if retries is None else retries, 0)
        self.max_cells = settings.KREDSRAAD_STATBANK_MAX_CELLS if max_cells is None else max_cells
        self.backoff = backoff
        self.sleep = sleep

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or self.url

    def tableinfo(self, table: str, *, lang: str = "da") -> TableInfo:
        """The table's metadata, its texts in `lang` ("da" or "en")."""
        url = f"{self.url}/tableinfo/{quote(table)}?lang={lang}&format=JSON"
        answer = self._exchange(Request("GET", url, headers={"Accept": "application/json"}))
        return parse_tableinfo(table, answer.body)

    def data(self, table: str, chosen: Selection, *, format: str = "BULK") -> bytes:
        """One part's figures, as DST sends them (CSV or BULK text)."""
        body = {
            "table": table,
            "format": format,
            # Not seen in a published POST body; the tableinfo request takes lang the same way.
            "lang": "da",
            "variables": [{"code": code, "values": values} for code, values in chosen.items()],
        }
        if format == "CSV":
            body["valuePresentation"] = "CodeAndValue"  # "851 Aalborg": codes, and readable
        answer = self._exchange(
            Request(
                "POST",
                f"{self.url}/data",
                body=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                headers={"Content-Type": "application/json; charset=utf-8"},
            )
        )
        return answer.body

    def _exchange(self, request: Request) -> Response:
        request = Request(request.method, request.url, request.body, request.headers, self.timeout)
        for attempt in range(self.retries + 1):
            wait = self.backoff * 2**attempt
            try:
                answer = self.transport(request)
            except (OSError, http.client.HTTPException) as error:
                reason = self._reason(error)
            else:
                if answer.status < 400:
                    return answer
                if answer.status not in RETRY_STATUSES:
                    raise StatbankError(_refusal(answer))
                reason = _("tjenesten svarede med fejl %(status)d") % {"status": answer.status}
                wait = max(wait, _retry_after(answer))
            if attempt < self.retries:
                self.sleep(wait)
        raise Unreachable(
            _(
                "Danmarks Statistik kunne ikke nås (%(host)s): %(reason)s (%(tries)d forsøg). "
                "Prøv igen senere, eller indlæs en fil med `kredsraad statistics import`."
            )
            % {"host": self.host, "reason": reason, "tries": self.retries + 1}
        )

    def _reason(self, error: BaseException) -> str:
        cause = getattr(error, "reason", error)  # urllib wraps the socket's error
        if isinstance(cause, TimeoutError) or "timed out" in str(cause):
            seconds = f"{self.timeout:g}".replace(".", ",")
            return _("intet svar inden for %(seconds)s sekunder") % {"seconds": seconds}
        if isinstance(cause, ConnectionRefusedError):
            return _("forbindelsen blev afvist")
        if getattr(cause, "errno", None) in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return _("maskinen har ingen forbindelse dertil (netværket kan ikke nås)")
        if isinstance(cause, socket.gaierror):
            return _("navnet kunne ikke slås op (er maskinen på nettet?)")
        if isinstance(cause, ssl.SSLError):
            return _("den sikre forbindelse (TLS) kunne ikke oprettes")
        if isinstance(error, http.client.HTTPException | ConnectionError):
            return _("forbindelsen blev afbrudt")
        return str(cause) or error.__class__.__name__


def _refusal(answer: Response) -> str:
    """DST's own message from an error answer (JSON with `message`, as a 400 carries it), or
    what the status means."""
    message = ""
    try:
        parsed = json.loads(answer.body.decode("utf-8-sig"))
        if isinstance(parsed, dict):
            message = str(parsed.get("message") or "").strip()
    except ValueError:
        pass
    if message:
        return _("Danmarks Statistik afviste forespørgslen (HTTP %(status)d): »%(message)s«") % {
            "status": answer.status,
            "message": message[:500],
        }
    return _(
        "Danmarks Statistik afviste forespørgslen (HTTP %(status)d) uden en forklaring. Tjek "
        "tabellen og koderne, eller indlæs en fil med `kredsraad statistics import`."
    ) % {"status": answer.status}


def _retry_after(answer: Response) -> float:
    for name, value in answer.headers.items():
        if name.casefold() == "retry-after" and value.strip().isdigit():
            return min(float(value.strip()), LONGEST_WAIT)
    return 0.0


# Fetching: every part, read into one Parsed -----------------------------------------------------


@dataclass
class Fetched:
    """The figures of every part, for one all-or-nothing import."""

    parsed: Parsed
    file_name: str  # the request in words (see `describe`)
    sha256: str  # of the answers, in the order they were asked for
    fetched_at: datetime
    parts: int


def fetch(
    bank: StatBank,
    info: TableInfo,
    chosen: Selection,
    *,
    labels: Labels,
    format: str = "BULK",
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> Fetched:
    """Ask for `chosen` in parts under the bank's cell limit and read every answer with
    `formats.read`. Raises StatbankError when a part cannot be had, so a failure halfway leaves
    nothing to import. An answer that cannot be read (a web page, say) ends the fetch there: its
    problems, named with the part, are in the result, which then has no rows. `progress(done,
    total)` is called after each part."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    parts = chunks(chosen, time=info.time.code, limit=bank.max_cells)
    digest = hashlib.sha256()
    result = Parsed(table=info.table, format="api-csv")
    zeros = 0  # parts that held nothing but zeros
    filled = 0  # cells asked for and not answered: 0
    for number, part in enumerate(parts, 1):
        content = bank.data(info.table, part, format=format)
        digest.update(content)
        answered = len(result.rows)
        if _header_only(content):
            zeros += 1  # BULK leaves out cells that are 0: a part can hold nothing but zeros
        else:
            _read_part(result, content, labels, number, len(parts))
        progress(number, len(parts))
        if result.problems:
            break
        filled += _fill_zeros(result, info, part, answered)
    if result.problems:
        result.rows = []
    elif len(result.rows) == filled:
        result.rows = []
        result.problems.append(
            Problem(
                None, "", "", _("Danmarks Statistik har ingen tal for det valgte (kun nuller).")
            )
        )
    else:
        rows = ngettext("%(rows)s række", "%(rows)s rækker", len(result.rows)) % {
            "rows": number_format(len(result.rows), force_grouping=True)
        }
        if len(parts) == 1:
            summary = _("Hentet fra Danmarks Statistik: %(rows)s.") % {"rows": rows}
        else:
            summary = _("Hentet fra Danmarks Statistik i %(parts)d dele: %(rows)s.") % {
                "parts": len(parts),
                "rows": rows,
            }
        if zeros:
            summary += " " + ngettext(
                "%(zeros)d del havde kun nuller.", "%(zeros)d dele havde kun nuller.", zeros
            ) % {"zeros": zeros}
        if filled:
            summary += " " + ngettext(
                "%(cells)s celle uden række i svaret er 0 (BULK udelader nuller).",
                "%(cells)s celler uden række i svaret er 0 (BULK udelader nuller).",
                filled,
            ) % {"cells": number_format(filled, force_grouping=True)}
        result.notes.insert(0, summary)
        # The import stores the table's tableinfo with its figures (`Parsed.description`);
        # not FOLK1A's, whose sex, age and civil status kredsraad keeps the totals of only.
        if info.table != FOLK1A:
            result.description = description_of(info)
    return Fetched(
        parsed=result,
        file_name=describe(info, chosen, format, len(parts), bank.host),
        sha256=digest.hexdigest(),
        fetched_at=timezone.now(),
        parts=len(parts),
    )


def _fill_zeros(result: Parsed, info: TableInfo, part: Selection, answered: int) -> int:
    """Add a 0 for every cell of `part` that its answer (the rows from `answered` on) has no row
    for: BULK leaves out the cells that are 0, and a figure revised to 0 must overwrite the old
    one. A cell is named as the reader names it: area ("000" for a national table), offence,
    period, age, sex and the key of the other variables in the table's order. Returns the
    number of cells added."""
    # Counts only: a population is never 0, so FOLK1A's missing row is no figure at all.
    if info.table == FOLK1A:
        return 0
    area, offence = info.variable(AREA), info.variable(OFFENCE)
    others = [v for v in info.variables if v not in (area, offence) and not v.time]
    roles = [tables.role_of(v.code) for v in others]
    seen = {
        (row.area, row.offence, row.period, row.age, row.sex, row.key)
        for row in result.rows[answered:]
    }
    added = []
    for combination in itertools.product(
        part[area.code] if area else ["000"],
        part[offence.code] if offence else [""],
        part[info.time.code],
        *(part[v.code] for v in others),
    ):
        code, crime, period, *rest = combination
        age = sex = ""
        keys = []
        for variable, role, value in zip(others, roles, rest, strict=True):
            if role == "age":
                age = value
            elif role == "sex":
                sex = value
            else:
                keys.append(f"{variable.code}={value}")
        key = ";".join(keys)
        if (code, crime, period, age, sex, key) not in seen:
            added.append(Row(result.table, code, crime, period, 0, age=age, sex=sex, key=key))
    result.rows += added
    return len(added)


def _read_part(result: Parsed, content: bytes, labels: Labels, number: int, parts: int) -> None:
    name = _("%(table)s, del %(number)d af %(parts)d") % {
        "table": result.table,
        "number": number,
        "parts": parts,
    }
    parsed = formats.read(name, content, labels=labels, table=result.table)
    result.format = parsed.format or result.format
    # A part read well has "read as …, N rows" first; the summary says that for all of them.
    for note in parsed.notes[0 if parsed.problems else 1 :]:
        if note not in result.notes:
            result.notes.append(note)
    result.problems += [
        Problem(p.line, p.column, p.value, f"{name}: {p.message}" if parts > 1 else p.message)
        for p in parsed.problems
    ]
    result.rows += parsed.rows


def _header_only(content: bytes) -> bool:
    text = content.decode("utf-8-sig", errors="replace")
    lines = [line for line in text.splitlines() if line.strip()]
    return len(lines) == 1 and "indhold" in lines[0].casefold() and not lines[0].startswith("<")


def codes_of(info: TableInfo) -> Iterable[tuple[str, str]]:
    """(code, text) of the table's offences, for `importer.load_offence_codes`."""
    variable = info.variable(OFFENCE)
    return [(value.code, value.text) for value in variable.values] if variable else []
