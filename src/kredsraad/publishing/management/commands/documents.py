"""`kredsraad documents build KIND ID…`: build and store published documents (PDF and Word)
from the shell, as the "Byg PDF og Word" button does in the background.

    kredsraad documents build plan 1              (the plan's newest published version)
    kredsraad documents build plan 1 --version 2
    kredsraad documents build action-plan 3 4
    kredsraad documents build agenda 12           (public and members' variant)
    kredsraad documents build minutes 12
    kredsraad documents build status-report nordjylland:2023 --timing

Each document is stored once and never changed; a build that fails leaves the previous
document as it was and says why. `--timing` prints the seconds each build took, and how many of
them went to the PDF and to the Word files (make bench).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import number_format

from kredsraad.core.jobs import Job, JobCommand
from kredsraad.core.progress import ProgressBar
from kredsraad.councils.models import PoliceDistrict
from kredsraad.meetings.models import Meeting
from kredsraad.plans.models import ActionPlan, CooperationPlan
from kredsraad.publishing.build import BuildRefused, queue_build, run_build
from kredsraad.publishing.models import DocumentBuild, Kind


class Command(JobCommand):
    help = "Dokumenter: bygger samarbejdsplanen, handleplaner, dagsordener, referater og statusrapporter som PDF og Word."

    def jobs(self):
        return JOBS


# build ---------------------------------------------------------------------------------------


def _plan(ident: str, options):
    plan = CooperationPlan.objects.filter(pk=_number(ident)).first()
    if plan is None:
        raise CommandError(f"Der er ingen samarbejdsplan med id {ident}.")
    versions = plan.versions.order_by("-number")
    if options["version"]:
        versions = versions.filter(number=options["version"])
    version = versions.first()
    if version is None:
        wanted = (
            f"version {options['version']}" if options["version"] else "en offentliggjort version"
        )
        raise CommandError(f"Planen »{plan}« (id {ident}) har ikke {wanted}.")
    return version


def _action_plan(ident: str, options):
    found = ActionPlan.objects.select_related("council", "plan__district").filter(pk=_number(ident))
    if not found:
        raise CommandError(f"Der er ingen handleplan med id {ident}.")
    return found[0]


def _meeting(ident: str, options):
    found = Meeting.objects.select_related("council__district").filter(pk=_number(ident))
    if not found:
        raise CommandError(f"Der er intet møde med id {ident}.")
    return found[0]


def _status_report(ident: str, options):
    slug, _colon, year = ident.partition(":")
    if not year.isdigit() or not 2000 <= int(year) <= 2100:
        raise CommandError(
            f"Skriv kredsen og året som SLUG:ÅR, fx nordjylland:2023, ikke »{ident}«."
        )
    district = PoliceDistrict.objects.filter(slug=slug).first()
    if district is None:
        raise CommandError(f"Der er ingen politikreds med kortnavnet »{slug}«.")
    return district, int(year)


def _number(ident: str) -> int:
    if not ident.isdigit():
        raise CommandError(f"Et id er et heltal, ikke »{ident}«.")
    return int(ident)


SUBJECTS = {
    "plan": (Kind.PLAN, _plan),
    "action-plan": (Kind.ACTION_PLAN, _action_plan),
    "agenda": (Kind.AGENDA, _meeting),
    "minutes": (Kind.MINUTES, _meeting),
    "status-report": (Kind.STATUS_REPORT, _status_report),
}


def add_build_arguments(parser) -> None:
    parser.add_argument("kind", choices=list(SUBJECTS), metavar="|".join(SUBJECTS))
    parser.add_argument(
        "ids",
        nargs="+",
        metavar="ID",
        help="Planens, handleplanens eller mødets id; for en statusrapport SLUG:ÅR.",
    )
    parser.add_argument(
        "--version", type=int, help="For en plan: versionsnummeret (ellers den nyeste)."
    )
    parser.add_argument(
        "--timing", action="store_true", help="Skriv hvor mange sekunder hver bygning tog."
    )


def run_build_job(command: BaseCommand, options) -> None:
    kind, find = SUBJECTS[options["kind"]]
    # Every id is looked up before anything is built, so a typo builds nothing.
    subjects = [(ident, find(ident, options)) for ident in options["ids"]]
    failed = []
    for ident, subject in subjects:
        try:
            build = queue_build(kind, subject, by=None)
        except BuildRefused as refused:
            raise CommandError(f"{options['kind']} {ident}: {refused}") from None
        started = time.perf_counter()
        per_format: dict[str, float] = {}

        def rendered(variant, fmt, seconds, per_format=per_format):
            per_format[fmt] = per_format.get(fmt, 0.0) + seconds

        with ProgressBar(build.total, f"{options['kind']} {ident}", stream=command.stderr) as bar:
            try:
                run_build(
                    build.pk,
                    progress=lambda done, total: bar.advance(done - bar.done),
                    rendered=rendered,
                )
            except Exception:
                failed.append(ident)
        seconds = time.perf_counter() - started
        build.refresh_from_db()
        if build.status == DocumentBuild.Status.FAILED:
            command.stderr.write(f"{options['kind']} {ident}: {build.error}")
            continue
        for document in build.documents.order_by("variant", "format"):
            command.stdout.write(
                f"{document.get_format_display()} ({document.get_variant_display().lower()}): "
                f"{document.title}, {number_format(document.size, force_grouping=True)} byte, "
                f"SHA-256 {document.sha256}, /dokumenter/{document.uuid}/"
            )
        if options["timing"]:
            command.stdout.write(f"timing {options['kind']} {ident}: {seconds:.3f} s")
            for fmt, spent in per_format.items():
                command.stdout.write(f"timing {options['kind']} {ident} {fmt}: {spent:.3f} s")
    if failed:
        raise CommandError(f"Bygningen fejlede for {', '.join(failed)}; intet andet er ændret.")


JOBS = {
    "build": Job("Byg og gem PDF og Word for dokumenterne.", add_build_arguments, run_build_job),
}
