"""Goals (mål) of a focus area, an initiative or a multi-year strategy, each measured by one
indicator: a series of the statistics, or a value the responsible organisation reports per
period. Progress against the target is computed (kredsraad.goals.progress), never typed.

Periods are written as the statistics write them (kredsraad.statistics.periods): a year
"2022", a quarter "2022K3" or a range "2022K1-2022K3"."""

import pghistory
import pgtrigger
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kredsraad.core.models import Versioned
from kredsraad.core.text import TEXT, LimitedTextField
from kredsraad.councils.models import Organisation, PoliceDistrict

PERIOD = r"^20\d\d(K[1-4])?([-\u2013]20\d\d(K[1-4])?)?$"
DEADLINE = r"^20\d\d(K[1-4])?$"
period_validator = RegexValidator(
    PERIOD, _("Angiv en periode som fx 2022, 2022K3 eller 2022K1-2022K3.")
)
deadline_validator = RegexValidator(
    DEADLINE, _("Angiv fristen som et år (2025) eller et kvartal (2025K4).")
)


@pghistory.track()
class Goal(Versioned):
    """A measurable goal: "færre indbrud i beboelser i 2025 end i 2022"."""

    class Direction(models.TextChoices):
        DOWN = "down", _("Ned")
        UP = "up", _("Op")
        HOLD = "hold", _("Fastholde")

    class Source(models.TextChoices):
        STATISTICS = "statistics", _("Statistikken")
        REPORTED = "reported", _("Indberettet af den ansvarlige")

    class Unit(models.TextChoices):
        COUNT = "count", _("Antal")
        PER_1000 = "per_1000", _("Pr. 1.000 indbyggere")
        CHANGE = "change", _("Ændring mod udgangspunktet (%)")

    district = models.ForeignKey(
        PoliceDistrict, models.PROTECT, related_name="goals", verbose_name=_("politikreds")
    )
    # Exactly one owner: a focus area, an initiative or a strategy (constraint below).
    focus_area = models.ForeignKey(
        "plans.FocusArea",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("indsatsområde"),
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("indsats"),
    )
    strategy = models.ForeignKey(
        "strategies.Strategy",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("strategi"),
    )
    contributes_to = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("bidrager til strategiens mål"),
    )
    # The goal this one was copied from when a plan was rolled over to the next year.
    previous = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_into",
        verbose_name=_("sidste års mål"),
    )
    position = models.PositiveSmallIntegerField(_("placering"), default=0)
    statement = LimitedTextField(_("mål"), max_length=TEXT)
    direction = models.CharField(_("retning"), max_length=4, choices=Direction.choices)
    target = models.DecimalField(_("målværdi"), max_digits=14, decimal_places=2)
    baseline_period = models.CharField(
        _("udgangspunkt (periode)"), max_length=20, validators=[period_validator]
    )
    deadline = models.CharField(_("frist"), max_length=6, validators=[deadline_validator])
    source = models.CharField(_("indikator"), max_length=12, choices=Source.choices)
    # A series of the statistics (source=statistics).
    table = models.CharField(_("tabel"), max_length=40, blank=True)
    measure = models.CharField(
        _("mål i tabellen"),
        max_length=40,
        blank=True,
        help_text=_("For STRAF11 overtrædelsens kode, fx 1320 (indbrud i beboelser)."),
    )
    area = models.CharField(
        _("område"),
        max_length=20,
        blank=True,
        help_text=_(
            "Kommunekode (851), politikreds:N, regionskode (081) eller 000 for hele landet."
        ),
    )
    filters = models.JSONField(_("filtre"), default=dict, blank=True)
    unit = models.CharField(_("enhed"), max_length=10, choices=Unit.choices, default=Unit.COUNT)
    # A value reported per period (source=reported).
    reported_by = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indberettes af"),
    )
    reported_unit = models.CharField(
        _("enhed for indberetningen"), max_length=60, blank=True, help_text=_("Fx kurser eller %.")
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(focus_area__isnull=False, initiative__isnull=True, strategy__isnull=True)
                    | Q(focus_area__isnull=True, initiative__isnull=False, strategy__isnull=True)
                    | Q(focus_area__isnull=True, initiative__isnull=True, strategy__isnull=False)
                ),
                name="goal_has_one_owner",
                violation_error_message=_(
                    "Et mål hører til ét indsatsområde, én indsats eller én strategi."
                ),
            ),
            models.CheckConstraint(
                condition=Q(source="reported") | (~Q(table="") & ~Q(measure="") & ~Q(area="")),
                name="goal_statistics_series_named",
                violation_error_message=_("Angiv tabel, mål og område for statistikkens serie."),
            ),
        ]

    def __str__(self):
        return self.statement


class ReportedValue(models.Model):
    """A value of a reported indicator for one period. Never changed afterwards: a correction
    is a new row, and the latest one for a period counts (as with status updates)."""

    goal = models.ForeignKey(
        Goal, models.CASCADE, related_name="reported_values", verbose_name=_("mål")
    )
    period = models.CharField(_("periode"), max_length=20, validators=[period_validator])
    value = models.DecimalField(_("værdi"), max_digits=14, decimal_places=2)
    note = LimitedTextField(_("bemærkning"), blank=True, max_length=TEXT)
    author = models.ForeignKey(
        "accounts.User", models.PROTECT, related_name="+", verbose_name=_("indberettet af")
    )
    created_at = models.DateTimeField(_("indberettet"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["goal", "-period", "-created_at"]
        verbose_name = _("indberettet værdi")
        verbose_name_plural = _("indberettede værdier")
        triggers = [
            pgtrigger.Protect(name="reported_value_never_changed", operation=pgtrigger.Update),
        ]

    def __str__(self):
        return f"{self.goal}: {self.period}"
