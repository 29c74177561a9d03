"""Commands made of subcommands (`kredsraad statistics import|fetch|…`, `kredsraad documents
build`): each subcommand is a `Job`, a function that adds its arguments and one that runs it,
so a new one is an entry in the command's JOBS and a module of its own."""

from collections.abc import Callable
from typing import NamedTuple

from django.core.management.base import BaseCommand


class Job(NamedTuple):
    help: str
    arguments: Callable  # (parser) -> None
    run: Callable  # (command, options) -> None


class JobCommand(BaseCommand):
    """A management command whose subcommands are the `Job`s `jobs()` returns by name."""

    def jobs(self) -> dict[str, Job]:
        raise NotImplementedError

    def add_arguments(self, parser):
        jobs = self.jobs()
        subparsers = parser.add_subparsers(dest="job", required=True, metavar="|".join(jobs))
        for name, job in jobs.items():
            job.arguments(subparsers.add_parser(name, help=job.help, description=job.help))

    def handle(self, *args, job, **options):
        self.jobs()[job].run(self, options)
