"""What users do with meetings: plan one, fill its agenda, send it, hold it, record decisions
(which write back to plans and initiatives), follow up action items and approve the minutes.

Each action checks its rule, raises MeetingStateError (Danish, for the page) or a per-field
ValidationError, writes in one transaction, and leaves the audit trail to the triggers."""

import datetime
import hashlib
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kredsraad.core import effects
from kredsraad.core.actors import attributed
from kredsraad.core.effects import Effect
from kredsraad.core.saving import Refused, save_checked
from kredsraad.councils.models import Membership
from kredsraad.initiatives import actions as initiative_actions
from kredsraad.meetings import papers
from kredsraad.meetings.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    Minutes,
    Paper,
    PaperContent,
    Participant,
)
from kredsraad.plans import actions as plan_actions
from kredsraad.search.extract import paper_text

MEETING_FIELDS = [
    "title",
    "starts_at",
    "ends_at",
    "place",
    "address",
    "hosted_by",
    "open_to_public",
    "public_decision",
]
ITEM_FIELDS = [
    "title",
    "kind",
    "topic",
    "closed",
    "presenter",
    "description",
    "proposal",
    "plan",
    "action_plan",
    "initiative",
    "milestone",
    "forum",
    "effect",
    "new_initiative_status",
]
S = Meeting.Status
# Participants by the role of their seat.
PARTICIPANT_KIND = {
    Membership.Role.DEPUTY: Participant.Kind.DEPUTY,
    Membership.Role.GUEST: Participant.Kind.GUEST,
}


class MeetingStateError(Refused):
    """The meeting's state does not allow this; the message says why, in Danish."""


def _when(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


# Meetings ------------------------------------------------------------------------------------


def check_meeting(meeting: Meeting, *, now: datetime.datetime | None = None) -> None:
    """A meeting is planned ahead: it cannot start in the past or end before it starts, and a
    meeting "ude af huset" is hosted by a municipality of the council's district."""
    now = now or timezone.now()
    errors = {}
    if meeting.starts_at and meeting.starts_at < now:
        errors["starts_at"] = _("Mødet ligger i fortiden. Vælg et tidspunkt fra nu og frem.")
    if meeting.starts_at and meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        errors["ends_at"] = _("Mødet skal slutte efter, det er begyndt.")
    if meeting.hosted_by_id and meeting.hosted_by.district_id != meeting.council.district_id:
        errors["hosted_by"] = _("Værtskommunen skal ligge i rådets politikreds.")
    if errors:
        raise ValidationError(errors)


def _overlap_error(error: ValidationError) -> ValidationError:
    message = _("Rådet har allerede et møde på det tidspunkt.")
    if message in error.messages:
        return ValidationError({"starts_at": message})
    return error


@attributed
def create_meeting(council, *, by, now=None, **values) -> Meeting:
    """A planned meeting, with the council's members on the day as its participants."""
    meeting = Meeting(council=council, **values)
    check_meeting(meeting, now=now)
    with transaction.atomic():
        try:
            save_checked(meeting)
        except ValidationError as error:
            raise _overlap_error(error) from error
        day = timezone.localtime(meeting.starts_at).date()
        seats = (
            Membership.objects.filter(council=council, start__lte=day)
            .filter(Q(end__isnull=True) | Q(end__gte=day))
            .exclude(role=Membership.Role.SECRETARY)
            .order_by("person_id", "pk")
        )
        Participant.objects.bulk_create(
            [
                Participant(
                    meeting=meeting,
                    person_id=seat.person_id,
                    membership=seat,
                    kind=PARTICIPANT_KIND.get(seat.role, Participant.Kind.MEMBER),
                )
                for seat in {s.person_id: s for s in seats}.values()
            ]
        )
    return meeting


@attributed
def update_meeting(meeting: Meeting, *, expected_version: int, by, now=None) -> Meeting:
    """Change time, place or openness of a meeting not yet held. Every change raises its
    version, which calendars use as SEQUENCE."""
    if meeting.status not in (S.PLANNED, S.AGENDA_SENT):
        raise MeetingStateError(_("Et afholdt eller aflyst møde kan ikke ændres."))
    check_meeting(meeting, now=now)
    try:
        with transaction.atomic():
            save_checked(meeting, expected_version=expected_version, fields=MEETING_FIELDS)
            _agenda_changed(meeting, by=by)  # the agenda's cover names the time and place
    except ValidationError as error:
        raise _overlap_error(error) from error
    return meeting


def _move(meeting: Meeting, status: str, **extra) -> Meeting:
    Meeting.objects.filter(pk=meeting.pk).update(
        status=status, version=F("version") + 1, updated_at=timezone.now(), **extra
    )
    meeting.refresh_from_db()
    return meeting


@attributed
def send_agenda(meeting: Meeting, *, by) -> Meeting:
    if meeting.status != S.PLANNED:
        raise MeetingStateError(_("Dagsordenen kan kun sendes for et planlagt møde."))
    if not meeting.items.exists():
        raise MeetingStateError(_("Dagsordenen har ingen punkter endnu."))
    with transaction.atomic():
        meeting = _move(meeting, S.AGENDA_SENT, agenda_sent_at=timezone.now())
        effects.announce(Effect.AGENDA_CHANGED, meeting, by=by)
    return meeting


@attributed
def mark_held(meeting: Meeting, *, present: set[int], by, now=None) -> Meeting:
    """Record that the meeting took place and who came (`present`: participant ids)."""
    now = now or timezone.now()
    if meeting.status not in (S.PLANNED, S.AGENDA_SENT):
        raise MeetingStateError(_("Kun et planlagt møde kan registreres som afholdt."))
    if meeting.starts_at > now:
        raise MeetingStateError(
            _("Mødet begynder først %(when)s.") % {"when": _when(meeting.starts_at)}
        )
    with transaction.atomic():
        meeting.participants.filter(pk__in=present).update(attended=True)
        meeting.participants.exclude(pk__in=present).update(attended=False)
        meeting = _move(meeting, S.HELD)
        Minutes.objects.get_or_create(meeting=meeting)
    return meeting


@attributed
def cancel_meeting(meeting: Meeting, *, reason: str, by) -> Meeting:
    if meeting.status not in (S.PLANNED, S.AGENDA_SENT):
        raise MeetingStateError(_("Kun et møde, der ikke er holdt, kan aflyses."))
    if not reason.strip():
        raise ValidationError({"cancelled_reason": _("Skriv kort, hvorfor mødet aflyses.")})
    return _move(meeting, S.CANCELLED, cancelled_reason=reason.strip())


@attributed
def add_guest(meeting: Meeting, person, *, by) -> Participant:
    if meeting.status in (S.MINUTES_APPROVED, S.CANCELLED):
        raise MeetingStateError(_("Deltagerne kan ikke ændres, når mødet er afsluttet."))
    if person.district_id != meeting.council.district_id:
        raise ValidationError({"person": _("Gæsten skal høre til rådets politikreds.")})
    if meeting.participants.filter(person=person).exists():
        raise ValidationError({"person": _("Personen deltager allerede i mødet.")})
    return Participant.objects.create(meeting=meeting, person=person, kind=Participant.Kind.GUEST)


# Afbud ---------------------------------------------------------------------------------------

ABSENCE_NOTE_MAX = Participant._meta.get_field("absence_note").max_length


def _require_ahead(meeting: Meeting, now: datetime.datetime) -> None:
    """Afbud is said before a meeting: not for one held, cancelled or already begun."""
    if meeting.status in (S.HELD, S.MINUTES_APPROVED):
        raise MeetingStateError(_("Mødet er afholdt. Afbud meldes før mødet."))
    if meeting.status == S.CANCELLED:
        raise MeetingStateError(_("Mødet er aflyst, så der er ikke noget at melde afbud til."))
    if meeting.starts_at <= now:
        raise MeetingStateError(_("Mødet er begyndt. Afbud meldes før mødet."))


@attributed
def report_absence(participant: Participant, *, note: str = "", by, now=None) -> Participant:
    """Record afbud for a coming meeting, by the participant or on their behalf. Reported
    again, the note is replaced."""
    now = now or timezone.now()
    _require_ahead(participant.meeting, now)
    note = note.strip()
    if len(note) > ABSENCE_NOTE_MAX:
        raise ValidationError(
            {"absence_note": _("Bemærkningen må højst være %(n)s tegn.") % {"n": ABSENCE_NOTE_MAX}}
        )
    participant.absence_reported_at = now
    participant.absence_reported_by = by
    participant.absence_note = note
    participant.save(update_fields=["absence_reported_at", "absence_reported_by", "absence_note"])
    return participant


@attributed
def withdraw_absence(participant: Participant, *, by, now=None) -> Participant:
    """The participant comes after all."""
    _require_ahead(participant.meeting, now or timezone.now())
    if participant.absence_reported_at is None:
        raise MeetingStateError(_("Der er ikke meldt afbud."))
    participant.absence_reported_at = None
    participant.absence_reported_by = None
    participant.absence_note = ""
    participant.save(update_fields=["absence_reported_at", "absence_reported_by", "absence_note"])
    return participant


# Agenda items --------------------------------------------------------------------------------


def _agenda_changed(meeting: Meeting, *, by) -> None:
    """A sent agenda is published (for a meeting open to the public): once its items or the
    meeting's time and place change, its documents are built again, so an item closed after
    sending leaves the public agenda. Until then the public rule withholds the old files."""
    if Meeting.objects.filter(pk=meeting.pk, status=S.AGENDA_SENT).exists():
        effects.announce(Effect.AGENDA_CHANGED, meeting, by=by)


def _require_agenda_open(meeting: Meeting) -> None:
    if meeting.status in (S.HELD, S.MINUTES_APPROVED, S.CANCELLED):
        raise MeetingStateError(
            _("Dagsordenen kan ikke ændres, når mødet er afholdt eller aflyst.")
        )


def check_item(item: AgendaItem) -> None:
    """Everything an item links to lies in the meeting's district, and a decision that writes
    back has what it writes to."""
    district = item.meeting.council.district_id
    errors = {}
    links = {
        "plan": lambda o: o.district_id,
        "action_plan": lambda o: o.plan.district_id,
        "initiative": lambda o: o.district_id,
        "milestone": lambda o: o.initiative.district_id,
        "forum": lambda o: o.district_id,
    }
    for name, district_of in links.items():
        linked = getattr(item, name)
        if linked is not None and district_of(linked) != district:
            errors[name] = _("Punktet kan kun henvise til noget i rådets egen politikreds.")
    council = item.meeting.council
    if (
        item.action_plan
        and not council.is_district_council
        and item.action_plan.council_id != council.pk
    ):
        errors["action_plan"] = _("Et lokalråd kan kun behandle sin egen handleplan.")
    if item.effect == AgendaItem.Effect.APPROVE_PLAN:
        if item.plan is None:
            errors["plan"] = _("Vælg den plan, som beslutningen godkender.")
        elif not item.meeting.council.is_district_council:
            errors["effect"] = _("Samarbejdsplanen godkendes af kredsrådet.")
    if item.effect == AgendaItem.Effect.INITIATIVE_STATUS:
        if item.initiative is None:
            errors["initiative"] = _("Vælg den indsats, hvis status beslutningen ændrer.")
        if item.new_initiative_status not in initiative_actions.Initiative.Status.values:
            errors["new_initiative_status"] = _("Vælg indsatsens nye status.")
    if item.effect != AgendaItem.Effect.INITIATIVE_STATUS:
        item.new_initiative_status = ""
    if item.effect and item.kind != AgendaItem.Kind.DECISION:
        errors["kind"] = _("Et punkt, hvis beslutning ændrer noget, skal være et beslutningspunkt.")
    if errors:
        raise ValidationError(errors)


@attributed
def add_item(meeting: Meeting, *, by, source: str = "", **values) -> AgendaItem:
    """A new item at the end of the agenda."""
    _require_agenda_open(meeting)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        position = (locked.items.aggregate(n=Max("position"))["n"] or 0) + 1
        item = AgendaItem(meeting=meeting, position=position, source=source, **values)
        check_item(item)
        save_checked(item)
        _agenda_changed(meeting, by=by)
    return item


@attributed
def update_item(item: AgendaItem, *, expected_version: int, by) -> AgendaItem:
    _require_agenda_open(item.meeting)
    check_item(item)
    with transaction.atomic():
        save_checked(item, expected_version=expected_version, fields=ITEM_FIELDS)
        _agenda_changed(item.meeting, by=by)
    return item


@attributed
def move_item(item: AgendaItem, *, up: bool, by) -> None:
    _require_agenda_open(item.meeting)
    siblings = item.meeting.items.order_by("position")
    other = (
        siblings.filter(position__lt=item.position).last()
        if up
        else siblings.filter(position__gt=item.position).first()
    )
    if other is None:
        return
    with transaction.atomic():  # the unique position is checked at commit
        AgendaItem.objects.filter(pk=item.pk).update(
            position=other.position, version=F("version") + 1
        )
        AgendaItem.objects.filter(pk=other.pk).update(
            position=item.position, version=F("version") + 1
        )
        _agenda_changed(item.meeting, by=by)


@attributed
def delete_item(item: AgendaItem, *, by) -> None:
    _require_agenda_open(item.meeting)
    if item.meeting.status != S.PLANNED:
        raise MeetingStateError(
            _("Dagsordenen er udsendt; et punkt kan ikke slettes, men kan udgå ved beslutning.")
        )
    with transaction.atomic():
        item.delete()
        for position, pk in enumerate(
            item.meeting.items.order_by("position").values_list("pk", flat=True), start=1
        ):
            AgendaItem.objects.filter(pk=pk).exclude(position=position).update(
                position=position, version=F("version") + 1
            )


# Papers --------------------------------------------------------------------------------------


@attributed
def add_paper(item: AgendaItem, *, name: str, content: bytes, by, size: int | None = None) -> Paper:
    """Attach a PDF, DOCX or XLSX; its type is read from its content (meetings.papers).
    `size` is the upload's full size when only its beginning was read."""
    if item.meeting.status in (S.MINUTES_APPROVED, S.CANCELLED):
        raise MeetingStateError(_("Der kan ikke tilføjes bilag til et afsluttet møde."))
    kind = papers.check(name, content, size=size)
    # Its words, for search (kredsraad.search.extract); "" when it has none. Read before the
    # transaction, so a long PDF holds no transaction open.
    text = paper_text(kind, content)
    with transaction.atomic():
        paper = Paper.objects.create(
            item=item,
            name=papers.clean_name(name, kind),
            type=kind,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=by,
            text=text,
        )
        PaperContent.objects.create(paper=paper, data=content)
    return paper


# Decisions -----------------------------------------------------------------------------------


@attributed
def record_decision(
    item: AgendaItem, *, decision: str, expected_version: int, by, apply_effect: bool = True
) -> AgendaItem:
    """Write the decision of a held meeting's item. A decision that approves the plan moves it
    to godkendt with the decision linked; one on an initiative changes its status. Either all
    of it happens or none."""
    if not decision.strip():
        raise ValidationError({"decision": _("Skriv beslutningen.")})
    with transaction.atomic():
        # Locked, so minutes cannot be approved while the decision is written.
        meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
        if meeting.status != S.HELD:
            raise MeetingStateError(
                _("Beslutninger registreres, når mødet er afholdt og før referatet er godkendt.")
            )
        first_time = not item.decided
        item.decision = decision.strip()
        item.decided = True
        save_checked(item, expected_version=expected_version, fields=["decision", "decided"])
        if apply_effect and first_time:
            _write_back(item, by=by)
    return item


def _write_back(item: AgendaItem, *, by) -> None:
    meeting = item.meeting
    day = timezone.localtime(meeting.starts_at).date()
    try:
        if item.effect == AgendaItem.Effect.APPROVE_PLAN:
            plan_actions.approve_plan(
                item.plan,
                council=meeting.council,
                on=day,
                reference=_("%(meeting)s, punkt %(position)s")
                % {"meeting": meeting, "position": item.position},
                by=by,
                item=item,
            )
        elif item.effect == AgendaItem.Effect.INITIATIVE_STATUS:
            initiative = item.initiative
            if initiative.status != item.new_initiative_status:
                initiative_actions.change_status(
                    initiative,
                    status=item.new_initiative_status,
                    expected_version=initiative.version,
                    by=by,
                )
    except (plan_actions.PlanStateError, initiative_actions.InitiativeStateError) as error:
        raise MeetingStateError(
            _("Beslutningen kan ikke gennemføres: %(why)s") % {"why": error}
        ) from error


@attributed
def add_action_item(item: AgendaItem, *, title: str, owner: str, due: datetime.date, by):
    if item.meeting.status not in (S.HELD, S.MINUTES_APPROVED):
        raise MeetingStateError(_("Aktionspunkter følger af beslutninger på et afholdt møde."))
    return save_checked(ActionItem(item=item, title=title, owner=owner, due=due))


@attributed
def mark_action_item_done(action_item: ActionItem, *, on: datetime.date, by) -> ActionItem:
    if action_item.done_on:
        raise MeetingStateError(_("Aktionspunktet er allerede udført."))
    if on > timezone.localdate():
        raise ValidationError({"done_on": _("Datoen ligger i fremtiden.")})
    action_item.done_on = on
    return save_checked(action_item, expected_version=action_item.version, fields=["done_on"])


# Minutes -------------------------------------------------------------------------------------


def minutes_content(meeting: Meeting) -> dict:
    """The beslutningsreferat as data: the meeting, who came, and every item's decision."""
    participants = meeting.participants.select_related("person__organisation").order_by(
        "kind", "person__name", "person__title"
    )
    items = meeting.items.prefetch_related("action_items").order_by("position")
    minutes = getattr(meeting, "minutes", None)
    return minutes_document(
        meeting,
        participants,
        items,
        introduction=minutes.body if minutes else "",
        action_items=lambda item: item.action_items.all(),
    )


def minutes_document(
    meeting: Meeting,
    participants: Iterable[Participant],
    items: Iterable[AgendaItem],
    *,
    introduction: str,
    action_items: Callable[[AgendaItem], Iterable[ActionItem]],
) -> dict:
    """`minutes_content` from rows at hand: the participants in the order (kind, name, title)
    with their people and organisations, the items by position, and each item's action items
    in their own order (`action_items`). A bulk build (`kredsraad demo --national`) freezes
    thousands of minutes this way without reading each meeting's rows again."""
    participants = list(participants)
    return {
        "council": str(meeting.council),
        "title": str(meeting),
        "starts_at": timezone.localtime(meeting.starts_at).isoformat(),
        "place": meeting.place,
        "hosted_by": str(meeting.hosted_by) if meeting.hosted_by_id else "",
        "introduction": introduction,
        "present": [_participant(p) for p in participants if p.attended],
        "absent": [_participant(p) for p in participants if p.attended is False],
        "items": [
            {
                "position": item.position,
                "title": item.title,
                "kind": item.get_kind_display(),
                "closed": item.closed,
                "proposal": item.proposal,
                "decision": item.decision,
                "action_items": [
                    {"title": a.title, "owner": a.owner, "due": a.due.isoformat()}
                    for a in action_items(item)
                ],
            }
            for item in items
        ],
    }


def _participant(participant: Participant) -> dict:
    person = participant.person
    return {
        "name": person.name or person.title,
        "title": person.title if person.name else "",
        "organisation": str(person.organisation),
        "kind": participant.get_kind_display(),
    }


@attributed
def update_minutes(minutes: Minutes, *, expected_version: int, by) -> Minutes:
    if minutes.status == Minutes.Status.APPROVED:
        raise MeetingStateError(_("Referatet er godkendt og kan ikke ændres."))
    return save_checked(minutes, expected_version=expected_version, fields=["body"])


@attributed
def approve_minutes(
    minutes: Minutes,
    *,
    how: str,
    on: datetime.date,
    by,
    at_meeting: Meeting | None = None,
) -> Minutes:
    """Approve and freeze the minutes: by the chair, or at a later meeting of the council."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=minutes.meeting_id)
        locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if locked.status == Minutes.Status.APPROVED:
            raise MeetingStateError(_("Referatet er allerede godkendt."))
        if meeting.status != S.HELD:
            raise MeetingStateError(_("Kun referatet af et afholdt møde kan godkendes."))
        undecided = [i.position for i in meeting.items.all() if not i.decided]
        if undecided:
            raise MeetingStateError(
                _("Punkt %(items)s mangler en beslutning.")
                % {"items": ", ".join(str(n) for n in undecided)}
            )
        if how not in Minutes.ApprovedHow.values:
            raise ValidationError({"approved_how": _("Vælg, hvordan referatet er godkendt.")})
        errors = {}
        if on < timezone.localtime(meeting.starts_at).date() or on > timezone.localdate():
            errors["approved_on"] = _("Datoen skal ligge mellem mødet og i dag.")
        if how == Minutes.ApprovedHow.NEXT_MEETING and (
            at_meeting is None
            or at_meeting.council_id != meeting.council_id
            or at_meeting.starts_at <= meeting.starts_at
        ):
            errors["approved_at_meeting"] = _("Vælg et senere møde i samme råd.")
        if errors:
            raise ValidationError(errors)
        with translation.override("da"):
            content = minutes_content(meeting)
            # The frozen HTML is the council's own version, closed items included.
            html = render_to_string(
                "meetings/_minutes_document.html", {"document": content, "show_closed": True}
            )
        Minutes.objects.filter(pk=minutes.pk).update(
            status=Minutes.Status.APPROVED,
            approved_on=on,
            approved_how=how,
            approved_at_meeting=at_meeting if how == Minutes.ApprovedHow.NEXT_MEETING else None,
            approved_by=by,
            content=content,
            html=html,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        _move(meeting, S.MINUTES_APPROVED)
        effects.announce(Effect.MINUTES_APPROVED, meeting, by=by)
    minutes.refresh_from_db()
    return minutes
