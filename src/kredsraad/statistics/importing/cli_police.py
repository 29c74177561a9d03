"""`kredsraad statistics police|police-mapping`: the police's own export, from the shell.

    kredsraad statistics police-mapping kategorier.csv --district 1 --by analytiker@example.dk
    kredsraad statistics police eksport.csv --district 1 --dry-run
    kredsraad statistics police eksport.csv --district 1 --by analytiker@example.dk

The district is DST's number of the police district, as in the area code "politikreds:N"
(1 is Nordjyllands Politi). An export is previewed, refused or imported exactly as on the web,
with the district's mapping and only its own municipalities: it becomes an import job of the
district (`uploads.preview_upload`), run here with a progress bar (`uploads.run_import`), so it
shows in the district's list of imports with its revisions, as an upload does. The job and the
history name the user of `--by`, or without it the system user."""

import datetime
import hashlib
from pathlib import Path

import pghistory
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.formats import number_format

from kredsraad.accounts.models import User
from kredsraad.core import spreadsheets
from kredsraad.core.progress import ProgressBar
from kredsraad.councils.models import PoliceDistrict
from kredsraad.statistics.importing import police, uploads
from kredsraad.statistics.models import Dataset, ImportJob

# Who a job or change from the shell without `--by` is recorded as. It cannot sign in.
SYSTEM_EMAIL = "system@kredsraad.invalid"
SYSTEM_NAME = "Systemet"
SHOWN = 12  # codes listed before "…"


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
    _by_argument(parser)
    parser.add_argument(
        "--dry-run", action="store_true", help="Vis, hvad der ville ske, uden at gemme."
    )


def run_police(command: BaseCommand, options, import_parsed) -> None:
    """`import_parsed` is the command's own preview-and-import, shared with `import`: a dry run
    goes through it and records nothing. Otherwise the export becomes an import job."""
    district = _district(options["district"])
    path = options["file"]
    content = _read(path)
    if options["dry_run"]:
        parsed = police.read_export(district, path.name, content)
        import_parsed(
            command,
            parsed,
            dry_run=True,
            source=Dataset.Source.POLICE,
            file_name=path.name,
            sha256=hashlib.sha256(content).hexdigest(),
            fetched_at=datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC),
        )
        return
    by = _user(options["by"])
    with pghistory.context(command="kredsraad statistics police", district=district.pk):
        job = uploads.preview_upload(
            district,
            kind=ImportJob.Kind.POLICE,
            name=path.name,
            content=content,
            table=None,
            by=by,
        )
        where = reverse("statistics:import_job", args=[district.slug, job.pk])
        if job.status == ImportJob.Status.REFUSED:
            _refused(command, job, where)
        _show(command, job)
        # Claimed as the web's »Indlæs« claims it, then run here rather than by the worker.
        ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.PREVIEWED).update(
            status=ImportJob.Status.QUEUED
        )
        with ProgressBar(job.total, "Indlæser", stream=command.stderr) as bar:
            uploads.run_import(job.pk, progress=lambda done, total: bar.advance(done - bar.done))
    job.refresh_from_db()
    if job.status == ImportJob.Status.REFUSED:
        _refused(command, job, where)
    if job.status != ImportJob.Status.DONE:
        command.stdout.write(f"Indlæsningen kan ses på {where}")
        raise CommandError(
            "Tallene i databasen er ændret, siden filen blev læst, så intet er indlæst. Kør "
            "kommandoen igen."
        )
    if job.dataset is None:
        command.stdout.write(
            command.style.SUCCESS(
                f"Indlæst: 0 nye, 0 ændrede og {_n(job.preview['unchanged'])} uændrede celler i "
                f"{job.table}."
            )
        )
        command.stdout.write("Ingen tal er ændret, så der er ikke registreret et nyt datasæt.")
    else:
        saved = job.dataset
        command.stdout.write(
            command.style.SUCCESS(
                f"Indlæst: {_n(saved.rows_new)} nye, {_n(saved.rows_changed)} ændrede og "
                f"{_n(saved.rows_unchanged)} uændrede celler i {saved.table}."
            )
        )
    command.stdout.write(f"Indlæsningen kan ses på {where}")


def _show(command: BaseCommand, job: ImportJob) -> None:
    """The job's preview, as `statistics import` shows its own."""
    write, preview = command.stdout.write, job.preview
    for note in job.notes:
        write(note)
    write(f"Tabel {preview['table']}: {_n(preview['rows_read'])} rækker.")
    write(f"Områder: {_listing([code for code, _name in preview['areas']])}")
    if preview["offences"]:
        write(f"Overtrædelser: {_listing([code for code, _label in preview['offences']])}")
    periods = preview["periods"]
    if periods["count"]:
        span = periods["first"]
        if periods["count"] > 1:
            span += f"\N{EN DASH}{periods['last']}"
        write(f"Perioder: {span} ({_n(periods['count'])})")
    write(
        f"Celler: {_n(preview['new'])} nye, {_n(preview['changed'])} ændrede, "
        f"{_n(preview['unchanged'])} uændrede."
    )


def _refused(command: BaseCommand, job: ImportJob, where: str):
    for problem in job.problems:
        parts = (
            f"linje {problem['line']}" if problem["line"] else "",
            f"kolonne {problem['column']}" if problem["column"] else "",
            f"værdi »{problem['value']}«" if problem["value"] else "",
        )
        place = ", ".join(part for part in parts if part)
        command.stderr.write(f"{place}: {problem['message']}" if place else problem["message"])
    command.stdout.write(f"Afvisningen kan ses på {where}")
    count = job.preview.get("problem_count", len(job.problems))
    raise CommandError(f"Filen har {count} fejl, så intet er indlæst.")


def _n(number: int) -> str:
    return number_format(number, force_grouping=True)


def _listing(codes: list[str]) -> str:
    shown = ", ".join(codes[:SHOWN]) + (", …" if len(codes) > SHOWN else "")
    return f"{_n(len(codes))} ({shown})"


def add_mapping_arguments(parser) -> None:
    parser.add_argument(
        "file",
        type=Path,
        metavar="FIL",
        help="Linjer med »kategori;kode«, fx »Vold mod person;1252« (første linje må være "
        "overskriften »kategori;kode«).",
    )
    _district_argument(parser)
    _by_argument(parser)
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
    with pghistory.context(command="kredsraad statistics police-mapping"):
        saved = police.save_mapping(
            district,
            entries,
            replace=options["replace"],
            # Without --by the history says "systemet"; no user is needed to make that true.
            by=_user(options["by"]) if options["by"] else None,
        )
    command.stdout.write(
        command.style.SUCCESS(
            f"Politiets kategorier i {district.name}: {saved.created} nye, {saved.updated} "
            f"ændrede, {saved.unchanged} uændrede og {saved.removed} fjernet."
        )
    )


def _by_argument(parser) -> None:
    parser.add_argument(
        "--by",
        metavar="E-MAIL",
        help="Brugeren, som historikken og indlæsningen skal nævne. Uden: systemet.",
    )


def _user(email: str | None) -> User:
    """The user of `--by`, or the system user (made the first time: inactive, no password)."""
    if email:
        try:
            return User.objects.get(email__iexact=email.strip())
        except User.DoesNotExist:
            raise CommandError(f"Der er ingen bruger med e-mailadressen {email}.") from None
    user, created = User.objects.get_or_create(
        email=SYSTEM_EMAIL, defaults={"full_name": SYSTEM_NAME, "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


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
