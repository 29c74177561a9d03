"""The demo's published documents: `kredsraad demo --documents` (which `make run` uses) queues
the PDF and Word of everything the demo publishes and has none yet, for the worker beside the
server to build. Tests leave the option out, so loading the demo builds no PDF."""

from kredsraad.meetings.models import Meeting, Minutes
from kredsraad.plans.models import ActionPlan, PlanVersion
from kredsraad.publishing.build import build_on_publication
from kredsraad.publishing.models import DocumentBuild, Kind


def queue_documents() -> int:
    """Queue a build for each published plan version, published handleplan, sent agenda and
    approved minutes without one. Returns how many were queued."""
    subjects = [
        (Kind.PLAN, "plan_version", PlanVersion.objects.select_related("plan__district")),
        (
            Kind.ACTION_PLAN,
            "action_plan",
            ActionPlan.objects.filter(status=ActionPlan.Status.PUBLISHED).select_related(
                "plan__district"
            ),
        ),
        (
            Kind.AGENDA,
            "meeting",
            Meeting.objects.filter(agenda_sent_at__isnull=False).select_related("council"),
        ),
        (
            Kind.MINUTES,
            "meeting",
            Meeting.objects.filter(minutes__status=Minutes.Status.APPROVED).select_related(
                "council"
            ),
        ),
    ]
    queued = 0
    for kind, field, rows in subjects:
        built = set(DocumentBuild.objects.filter(kind=kind).values_list(f"{field}_id", flat=True))
        for subject in rows:
            if subject.pk not in built and build_on_publication(kind, subject, by=None):
                queued += 1
    return queued
