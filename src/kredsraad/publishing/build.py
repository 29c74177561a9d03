"""Building a document: request a build (queued for the worker), run it (PDF and Word for each
variant), store the files once. All files of a build are stored together or not at all: a build
that fails records its error and leaves the previously published documents as they were.

    request_build(kind, subject, by=user)   → DocumentBuild, queued after the commit
    run_build(build.pk)                     → the worker's body (or the CLI's, synchronously)
"""

import hashlib
import logging
import time
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kredsraad.core import effects
from kredsraad.core.effects import Effect
from kredsraad.meetings.models import Minutes
from kredsraad.publishing.documents.action_plan import action_plan_document
from kredsraad.publishing.documents.meeting import agenda_document, minutes_document
from kredsraad.publishing.documents.pdf import render_pdf
from kredsraad.publishing.documents.plan import plan_document
from kredsraad.publishing.documents.status_report import status_report_document
from kredsraad.publishing.documents.word import render_docx
from kredsraad.publishing.models import (
    DocumentBuild,
    DocumentContent,
    Format,
    Kind,
    PublishedDocument,
    Variant,
)

logger = logging.getLogger(__name__)

RENDERERS = {Format.PDF: render_pdf, Format.DOCX: render_docx}


class BuildRefused(Exception):
    """The subject cannot be built (yet): the message says why, in Danish."""


def subject_fields(kind: str, subject) -> dict:
    """The build's and the documents' fields naming `subject` (a PlanVersion, an ActionPlan, a
    Meeting, or (district, year) for a status report). Refuses what is not ready."""
    if kind == Kind.PLAN:
        return {"plan_version": subject, "district": subject.plan.district}
    if kind == Kind.ACTION_PLAN:
        return {"action_plan": subject, "district": subject.plan.district}
    if kind == Kind.AGENDA:
        if not subject.items.exists():
            raise BuildRefused(_("Mødet har ingen punkter på dagsordenen endnu."))
        return {"meeting": subject, "district": subject.council.district}
    if kind == Kind.MINUTES:
        minutes = Minutes.objects.filter(meeting=subject).first()
        if minutes is None or minutes.status != Minutes.Status.APPROVED:
            raise BuildRefused(_("Referatet kan først bygges, når det er godkendt."))
        return {"meeting": subject, "district": subject.council.district}
    if kind == Kind.STATUS_REPORT:
        district, year = subject
        return {"district": district, "year": year}
    raise BuildRefused(_("Ukendt dokumenttype: %(kind)s") % {"kind": kind})


def variants_of(kind: str) -> list[str]:
    if kind in (Kind.AGENDA, Kind.MINUTES):
        return [Variant.PUBLIC, Variant.MEMBERS]
    return [Variant.PUBLIC]


def queue_build(kind: str, subject, *, by) -> DocumentBuild:
    """Record a queued build of `subject` (refused with BuildRefused when it is not ready)."""
    fields = subject_fields(kind, subject)
    return DocumentBuild.objects.create(
        kind=kind, created_by=by, total=2 * len(variants_of(kind)), **fields
    )


def request_build(kind: str, subject, *, by) -> DocumentBuild:
    """Queue a build of `subject` and hand it to the worker once committed."""
    from kredsraad.publishing.tasks import build_documents  # the task module imports this one

    build = queue_build(kind, subject, by=by)
    transaction.on_commit(lambda: build_documents.enqueue(build.pk))
    return build


def build_on_publication(kind: str, subject, *, by) -> DocumentBuild | None:
    """The PDF and Word of what was just published (a plan version, a handleplan, a sent
    agenda, approved minutes), queued so one click publishes the documents too. What is not
    ready to build is left alone (None): publishing never fails for want of a document, and the
    »Byg PDF og Word« button can build it later."""
    try:
        return request_build(kind, subject, by=by)
    except BuildRefused:
        return None


BUILT_ON = {
    Effect.PLAN_PUBLISHED: Kind.PLAN,
    Effect.ACTION_PLAN_PUBLISHED: Kind.ACTION_PLAN,
    Effect.AGENDA_CHANGED: Kind.AGENDA,
    Effect.MINUTES_APPROVED: Kind.MINUTES,
}


@effects.handles(*BUILT_ON)
def build_what_changed(effect: Effect, subject, *, by) -> None:
    """Whatever path published or changed it, the subject's documents are built again."""
    build_on_publication(BUILT_ON[effect], subject, by=by)


def run_build(
    build_id: int,
    *,
    progress: Callable[[int, int], None] | None = None,
    rendered: Callable[[str, str, float], None] | None = None,
) -> None:
    """Build a queued build's files and store them (see the module). Runs once: a build that is
    not queued any more is left alone. An error is recorded on the build and raised again, for
    the task's own record. `progress(done, total)` is told after each file, `rendered(variant,
    format, seconds)` how long each file took to render (the CLI's --timing)."""
    claimed = DocumentBuild.objects.filter(pk=build_id, status=DocumentBuild.Status.QUEUED).update(
        status=DocumentBuild.Status.RUNNING
    )
    if not claimed:
        return
    build = DocumentBuild.objects.select_related(
        "district", "plan_version__plan__district", "action_plan__plan__district", "meeting"
    ).get(pk=build_id)
    started = time.perf_counter()
    try:
        files = _render(build, progress, rendered)
        with transaction.atomic():
            for variant, document, fmt, data in files:
                _store(build, variant, document.title, fmt, data)
    except Exception as error:
        build.status = DocumentBuild.Status.FAILED
        build.error = _(
            "Dokumentet kunne ikke bygges (%(error)s: %(detail)s). Det tidligere offentliggjorte "
            "dokument er uændret. Prøv igen, eller kontakt en administrator."
        ) % {"error": type(error).__name__, "detail": str(error)[:300]}
        _finish(build, started)
        raise
    build.status = DocumentBuild.Status.DONE
    build.done = build.total
    _finish(build, started)


def _render(build: DocumentBuild, progress, rendered) -> list:
    files = []
    variants = variants_of(build.kind)
    total = 2 * len(variants)
    for variant in variants:
        document = source_document(build, variant)
        for fmt in (Format.PDF, Format.DOCX):
            started = time.perf_counter()
            files.append((variant, document, fmt, RENDERERS[fmt](document)))
            if rendered:
                rendered(variant, fmt, time.perf_counter() - started)
            # Outside any transaction, so the page that polls sees it at once.
            DocumentBuild.objects.filter(pk=build.pk).update(done=len(files), total=total)
            if progress:
                progress(len(files), total)
    return files


def source_document(build: DocumentBuild, variant: str):
    if build.kind == Kind.PLAN:
        return plan_document(build.plan_version)
    if build.kind == Kind.ACTION_PLAN:
        return action_plan_document(build.action_plan)
    if build.kind == Kind.AGENDA:
        return agenda_document(build.meeting, variant)
    if build.kind == Kind.MINUTES:
        return minutes_document(build.meeting, variant)
    return status_report_document(build.district, build.year)


def _store(build: DocumentBuild, variant: str, title: str, fmt: str, data: bytes):
    document = PublishedDocument.objects.create(
        district=build.district,
        kind=build.kind,
        format=fmt,
        variant=variant,
        title=title[:300],
        plan_version=build.plan_version,
        action_plan=build.action_plan,
        meeting=build.meeting,
        year=build.year,
        build=build,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        built_by=build.created_by,
    )
    DocumentContent.objects.create(document=document, data=data)
    return document


def _finish(build: DocumentBuild, started: float) -> None:
    build.finished_at = timezone.now()
    build.seconds = round(time.perf_counter() - started, 3)
    build.save(update_fields=["status", "error", "done", "total", "finished_at", "seconds"])


def current_documents(**subject) -> list[PublishedDocument]:
    """The newest document of each format and variant for a subject (plan_version=…,
    action_plan=…, meeting=… and kind=…, or district=… and year=…), PDF first."""
    newest = {}
    for document in PublishedDocument.objects.filter(**subject).order_by("-created_at", "-pk"):
        newest.setdefault((document.kind, document.variant, document.format), document)
    return sorted(newest.values(), key=lambda d: (d.kind, d.variant != "public", d.format != "pdf"))
