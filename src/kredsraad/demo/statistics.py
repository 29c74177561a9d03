"""The real STRAF11 and FOLK1A figures for the demo, read from the reference data beside the
checkout (../shared/data/dst/, see its README) and never copied into the project; then
(`load_more_tables`) STRAF11's eleven further offence codes for 2007K1-2019K3 (a file without
Hele landet), UHELDK1 (injured in traffic, by transport mode, age and sex) and STRAF40 (court
decisions by single age and sex, national).

Each file is imported like any other file (source "Fil", with its name and SHA-256), all or
nothing; a file whose SHA-256 an earlier import of the same table already recorded is skipped,
so running the demo again costs a hash and a query.

Without the files, `fetch_statistics` asks Danmarks Statistik's StatBank API for the same tables
(quarters since 2016K1, every area, the offences the pages show) with a short timeout; it never
fails for want of a network, and says in Danish where to read how to import instead."""

import datetime
import hashlib
from pathlib import Path

from django.db import transaction
from django.utils.formats import number_format

from kredsraad.statistics.importing import formats, importer, statbank
from kredsraad.statistics.importing.boundaries import (
    BoundaryError,
    load_boundaries_from_dawa,
    load_boundaries_from_file,
)
from kredsraad.statistics.models import Boundary, Dataset
from kredsraad.statistics.periods import parse_quarter
from kredsraad.statistics.registry import load_areas
from kredsraad.statistics.rows import FOLK1A, STRAF11
from kredsraad.statistics.tables import load_known_tables

CODES = "straf11_offence_codes_2022.csv"
MAP_FILE = "kommuner.geojson"
MAP_TIMEOUT = 5.0  # seconds: DAWA, when the file is not there, must not hold up the demo
TABLES = (
    (STRAF11, "straf11_8_offences_all_areas_2016K1-2025K4.csv"),
    (FOLK1A, "folk1a_population_2016-2025.csv"),
)
# After TABLES: the pages and the plans read STRAF11 and FOLK1A, these add tables beside them.
MORE_TABLES = (
    (STRAF11, "straf11_11_offences_municipalities_2007K1-2019K3.csv"),
    ("UHELDK1", "uheldk1_injured_4_transport_modes_2016-2022.csv"),
    ("STRAF40", "straf40_national_penal_code_by_age_sex_1980-2021.csv"),
)


def shared_data() -> Path | None:
    """`<project root>/../shared/data`, or None when there is no such folder (a bare clone)."""
    folder = Path(__file__).resolve().parents[3].parent / "shared" / "data"
    return folder if folder.is_dir() else None


def load_statistics(shared: Path) -> str | None:
    """Load the offence codes, STRAF11 and FOLK1A from `shared`/dst when present, skipping a
    file already imported. Returns a Danish line for the demo's output, or None when none of the
    files is there. Raises importer.ImportRefused when a file cannot be imported."""
    folder = shared / "dst"
    # The areas and the known tables' descriptions come by migration; a flushed database (the
    # browser tests') gets them back here, as the demo gets the registry's councils.
    load_areas()
    load_known_tables()
    codes = folder / CODES
    if codes.is_file():
        importer.load_offence_codes(importer.read_offence_codes(codes.read_bytes()))
    loaded, current = _load_files(folder, TABLES)
    if loaded:
        return f"Statistik fra Danmarks Statistik indlæst fra {folder}: {', '.join(loaded)}."
    if current:
        return f"Statistikken fra {folder} er allerede indlæst ({', '.join(current)})."
    return None


def load_more_tables(shared: Path) -> str | None:
    """Load MORE_TABLES from `shared`/dst when present, after `load_statistics` (whose offence
    codes the STRAF11 file needs), each file all or nothing and skipped when already imported.
    Returns a Danish line for the demo's output, or None when none of the files is there. Kept
    apart from `load_statistics`, which the tests of the pages call, so that they do not import
    94,000 more rows they never read."""
    folder = shared / "dst"
    load_known_tables()
    loaded, current = _load_files(folder, MORE_TABLES)
    if loaded:
        return f"Flere tabeller indlæst fra {folder}: {', '.join(loaded)}."
    if current:
        return f"De øvrige tabeller fra {folder} er allerede indlæst ({', '.join(current)})."
    return None


def _load_files(folder: Path, files) -> tuple[list[str], list[str]]:
    """Import each (table, file name) in `folder` that is there and not imported before, in
    order. Returns what was loaded ("UHELDK1 (33.810 rækker)") and the tables already loaded."""
    loaded, current = [], []
    for table, name in files:
        path = folder / name
        if not path.is_file():
            continue
        content = path.read_bytes()
        sha256 = hashlib.sha256(content).hexdigest()
        if Dataset.objects.filter(table=table, sha256=sha256).exists():
            current.append(table)
            continue
        parsed = formats.read(name, content, labels=importer.labels(), table=table)
        dataset = importer.apply(
            parsed,
            source=Dataset.Source.FILE,
            file_name=name,
            sha256=sha256,
            fetched_at=datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC),
        )
        rows = number_format(dataset.rows_read, force_grouping=True)
        loaded.append(f"{table} ({rows} rækker)")
    return loaded, current


# Fetched from Danmarks Statistik when the files are not there --------------------------------------

SINCE = "2016K1"
TIMEOUT = 5.0  # seconds: the demo should not hang on a machine without a network
# Offence types beyond the totals, the groups and violence that the pages use as examples (the
# reference file's eight codes: burglary, shoplifting, drugs …).
EXAMPLE_OFFENCES = {"1316", "1320", "1332", "1336", "3210", "3410"}


def demo_offences(info: statbank.TableInfo) -> list[str]:
    """TOT, Straffelov and Særlove, the groups 11-14, every type of violence (12xx) and the
    example types, as far as the table has them."""
    return [
        code
        for code in info.variable(statbank.OFFENCE).codes()
        if code == "TOT" or len(code) <= 2 or code.startswith("12") or code in EXAMPLE_OFFENCES
    ]


def load_map(shared: Path | None, *, timeout: float = MAP_TIMEOUT) -> str | None:
    """The municipalities' outlines for the statistics map, unless loaded before (a second demo
    run costs one query, and returns None): from `shared`/geo when present, else from DAWA
    (`KREDSRAAD_DAWA_URL`) with a short timeout. Returns a Danish line. When DAWA cannot be
    reached, or sends what cannot be loaded, the line says so and nothing is loaded: the pages
    show their tables without a map. A bad local file raises BoundaryError, as it should be
    mended."""
    if Boundary.objects.exists():
        return None
    path = shared / "geo" / MAP_FILE if shared else None
    if path is not None and path.is_file():
        return load_boundaries_from_file(path)
    try:
        return load_boundaries_from_dawa(timeout=timeout)
    except BoundaryError as error:
        return f"Kortet over kommunerne vises ikke: {error}"


def fetch_statistics(*, transport: statbank.Transport | None = None, timeout=TIMEOUT) -> str:
    """Fetch STRAF11 and FOLK1A from the StatBank API and import each, all or nothing, unless
    the table has figures already. Returns a Danish line for the demo's output: what was
    fetched, or why not and where to read how to import the figures."""
    load_areas()
    load_known_tables()
    bank = statbank.StatBank(transport=transport, timeout=timeout, retries=0)
    loaded, current, failure = [], [], None
    try:
        for table, _name in TABLES:
            if Dataset.objects.filter(table=table).exists():
                current.append(table)
                continue
            info = bank.tableinfo(table)
            offences = demo_offences(info) if info.variable(statbank.OFFENCE) else ["*"]
            chosen = statbank.selection(info, offences=offences, first=parse_quarter(SINCE))
            labels = statbank.labels_for(info, importer.labels())
            fetched = statbank.fetch(bank, info, chosen, labels=labels)
            with transaction.atomic():
                importer.load_offence_codes(statbank.codes_of(info))
                dataset = importer.apply(
                    fetched.parsed,
                    source=Dataset.Source.STATBANK_API,
                    file_name=fetched.file_name,
                    sha256=fetched.sha256,
                    fetched_at=fetched.fetched_at,
                )
            rows = number_format(dataset.rows_read, force_grouping=True)
            loaded.append(f"{table} ({rows} rækker)")
    except (statbank.StatbankError, importer.ImportRefused) as error:
        failure = error
    lines = []
    if loaded:
        lines.append(f"Statistik hentet fra Danmarks Statistik ({bank.host}): {', '.join(loaded)}.")
    elif current and failure is None:
        lines.append(
            f"Statistikken fra Danmarks Statistik er allerede indlæst ({', '.join(current)})."
        )
    if failure is not None:
        lines.append(
            f"Statistikken kunne ikke hentes fra Danmarks Statistik: {failure} "
            "Statistiksiderne forklarer, hvordan tallene indlæses."
        )
    return " ".join(lines)
