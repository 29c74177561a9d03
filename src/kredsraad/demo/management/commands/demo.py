"""`kredsraad demo`: load Nordjyllands Politi's councils, partners and forums, the demo users, and
the 2022 and 2023 samarbejdsplaner with their initiatives and handleplaner, and the councils'
2023 meetings with agendas, decisions and minutes, plus a few meetings ahead; and, when the
reference data lies beside the checkout (../shared/data), the real STRAF11 and FOLK1A figures.

`kredsraad demo --national` builds instead, in an empty database, the synthetic national dataset
for benchmarks (kredsraad.demo.national): twelve districts, ten plan years, all of STRAF11."""

import pghistory
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kredsraad.accounts.models import User
from kredsraad.core import effects
from kredsraad.core.progress import ProgressBar
from kredsraad.demo import national
from kredsraad.demo.data import PASSWORD, RegistryMissing, load_demo
from kredsraad.demo.documents import queue_documents
from kredsraad.demo.meetings import load_meetings
from kredsraad.demo.plans import load_plans
from kredsraad.demo.second_district import load_second_district
from kredsraad.demo.statistics import (
    fetch_statistics,
    load_map,
    load_more_tables,
    load_statistics,
    shared_data,
)
from kredsraad.statistics.importing.boundaries import BoundaryError
from kredsraad.statistics.importing.importer import ImportRefused


class Command(BaseCommand):
    help = "Indlæser demodata for Nordjyllands Politi og demobrugerne. Kan køres igen."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet", action="store_true", help="Udskriv ikke oversigten over demobrugere."
        )
        parser.add_argument(
            "--documents",
            action="store_true",
            help="Sæt PDF og Word af det offentliggjorte i kø til arbejderen (make run).",
        )
        parser.add_argument(
            "--national",
            action="store_true",
            help="Byg i stedet syntetiske landsdata til benchmarks i en tom database: alle "
            "politikredse, ti års planer og møder og hele STRAF11. Alt er opdigtet.",
        )
        parser.add_argument(
            "--districts",
            type=int,
            default=12,
            help="Landsdata: antal politikredse, 1-12 (standard 12).",
        )
        parser.add_argument(
            "--years", type=int, default=10, help="Landsdata: antal planår til og med 2025 (10)."
        )
        parser.add_argument(
            "--statistics",
            choices=national.STATISTICS,
            default="full",
            help="Landsdata: hele STRAF11 (full), få koder og år (small) eller ingen (none).",
        )

    def handle(self, *args, quiet=False, documents=False, verbosity=1, **options):
        if options.get("national"):
            return self._national(options, quiet=quiet or verbosity == 0)
        if User.objects.filter(email__endswith=f"@{national.DOMAIN}").exists():
            raise CommandError(
                "Databasen indeholder syntetiske landsdata (kredsraad demo --national). Demoen "
                "indlæses kun i en database uden dem."
            )
        try:
            with pghistory.context(command="kredsraad demo"), transaction.atomic():
                users = load_demo()
        except RegistryMissing as error:
            raise CommandError(
                "Registret over politikredse og kommuner mangler. Kør først: kredsraad migrate"
            ) from error
        # The statistics come before the plans, which are published with their crime figures
        # frozen. Each file is its own all-or-nothing import, outside the transactions here.
        shared = shared_data()
        try:
            with pghistory.context(command="kredsraad demo"):
                # Without the reference files, from Danmarks Statistik if it can be reached.
                statistics = (load_statistics(shared) if shared else None) or fetch_statistics()
                more_tables = load_more_tables(shared) if shared else None
                outlines = load_map(shared)
        except ImportRefused as refused:
            raise CommandError(f"Statistikken kunne ikke indlæses: {refused}") from refused
        except BoundaryError as error:
            raise CommandError(f"Kortets kommunegrænser kunne ikke indlæses: {error}") from error
        # Years of history at once: the documents of what the demo published are queued
        # afterwards, and only when asked for (--documents), so that loading it builds no PDF.
        with pghistory.context(command="kredsraad demo"), transaction.atomic(), effects.paused():
            load_plans()
            load_meetings()
            # A second district, set up as an administrator would, with a plan of another shape.
            load_second_district()
        queued = queue_documents() if documents else 0
        if quiet or verbosity == 0:
            return

        rows = [("E-mail", "Rolle og område", "Adgangskode")]
        rows += [(demo.email, label, PASSWORD) for demo, label in users]
        widths = [max(len(row[i]) for row in rows) for i in range(2)]
        self.stdout.write(self.style.SUCCESS("Demodata for Nordjyllands Politi er indlæst."))
        self.stdout.write(
            statistics
            or "Ingen statistik fundet i ../shared/data. Statistiksiderne forklarer, hvordan "
            "tallene indlæses."
        )
        if more_tables:
            self.stdout.write(more_tables)
        if outlines:
            self.stdout.write(outlines)
        if queued:
            self.stdout.write(f"{queued} dokumenter (PDF og Word) er sat i kø til arbejderen.")
        self.stdout.write("")
        for n, (email, label, password) in enumerate(rows):
            line = f"{email:<{widths[0]}}  {label:<{widths[1]}}  {password}"
            self.stdout.write(self.style.MIGRATE_HEADING(line) if n == 0 else line)

    def _national(self, options, *, quiet: bool) -> None:
        districts, years = options["districts"], options["years"]
        if not 1 <= districts <= 12:
            raise CommandError("--districts skal være mellem 1 og 12.")
        if not 1 <= years <= national.MAX_YEARS:
            raise CommandError(f"--years skal være mellem 1 og {national.MAX_YEARS}.")

        def progress(label, total):
            return ProgressBar(total, label, stream=self.stderr)

        try:
            counts = national.build(
                districts=districts,
                years=years,
                statistics=options["statistics"],
                progress=None if quiet else progress,
            )
        except national.NotEmpty as refused:
            raise CommandError(str(refused)) from refused
        except ImportRefused as refused:
            raise CommandError(f"Statistikken kunne ikke indlæses: {refused}") from refused
        if quiet:
            return
        self.stdout.write(self.style.SUCCESS("Syntetiske landsdata er bygget."))
        for label, count in counts.rows():
            self.stdout.write(f"  {label:<34} {count:>10,}".replace(",", "."))
        self.stdout.write("Tid:")
        for label, seconds in counts.seconds.items():
            self.stdout.write(f"  {label:<40} {seconds:>7.1f} s")
        self.stdout.write(f"  {'i alt':<40} {sum(counts.seconds.values()):>7.1f} s")
        self.stdout.write("")
        self.stdout.write("Log ind som (alle med samme adgangskode):")
        users = national.sign_ins()
        widths = [max(len(row[i]) for row in users) for i in range(2)]
        for email, label, password in users:
            self.stdout.write(f"  {email:<{widths[0]}}  {label:<{widths[1]}}  {password}")
