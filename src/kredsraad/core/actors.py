"""Who did it: every action records its writes in the history as made by its `by`.

The history middleware knows the signed-in user of a page, but not the user behind a personal
API token, a command run from a shell, or one user's action carried out by another's (a decision
that approves a plan). So each action names its actor itself: its writes join a history context
of their own that carries the user beside whatever the surrounding context says (the page's
address, the command), so that the actions of several users in one command (the demo) each keep
their own actor instead of sharing the last one's.
"""

import functools
import uuid

import pghistory
from pghistory import runtime


def attributed(action):
    """Decorate an action taking `by` (a user, or None for a command without one)."""

    @functools.wraps(action)
    def act(*args, by, **kwargs):
        user = getattr(by, "pk", None)
        outer = getattr(runtime._tracker, "value", None)
        if user is None or (outer is not None and outer.metadata.get("user") == user):
            return action(*args, by=by, **kwargs)
        if outer is None:
            with pghistory.context(user=user):
                return action(*args, by=by, **kwargs)
        # pghistory merges a nested context into the outer one, whose row every event of the
        # outer context shares; a context of the action's own keeps the actors apart.
        runtime._tracker.value = runtime.Context(
            id=uuid.uuid4(), metadata={**outer.metadata, "user": user}
        )
        try:
            return action(*args, by=by, **kwargs)
        finally:
            runtime._tracker.value = outer

    return act
