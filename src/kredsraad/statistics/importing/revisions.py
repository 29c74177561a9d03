"""What an import changed: the cells a dataset revised or removed, read back from the history
pghistory's triggers keep (each event holds the row as it was before, and its context names the
dataset that changed it)."""

from django.db.models import (
    BooleanField,
    Case,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from pghistory.models import Context

from kredsraad.statistics.models import Area, Dataset, Observation, Population

REMOVED = "removed"


def _events(model, dataset: Dataset) -> QuerySet:
    """`model`'s history events written by the import of `dataset`, each with `new_value`: what
    the import put there (the row's next old value, or its value today), None when it removed
    the cell. The police districts' sums and derived totals follow from other cells and are left
    out, except where an official figure replaced a derived total (Hele landet, a region): that
    is a revision of what the pages showed."""
    events = model.pgh_event_model.objects
    # Few contexts (one per import), so they are found first and the events by their index.
    contexts = Context.objects.filter(metadata__statistics_dataset=dataset.pk).values("pk")
    later = events.filter(pgh_obj_id=OuterRef("pgh_obj_id"), pgh_id__gt=OuterRef("pgh_id"))
    now = model.objects.filter(pk=OuterRef("pgh_obj_id"))
    return (
        events.filter(pgh_context_id__in=contexts)
        .exclude(area__kind=Area.Kind.DISTRICT)
        .annotate(
            new_derived=Coalesce(
                Subquery(later.order_by("pgh_id").values("derived")[:1]),
                Subquery(now.values("derived")[:1]),
                output_field=BooleanField(),
            )
        )
        .filter(Q(derived=False) | Q(new_derived=False))
        .select_related("area")
        .annotate(
            new_value=Case(
                When(pgh_label=REMOVED, then=Value(None)),
                default=Coalesce(
                    Subquery(later.order_by("pgh_id").values("value")[:1]),
                    Subquery(now.values("value")[:1]),
                ),
                output_field=IntegerField(),
            ),
            old_value=F("value"),
        )
    )


def revisions_of(dataset: Dataset) -> QuerySet:
    """The cells `dataset` changed or removed, in the order of area, offence and period (for
    FOLK1A: area and year). Rows have `area`, `old_value`, `new_value` and, for the crime
    tables, `offence` and `period`."""
    if dataset.table == "FOLK1A":
        return _events(Population, dataset).order_by("area__code", "year")
    return (
        _events(Observation, dataset)
        .select_related("offence")
        .order_by("area__code", "offence__code", "year", "quarter", "age", "sex", "key")
    )
