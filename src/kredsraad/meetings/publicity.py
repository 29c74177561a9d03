"""What of a meeting the public may know: one rule for the public site, the JSON API and OParl.

- A meeting is known to the public when it is open to the public (its time, place and council;
  a cancellation too, so a calendar learns of it), or once its minutes are approved.
- Its open items are public once the agenda is sent for a meeting open to the public, and, for
  any meeting, once its minutes are approved (the decisions on open items are public then,
  whether or not the public could attend). Closed items never are.

Before that a meeting is the council's own business: a planned meeting's draft agenda, or the
items of a meeting behind closed doors, are not published by sending the agenda to the members.
"""

from django.db.models import Q

from kredsraad.meetings.models import Meeting, Minutes


def public_meeting(prefix: str = "") -> Q:
    """Meetings known to the public; `prefix` reaches them through a relation ("meeting__")."""
    return Q(**{f"{prefix}open_to_public": True}) | Q(
        **{f"{prefix}minutes__status": Minutes.Status.APPROVED}
    )


def public_item(prefix: str = "") -> Q:
    """Agenda items the public may read; `prefix` leads from the item to its meeting's fields
    is "meeting__" for AgendaItem itself and e.g. "item__meeting__" from a paper."""
    item = prefix.removesuffix("meeting__")
    announced = Q(
        **{f"{prefix}open_to_public": True, f"{prefix}agenda_sent_at__isnull": False}
    ) & ~Q(**{f"{prefix}status": Meeting.Status.CANCELLED})
    approved = Q(**{f"{prefix}minutes__status": Minutes.Status.APPROVED})
    return Q(**{f"{item}closed": False}) & (announced | approved)
