"""Initiatives (indsatser) that live across plan years, their milestones and status updates."""

import re
import uuid

import pghistory
import pgtrigger
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kredsraad.core.models import DANISH, Versioned, track_link
from kredsraad.core.text import LONG_TEXT, TEXT, LimitedTextField
from kredsraad.councils.models import Forum, Municipality, Organisation, PoliceDistrict
from kredsraad.plans.models import FocusArea

QUARTER = re.compile(r"^(20\d\d)K([1-4])$")
quarter_validator = RegexValidator(
    QUARTER.pattern, _("Angiv kvartal som fx 2023K2 (år, K og kvartalets nummer 1-4).")
)


@pghistory.track()
class Initiative(Versioned):
    """An indsats or project. It may span several plans' years, continue under a new name
    (`continues`) or become a permanent effort (status)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        ACTIVE = "active", _("I gang")
        FINISHED = "finished", _("Afsluttet")
        PERMANENT = "permanent", _("Gjort permanent")
        STOPPED = "stopped", _("Stoppet")

    # Statuses whose initiatives go on into next year's plan.
    CONTINUING = (Status.PLANNED, Status.ACTIVE, Status.PERMANENT)

    # The public site and the feeds name an initiative by this, never by its counting id.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    district = models.ForeignKey(
        PoliceDistrict, models.PROTECT, related_name="initiatives", verbose_name=_("politikreds")
    )
    external_id = models.CharField(
        _("eksternt id"),
        max_length=100,
        help_text=_("Fast nøgle ved import og eksport, fx NJ-2023-05.2-socialbedrageri."),
    )
    title = models.CharField(_("titel"), max_length=300, db_collation=DANISH)
    description = LimitedTextField(_("beskrivelse"), blank=True, max_length=LONG_TEXT)
    lead_organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="led_initiatives", verbose_name=_("tovholder")
    )
    partners = models.ManyToManyField(
        Organisation,
        through="InitiativePartner",
        blank=True,
        related_name="initiatives",
        verbose_name=_("partnere"),
    )
    forums = models.ManyToManyField(
        Forum,
        through="InitiativeForum",
        blank=True,
        related_name="initiatives",
        verbose_name=_("samarbejdsfora"),
    )
    all_municipalities = models.BooleanField(_("alle kredsens kommuner"), default=False)
    municipalities = models.ManyToManyField(
        Municipality,
        through="InitiativeMunicipality",
        blank=True,
        related_name="initiatives",
        verbose_name=_("kommuner"),
    )
    owner_municipality = models.ForeignKey(
        Municipality,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="local_initiatives",
        verbose_name=_("lokal indsats i"),
        help_text=_("Udfyldes for en kommunes egen indsats; kommunens koordinator redigerer den."),
    )
    focus_areas = models.ManyToManyField(
        FocusArea,
        through="InitiativeFocusArea",
        blank=True,
        related_name="initiatives",
        verbose_name=_("indsatsområder"),
    )
    starts = models.DateField(_("start"), null=True, blank=True)
    ends = models.DateField(_("slut"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    continues = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="continued_by",
        verbose_name=_("viderefører"),
        help_text=_("Den indsats, denne fortsætter under nyt navn."),
    )
    weight = models.PositiveSmallIntegerField(
        _("vægt"),
        default=1,
        validators=[MaxValueValidator(100)],
        help_text=_("Indsatsens vægt, når fremdriften lægges sammen for indsatsområdet og planen."),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("indsats")
        verbose_name_plural = _("indsatser")
        constraints = [
            models.UniqueConstraint(
                "district",
                "external_id",
                name="initiative_unique_external_id",
                violation_error_message=_("Det eksterne id er allerede brugt i politikredsen."),
            ),
            models.CheckConstraint(
                condition=Q(ends__isnull=True)
                | Q(starts__isnull=True)
                | Q(ends__gte=models.F("starts")),
                name="initiative_ends_after_start",
                violation_error_message=_("Slutdatoen ligger før startdatoen."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:initiative", args=[self.pk])


@pghistory.track()
class Milestone(Versioned):
    class Kind(models.TextChoices):
        EVALUATION = "evaluation", _("Evaluering")
        DECISION = "decision", _("Beslutning")
        REPORT = "report", _("Afrapportering til rådet")
        COMPLETION = "completion", _("Afslutning")

    initiative = models.ForeignKey(
        Initiative, models.CASCADE, related_name="milestones", verbose_name=_("indsats")
    )
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    due_date = models.DateField(_("frist"), null=True, blank=True)
    due_quarter = models.CharField(
        _("frist (kvartal)"),
        max_length=6,
        blank=True,
        validators=[quarter_validator],
        help_text=_("Når kun kvartalet kendes, fx 2023K2."),
    )
    done_on = models.DateField(_("nået den"), null=True, blank=True)
    result = LimitedTextField(_("resultat"), blank=True, max_length=TEXT)

    class Meta:
        ordering = ["initiative", "due_date", "due_quarter"]
        verbose_name = _("milepæl")
        verbose_name_plural = _("milepæle")
        constraints = [
            models.CheckConstraint(
                condition=~Q(due_date__isnull=True, due_quarter=""),
                name="milestone_has_due",
                violation_error_message=_("Angiv en frist: en dato eller et kvartal."),
            ),
        ]

    def __str__(self):
        return self.title


class StatusUpdate(models.Model):
    """A report on an initiative for one quarter. Never changed afterwards: a correction is a
    new update, and the latest one for a period counts."""

    class Light(models.TextChoices):
        ON_TRACK = "on_track", _("På sporet")
        CHALLENGED = "challenged", _("Udfordret")
        SERIOUS = "serious", _("Alvorligt udfordret")
        FINISHED = "finished", _("Afsluttet")

    initiative = models.ForeignKey(
        Initiative, models.CASCADE, related_name="status_updates", verbose_name=_("indsats")
    )
    period = models.CharField(_("periode"), max_length=6, validators=[quarter_validator])
    light = models.CharField(_("trafiklys"), max_length=10, choices=Light.choices)
    progress = models.PositiveSmallIntegerField(
        _("fremdrift i procent"), validators=[MaxValueValidator(100)]
    )
    text = LimitedTextField(_("status"), max_length=TEXT)
    author = models.ForeignKey(
        "accounts.User", models.PROTECT, related_name="status_updates", verbose_name=_("forfatter")
    )
    # A default rather than auto_now_add, so data brought in from earlier years (the demo, a
    # migration from Word) keeps the date it was filed; forms never offer the field.
    created_at = models.DateTimeField(_("indberettet"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["initiative", "-period", "-created_at"]
        verbose_name = _("statusopdatering")
        verbose_name_plural = _("statusopdateringer")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="status_update_progress_at_most_100",
                violation_error_message=_("Fremdriften skal ligge mellem 0 og 100 %."),
            ),
        ]
        triggers = [
            # A report stays as it was filed, whatever path a write takes.
            pgtrigger.Protect(name="status_update_never_changed", operation=pgtrigger.Update),
        ]

    def __str__(self):
        return f"{self.initiative}: {self.period}"


# The initiative's links are history too: each is tracked as added or removed. The field names
# are those Django gives its own link tables, so queries read the same either way.


@track_link
class InitiativePartner(models.Model):
    initiative = models.ForeignKey(Initiative, models.CASCADE)
    organisation = models.ForeignKey(Organisation, models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint("initiative", "organisation", name="initiative_partner_unique")
        ]

    def __str__(self):
        return f"{self.organisation_id} i {self.initiative_id}"


@track_link
class InitiativeForum(models.Model):
    initiative = models.ForeignKey(Initiative, models.CASCADE)
    forum = models.ForeignKey(Forum, models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint("initiative", "forum", name="initiative_forum_unique")
        ]

    def __str__(self):
        return f"{self.forum_id} i {self.initiative_id}"


@track_link
class InitiativeMunicipality(models.Model):
    initiative = models.ForeignKey(Initiative, models.CASCADE)
    municipality = models.ForeignKey(Municipality, models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "initiative", "municipality", name="initiative_municipality_unique"
            )
        ]

    def __str__(self):
        return f"{self.municipality_id} i {self.initiative_id}"


@track_link
class InitiativeFocusArea(models.Model):
    initiative = models.ForeignKey(Initiative, models.CASCADE)
    focusarea = models.ForeignKey(FocusArea, models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint("initiative", "focusarea", name="initiative_focus_area_unique")
        ]

    def __str__(self):
        return f"{self.focusarea_id} i {self.initiative_id}"
