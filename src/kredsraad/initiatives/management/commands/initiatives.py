"""`kredsraad initiatives export|import`: the district's initiatives and milestones as CSV or
XLSX, the same files the web pages give and take.

    kredsraad initiatives export --kreds nordjyllands-politi --format xlsx --til indsatser.xlsx
    kredsraad initiatives import --kreds nordjyllands-politi indsatser.xlsx --dry-run
    kredsraad initiatives import --kreds nordjyllands-politi indsatser.csv milepaele.csv

An import is all or nothing, as on the web: one bad row and nothing is written, and every problem
is listed by file, line, column and value. `--dry-run` shows what would change.
"""

from pathlib import Path

import pghistory
from django.core.management.base import BaseCommand, CommandError

from kredsraad.core.progress import ProgressBar
from kredsraad.councils.models import PoliceDistrict
from kredsraad.initiatives import actions, transfer
from kredsraad.initiatives.models import Initiative

ACTIONS = {"create": "opret", "update": "ændr", "unchanged": "uændret"}


class Command(BaseCommand):
    help = "Eksporterer eller indlæser en politikreds' indsatser og milepæle (CSV eller XLSX)."

    def add_arguments(self, parser):
        jobs = parser.add_subparsers(dest="job", required=True, metavar="export|import")
        export = jobs.add_parser("export", help="Skriv indsatser og milepæle til fil.")
        export.add_argument("--kreds", required=True, help="Politikredsens kortnavn.")
        export.add_argument("--format", choices=["csv", "xlsx"], default="xlsx")
        export.add_argument(
            "--til",
            type=Path,
            default=Path("."),
            help="Filen (XLSX) eller mappen (CSV: indsatser- og milepaele-filen). Standard: .",
        )
        load = jobs.add_parser("import", help="Indlæs indsatser og milepæle fra fil.")
        load.add_argument("--kreds", required=True, help="Politikredsens kortnavn.")
        load.add_argument("files", nargs="+", type=Path, metavar="FIL")
        load.add_argument(
            "--dry-run", action="store_true", help="Vis, hvad der ville ske, uden at gemme."
        )

    def handle(self, *args, job, kreds, **options):
        district = PoliceDistrict.objects.filter(slug=kreds).first()
        if district is None:
            slugs = ", ".join(PoliceDistrict.objects.values_list("slug", flat=True))
            raise CommandError(f"Ukendt politikreds »{kreds}«. Brug en af: {slugs}.")
        if job == "export":
            self._export(district, options["format"], options["til"])
        else:
            self._import(district, options["files"], options["dry_run"])

    def _export(self, district, fmt: str, target: Path) -> None:
        sheets = transfer.tables(Initiative.objects.filter(district=district))
        if fmt == "xlsx":
            path = target / f"indsatser-{district.slug}.xlsx" if target.is_dir() else target
            written = {path: transfer.as_xlsx(sheets)}
        else:
            if not target.is_dir():
                raise CommandError(f"CSV skrives som to filer; »{target}« skal være en mappe.")
            written = {
                target / f"{name}-{district.slug}.csv": transfer.as_csv(
                    sheets[table], transfer.COLUMNS[table]
                )
                for name, table in (
                    ("indsatser", transfer.INITIATIVES),
                    ("milepaele", transfer.MILESTONES),
                )
            }
        for path, content in written.items():
            try:
                path.write_bytes(content)
            except OSError as error:
                raise CommandError(f"Kan ikke skrive {path}: {error.strerror}.") from error
            self.stdout.write(f"Skrevet: {path}")
        counts = {table: len(rows) for table, rows in sheets.items()}
        self.stdout.write(
            f"{counts[transfer.INITIATIVES]} indsatser og {counts[transfer.MILESTONES]} milepæle."
        )

    def _import(self, district, files: list[Path], dry_run: bool) -> None:
        if len(files) > 2:
            raise CommandError("Angiv højst to filer: indsatserne og milepælene.")
        read = []
        for path in files:
            try:
                read.append((path.name, path.read_bytes()))
            except OSError as error:
                raise CommandError(f"Kan ikke læse {path}: {error.strerror}.") from error
        upload = transfer.read_upload(*read)
        plan = transfer.plan_import(district, upload)
        for note in plan.notes:
            self.stderr.write(self.style.WARNING(note))
        if plan.problems:
            self._problems(plan.problems)
            raise CommandError(f"Filen har {len(plan.problems)} fejl, så intet er indlæst.")
        self._summary(plan)
        if dry_run:
            self.stdout.write("Prøvekørsel: intet er gemt.")
            return
        with (
            pghistory.context(command="kredsraad initiatives import"),
            ProgressBar(len(plan.rows), "Indlæser", stream=self.stderr) as bar,
        ):
            try:
                applied = actions.import_initiatives(
                    district,
                    upload,
                    expected_fingerprint=plan.fingerprint,
                    by=None,
                    progress=bar.advance,
                )
            except actions.ImportRefused as refused:
                self._problems(refused.plan.problems)
                raise CommandError(str(refused)) from refused
        self.stdout.write(
            self.style.SUCCESS(
                "Indlæst: {create} oprettet, {update} ændret, {unchanged} uændret.".format(
                    **applied.counts
                )
            )
        )

    def _problems(self, problems) -> None:
        for problem in problems:
            where = ", ".join(
                part
                for part in (
                    problem.sheet,
                    f"linje {problem.line}" if problem.line else "",
                    f"kolonne {problem.column}" if problem.column else "",
                    f"værdi »{problem.value}«" if problem.value else "",
                )
                if part
            )
            self.stderr.write(f"{where}: {problem.message}")

    def _summary(self, plan) -> None:
        for row in plan.rows:
            if row.action == "unchanged":
                continue
            self.stdout.write(f"{row.sheet}, linje {row.line}: {ACTIONS[row.action]} {row.title}")
            for column, old, new in row.changes:
                self.stdout.write(f"    {column}: »{old}« → »{new}«")
        counts = plan.counts
        self.stdout.write(
            f"{counts['create']} oprettes, {counts['update']} ændres, "
            f"{counts['unchanged']} er uændrede."
        )
