"""A police district's statistics page and the downloads of its tables.

Statistics are Danmarks Statistik's public figures: everyone with a role in the district sees
its page (as they see the district), administrators every district's; any other district is a
404 (`districts_visible_to`)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from kredsraad.accounts.scoping import districts_visible_to
from kredsraad.statistics.reading import downloads, page_cache
from kredsraad.statistics.reading.charts import DANISH_NUMBERS
from kredsraad.statistics.reading.page import TABLES, district_page

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def district(request, slug):
    """The figures are rendered once per district, choice and state of the data, and kept
    (`page_cache`); the user only decides whether the import links show."""
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    can_import = request.user.has_perm("statistics.import_statistics", district)

    def figures():
        context = {
            "district": district,
            "page": district_page(district, request.GET),
            "query": request.GET.urlencode(),
            "format_locale": DANISH_NUMBERS,
            "can_import": can_import,
        }
        return render_to_string("statistics/_district_figures.html", context)

    key = page_cache.page_key(f"district:{can_import}", district.pk, request.GET)
    context = {
        "current_district": district,
        "district": district,
        "figures": page_cache.kept(key, figures),
        "can_import": can_import,
    }
    return render(request, "statistics/district.html", context)


@login_required
def download(request, slug, table, export):
    """One of the page's tables as CSV or XLSX, for the same choices as the page."""
    district = get_object_or_404(districts_visible_to(request.user), slug=slug)
    if table not in TABLES:
        raise Http404(_("Ukendt tabel."))
    refused = []

    def file():
        page = district_page(district, request.GET)
        if not page.ready:
            problems = [
                str(e)
                for errors in (page.form.errors.values() if page.form else [])
                for e in errors
            ]
            refused.append(
                " ".join(problems or [page.problem or _("Der er ingen statistik at hente.")])
            )
            return None
        content = page.tables[table]
        body = downloads.as_csv(content) if export == "csv" else downloads.as_xlsx(content)
        source = "-politi" if page.from_police else ""
        name = f"{table}{source}-{district.slug}-{page.offence.code}-{page.period}.{export}"
        return name, body

    key = page_cache.page_key(f"download:{table}.{export}", district.pk, request.GET)
    kept = page_cache.kept(key, file)
    if kept is None:
        return HttpResponseBadRequest(refused[0], content_type="text/plain; charset=utf-8")
    name, body = kept
    response = HttpResponse(body, content_type=CONTENT_TYPES[export])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
