"""`make run` loads the demo with --documents: what the demo publishes gets its PDF and Word
queued for the worker, once."""

import io

from django.core.management import call_command

from kredsraad.plans.models import PlanVersion
from kredsraad.publishing.models import DocumentBuild, Kind


def test_demo_queues_the_documents_of_what_it_publishes_once(db):
    out = io.StringIO()
    call_command("demo", "--documents", stdout=out)

    queued = DocumentBuild.objects.filter(status=DocumentBuild.Status.QUEUED)
    plan_versions = set(queued.filter(kind=Kind.PLAN).values_list("plan_version", flat=True))
    assert plan_versions == set(PlanVersion.objects.values_list("pk", flat=True))
    assert queued.filter(kind=Kind.MINUTES).exists()
    assert (
        f"{queued.count()} dokumenter (PDF og Word) er sat i kø til arbejderen." in out.getvalue()
    )

    call_command("demo", "--documents", "--quiet")

    assert DocumentBuild.objects.count() == queued.count()


def test_demo_without_the_option_queues_nothing(db):
    call_command("demo", "--quiet")

    assert not DocumentBuild.objects.exists()
