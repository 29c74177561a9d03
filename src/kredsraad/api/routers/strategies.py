"""Multi-year strategies with their published versions and the yearly plans tied to them.

As with plans: readers inside (a role in the strategy's district) read a strategy as it is now;
everyone else reads it as its newest version was published, also while it is being corrected.
"""

import uuid

from django.db.models import Max, Prefetch
from ninja import Field, Query, Router

from kredsraad.api import queries
from kredsraad.api.responses import DETAIL, READ, filter_district, get_or_404, page_of
from kredsraad.api.schemas import Modified, Page, Paging, Slug, StrategyDetailOut, StrategyOut
from kredsraad.strategies.document import strategy_content

router = Router(tags=["Strategier"])


class StrategyFilter(Modified):
    district: Slug | None = Field(None, description="Politikredsens kortnavn (slug).")
    year: int | None = Field(
        None, ge=2000, le=2100, description="Kun strategier, hvis periode omfatter året."
    )


def _strategies(user):
    plans = queries.plans_for(user).select_related(None).only("uuid", "strategy_id", "year")
    plans = plans.order_by("year")
    return (
        queries.strategies_for(user)
        .annotate(published_version=Max("versions__number"))
        .prefetch_related(Prefetch("plans", queryset=plans, to_attr="readable_plans"))
    )


def _as_read(strategy) -> bool:
    """Whether the reader reads the strategy as published rather than as it is now."""
    return not strategy.inside and strategy.published_version is not None


def strategy_out(strategy) -> dict:
    published = _as_read(strategy)
    return {
        "uuid": strategy.uuid,
        "district": strategy.district.slug,
        "title": strategy.public_title if published else strategy.title,
        "first_year": strategy.public_first_year if published else strategy.first_year,
        "last_year": strategy.public_last_year if published else strategy.last_year,
        "status": strategy.status,
        "published_version": strategy.published_version,
        "plans": [plan.uuid for plan in strategy.readable_plans],
        "modified": strategy.updated_at,
    }


@router.get("/strategies/", response={200: Page[StrategyOut], **READ}, summary="Strategier")
def strategies(request, paging: Query[Paging], filters: Query[StrategyFilter]):
    rows = filter_district(_strategies(request.auth), filters.district)
    if filters.year:
        rows = rows.filter(first_year__lte=filters.year, last_year__gte=filters.year)
    if filters.modified_since:
        rows = rows.filter(updated_at__gt=filters.modified_since)
    return page_of(rows.order_by("district__code", "-first_year", "pk"), paging, strategy_out)


@router.get(
    "/strategies/{strategy_uuid}/",
    response={200: StrategyDetailOut, **DETAIL},
    summary="Strategi",
)
def strategy(request, strategy_uuid: uuid.UUID):
    """Med en offentliggjort version: den nyeste version, som den blev frosset, med målenes
    fremdrift, som den var ved offentliggørelsen. En strategi, der endnu ikke er
    offentliggjort eller er under rettelse, ses med en nøgle til en bruger, der kan se den,
    som den er nu; alle andre ser den seneste offentliggjorte version."""
    found = get_or_404(_strategies(request.auth), uuid=strategy_uuid)
    newest = found.versions.order_by("-number")
    versions = list(newest.only("number", "published_at", "change_note"))
    if found.inside and (found.in_correction or not versions):
        content = strategy_content(found)
    else:
        content = newest.values_list("content", flat=True).first()
    return {
        **strategy_out(found),
        "versions": [
            {"number": v.number, "published_at": v.published_at, "change_note": v.change_note}
            for v in versions
        ],
        "content": content,
    }
