"""Small counts in published figures: which to hide and how a hidden one reads.

A count from 1 up to (not including) the threshold is hidden as "under 5": a handful of reports
in a small municipality such as Læsø can point at the people behind them. 0 is shown, since no
one stands behind it. Hiding one cell is not enough when the column's total is published too:
the total minus the cells shown gives it back. So when a column has exactly one small cell, a
second cell is hidden with it (a complement), chosen as the smallest that is not small itself,
so the two can only be told apart as a sum.

Whatever is worked out from a hidden count is hidden with it: a change in per cent (it gives the
count back from the other period's), a rate per 1,000 inhabitants (it gives the count back from
the population).

Pure functions: the threshold is an argument (settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW in
the product)."""

from collections.abc import Sequence

from django.utils.translation import gettext as _

SMALL = "small"  # below the threshold
COMPLEMENT = "complement"  # hidden so that a small one cannot be worked out from the total


def is_small(value: int | None, *, below: int) -> bool:
    """1 ≤ value < below. None (no figure) and 0 are not small."""
    return value is not None and 0 < value < below


def hidden_in_column(values: Sequence[int | None], *, below: int, total_shown: bool = True) -> dict:
    """{index: SMALL or COMPLEMENT} for the cells of one column that must not be published.
    `total_shown` says whether the column's sum is published beside it (a district's
    municipalities and the district); without it, no complement is needed."""
    hidden = {n: SMALL for n, value in enumerate(values) if is_small(value, below=below)}
    if total_shown and len(hidden) == 1:
        others = [
            (value, n) for n, value in enumerate(values) if n not in hidden and value is not None
        ]
        # Prefer a cell that is not small itself: hiding a 0 beside a 3 would give the 3 away.
        safe = [other for other in others if other[0] >= below] or others
        if safe:
            hidden[min(safe)[1]] = COMPLEMENT
    return hidden


def hidden_text(reason: str, *, below: int) -> str:
    """How a hidden count reads: "under 5", or "skjult" for a complement."""
    if reason == SMALL:
        return _("under %(threshold)s") % {"threshold": below}
    return _("skjult")


def change_is_shown(value_hidden: str, baseline_hidden: str) -> bool:
    """A change in per cent only between two counts that are both shown."""
    return not value_hidden and not baseline_hidden


def rate_is_shown(value_hidden: str) -> bool:
    """A rate per 1,000 inhabitants only for a count that is shown."""
    return not value_hidden
