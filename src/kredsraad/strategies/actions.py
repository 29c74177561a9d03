"""What the secretariat does to a multi-year strategy: write it, record the kredsråd's approval,
publish frozen versions, correct them, and tie the yearly plans of its period to it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kredsraad.core import effects
from kredsraad.core.actors import attributed
from kredsraad.core.effects import Effect
from kredsraad.core.saving import Refused, constraints_as_errors, save_checked
from kredsraad.goals.models import Goal
from kredsraad.plans.models import CooperationPlan
from kredsraad.strategies.document import strategy_content
from kredsraad.strategies.models import DASH, LONGEST_YEARS, Strategy, StrategyVersion

FIELDS = ["title", "first_year", "last_year", "body"]
# The database's constraints, shown on the field the user can correct.
ON_FIELDS = {
    "strategy_years_plausible": "first_year",
    "strategy_period_ordered": "last_year",
}


class StrategyStateError(Refused):
    """The strategy's state does not allow this; the message says why, in Danish."""


def check_period(first_year: int, last_year: int) -> None:
    """A period runs forwards, lies between 2000 and 2100 and spans at most ten years."""
    if not (2000 <= first_year <= 2100):
        raise ValidationError({"first_year": _("Første år skal ligge mellem 2000 og 2100.")})
    if last_year < first_year:
        raise ValidationError(
            {
                "last_year": _("Sidste år (%(last)s) ligger før første år (%(first)s).")
                % {"last": last_year, "first": first_year}
            }
        )
    if last_year - first_year + 1 > LONGEST_YEARS:
        raise ValidationError(
            {
                "last_year": _("En strategi dækker højst %(years)s år; %(period)s er %(span)s år.")
                % {
                    "years": LONGEST_YEARS,
                    "period": f"{first_year}{DASH}{last_year}",
                    "span": last_year - first_year + 1,
                }
            }
        )


def is_editable(strategy: Strategy) -> bool:
    """A draft can be edited, and a published strategy while it is corrected. An approved
    strategy waits unchanged for publication."""
    return strategy.status == Strategy.Status.DRAFT or strategy.in_correction


def require_editable(strategy: Strategy) -> None:
    if not is_editable(strategy):
        raise StrategyStateError(
            _("Strategien er %(status)s og kan ikke længere redigeres.")
            % {"status": strategy.get_status_display().lower()}
        )


@attributed
def create_strategy(
    district, *, title: str, first_year: int, last_year: int, body: str = "", by
) -> Strategy:
    """A draft strategy for the district's period `first_year` to `last_year`."""
    check_period(first_year, last_year)
    strategy = Strategy(
        district=district, title=title, first_year=first_year, last_year=last_year, body=body
    )
    with constraints_as_errors(Strategy, on_fields=ON_FIELDS):
        strategy.save()
    return strategy


@attributed
def update_strategy(
    strategy: Strategy,
    *,
    title: str,
    first_year: int,
    last_year: int,
    body: str,
    expected_version: int,
    by,
) -> Strategy:
    """Change the text or the period. The yearly plans tied to the strategy must stay inside
    the period: untie them first."""
    require_editable(strategy)
    check_period(first_year, last_year)
    outside = sorted(
        strategy.plans.exclude(year__range=(first_year, last_year)).values_list("year", flat=True)
    )
    if outside:
        raise ValidationError(
            {
                "last_year" if outside[-1] > last_year else "first_year": _(
                    "Årsplanen for %(years)s er knyttet til strategien og ville ligge uden for "
                    "perioden %(period)s. Fjern koblingen på planen først."
                )
                % {
                    "years": ", ".join(map(str, outside)),
                    "period": f"{first_year}{DASH}{last_year}",
                }
            }
        )
    strategy.title = title
    strategy.first_year = first_year
    strategy.last_year = last_year
    strategy.body = body
    return save_checked(
        strategy, expected_version=expected_version, fields=FIELDS, on_fields=ON_FIELDS
    )


@attributed
def approve_strategy(strategy: Strategy, *, on: datetime.date, reference: str, by) -> Strategy:
    """Record the kredsråd's approval. An approved strategy can be published but not edited."""
    if strategy.status != Strategy.Status.DRAFT:
        raise StrategyStateError(_("Kun en kladde kan godkendes."))
    if on > timezone.localdate():
        raise StrategyStateError(_("Godkendelsesdatoen kan ikke ligge i fremtiden."))
    if not reference.strip():
        raise StrategyStateError(_("Angiv en reference til godkendelsen, fx mødet og punktet."))
    strategy.approved_on = on
    strategy.approval_reference = reference.strip()
    return _move(strategy, Strategy.Status.APPROVED, extra=["approved_on", "approval_reference"])


@attributed
def start_correction(strategy: Strategy, *, by) -> Strategy:
    """Open a published strategy for a correction; the published versions stay as they are."""
    if strategy.status != Strategy.Status.PUBLISHED or strategy.in_correction:
        raise StrategyStateError(_("Kun en offentliggjort strategi kan rettes."))
    strategy.in_correction = True
    return _move(strategy, strategy.status, extra=["in_correction"])


@attributed
def publish_strategy(
    strategy: Strategy, *, change_note: str = "", by, at: datetime.datetime | None = None
) -> StrategyVersion:
    """Freeze the strategy as it is now (content with its goals' computed progress, and HTML)
    as the next numbered version. The first publication needs an approved strategy; a
    correction needs a change note. `at` is for strategies published before they were kept
    here (the demo's); it defaults to now."""
    correcting = strategy.status == Strategy.Status.PUBLISHED and strategy.in_correction
    if strategy.status != Strategy.Status.APPROVED and not correcting:
        raise StrategyStateError(
            _("Kun en godkendt strategi eller en rettelse kan offentliggøres.")
        )
    if correcting and not change_note.strip():
        raise StrategyStateError(_("Skriv en ændringsnote, der forklarer rettelsen."))
    with transaction.atomic():
        locked = Strategy.objects.select_for_update().select_related("district").get(pk=strategy.pk)
        number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        # The published document is Danish, whichever language the publisher reads.
        with translation.override("da"):
            content = strategy_content(locked)
            html = render_to_string("strategies/_document.html", {"document": content})
        version = StrategyVersion.objects.create(
            strategy=locked,
            number=number,
            published_by=by,
            published_at=at or timezone.now(),
            change_note=change_note.strip(),
            content=content,
            html=html,
        )
        strategy.in_correction = False
        _move(strategy, Strategy.Status.PUBLISHED, extra=["in_correction"])
        effects.announce(Effect.STRATEGY_PUBLISHED, version, by=by)
    return version


def _move(strategy: Strategy, status: str, *, extra=()) -> Strategy:
    strategy.status = status
    Strategy.objects.filter(pk=strategy.pk).update(
        status=status,
        version=F("version") + 1,
        updated_at=timezone.now(),
        **{name: getattr(strategy, name) for name in extra},
    )
    strategy.refresh_from_db(fields=["version", "status"])
    return strategy


# Yearly plans --------------------------------------------------------------------------------


@attributed
def link_plan(plan: CooperationPlan, *, strategy: Strategy | None, by) -> CooperationPlan:
    """Tie the yearly plan to the strategy whose period holds its year (None unties it). The
    plan must be editable: a published version keeps the strategy it was published with."""
    if not plan.is_editable:
        raise StrategyStateError(
            _("Planen er %(status)s; dens strategi kan ikke ændres nu.")
            % {"status": plan.get_status_display().lower()}
        )
    if strategy is not None:
        if strategy.district_id != plan.district_id:
            raise StrategyStateError(_("Strategien hører til en anden politikreds end planen."))
        if not strategy.covers(plan.year):
            raise StrategyStateError(
                _(
                    "Planen for %(year)s ligger uden for strategiens periode %(period)s; "
                    "vælg en strategi, hvis periode omfatter %(year)s."
                )
                % {"year": plan.year, "period": strategy.period_label}
            )
    plan.strategy = strategy
    with transaction.atomic():
        CooperationPlan.objects.filter(pk=plan.pk).update(
            strategy=strategy, version=F("version") + 1, updated_at=timezone.now()
        )
        # The year's goals counted toward the strategy the plan leaves; they count no longer.
        Goal.objects.filter(focus_area__plan=plan, contributes_to__isnull=False).exclude(
            contributes_to__strategy=strategy
        ).update(contributes_to=None, version=F("version") + 1)
    plan.refresh_from_db(fields=["version"])
    return plan
