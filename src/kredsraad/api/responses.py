"""What every operation shares: the response codes it declares, paging with a capped size,
and a Danish 404."""

import math

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kredsraad.api.schemas import MAX_PAGE_SIZE, Error, Paging, ValidationErrorOut

# Every code an operation can answer is declared, so the OpenAPI document is the whole truth.
READ = {304: None, 401: Error, 422: ValidationErrorOut}
DETAIL = {**READ, 404: Error}


def page_of(queryset: QuerySet, paging: Paging, convert) -> dict:
    """One page of `queryset`, each row passed through `convert`. A page size above the cap
    is lowered to it; a page past the end is empty, not an error."""
    size = min(paging.page_size, MAX_PAGE_SIZE)
    count = queryset.count()
    start = (paging.page - 1) * size
    rows = list(queryset[start : start + size]) if start < count else []
    return {
        "count": count,
        "page": paging.page,
        "page_size": size,
        "pages": math.ceil(count / size) if count else 0,
        "results": [convert(row) for row in rows],
    }


def get_or_404(queryset: QuerySet, **lookup):
    found = queryset.filter(**lookup).first()
    if found is None:
        raise Http404(_("Findes ikke, eller du har ikke adgang."))
    return found


def unknown(field: str, value, message: str):
    """A 422 for a filter value that names nothing, in the same shape as ninja's own."""
    from ninja.errors import ValidationError

    return ValidationError(
        [{"loc": ["query", field], "msg": message % {"value": value}, "type": "unknown"}]
    )


def filter_district(queryset: QuerySet, slug: str | None, *, field: str = "district__slug"):
    """Narrow to a police district given by slug; an unknown slug is a 422 naming it."""
    from kredsraad.councils.models import PoliceDistrict

    if slug is None:
        return queryset
    if not PoliceDistrict.objects.filter(slug=slug).exists():
        raise unknown(
            "district",
            slug,
            _("Ukendt politikreds »%(value)s«; brug kortnavnet, fx nordjyllands-politi."),
        )
    return queryset.filter(**{field: slug})
