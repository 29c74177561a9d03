"""The analytiker's pages: upload a statistics file, see its preview or problems, import it and
watch the progress; and keep the mapping of the police's categories to offence codes.

Everything hangs under a district the user sees (another district is a 404) and needs
statistics.import_statistics there (without it the pages do not exist either). Writes go through
statistics.uploads and statistics.police."""

from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kredsraad.accounts.scoping import districts_visible_to
from kredsraad.core.views import require_perm
from kredsraad.statistics.importing import police, revisions, uploads
from kredsraad.statistics.importing.upload_forms import (
    MappingEntryForm,
    MappingListForm,
    UploadForm,
    max_bytes,
)
from kredsraad.statistics.models import Dataset, ImportJob, PoliceCategoryMapping

RECENT = 20
REVISIONS_PER_PAGE = 100


def _district(request, slug):
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    require_perm(request.user, "statistics.import_statistics", district)
    return district


def _jobs(district):
    """The district's uploads, without the files themselves (up to 50 MB each)."""
    return ImportJob.objects.filter(district=district).defer("content")


@login_required
def upload(request, slug):
    district = _district(request, slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = uploads.preview_upload(
            district,
            kind=form.cleaned_data["kind"],
            name=upload.name,
            content=upload.read(max_bytes() + 1),
            table=form.cleaned_data["table"],
            by=request.user,
        )
        return redirect("statistics:import_job", slug=district.slug, pk=job.pk)
    context = {
        "current_district": district,
        "district": district,
        "form": form,
        "jobs": _jobs(district)
        .defer("preview", "problems", "notes")
        .select_related("dataset", "created_by")[:RECENT],
        # Danmarks Statistik's figures are national: every import of them, from the web, the
        # shell or the demo. The police's are the districts' own and show as jobs above.
        "datasets": Dataset.objects.exclude(source=Dataset.Source.POLICE).select_related(
            "imported_by"
        )[:RECENT],
        "mapping_count": PoliceCategoryMapping.objects.filter(district=district).count(),
    }
    return render(request, "statistics/upload.html", context)


@login_required
def import_job(request, slug, pk):
    district = _district(request, slug)
    job = get_object_or_404(_jobs(district).select_related("dataset", "created_by"), pk=pk)
    context = {
        "current_district": district,
        "district": district,
        "job": job,
        "running": job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING),
    }
    if request.headers.get("HX-Target") == "import-progress":
        return render(request, "statistics/_import_progress.html", context)
    return render(request, "statistics/upload_job.html", context)


@login_required
def dataset_revisions(request, slug, pk):
    """The figures an import changed or removed, old beside new. Danmarks Statistik's datasets
    are national; a police export's only shows from the district it was uploaded in."""
    district = _district(request, slug)
    datasets = Dataset.objects.filter(
        ~Q(source=Dataset.Source.POLICE)
        | Q(pk__in=ImportJob.objects.filter(district=district).values("dataset"))
    )
    dataset = get_object_or_404(datasets, pk=pk)
    page = Paginator(revisions.revisions_of(dataset), REVISIONS_PER_PAGE).get_page(
        request.GET.get("side")
    )
    context = {
        "current_district": district,
        "district": district,
        "dataset": dataset,
        "page": page,
        "population": dataset.table == "FOLK1A",
    }
    return render(request, "statistics/dataset_revisions.html", context)


@login_required
@require_POST
def import_start(request, slug, pk):
    district = _district(request, slug)
    job = get_object_or_404(_jobs(district), pk=pk)
    if not uploads.start_import(job):
        messages.error(request, _not_startable(job.status))
    return redirect("statistics:import_job", slug=district.slug, pk=job.pk)


def _not_startable(status: str) -> str:
    if status == ImportJob.Status.DONE:
        return _("Filen er allerede indlæst.")
    if status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING):
        return _("Filen er allerede ved at blive indlæst.")
    if status == ImportJob.Status.REFUSED:
        return _("Filen er afvist og kan ikke indlæses. Ret fejlene, og vælg den igen.")
    return _("Indlæsningen fejlede. Vælg filen igen for at prøve en gang til.")


# The police's categories ------------------------------------------------------------------------


@login_required
def police_mapping(request, slug):
    district = _district(request, slug)
    entry_form = MappingEntryForm(prefix="one")
    list_form = MappingListForm(prefix="list", initial={"text": _initial_text(request, district)})
    problems = []
    if request.method == "POST" and "add" in request.POST:
        entry_form = MappingEntryForm(request.POST, prefix="one")
        if entry_form.is_valid():
            category = entry_form.cleaned_data["category"]
            code = entry_form.cleaned_data["offence"].code
            police.save_mapping(district, [police.Entry(0, category, code)], by=request.user)
            messages.success(
                request,
                _("»%(category)s« tælles nu som %(code)s.") % {"category": category, "code": code},
            )
            return redirect("statistics:police_mapping", slug=district.slug)
    elif request.method == "POST":
        list_form = MappingListForm(request.POST, request.FILES, prefix="list")
        if list_form.is_valid():
            try:
                entries = police.read_mapping(list_form.cleaned_data["text"])
            except police.MappingRefused as refused:
                problems = refused.problems
                messages.error(request, str(refused))
            else:
                saved = police.save_mapping(
                    district, entries, replace=list_form.cleaned_data["replace"], by=request.user
                )
                messages.success(
                    request,
                    _(
                        "Kategorierne er gemt: %(created)d nye, %(updated)d ændrede, "
                        "%(unchanged)d uændrede og %(removed)d fjernet."
                    )
                    % asdict(saved),
                )
                return redirect("statistics:police_mapping", slug=district.slug)
    context = {
        "current_district": district,
        "district": district,
        "mappings": PoliceCategoryMapping.objects.filter(district=district)
        .select_related("offence")
        .order_by("category"),
        "entry_form": entry_form,
        "list_form": list_form,
        "problems": problems,
        "history": police.mapping_history(district),
    }
    return render(request, "statistics/police_mapping.html", context)


def _initial_text(request, district) -> str:
    """The district's mapping as lines to edit; coming from a refused export, its unmapped
    categories to give a code."""
    job_id = request.GET.get("indlaesning", "")
    job = None
    if job_id:
        # Only a plain number can name a job: "²" passes isdigit() and 20 digits pass it too,
        # and either made the database query fail.
        if not (job_id.isascii() and job_id.isdigit() and len(job_id) <= 18):
            raise Http404
        job = _jobs(district).filter(pk=int(job_id)).first()
    if job and job.preview.get("unmapped"):
        return police.as_lines([(category, "") for category in job.preview["unmapped"]])
    return police.as_text(district)


@login_required
@require_POST
def police_mapping_remove(request, slug, pk):
    district = _district(request, slug)
    mapping = get_object_or_404(PoliceCategoryMapping, district=district, pk=pk)
    police.remove_mapping(mapping, by=request.user)
    messages.success(request, _("»%(category)s« er fjernet.") % {"category": mapping.category})
    return redirect("statistics:police_mapping", slug=district.slug)
