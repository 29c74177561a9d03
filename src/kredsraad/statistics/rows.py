"""What a statistics file or API response is read into, before anything touches the database.

`kredsraad.statistics.importing.formats` turns bytes into a `Parsed` (rows, or the problems that stop the
import); `kredsraad.statistics.importing.importer` checks the rows against the registry and applies them,
all or nothing."""

from dataclasses import KW_ONLY, dataclass, field

STRAF11 = "STRAF11"
FOLK1A = "FOLK1A"
POLICE = "police"  # the police's own figures, apart from Danmarks Statistik's


@dataclass(frozen=True)
class Row:
    """One cell. `offence` is "" for population; `value` None where DST wrote ".." (missing or
    confidential). `line` is the line (or, in XLSX, row) of the file, for messages."""

    table: str
    area: str  # DST's OMRÅDE code: "000", "081", "851"; never a label
    offence: str  # OVERTRÆD code: "TOT", "1", "12", "1320"
    period: str  # "2022K3" (quarters always with K)
    value: int | None
    _: KW_ONLY
    age: str = ""  # ALDER code, "" where the table has none
    sex: str = ""  # KØN code
    key: str = ""  # the table's other dimensions: "UHELD=0;INDBLAND=71", see `Observation.key`
    line: int = 0


@dataclass(frozen=True)
class Problem:
    """Why (part of) a file cannot be imported, in Danish, with where and what it held."""

    line: int | None
    column: str
    value: str
    message: str


@dataclass
class Parsed:
    table: str
    format: str  # e.g. "api-csv", "bulk", "long-csv", "wide", "xlsx", "police"
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # What the import changes in the table's description (`Table`), as its fields: code, title,
    # frequency, has_area, dimensions, described_by. None when the table's description stays as
    # it is; a full description for a table kredsraad has no row for (described by the file's
    # header, with the codes seen), and for a known table whose incomplete code lists the file
    # adds to (the merged lists). The importer saves it with the figures.
    description: dict | None = None


@dataclass
class Labels:
    """Label → code for areas and offences, matched case-insensitively after trimming, in
    Danish and English ("København"/"Copenhagen", "Hele landet"/"All Denmark"). Built from the
    database by the importer; tests may build one by hand."""

    areas: dict[str, str] = field(default_factory=dict)
    offences: dict[str, str] = field(default_factory=dict)
    # The description (`Table` fields, see `statistics.tables.described`) of every table
    # kredsraad knows, by code; empty means the built-in `statistics.tables.KNOWN`.
    tables: dict[str, dict] = field(default_factory=dict)

    def area(self, text: str) -> str | None:
        return self.areas.get(text.strip().casefold())

    def offence(self, text: str) -> str | None:
        return self.offences.get(text.strip().casefold())
