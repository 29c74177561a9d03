"""The internal search page, /soeg/: words, filters, and ranked hits the user may open."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from kredsraad.accounts.scoping import (
    districts_visible_to,
    municipalities_visible_to,
    plans_visible_to,
)
from kredsraad.core.views import id_param
from kredsraad.plans.models import Theme
from kredsraad.search import queries
from kredsraad.search.forms import SearchForm


@login_required
def search(request):
    user = request.user
    municipalities = list(municipalities_visible_to(user).order_by("name"))
    themes = list(Theme.objects.filter(retired=False).order_by("position", "label"))
    years = plans_visible_to(user).order_by("-year").values_list("year", flat=True).distinct()
    form = SearchForm(request.GET, municipalities=municipalities, themes=themes, years=years)
    ask = queries.question(request.GET.get("q"))
    code = form.value("kommune")
    filters = queries.Filters(
        kind=form.value("type"),
        municipality=next((m for m in municipalities if str(m.code) == code), None),
        theme=form.value("tema"),
        year=int(form.value("aar")) if form.value("aar") else None,
    )
    results = None
    problem = ask.problem if "q" in request.GET else ""
    if ask.query is not None:
        page = id_param(request.GET.get("side")) or 1
        results = queries.search(user, ask.query, filters, page=page)
        if not results.counts and queries.only_stop_words(ask.text):
            problem = _(
                "Søgningen indeholder kun almindelige ord som »og«, »i« og »at«, som der ikke "
                "søges på. Skriv et mere sigende ord, fx »indbrud«."
            )
            results = None
    context = {
        "current_district": districts_visible_to(user).first(),
        "form": form,
        "text": ask.text,
        "problem": problem,
        "results": results,
        "kinds": queries.KINDS,
        "filters": filters,
        "query_string": _query(request),
        "facets": _facets(request, results, filters),
        "all_kinds_query": _query(request, type=None),
    }
    return render(request, "search/search.html", context)


def _query(request, **changes) -> str:
    """The page's query string without the page number, with `changes` (None removes)."""
    params = request.GET.copy()
    params.pop("side", None)
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = value
    return params.urlencode()


def _facets(request, results, filters) -> list[dict]:
    """Each type with hits, how many, and the link that shows only that type."""
    if not results:
        return []
    return [
        {
            "label": kind.label,
            "count": results.counts[key],
            "current": filters.kind == key,
            "query": _query(request, type=key),
        }
        for key, kind in queries.KINDS.items()
        if results.counts.get(key)
    ]
