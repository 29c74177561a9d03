"""The yearly samarbejdsplan (retsplejelovens § 113), its sections and focus areas, its frozen
published versions, and the lokalråd's handleplaner."""

import datetime
import uuid

import pghistory
import pgtrigger
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kredsraad.core.models import DANISH, Versioned, track_link
from kredsraad.core.text import LONG_TEXT, TEXT, LimitedTextField
from kredsraad.councils.models import Council, Forum, Organisation, PoliceDistrict


@pghistory.track()
class Theme(Versioned):
    """A theme a focus area can be tagged with (Tryghed, Indbrud, Rocker og bander …). Kept as
    data the administrator edits: a theme in use is retired rather than deleted, so plans that
    used it still name it. `code` is the stable key the API, open data and filters use."""

    code = models.SlugField(_("kode"), max_length=40, primary_key=True)
    label = models.CharField(_("navn"), max_length=100, unique=True, db_collation=DANISH)
    position = models.PositiveSmallIntegerField(_("placering"), default=0)
    retired = models.BooleanField(
        _("udgået"),
        default=False,
        help_text=_("Et udgået tema tilbydes ikke længere, men vises stadig, hvor det er brugt."),
    )

    class Meta:
        ordering = ["position", "label"]
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")

    def __str__(self):
        return self.label


@pghistory.track()
class CooperationPlan(Versioned):
    """One district's plan for one year. Its status changes only through plans.actions."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Kladde")
        DISCUSSION = "discussion", _("Til drøftelse")
        APPROVED = "approved", _("Godkendt")
        PUBLISHED = "published", _("Offentliggjort")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    district = models.ForeignKey(
        PoliceDistrict, models.PROTECT, related_name="plans", verbose_name=_("politikreds")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    title = models.CharField(_("titel"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    previous = models.OneToOneField(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="next",
        verbose_name=_("forrige års plan"),
    )
    action_plans_due = models.DateField(
        _("frist for handleplaner"),
        help_text=_("Lokalrådenes handleplaner for året skal være vedtaget senest denne dag."),
    )
    approved_by_council = models.ForeignKey(
        Council,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_plans",
        verbose_name=_("godkendt af"),
    )
    approved_on = models.DateField(_("godkendt den"), null=True, blank=True)
    approval_reference = models.CharField(
        _("reference til godkendelsen"), max_length=300, blank=True
    )
    # Set when the approval was a decision recorded at a meeting (kredsraad.meetings).
    approval_item = models.ForeignKey(
        "meetings.AgendaItem",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("godkendt ved punkt"),
    )
    in_correction = models.BooleanField(
        _("under rettelse"),
        default=False,
        help_text=_("En offentliggjort plan, der rettes; rettelsen udgives som en ny version."),
    )
    strategy = models.ForeignKey(
        "strategies.Strategy",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("strategi"),
        help_text=_("Den flerårige strategi, hvis periode omfatter planens år."),
    )

    class Meta:
        ordering = ["district", "-year"]
        verbose_name = _("samarbejdsplan")
        verbose_name_plural = _("samarbejdsplaner")
        constraints = [
            models.UniqueConstraint(
                "district",
                "year",
                name="plan_one_per_district_and_year",
                violation_error_message=_("Politikredsen har allerede en samarbejdsplan for året."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="plan_year_plausible",
                violation_error_message=_("Året skal ligge mellem 2000 og 2100."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:plan", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        """Drafts and plans under discussion can be edited, and a published plan while it is
        being corrected. An approved plan waits unchanged for publication."""
        return self.status in (self.Status.DRAFT, self.Status.DISCUSSION) or self.in_correction

    @staticmethod
    def default_action_plans_due(year: int) -> datetime.date:
        return datetime.date(year, 2, 1)


@pghistory.track()
class PlanSection(Versioned):
    """A numbered section of the plan. Sections of a generated kind are filled from the
    registry (and later the statistics) and kept current until the plan is published."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Tekst")
        ORGANISATION = "organisation", _("Organisationen (genereret: råd og medlemmer)")
        CRIME_TRENDS = "crime_trends", _("Kriminalitetsudviklingen (tal fra statistikken)")
        FOCUS_AREAS = "focus_areas", _("Indsatsområder (genereret)")
        LOCAL_COUNCILS = "local_councils", _("Lokalrådene (genereret: handleplaner)")
        FORUMS = "forums", _("Bilag: samarbejdsfora (genereret)")

    plan = models.ForeignKey(
        CooperationPlan, models.CASCADE, related_name="sections", verbose_name=_("plan")
    )
    parent = models.ForeignKey(
        "self",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("overafsnit"),
    )
    position = models.PositiveSmallIntegerField(_("placering"))
    title = models.CharField(_("overskrift"), max_length=300)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.TEXT)
    body = LimitedTextField(_("tekst (Markdown)"), blank=True, max_length=LONG_TEXT)
    # What a generated section shows, chosen by the author (a crime-figure block's offences,
    # areas, periods and unit); empty means the section's defaults.
    options = models.JSONField(_("indstillinger"), default=dict, blank=True)
    # Set by the rollover on copied text that names a year or quotes a figure; cleared when the
    # secretariat confirms or edits it. Publishing is refused while any mark remains.
    needs_review = models.BooleanField(_("skal gennemses"), default=False)
    review_reasons = models.JSONField(_("hvorfor det skal gennemses"), default=list, blank=True)

    # Three heading levels (01, 01.1, 01.1.1), as the printed plans go; deeper headings are
    # refused so numbers stay readable and the PDF, Word and web headings stay within h2-h6.
    MAX_DEPTH = 3

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("afsnit")
        verbose_name_plural = pgettext_lazy("flertal", "afsnit")
        constraints = [
            # The focus areas are printed in one place: their own section (plans.actions).
            models.UniqueConstraint(
                "plan",
                condition=Q(kind="focus_areas"),
                name="plan_one_focus_area_section",
                violation_error_message=_("Planen har allerede et afsnit med indsatsområderne."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_generated(self) -> bool:
        return self.kind != self.Kind.TEXT


@pghistory.track()
class FocusArea(Versioned):
    """An indsatsområde of one year's plan (05.1 …). Its number follows its position."""

    plan = models.ForeignKey(
        CooperationPlan, models.CASCADE, related_name="focus_areas", verbose_name=_("plan")
    )
    position = models.PositiveSmallIntegerField(_("placering"))
    title = models.CharField(_("titel"), max_length=300)
    body = LimitedTextField(_("tekst (Markdown)"), blank=True, max_length=LONG_TEXT)
    themes = models.ManyToManyField(
        Theme,
        through="FocusAreaTheme",
        blank=True,
        related_name="focus_areas",
        verbose_name=_("temaer"),
    )
    responsible = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="focus_areas",
        verbose_name=_("ansvarlig"),
    )
    previous = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_into",
        verbose_name=_("sidste års indsatsområde"),
    )
    needs_review = models.BooleanField(_("skal gennemses"), default=False)
    review_reasons = models.JSONField(_("hvorfor det skal gennemses"), default=list, blank=True)

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("indsatsområde")
        verbose_name_plural = _("indsatsområder")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:focus_area", args=[self.pk])

    @property
    def theme_labels(self) -> list[str]:
        """Labels in the themes' order; reads `themes`, so prefetch it on lists."""
        return [theme.label for theme in self.themes.all()]


@track_link
class FocusAreaTheme(models.Model):
    focusarea = models.ForeignKey(FocusArea, models.CASCADE)
    theme = models.ForeignKey(Theme, models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint("focusarea", "theme", name="focus_area_theme_unique"),
        ]

    def __str__(self):
        return f"{self.theme_id} i {self.focusarea_id}"


class PlanVersion(models.Model):
    """A published, frozen version of a plan: what was published, exactly. Never changed."""

    plan = models.ForeignKey(
        CooperationPlan, models.PROTECT, related_name="versions", verbose_name=_("plan")
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
        ordering = ["plan", "-number"]
        verbose_name = _("offentliggjort version")
        verbose_name_plural = _("offentliggjorte versioner")
        constraints = [
            models.UniqueConstraint("plan", "number", name="plan_version_unique_number"),
        ]
        triggers = [
            # What was published stays as it was published, whatever path a write takes.
            pgtrigger.Protect(name="plan_version_never_changed", operation=pgtrigger.Update),
        ]

    def __str__(self):
        return f"{self.plan}, version {self.number}"

    def get_absolute_url(self):
        return reverse("plans:version", args=[self.plan_id, self.number])


@pghistory.track()
class ActionPlan(Versioned):
    """A lokalråd's handleplan for a year: kladde → vedtaget → offentliggjort."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Kladde")
        ADOPTED = "adopted", _("Vedtaget")
        PUBLISHED = "published", _("Offentliggjort")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    council = models.ForeignKey(
        Council, models.PROTECT, related_name="action_plans", verbose_name=_("lokalråd")
    )
    plan = models.ForeignKey(
        CooperationPlan,
        models.PROTECT,
        related_name="action_plans",
        verbose_name=_("samarbejdsplan"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    introduction = LimitedTextField(_("indledning (Markdown)"), blank=True, max_length=LONG_TEXT)
    adopted_on = models.DateField(_("vedtaget den"), null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_into",
        verbose_name=_("sidste års handleplan"),
    )

    class Meta:
        ordering = ["plan", "council__name"]
        verbose_name = _("handleplan")
        verbose_name_plural = _("handleplaner")
        constraints = [
            models.UniqueConstraint(
                "council",
                "plan",
                name="action_plan_one_per_council_and_plan",
                violation_error_message=_("Lokalrådet har allerede en handleplan for året."),
            ),
        ]

    def __str__(self):
        return _("%(council)s: handleplan %(year)s") % {
            "council": self.council.name,
            "year": self.plan.year,
        }

    def get_absolute_url(self):
        return reverse("plans:action_plan", args=[self.pk])


@pghistory.track()
class ActionPlanItem(Versioned):
    """A local action in a handleplan, serving one of the district plan's focus areas or a
    local need."""

    action_plan = models.ForeignKey(
        ActionPlan, models.CASCADE, related_name="items", verbose_name=_("handleplan")
    )
    position = models.PositiveSmallIntegerField(_("placering"), default=0)
    title = models.CharField(_("titel"), max_length=300, db_collation=DANISH)
    description = LimitedTextField(_("beskrivelse"), blank=True, max_length=TEXT)
    focus_area = models.ForeignKey(
        FocusArea,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plan_items",
        verbose_name=_("indsatsområde"),
        help_text=_("Tomt betyder lokalt behov."),
    )
    responsible = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarlig"),
    )
    partners = models.ManyToManyField(
        Organisation,
        through="ActionPlanItemPartner",
        blank=True,
        related_name="action_plan_items",
        verbose_name=_("partnere"),
    )
    forums = models.ManyToManyField(
        Forum,
        through="ActionPlanItemForum",
        blank=True,
        related_name="action_plan_items",
        verbose_name=_("samarbejdsfora"),
    )
    starts = models.DateField(_("start"), null=True, blank=True)
    ends = models.DateField(_("slut"), null=True, blank=True)

    class Meta:
        ordering = ["action_plan", "position", "title"]
        verbose_name = _("handling")
        verbose_name_plural = _("handlinger")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__isnull=True)
                | Q(starts__isnull=True)
                | Q(ends__gte=models.F("starts")),
                name="action_plan_item_ends_after_start",
                violation_error_message=_("Slutdatoen ligger før startdatoen."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_local_need(self) -> bool:
        return self.focus_area_id is None


# An item's partners and forums are history too (added/removed).


@track_link
class ActionPlanItemPartner(models.Model):
    actionplanitem = models.ForeignKey(ActionPlanItem, models.CASCADE)
    organisation = models.ForeignKey(Organisation, models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "actionplanitem", "organisation", name="action_plan_item_partner_unique"
            )
        ]

    def __str__(self):
        return f"{self.organisation_id} i {self.actionplanitem_id}"


@track_link
class ActionPlanItemForum(models.Model):
    actionplanitem = models.ForeignKey(ActionPlanItem, models.CASCADE)
    forum = models.ForeignKey(Forum, models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint("actionplanitem", "forum", name="action_plan_item_forum_unique")
        ]

    def __str__(self):
        return f"{self.forum_id} i {self.actionplanitem_id}"
