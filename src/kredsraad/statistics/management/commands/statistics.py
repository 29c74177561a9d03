"""`kredsraad statistics codes|import`: the offence codes and figures from Danmarks Statistik.

    kredsraad statistics codes ../shared/data/dst/straf11_offence_codes_2022.csv
    kredsraad statistics import straf11.csv --dry-run
    kredsraad statistics import folk1a.csv --table FOLK1A

An import is all or nothing, as on the web: with one unknown code nothing is written, and every
problem is listed by line, column and value. `--dry-run` shows what would change.

Each subcommand is a `Job` in JOBS: a function that adds its arguments and one that runs it.
Another source (the StatBank API, say) reuses `import_parsed` for the preview and the import.
"""

import datetime
import hashlib
from pathlib import Path

import pghistory
from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import number_format

from kredsraad.core.jobs import Job, JobCommand
from kredsraad.core.progress import ProgressBar
from kredsraad.statistics import tables
from kredsraad.statistics.importing import formats, importer
from kredsraad.statistics.importing.cli_boundaries import add_boundaries_arguments, run_boundaries
from kredsraad.statistics.importing.cli_fetch import add_fetch_arguments, run_fetch, table_code
from kredsraad.statistics.importing.cli_police import (
    add_mapping_arguments,
    add_police_arguments,
    run_mapping,
    run_police,
)
from kredsraad.statistics.models import Dataset
from kredsraad.statistics.reading.cli_compare import add_compare_arguments, run_compare
from kredsraad.statistics.rows import Parsed

SHOWN = 12  # codes listed before "…"
# What an import's messages call its data, and the subcommand its history names, by source.
SUBJECTS = {
    Dataset.Source.FILE: ("Filen", "import"),
    Dataset.Source.STATBANK_API: ("Svaret fra Danmarks Statistik", "fetch"),
    Dataset.Source.POLICE: ("Filen", "police"),
    Dataset.Source.DEMO: ("Filen", "import"),
}


class Command(JobCommand):
    help = "Statistik: indlæser overtrædelseskoder og tal fra Danmarks Statistik."

    def jobs(self):
        return JOBS


# codes -------------------------------------------------------------------------------------------


def add_codes_arguments(parser) -> None:
    parser.add_argument(
        "file",
        type=Path,
        metavar="FIL",
        help="CSV med kode og betegnelse: »code,label_da« (Danmarks Statistiks liste) eller "
        "»kode;betegnelse«.",
    )


def run_codes(command: BaseCommand, options) -> None:
    try:
        codes = importer.read_offence_codes(_read(options["file"]))
    except ValueError as error:
        raise CommandError(f"{options['file']}: {error}") from error
    if not codes:
        raise CommandError(f"{options['file']} har ingen koder.")
    loaded = importer.load_offence_codes(codes)
    command.stdout.write(
        command.style.SUCCESS(
            f"Overtrædelseskoder: {loaded.created} nye, {loaded.updated} ændrede, "
            f"{loaded.unchanged} uændrede."
        )
    )


# import ------------------------------------------------------------------------------------------


def add_import_arguments(parser) -> None:
    parser.add_argument(
        "file",
        type=Path,
        metavar="FIL",
        help="CSV, BULK eller XLSX fra Danmarks Statistik (formatet genkendes af indholdet).",
    )
    parser.add_argument(
        "--table",
        type=table_code,
        help="Tabellen, fx STRAF11, FOLK1A, UHELDK1 eller STRAF40, når filen ikke selv viser "
        "den (titel eller kolonner). En tabel, kredsraad ikke kender, beskrives af filens "
        "kolonner.",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="Vis, hvad der ville ske, uden at gemme."
    )


def run_import(command: BaseCommand, options) -> None:
    path = options["file"]
    content = _read(path)
    parsed = formats.read(path.name, content, labels=importer.labels(), table=options["table"])
    import_parsed(
        command,
        parsed,
        dry_run=options["dry_run"],
        source=Dataset.Source.FILE,
        file_name=path.name,
        sha256=hashlib.sha256(content).hexdigest(),
        # When the file was saved: the nearest we know to when it was fetched.
        fetched_at=datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC),
    )


def import_parsed(command: BaseCommand, parsed: Parsed, *, dry_run: bool, **dataset) -> None:
    """Show the preview of `parsed`, then (unless `dry_run`) import it with a progress bar.
    `dataset` is what `importer.apply` records: source, file_name, sha256, fetched_at."""
    subject, job = SUBJECTS[dataset["source"]]
    if parsed.problems:
        for note in parsed.notes:
            command.stdout.write(note)
        _problems(command, parsed.problems)
        raise CommandError(f"{subject} har {len(parsed.problems)} fejl, så intet er indlæst.")
    preview = importer.preview(parsed)
    _show(command, preview)
    _show_dimensions(command, parsed)
    if preview.problems:
        _problems(command, preview.problems)
        raise CommandError(f"{subject} har {len(preview.problems)} fejl, så intet er indlæst.")
    if dry_run:
        command.stdout.write("Prøvekørsel: intet er gemt.")
        return
    with (
        pghistory.context(command=f"kredsraad statistics {job}"),
        ProgressBar(len(parsed.rows), "Indlæser", stream=command.stderr) as bar,
    ):
        try:
            saved = importer.apply(
                parsed, progress=lambda done, total: bar.advance(done - bar.done), **dataset
            )
        except importer.ImportRefused as refused:
            _problems(command, refused.problems)
            raise CommandError(str(refused)) from refused
    command.stdout.write(
        command.style.SUCCESS(
            f"Indlæst: {_n(saved.rows_new)} nye, {_n(saved.rows_changed)} ændrede og "
            f"{_n(saved.rows_unchanged)} uændrede celler i {saved.table}."
        )
    )
    if saved.pk is None:
        command.stdout.write("Ingen tal er ændret, så der er ikke registreret et nyt datasæt.")


def _show(command: BaseCommand, preview: importer.Preview) -> None:
    write = command.stdout.write
    for note in preview.notes:
        write(note)
    write(f"Tabel {preview.table}: {_n(preview.rows_read)} rækker.")
    write(f"Områder: {_listing(preview.areas)}")
    if preview.offences:
        write(f"Overtrædelser: {_listing(preview.offences)}")
    if preview.periods:
        span = preview.periods[0]
        if len(preview.periods) > 1:
            span += f"\N{EN DASH}{preview.periods[-1]}"
        write(f"Perioder: {span} ({_n(len(preview.periods))})")
    if preview.missing:
        write(f"Uden tal (»..«): {_n(preview.missing)} celler springes over.")
    if preview.removed:
        write(
            f"Heraf havde {_n(preview.removed)} et tal, som fjernes (det står i historikken); "
            "de tælles som ændrede."
        )
    write(
        f"Celler: {_n(preview.new)} nye, {_n(preview.changed)} ændrede, "
        f"{_n(preview.unchanged)} uændrede."
    )
    if preview.examples:
        write("Ændringer, fx:")
    for change in preview.examples:
        cell = " ".join(
            part
            for part in (change.area, change.offence, change.period, change.age, change.sex)
            if part
        )
        write(f"    linje {change.line}: {cell}: {_n(change.old)} → {_n(change.new)}")


def _show_dimensions(command: BaseCommand, parsed: Parsed) -> None:
    """The table's other dimensions and the values found, one line each."""
    for dimension in tables.dimensions_found(parsed):
        values = [" ".join(filter(None, value)) for value in dimension["values"]]
        shown = ", ".join(values[:SHOWN]) + (", …" if len(values) > SHOWN else "")
        command.stdout.write(
            f"{dimension['code']} ({dimension['label']}): {_n(len(values))} værdier: {shown}"
        )


def _problems(command: BaseCommand, problems) -> None:
    for problem in problems:
        where = ", ".join(
            part
            for part in (
                f"linje {problem.line}" if problem.line else "",
                f"kolonne {problem.column}" if problem.column else "",
                f"værdi »{problem.value}«" if problem.value else "",
            )
            if part
        )
        command.stderr.write(f"{where}: {problem.message}" if where else problem.message)


# Helpers -----------------------------------------------------------------------------------------


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"Kan ikke læse {path}: {error.strerror}.") from error


def _n(number: int) -> str:
    return number_format(number, force_grouping=True)


def _listing(codes: list[str]) -> str:
    shown = ", ".join(codes[:SHOWN]) + (", …" if len(codes) > SHOWN else "")
    return f"{_n(len(codes))} ({shown})"


JOBS = {
    "boundaries": Job(
        "Indlæs kommunegrænser til statistikkens kort (GeoJSON-fil eller DAWA).",
        add_boundaries_arguments,
        lambda command, options: run_boundaries(options, command.stdout),
    ),
    "codes": Job("Indlæs Danmarks Statistiks overtrædelseskoder.", add_codes_arguments, run_codes),
    "import": Job(
        "Indlæs en fil med tal fra Danmarks Statistik.", add_import_arguments, run_import
    ),
    "police": Job(
        "Indlæs politiets egen eksport for en politikreds.",
        add_police_arguments,
        lambda command, options: run_police(command, options, import_parsed),
    ),
    "police-mapping": Job(
        "Indlæs en politikreds' kategorier fra politiet med deres overtrædelseskoder.",
        add_mapping_arguments,
        run_mapping,
    ),
    "compare": Job(
        "Sammenlign et område og en overtrædelse mellem to perioder.",
        add_compare_arguments,
        lambda command, options: run_compare(options, command.stdout, command.stderr),
    ),
    "fetch": Job(
        "Hent en tabel fra Danmarks Statistiks API (fx STRAF11, FOLK1A, UHELDK1) og indlæs den.",
        add_fetch_arguments,
        lambda command, options: run_fetch(command, options, import_parsed),
    ),
}
