"""E-mail notices to a meeting's participants: the agenda sent, the agenda changed after it was
sent, the minutes approved. Set off by the actions' effects (kredsraad.core.effects), never by
a page, so every path that sends an agenda (the page, the API, the CLI) notifies the same way.

Who receives one: the meeting's participants (members, deputies and guests) whose person has an
e-mail address, except those whose user account (the same address, in any case) has turned
that kind of notice off. Each notice is a Notice row, written in the action's transaction and
unique per event and recipient; its e-mail is queued only when the transaction commits, so a
rolled-back send mails nobody and an event announced twice mails once.

The events' keys:

- `agenda_sent:<uuid>`: the first notice a participant gets about the agenda. A participant
  who had none yet (a guest added later, an address added later) gets this one, not a change;
- `agenda_changed:<uuid>:<date>`: a change after sending, at most one per participant and day.
  A secretariat fixing three things in a row mails once, not three times; the price is that a
  second change later the same day is not mailed. The e-mail links to the agenda as it is
  now, so the reader sees every change made since, and the history page shows them all.
- `minutes_approved:<uuid>`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kredsraad.accounts.models import User
from kredsraad.core import effects
from kredsraad.core.effects import Effect
from kredsraad.meetings.models import Meeting, Notice, Participant
from kredsraad.meetings.tasks import send_reminder

Kind = Notice.Kind
# The user's choice that turns each kind of notice off.
PREFERENCE = {
    Kind.AGENDA_SENT: "notify_agenda",
    Kind.AGENDA_CHANGED: "notify_agenda",
    Kind.MINUTES_APPROVED: "notify_minutes",
}


@dataclass(frozen=True)
class Recipient:
    """A participant as a possible recipient of one kind of notice."""

    participant: Participant
    user: User | None
    opted_out: bool

    @property
    def email(self) -> str:
        return self.participant.person.email

    @property
    def reachable(self) -> bool:
        return bool(self.email) and not self.opted_out

    def describe(self) -> str:
        """The line the confirmation page shows for them."""
        person = self.participant.person
        who = f"{person} ({self.participant.get_kind_display().lower()})"
        if not self.email:
            return _("%(who)s: ingen e-mailadresse, kan ikke nås") % {"who": who}
        if self.opted_out:
            return _("%(who)s: har fravalgt denne slags beskeder") % {"who": who}
        return f"{who}, {self.email}"


def recipients(meeting: Meeting, kind: str) -> list[Recipient]:
    """Every participant of the meeting, with whether a notice of `kind` reaches them. Two
    queries."""
    participants = list(
        meeting.participants.select_related("person__organisation").order_by(
            "kind", "person__name", "person__title"
        )
    )
    addresses = {p.person.email.lower() for p in participants if p.person.email}
    users = {
        user.email_lower: user
        for user in User.objects.annotate(email_lower=Lower("email")).filter(
            email_lower__in=addresses
        )
    }
    preference = PREFERENCE[kind]
    found = []
    for participant in participants:
        user = users.get(participant.person.email.lower()) if participant.person.email else None
        opted_out = user is not None and not getattr(user, preference)
        found.append(Recipient(participant=participant, user=user, opted_out=opted_out))
    return found


@effects.handles(Effect.AGENDA_CHANGED, Effect.MINUTES_APPROVED)
def queue_notices(effect: Effect, meeting: Meeting, *, by) -> list[Notice]:
    """Record and queue the notices the event calls for; returns those new with this call."""
    if effect == Effect.MINUTES_APPROVED:
        return _queue(meeting, Kind.MINUTES_APPROVED, lambda r: f"minutes_approved:{meeting.uuid}")
    if meeting.status != Meeting.Status.AGENDA_SENT:
        return []
    had_agenda = set(
        Notice.objects.filter(key=f"agenda_sent:{meeting.uuid}").values_list("recipient", flat=True)
    )
    today = timezone.localdate().isoformat()

    def key(recipient: Recipient) -> str:
        if recipient.email.lower() in had_agenda:
            return f"agenda_changed:{meeting.uuid}:{today}"
        return f"agenda_sent:{meeting.uuid}"

    return _queue(meeting, Kind.AGENDA_SENT, key)


def _queue(meeting: Meeting, kind: str, key_of) -> list[Notice]:
    queued = []
    for recipient in recipients(meeting, kind):
        if not recipient.reachable:
            continue
        key = key_of(recipient)
        this_kind = key.split(":", 1)[0]
        notice, created = Notice.objects.get_or_create(
            key=key,
            recipient=recipient.email.lower(),
            defaults={
                "meeting": meeting,
                "kind": this_kind,
                "person": recipient.participant.person,
                "user": recipient.user,
            },
        )
        if created:
            subject, body = _message(meeting, this_kind, recipient)
            transaction.on_commit(
                lambda to=notice.recipient, s=subject, b=body: send_reminder.enqueue(to, s, b)
            )
            queued.append(notice)
    return queued


def _message(meeting: Meeting, kind: str, recipient: Recipient) -> tuple[str, str]:
    """The e-mail, in Danish whoever's page set it off."""
    with translation.override("da"):
        starts = timezone.localtime(meeting.starts_at)
        facts = {
            "meeting": str(meeting),
            "name": recipient.participant.person.name or str(recipient.participant.person),
            "date": formats.date_format(starts, "DATE_FORMAT"),
            "time": formats.time_format(starts, "TIME_FORMAT"),
            "place": ", ".join(part for part in (meeting.place, meeting.address) if part),
            "url": _absolute(meeting.get_absolute_url()),
            "minutes_url": _absolute(reverse("meetings:minutes", args=[meeting.pk])),
            "settings_url": _absolute(reverse("accounts:notices")),
        }
        if kind == Kind.AGENDA_SENT:
            subject = _("Dagsorden: %(meeting)s") % facts
            text = _(
                "Dagsordenen til %(meeting)s er udsendt.\n\n"
                "Tid: %(date)s kl. %(time)s\n"
                "Sted: %(place)s\n\n"
                "Dagsorden og bilag: %(url)s\n"
            )
        elif kind == Kind.AGENDA_CHANGED:
            subject = _("Dagsordenen er ændret: %(meeting)s") % facts
            text = _(
                "Dagsordenen til %(meeting)s er ændret, efter at den blev udsendt.\n\n"
                "Tid: %(date)s kl. %(time)s\n"
                "Sted: %(place)s\n\n"
                "Dagsordenen, som den er nu: %(url)s\n"
            )
        else:
            subject = _("Referat godkendt: %(meeting)s") % facts
            text = _("Referatet af %(meeting)s er godkendt.\n\nReferatet: %(minutes_url)s\n")
        body = (
            _("Kære %(name)s\n\n") % facts
            + text % facts
            + _(
                "\nDu får denne besked, fordi du deltager i mødet. "
                "Vælg dine beskeder her: %(settings_url)s\n"
            )
            % facts
        )
    return subject, body


def _absolute(path: str) -> str:
    return f"{settings.KREDSRAAD_BASE_URL}{path}"


def agenda_receipts(meeting: Meeting) -> list[Notice]:
    """Who received the agenda (or its changes) and when, oldest first. One query."""
    return list(
        Notice.objects.filter(meeting=meeting, kind__in=[Kind.AGENDA_SENT, Kind.AGENDA_CHANGED])
        .select_related("person__organisation")
        .order_by("queued_at", "recipient")
    )
