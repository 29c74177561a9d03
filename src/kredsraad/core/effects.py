"""What a change sets off beyond its own app: today the published documents' builds.

Imports flow one way (publishing reads plans and meetings, never the reverse), so an action that
publishes something, or changes what is published, cannot call the document builder itself. It
announces what happened here, and the app that acts on it registers in its AppConfig.ready().
Unlike a signal, the announcement stands in the action, in plain sight, and is named for what
happened in the domain; so every path through the action (a page, an accepted proposal, the CLI,
the JSON API, the admin) sets off the same effect, and no view has to remember it.

Handlers run inside the action's transaction, so what they record (a queued build) is committed
together with the change or not at all; they hand work to the outside world (the worker) with
`transaction.on_commit`, so nothing is built from a change that was rolled back.
"""

import contextlib
import threading
from collections import defaultdict
from collections.abc import Callable
from enum import StrEnum


class Effect(StrEnum):
    PLAN_PUBLISHED = "plan_published"  # subject: the new PlanVersion
    ACTION_PLAN_PUBLISHED = "action_plan_published"  # subject: the ActionPlan
    # subject: the Meeting whose agenda was sent, or changed after it was sent
    AGENDA_CHANGED = "agenda_changed"
    MINUTES_APPROVED = "minutes_approved"  # subject: the Meeting
    STRATEGY_PUBLISHED = "strategy_published"  # subject: the new StrategyVersion


_handlers: dict[Effect, list[Callable]] = defaultdict(list)
_paused = threading.local()


def handles(*effects: Effect) -> Callable:
    """Register the decorated function as a handler of `effects`: `handler(effect, subject, by=)`."""

    def register(handler: Callable) -> Callable:
        for effect in effects:
            if handler not in _handlers[effect]:
                _handlers[effect].append(handler)
        return handler

    return register


def announce(effect: Effect, subject, *, by) -> None:
    """Tell the handlers of `effect` what happened to `subject`, and who did it (None for a
    command without a user)."""
    if getattr(_paused, "depth", 0):
        return
    for handler in _handlers[effect]:
        handler(effect, subject, by=by)


@contextlib.contextmanager
def paused():
    """Announce nothing inside: for the demo, which writes years of history at once and queues
    the documents of what it published itself (`kredsraad demo --documents`)."""
    _paused.depth = getattr(_paused, "depth", 0) + 1
    try:
        yield
    finally:
        _paused.depth -= 1
