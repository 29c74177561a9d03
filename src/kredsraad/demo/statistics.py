"""The real STRAF11 and FOLK1A figures for the demo, read from the reference data beside the
checkout (../shared/data/dst/, see its README) and never copied into the project.

Each file is imported like any other file (source "Fil", with its name and SHA-256), all or
nothing; a file whose SHA-256 an earlier import of the same table already recorded is skipped,
so running the demo again costs a hash and a query."""

import datetime
import hashlib
from pathlib import Path

from django.utils.formats import number_format

from kredsraad.statistics import formats, importer
from kredsraad.statistics.models import Dataset
from kredsraad.statistics.registry import load_areas
from kredsraad.statistics.rows import FOLK1A, STRAF11

CODES = "straf11_offence_codes_2022.csv"
TABLES = (
    (STRAF11, "straf11_8_offences_all_areas_2016K1-2025K4.csv"),
    (FOLK1A, "folk1a_population_2016-2025.csv"),
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
    # The areas come from the registry by migration; a flushed database (the browser tests')
    # gets them back here, as the demo gets the registry's councils.
    load_areas()
    codes = folder / CODES
    if codes.is_file():
        importer.load_offence_codes(importer.read_offence_codes(codes.read_bytes()))
    loaded, current = [], []
    for table, name in TABLES:
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
    if loaded:
        return f"Statistik fra Danmarks Statistik indlæst fra {folder}: {', '.join(loaded)}."
    if current:
        return f"Statistikken fra {folder} er allerede indlæst ({', '.join(current)})."
    return None
