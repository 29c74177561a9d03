"""The documents: download of a published file; the "Byg PDF og Word" button on the plan
version, handleplan, meeting and minutes pages; the build's polled progress; the yearly status
report page of a district. Building is for those who may publish the subject
(plans.edit_plan, plans.write_action_plan, meetings.run_meeting, councils.manage_district);
for everyone else those pages are a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from kredsraad.accounts.scoping import (
    action_plans_visible_to,
    districts_visible_to,
    meetings_visible_to,
    plans_visible_to,
)
from kredsraad.core.views import require_perm
from kredsraad.plans.models import PlanVersion
from kredsraad.publishing.build import BuildRefused, current_documents, request_build
from kredsraad.publishing.models import DocumentBuild, DocumentContent, Kind, Variant
from kredsraad.publishing.queries import documents_visible_to

KIND_SLUGS = {
    "plan": Kind.PLAN,
    "handleplan": Kind.ACTION_PLAN,
    "dagsorden": Kind.AGENDA,
    "referat": Kind.MINUTES,
}


@require_safe
def document(request, uuid):
    """The stored bytes, exactly as published; the ETag is their SHA-256, so a cache keeps them
    for good. Anything the visitor may not see is a 404."""
    doc = get_object_or_404(documents_visible_to(request.user), uuid=uuid)
    etag = f'"{doc.sha256}"'
    if none_match(request.headers.get("If-None-Match", ""), etag):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    stored = get_object_or_404(DocumentContent, document=doc)
    response = HttpResponse(bytes(stored.data), content_type=doc.content_type)
    response["Content-Disposition"] = content_disposition_header(False, doc.file_name)
    response["Content-Length"] = str(doc.size)
    response["ETag"] = etag
    public = doc.variant == Variant.PUBLIC
    response["Cache-Control"] = "max-age=3600" if public else "private, max-age=3600"
    return response


def none_match(header: str, etag: str) -> bool:
    """Whether an If-None-Match header matches `etag` (RFC 9110 § 13.1.2): a comma-separated
    list of entity tags, weak ones (W/"…") compared by their value, or "*" for any."""
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate == "*":
            return True
        if candidate.startswith("W/"):
            candidate = candidate[2:]
        if candidate == etag:
            return True
    return False


def subject_for(user, kind: str, pk: int):
    """The subject a user may build documents of, or a 404."""
    if kind == Kind.PLAN:
        version = get_object_or_404(
            PlanVersion.objects.select_related("plan__district").filter(
                plan__in=plans_visible_to(user)
            ),
            pk=pk,
        )
        require_perm(user, "plans.edit_plan", version.plan)
        return version
    if kind == Kind.ACTION_PLAN:
        action_plan = get_object_or_404(action_plans_visible_to(user), pk=pk)
        require_perm(user, "plans.write_action_plan", action_plan)
        return action_plan
    meeting = get_object_or_404(meetings_visible_to(user), pk=pk)
    require_perm(user, "meetings.run_meeting", meeting.council)
    return meeting


def _subject_of_build(user, build: DocumentBuild):
    """404 unless the user may build what the build builds."""
    if build.kind == Kind.STATUS_REPORT:
        district = get_object_or_404(districts_visible_to(user), pk=build.district_id)
        require_perm(user, "councils.manage_district", district)
        return district
    pk = build.plan_version_id or build.action_plan_id or build.meeting_id
    return subject_for(user, build.kind, pk)


@login_required
@require_POST
def build_start(request, kind, pk):
    if kind not in KIND_SLUGS:
        raise Http404
    subject = subject_for(request.user, KIND_SLUGS[kind], pk)
    return _start(request, KIND_SLUGS[kind], subject)


def _start(request, kind, subject):
    try:
        build = request_build(kind, subject, by=request.user)
    except BuildRefused as refused:
        messages.error(request, str(refused))
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
            back = "/"
        return redirect(back)
    return redirect("publishing:build", build.pk)


@login_required
def build_status(request, pk):
    """The build's page; for the HTMX poll only its progress partial."""
    build = get_object_or_404(DocumentBuild.objects.select_related("district"), pk=pk)
    subject = _subject_of_build(request.user, build)
    context = {
        "build": build,
        "running": not build.is_finished and not build.is_stale,
        "subject": subject,
        "rebuild_url": _rebuild_url(build),
        "documents": build.documents.order_by("variant", "format"),
    }
    if request.headers.get("HX-Request"):
        return render(request, "publishing/_build_progress.html", context)
    return render(request, "publishing/build.html", context)


def _rebuild_url(build: DocumentBuild) -> str:
    """Where the »Byg igen« button posts for the build's subject."""
    if build.kind == Kind.STATUS_REPORT:
        return reverse("publishing:status_report", args=[build.district.slug, build.year])
    slug = next(slug for slug, kind in KIND_SLUGS.items() if kind == build.kind)
    pk = build.plan_version_id or build.action_plan_id or build.meeting_id
    return reverse("publishing:build_start", args=[slug, pk])


@login_required
def status_report(request, slug, year):
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    require_perm(request.user, "councils.manage_district", district)
    if not 2000 <= year <= 2100:
        raise Http404
    if request.method == "POST":
        return _start(request, Kind.STATUS_REPORT, (district, year))
    context = {
        "district": district,
        "year": year,
        "documents": current_documents(district=district, kind=Kind.STATUS_REPORT, year=year),
        "builds": DocumentBuild.objects.filter(
            district=district, kind=Kind.STATUS_REPORT, year=year
        )[:5],
    }
    return render(request, "publishing/status_report.html", context)
