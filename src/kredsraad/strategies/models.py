"""A multi-year strategy (e.g. 2023-2026): goals for several years that the yearly plans in its
period point to. It is approved, published, versioned and frozen as a plan is."""

import uuid

import pghistory
import pgtrigger
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kredsraad.core.models import Versioned
from kredsraad.core.text import LONG_TEXT, TEXT, LimitedTextField
from kredsraad.councils.models import PoliceDistrict

# A strategy longer than this is no longer a plan period anyone reviews.
LONGEST_YEARS = 10
DASH = "\N{EN DASH}"


@pghistory.track()
class Strategy(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Kladde")
        APPROVED = "approved", _("Godkendt")
        PUBLISHED = "published", _("Offentliggjort")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    district = models.ForeignKey(
        PoliceDistrict, models.PROTECT, related_name="strategies", verbose_name=_("politikreds")
    )
    title = models.CharField(_("titel"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("første år"))
    last_year = models.PositiveSmallIntegerField(_("sidste år"))
    body = LimitedTextField(_("tekst (Markdown)"), blank=True, max_length=LONG_TEXT)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    approved_on = models.DateField(_("godkendt den"), null=True, blank=True)
    approval_reference = models.CharField(
        _("reference til godkendelsen"), max_length=300, blank=True
    )
    in_correction = models.BooleanField(_("under rettelse"), default=False)

    class Meta:
        ordering = ["district", "-first_year"]
        verbose_name = _("strategi")
        verbose_name_plural = _("strategier")
        constraints = [
            models.CheckConstraint(
                condition=Q(first_year__gte=2000, last_year__lte=2100),
                name="strategy_years_plausible",
                violation_error_message=_("Årene skal ligge mellem 2000 og 2100."),
            ),
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year"))
                & Q(last_year__lt=F("first_year") + LONGEST_YEARS),
                name="strategy_period_ordered",
                violation_error_message=_(
                    "Strategiens sidste år skal ligge fra det første år og højst ti år frem."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("strategies:strategy", args=[self.pk])

    @property
    def period_label(self) -> str:
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}{DASH}{self.last_year}"

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


class StrategyVersion(models.Model):
    """A published, frozen version of a strategy. Never changed."""

    strategy = models.ForeignKey(
        Strategy, models.PROTECT, related_name="versions", verbose_name=_("strategi")
    )
    number = models.PositiveSmallIntegerField(_("versionsnummer"))
    published_at = models.DateTimeField(_("offentliggjort"), default=timezone.now, editable=False)
    published_by = models.ForeignKey(
        "accounts.User", models.PROTECT, related_name="+", verbose_name=_("offentliggjort af")
    )
    change_note = LimitedTextField(_("ændringsnote"), blank=True, max_length=TEXT)
    content = models.JSONField(_("indhold"))
    html = models.TextField(_("HTML"))

    class Meta:
        ordering = ["strategy", "-number"]
        verbose_name = _("offentliggjort strategiversion")
        verbose_name_plural = _("offentliggjorte strategiversioner")
        constraints = [
            models.UniqueConstraint("strategy", "number", name="strategy_version_unique_number"),
        ]
        triggers = [
            pgtrigger.Protect(name="strategy_version_never_changed", operation=pgtrigger.Update),
        ]

    def __str__(self):
        return f"{self.strategy}, version {self.number}"
