"""`kredsraad districts setup SLUG`: set a police district up in one step from the registry.

    kredsraad districts setup midt-og-vestjyllands-politi
    kredsraad districts setup midt-og-vestjyllands-politi --year 2027 --dry-run

Creates what the district lacks of its police and municipal organisations, its kredsråd and
lokalråd with their statutory seats, and an empty samarbejdsplan for the year (kredsraad.plans.
setup), and prints every row as "oprettet" or "uændret". Running it again changes nothing.
"""

import pghistory
from django.core.management.base import CommandError
from django.utils import timezone

from kredsraad.core.jobs import Job, JobCommand
from kredsraad.councils.models import PoliceDistrict
from kredsraad.plans import setup


class Command(JobCommand):
    help = "Politikredse: opsætter en politikreds ud fra registret."

    def jobs(self):
        return JOBS


def add_setup_arguments(parser) -> None:
    parser.add_argument("slug", metavar="KORTNAVN", help="Politikredsens kortnavn.")
    parser.add_argument(
        "--year",
        type=int,
        default=timezone.localdate().year,
        help="År for den tomme samarbejdsplan. Standard: i år.",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="Vis, hvad der ville blive oprettet, uden at gemme."
    )


def run_setup(command, options) -> None:
    slug, year = options["slug"], options["year"]
    district = PoliceDistrict.objects.filter(slug=slug).first()
    if district is None:
        slugs = ", ".join(PoliceDistrict.objects.order_by("code").values_list("slug", flat=True))
        raise CommandError(f"Ukendt politikreds »{slug}«. Brug en af: {slugs}.")
    if not 2000 <= year <= 2100:
        raise CommandError(f"Året skal ligge mellem 2000 og 2100, ikke {year}.")
    if options["dry_run"]:
        result = setup.preview_setup(district, year=year)
    else:
        with pghistory.context(command="kredsraad districts setup"):
            result = setup.set_up_district(district, year=year, by=None)
    verb = "oprettes" if options["dry_run"] else "oprettet"
    for step in result.steps:
        state = verb if step.created else "uændret"
        command.stdout.write(f"{state:<9} {step.what}: {step.name}")
    summary = f"{district}: {len(result.created)} {verb}, {len(result.unchanged)} uændret."
    if options["dry_run"]:
        command.stdout.write(summary + " Prøvekørsel: intet er gemt.")
    else:
        command.stdout.write(command.style.SUCCESS(summary))


JOBS = {
    "setup": Job(
        "Opret politiets og kommunernes organisationer, kredsråd, lokalråd med faste pladser "
        "og en tom samarbejdsplan for året. Kan køres igen.",
        add_setup_arguments,
        run_setup,
    ),
}
