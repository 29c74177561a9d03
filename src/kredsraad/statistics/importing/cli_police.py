"""`kredsraad statistics police|police-mapping`: the police's own export, from the shell.

    kredsraad statistics police-mapping kategorier.csv --district 1
    kredsraad statistics police eksport.csv --district 1 --dry-run

The district is DST's number of the police district, as in the area code "politikreds:N"
(1 is Nordjyllands Politi). An export is previewed, refused or imported exactly as on the web,
with the district's mapping and only its own municipalities."""

import datetime
import hashlib
from pathlib import Path

import pghistory
from django.core.management.base import BaseCommand, CommandError

from kredsraad.core import spreadsheets
from kredsraad.councils.models import PoliceDistrict
from kredsraad.statistics.importing import police
from kredsraad.statistics.models import Dataset


def _district_argument(parser) -> None:
    parser.add_argument(
        "--district",
        type=int,
        required=True,
        metavar="N",
        help="Politikredsens nummer hos Danmarks Statistik (som i »politikreds:N«; 1 er "
        "Nordjyllands Politi).",
    )


def add_police_arguments(parser) -> None:
    parser.add_argument(
        "file",
        type=Path,
        metavar="FIL",
        help="Politiets eksport: CSV eller XLSX med kommune, kategori, periode og antal.",
    )
    _district_argument(parser)
    parser.add_argument(
        "--dry-run", action="store_true", help="Vis, hvad der ville ske, uden at gemme."
    )


def run_police(command: BaseCommand, options, import_parsed) -> None:
    """`import_parsed` is the command's own preview-and-import, shared with `import`."""
    district = _district(options["district"])
    path = options["file"]
    content = _read(path)
    parsed = police.read_export(district, path.name, content)
    with pghistory.context(command="kredsraad statistics police", district=district.pk):
        import_parsed(
            command,
            parsed,
            dry_run=options["dry_run"],
            source=Dataset.Source.POLICE,
            file_name=path.name,
            sha256=hashlib.sha256(content).hexdigest(),
            fetched_at=datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC),
        )


def add_mapping_arguments(parser) -> None:
    parser.add_argument(
        "file",
        type=Path,
        metavar="FIL",
        help="Linjer med »kategori;kode«, fx »Vold mod person;1252« (første linje må være "
        "overskriften »kategori;kode«).",
    )
    _district_argument(parser)
    parser.add_argument(
        "--replace",
        action="store_true",
        help="Fjern kredsens kategorier, der ikke står i filen.",
    )


def run_mapping(command: BaseCommand, options) -> None:
    district = _district(options["district"])
    try:
        entries = police.read_mapping(spreadsheets.decode(_read(options["file"]))[0])
    except police.MappingRefused as refused:
        for problem in refused.problems:
            command.stderr.write(problem.message)  # each names its line
        raise CommandError(str(refused)) from refused
    saved = police.save_mapping(district, entries, replace=options["replace"])
    command.stdout.write(
        command.style.SUCCESS(
            f"Politiets kategorier i {district.name}: {saved.created} nye, {saved.updated} "
            f"ændrede, {saved.unchanged} uændrede og {saved.removed} fjernet."
        )
    )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"Kan ikke læse {path}: {error.strerror}.") from error


def _district(number: int) -> PoliceDistrict:
    try:
        return PoliceDistrict.objects.get(code=number)
    except PoliceDistrict.DoesNotExist:
        known = ", ".join(
            f"{code} {name}"
            for code, name in PoliceDistrict.objects.order_by("code").values_list("code", "name")
        )
        raise CommandError(
            f"Der er ingen politikreds nummer {number}. Kredsene er: {known}."
        ) from None
