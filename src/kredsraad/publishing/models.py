"""Published documents (PDF and Word) and the background builds that make them.

A document is stored once and never changed: a new build adds a new document, and the newest
one of its kind, object, format and variant is the current one. A failed build adds nothing, so
the previous document stays.
"""

import datetime
import uuid

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kredsraad.councils.models import PoliceDistrict

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


class Kind(models.TextChoices):
    PLAN = "plan", _("Samarbejdsplan")
    ACTION_PLAN = "action_plan", _("Handleplan")
    AGENDA = "agenda", _("Dagsorden")
    MINUTES = "minutes", _("Beslutningsreferat")
    STATUS_REPORT = "status_report", _("Statusrapport")


class Format(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word"


class Variant(models.TextChoices):
    PUBLIC = "public", _("Offentlig")
    MEMBERS = "members", _("Medlemmernes (med lukkede punkter)")


CONTENT_TYPES = {
    Format.PDF: "application/pdf",
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class DocumentBuild(models.Model):
    """One request to build a document's PDF and Word files, run by the worker; the page polls
    its progress. The subject is one of plan_version, action_plan, meeting, or the district and
    year of a status report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("Bygges")
        DONE = "done", _("Færdig")
        FAILED = "failed", _("Fejlede")

    kind = models.CharField(_("dokument"), max_length=20, choices=Kind.choices)
    district = models.ForeignKey(
        PoliceDistrict, models.CASCADE, related_name="+", verbose_name=_("politikreds")
    )
    plan_version = models.ForeignKey(
        "plans.PlanVersion", models.CASCADE, null=True, blank=True, related_name="+"
    )
    action_plan = models.ForeignKey(
        "plans.ActionPlan", models.CASCADE, null=True, blank=True, related_name="+"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveSmallIntegerField(_("færdige"), default=0)
    total = models.PositiveSmallIntegerField(_("i alt"), default=0)
    error = models.TextField(_("fejlbesked"), blank=True)
    seconds = models.FloatField(_("sekunder"), null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bestilt af"),
    )
    created_at = models.DateTimeField(_("bestilt"), auto_now_add=True)
    finished_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dokumentbygning")
        verbose_name_plural = _("dokumentbygninger")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_stale(self) -> bool:
        """Queued or running for longer than any build takes
        (KREDSRAAD_DOCUMENT_BUILD_TIMEOUT seconds): its worker has died, and it never ends."""
        timeout = datetime.timedelta(seconds=settings.KREDSRAAD_DOCUMENT_BUILD_TIMEOUT)
        return not self.is_finished and self.created_at < timezone.now() - timeout


class PublishedDocument(models.Model):
    """A built PDF or Word file, exactly as it was published. Its bytes live in
    DocumentContent so that lists never load them."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    district = models.ForeignKey(
        PoliceDistrict, models.PROTECT, related_name="documents", verbose_name=_("politikreds")
    )
    kind = models.CharField(_("dokument"), max_length=20, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    variant = models.CharField(
        _("udgave"), max_length=10, choices=Variant.choices, default=Variant.PUBLIC
    )
    title = models.CharField(_("titel"), max_length=300)
    plan_version = models.ForeignKey(
        "plans.PlanVersion",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("planversion"),
    )
    action_plan = models.ForeignKey(
        "plans.ActionPlan",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("handleplan"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("møde"),
    )
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    build = models.ForeignKey(
        DocumentBuild,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("bygning"),
    )
    size = models.PositiveIntegerField(_("størrelse (byte)"))
    sha256 = models.CharField("SHA-256", max_length=64)
    created_at = models.DateTimeField(_("bygget"), auto_now_add=True)
    built_by = models.ForeignKey(
        "accounts.User",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bygget af"),
    )

    class Meta:
        ordering = ["-created_at", "format"]
        verbose_name = _("offentliggjort dokument")
        verbose_name_plural = _("offentliggjorte dokumenter")
        indexes = [
            models.Index(fields=["district", "kind", "-created_at"], name="document_by_kind"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="plan", plan_version__isnull=False)
                    | Q(kind="action_plan", action_plan__isnull=False)
                    | Q(kind__in=["agenda", "minutes"], meeting__isnull=False)
                    | Q(kind="status_report", year__isnull=False)
                ),
                name="document_names_its_subject",
            ),
            models.CheckConstraint(
                condition=Q(variant="public") | Q(kind__in=["agenda", "minutes"]),
                name="document_members_variant_only_for_meetings",
            ),
        ]
        triggers = [
            # What was published stays as it was published, whatever path a write takes.
            pgtrigger.Protect(name="document_never_changed", operation=pgtrigger.Update),
            pgtrigger.Protect(name="document_never_deleted", operation=pgtrigger.Delete),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_format_display()})"

    def get_absolute_url(self):
        return reverse("publishing:document", args=[self.uuid])

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]

    @property
    def file_name(self) -> str:
        """An ASCII name from the title, since not every mail client keeps "æøå" in one."""
        title = self.title.translate(DANISH_LETTERS)
        return f"{slugify(title) or self.kind}.{self.format}"


class DocumentContent(models.Model):
    """The bytes of a published document, kept apart so lists of documents stay light."""

    document = models.OneToOneField(
        PublishedDocument, models.PROTECT, primary_key=True, related_name="stored"
    )
    data = models.BinaryField(_("indhold"))

    class Meta:
        verbose_name = _("dokumentindhold")
        verbose_name_plural = _("dokumentindhold")
        triggers = [
            pgtrigger.Protect(name="document_content_never_changed", operation=pgtrigger.Update),
            pgtrigger.Protect(name="document_content_never_deleted", operation=pgtrigger.Delete),
        ]

    def __str__(self):
        return str(self.document_id)
