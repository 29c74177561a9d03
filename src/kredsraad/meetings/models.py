"""Council meetings: the meeting and who took part, its agenda items with their papers and
decisions, the action items decisions create, the minutes, and the calendar tokens and sent
reminders that follow from them."""

import uuid

import pghistory
import pgtrigger
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.db import models
from django.db.models import Func, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kredsraad.core.models import DANISH, Versioned
from kredsraad.core.text import LONG_TEXT, TEXT, LimitedTextField
from kredsraad.councils.models import Council, Forum, Membership, Municipality, Person


class TimeRange(Func):
    function = "TSTZRANGE"
    output_field = models.Field()  # only used inside the constraint


@pghistory.track()
class Meeting(Versioned):
    """A meeting of one council: planlagt → dagsorden udsendt → afholdt → referat godkendt, or
    aflyst. `version` doubles as the calendar's SEQUENCE: it grows on every change."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        AGENDA_SENT = "agenda_sent", _("Dagsorden udsendt")
        HELD = "held", _("Afholdt")
        MINUTES_APPROVED = "minutes_approved", _("Referat godkendt")
        CANCELLED = "cancelled", _("Aflyst")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    council = models.ForeignKey(
        Council, models.PROTECT, related_name="meetings", verbose_name=_("råd")
    )
    title = models.CharField(_("titel"), max_length=200, blank=True, db_collation=DANISH)
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    place = models.CharField(_("sted"), max_length=300)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    # "Ude af huset": the meeting is held at and hosted by one of the district's municipalities.
    hosted_by = models.ForeignKey(
        Municipality,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        verbose_name=_("ude af huset hos"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    # Bek. 1426/2006 § 3: open to the public only with a majority of members and the chair.
    open_to_public = models.BooleanField(_("åbent for offentligheden"), default=False)
    public_decision = models.CharField(_("beslutning om offentlighed"), max_length=300, blank=True)
    agenda_sent_at = models.DateTimeField(_("dagsorden udsendt"), null=True, blank=True)
    cancelled_reason = models.CharField(_("årsag til aflysning"), max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("Mødet skal slutte efter, det er begyndt."),
            ),
            ExclusionConstraint(
                name="meeting_no_overlap_per_council",
                expressions=[
                    ("council", RangeOperators.EQUAL),
                    (TimeRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                ],
                condition=~Q(status="cancelled"),
                violation_error_message=_("Rådet har allerede et møde på det tidspunkt."),
            ),
        ]

    def __str__(self):
        return self.title or f"{self.council}, {self.starts_at:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("meetings:meeting", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


@pghistory.track()
class Participant(models.Model):
    """Someone invited to a meeting, and whether they came."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("Medlem")
        DEPUTY = "deputy", _("Stedfortræder")
        GUEST = "guest", _("Gæst")

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="participants", verbose_name=_("møde")
    )
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="meeting_seats", verbose_name=_("person")
    )
    membership = models.ForeignKey(
        Membership, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("deltager som"), max_length=10, choices=Kind.choices)
    # None until the meeting is held: then present (True) or absent (False).
    attended = models.BooleanField(_("deltog"), null=True, blank=True)
    # Afbud: the participant has said beforehand that they will not come (set by themselves
    # or by the secretariat on their behalf; withdrawn by clearing it).
    absence_reported_at = models.DateTimeField(_("afbud meldt"), null=True, blank=True)
    absence_reported_by = models.ForeignKey(
        "accounts.User",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afbud meldt af"),
    )
    absence_note = models.CharField(_("bemærkning til afbud"), max_length=300, blank=True)

    class Meta:
        ordering = ["meeting", "kind", "person__name"]
        verbose_name = _("deltager")
        verbose_name_plural = _("deltagere")
        constraints = [
            models.UniqueConstraint("meeting", "person", name="participant_once_per_meeting"),
        ]

    def __str__(self):
        return str(self.person)


@pghistory.track()
class AgendaItem(Versioned):
    """A numbered point on a meeting's agenda, what it is about, and what was decided."""

    class Kind(models.TextChoices):
        ORIENTATION = "orientation", _("Orientering")
        DISCUSSION = "discussion", _("Drøftelse")
        DECISION = "decision", _("Beslutning")

    class Topic(models.TextChoices):
        """Items the yearly obligations look for (meetings.proposals, meetings.compliance)."""

        NONE = "", _("Andet")
        CRIME_TRENDS = "crime_trends", _("Kriminalitetsudviklingen, herunder ungdomskriminalitet")
        ACTION_PLANS = "action_plans", _("Status på lokalrådenes handleplaner")
        ACTION_ITEMS = "action_items", _("Opfølgning på aktionspunkter")

    class Effect(models.TextChoices):
        """What recording the decision also does to the linked object."""

        NONE = "", _("Ingen")
        APPROVE_PLAN = "approve_plan", _("Planen godkendes")
        INITIATIVE_STATUS = "initiative_status", _("Indsatsen skifter status")

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="items", verbose_name=_("møde")
    )
    position = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    topic = models.CharField(
        _("emne"), max_length=20, choices=Topic.choices, blank=True, default=Topic.NONE
    )
    closed = models.BooleanField(
        _("lukket punkt"),
        default=False,
        help_text=_("Et lukket punkt ses kun af rådets medlemmer og sekretariatet."),
    )
    presenter = models.CharField(_("fremlægges af"), max_length=200, blank=True)
    description = LimitedTextField(_("sagsfremstilling"), blank=True, max_length=LONG_TEXT)
    proposal = LimitedTextField(_("indstilling"), blank=True, max_length=TEXT)
    decision = LimitedTextField(_("beslutning"), blank=True, max_length=TEXT)
    decided = models.BooleanField(_("beslutning registreret"), default=False)
    # What the item is about: at most one of each, all in the meeting's district.
    plan = models.ForeignKey(
        "plans.CooperationPlan",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("samarbejdsplan"),
    )
    action_plan = models.ForeignKey(
        "plans.ActionPlan",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("handleplan"),
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("indsats"),
    )
    milestone = models.ForeignKey(
        "initiatives.Milestone",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("milepæl"),
    )
    forum = models.ForeignKey(
        Forum,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("forum"),
    )
    effect = models.CharField(
        _("virkning af beslutningen"),
        max_length=20,
        choices=Effect.choices,
        blank=True,
        default=Effect.NONE,
    )
    new_initiative_status = models.CharField(_("indsatsens nye status"), max_length=20, blank=True)
    # The proposal this item was accepted from (see meetings.proposals), so it is not proposed
    # again for the same meeting.
    source = models.CharField(max_length=100, blank=True, editable=False)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("dagsordenspunkt")
        verbose_name_plural = _("dagsordenspunkter")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="agenda_item_unique_position",
                deferrable=models.Deferrable.DEFERRED,
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"

    def get_absolute_url(self):
        return reverse("meetings:item", args=[self.pk])


class Paper(models.Model):
    """A file belonging to an agenda item (bilag). The content lives in the database, so app
    servers keep no files; its type is read from the content, never from the name."""

    class Type(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"
        XLSX = "xlsx", "Excel (XLSX)"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    item = models.ForeignKey(
        AgendaItem, models.CASCADE, related_name="papers", verbose_name=_("dagsordenspunkt")
    )
    name = models.CharField(_("filnavn"), max_length=255)
    type = models.CharField(_("filtype"), max_length=4, choices=Type.choices)
    size = models.PositiveIntegerField(_("størrelse i bytes"))
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        "accounts.User", models.PROTECT, related_name="+", verbose_name=_("uploadet af")
    )
    uploaded_at = models.DateTimeField(_("uploadet"), auto_now_add=True)

    class Meta:
        ordering = ["item", "name"]
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:paper", args=[self.uuid])


class PaperContent(models.Model):
    """The bytes of a paper, apart so that lists of papers never load them."""

    paper = models.OneToOneField(Paper, models.CASCADE, primary_key=True, related_name="content")
    data = models.BinaryField()

    class Meta:
        triggers = [
            pgtrigger.Protect(name="paper_content_never_changed", operation=pgtrigger.Update),
        ]

    def __str__(self):
        return str(self.paper_id)


class DismissedProposal(models.Model):
    """A proposed agenda item the secretariat dismissed for one meeting."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="dismissed_proposals")
    key = models.CharField(max_length=100)
    dismissed_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+")
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("meeting", "key", name="dismissed_proposal_once"),
        ]

    def __str__(self):
        return self.key


class StandingItem(models.Model):
    """An item a council has put on every agenda, or once a year in a given quarter (such as
    the security and supply situation as a recurring discussion)."""

    council = models.ForeignKey(
        Council, models.CASCADE, related_name="standing_items", verbose_name=_("råd")
    )
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("type"), max_length=12, choices=AgendaItem.Kind.choices)
    quarter = models.PositiveSmallIntegerField(
        _("kvartal"),
        null=True,
        blank=True,
        help_text=_("Tomt: på hvert møde. 1-4: på det første møde i det kvartal."),
    )

    class Meta:
        ordering = ["council", "title"]
        verbose_name = _("fast punkt")
        verbose_name_plural = _("faste punkter")

    def __str__(self):
        return self.title


@pghistory.track()
class ActionItem(Versioned):
    """Something a decision asks somebody to do (aktionspunkt), followed until done."""

    item = models.ForeignKey(
        AgendaItem, models.CASCADE, related_name="action_items", verbose_name=_("punkt")
    )
    title = models.CharField(_("opgave"), max_length=300)
    owner = models.CharField(_("ansvarlig"), max_length=200)
    due = models.DateField(_("frist"))
    done_on = models.DateField(_("udført den"), null=True, blank=True)

    class Meta:
        ordering = ["due", "title"]
        verbose_name = _("aktionspunkt")
        verbose_name_plural = _("aktionspunkter")

    def __str__(self):
        return self.title


@pghistory.track()
class Minutes(Versioned):
    """The meeting's beslutningsreferat: a draft made from the decisions, then approved (by the
    chair, or at the next meeting) and frozen."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Udkast")
        APPROVED = "approved", _("Godkendt")

    class ApprovedHow(models.TextChoices):
        CHAIR = "chair", _("Godkendt af formanden")
        NEXT_MEETING = "next_meeting", _("Godkendt på næste møde")

    meeting = models.OneToOneField(
        Meeting, models.CASCADE, related_name="minutes", verbose_name=_("møde")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    body = LimitedTextField(_("referatets indledning"), blank=True, max_length=LONG_TEXT)
    approved_on = models.DateField(_("godkendt den"), null=True, blank=True)
    approved_how = models.CharField(
        _("godkendt"), max_length=15, choices=ApprovedHow.choices, blank=True
    )
    approved_at_meeting = models.ForeignKey(
        Meeting,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_minutes",
        verbose_name=_("godkendt på mødet"),
    )
    approved_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Frozen at approval: exactly what was approved.
    content = models.JSONField(_("indhold"), null=True, blank=True)
    html = models.TextField(_("HTML"), blank=True)

    class Meta:
        verbose_name = _("referat")
        verbose_name_plural = _("referater")

    def __str__(self):
        return _("Referat af %(meeting)s") % {"meeting": self.meeting}


class CalendarToken(models.Model):
    """The secret in a user's personal calendar URL. Only its hash is stored; revoking deletes
    it, and a new one can be made at any time."""

    user = models.OneToOneField("accounts.User", models.CASCADE, related_name="calendar_token")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return str(self.user)


class SentReminder(models.Model):
    """A reminder that has been queued, so that each goes once."""

    key = models.CharField(max_length=200)
    recipient = models.EmailField()
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("key", "recipient", name="reminder_once"),
        ]

    def __str__(self):
        return f"{self.key} → {self.recipient}"


class Notice(models.Model):
    """An e-mail notice about a meeting that has been queued to one recipient: the agenda sent,
    the agenda changed after sending, the minutes approved. Recorded in the same transaction as
    the queueing, so each goes once (the key names the event), and the meeting page can say who
    received the agenda and when."""

    class Kind(models.TextChoices):
        AGENDA_SENT = "agenda_sent", _("Dagsorden udsendt")
        AGENDA_CHANGED = "agenda_changed", _("Dagsorden ændret")
        MINUTES_APPROVED = "minutes_approved", _("Referat godkendt")

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="notices", verbose_name=_("møde")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=200)
    person = models.ForeignKey(
        Person, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("person")
    )
    user = models.ForeignKey(
        "accounts.User",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bruger"),
    )
    recipient = models.EmailField(_("modtager"))
    queued_at = models.DateTimeField(_("sendt"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "queued_at", "recipient"]
        verbose_name = _("meddelelse")
        verbose_name_plural = _("meddelelser")
        constraints = [
            models.UniqueConstraint("key", "recipient", name="notice_once"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"
