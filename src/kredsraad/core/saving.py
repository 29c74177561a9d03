"""What every action shares when it writes: a refusal the page can show, and the one way a
constraint the database enforces becomes a Danish message.

An action checks its rules before it writes, but two people can pass the checks at once; the
database's constraints then stop the second write, and the user reads the constraint's own
message (its `violation_error_message`), on the field it concerns, instead of a server error.
"""

import contextlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kredsraad.core.concurrency import save_if_unchanged


class Refused(Exception):
    """The state of things does not allow the action; the message says why, in Danish. Pages
    show it where the user acted: beside the form, or as a message after a button."""


@contextlib.contextmanager
def constraints_as_errors(
    model, *, on_fields: dict[str, str] | None = None, refusal: Refused | None = None
):
    """Inside, a write stopped by one of `model`'s constraints raises ValidationError with the
    constraint's message, on the field `on_fields` maps the constraint's name to (if any); or
    `refusal`, where the action can say more than the constraint (which plan already exists)."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        if refusal is not None:
            raise refusal from error
        text = str(error)
        for constraint in model._meta.constraints:
            if constraint.name in text:
                message = str(constraint.violation_error_message)
                field = (on_fields or {}).get(constraint.name)
                raise ValidationError({field: message} if field else message) from error
        raise ValidationError(_("Ændringen strider mod en regel og er ikke gemt.")) from error


def save_checked(instance, *, expected_version=None, fields=None, on_fields=None):
    """Save `instance` (through the optimistic lock when `expected_version` is given: only
    `fields` are written, and EditConflict says someone saved first), with its model's
    constraints as Danish errors (constraints_as_errors)."""
    with constraints_as_errors(type(instance), on_fields=on_fields):
        if expected_version is None:
            instance.save()
        else:
            save_if_unchanged(instance, expected_version=expected_version, fields=fields)
    return instance
