"""The organisation registry: who cooperates with whom under retsplejelovens §§ 111-113."""

import pghistory
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeBoundary, RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Func, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kredsraad.core.models import DANISH, Versioned
from kredsraad.core.text import TEXT, LimitedTextField
from kredsraad.councils.registry import municipality_title
from kredsraad.search.vectors import gin, search_vector_field


class Region(models.Model):
    code = models.PositiveSmallIntegerField(_("regionskode"), unique=True)
    name = models.CharField(_("navn"), max_length=100, db_collation=DANISH)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regioner")

    def __str__(self):
        return self.name


class LocalCouncils(models.TextChoices):
    """How many lokalråd each municipality of a district has (retsplejelovens § 112 leaves it to
    the district and its municipalities)."""

    NONE = "none", _("Ingen lokalråd")
    ONE = "one", _("Ét lokalråd pr. kommune")
    SEVERAL = "several", _("Et eller flere lokalråd pr. kommune")


@pghistory.track()
class PoliceDistrict(Versioned):
    """A politikreds. `code` is Danmarks Statistik's number (1-12)."""

    code = models.PositiveSmallIntegerField(_("kode"), unique=True)
    name = models.CharField(_("navn"), max_length=100, unique=True, db_collation=DANISH)
    slug = models.SlugField(_("kortnavn"), unique=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("hjemmeside"), blank=True)
    local_councils = models.CharField(
        _("lokalråd"),
        max_length=8,
        choices=LocalCouncils.choices,
        default=LocalCouncils.ONE,
        help_text=_("Hvor mange lokalråd hver kommune i politikredsen har."),
    )
    action_plans_required = models.BooleanField(
        _("lokalrådene skal lave handleplaner"),
        default=True,
        help_text=_("Om lokalrådene i politikredsen har pligt til en årlig handleplan."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("politikreds")
        verbose_name_plural = _("politikredse")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("councils:district", args=[self.slug])


@pghistory.track()
class Municipality(Versioned):
    """A kommune with its official three-digit code (851 Aalborg)."""

    code = models.PositiveSmallIntegerField(_("kommunekode"), unique=True)
    name = models.CharField(_("navn"), max_length=100, db_collation=DANISH)
    district = models.ForeignKey(
        PoliceDistrict, models.PROTECT, related_name="municipalities", verbose_name=_("politikreds")
    )
    region = models.ForeignKey(
        Region, models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self):
        return municipality_title(self.code, self.name)

    def get_absolute_url(self):
        return reverse("councils:municipality", args=[self.code])


@pghistory.track(exclude=["search_vector"])
class Organisation(Versioned):
    """A partner: any body that sits in a council, leads a forum or takes part in an initiative.

    `district` is empty for national bodies (TrygFonden), which every district shares and only
    administrators edit; a district's secretariat keeps its own local organisations.
    """

    class Kind(models.TextChoices):
        POLICE = "police", _("Politi")
        MUNICIPALITY = "municipality", _("Kommune")
        REGION = "region", _("Region")
        STATE = "state", _("Statslig myndighed")
        UNIVERSITY = "university", _("Universitet og forskning")
        ASSOCIATION = "association", _("Forening")
        FOUNDATION = "foundation", _("Fond")
        OTHER = "other", _("Andet")

    name = models.CharField(_("navn"), max_length=200, db_collation=DANISH)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    district = models.ForeignKey(
        PoliceDistrict,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("politikreds"),
        help_text=_("Tom for landsdækkende organisationer."),
    )
    municipality = models.ForeignKey(
        Municipality,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("kommune"),
    )
    description = LimitedTextField(_("beskrivelse"), blank=True, max_length=TEXT)
    website = models.URLField(_("hjemmeside"), blank=True)

    # The search index (kredsraad.search): generated by PostgreSQL on every write.
    search_vector = search_vector_field(("name", "A"), ("description", "B"))

    class Meta:
        indexes = [gin("organisation")]
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        constraints = [
            models.UniqueConstraint(
                "name",
                "district",
                nulls_distinct=False,
                name="organisation_unique_name_per_district",
                violation_error_message=_("Der findes allerede en organisation med det navn."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("councils:organisation", args=[self.pk])


@pghistory.track()
class Council(Versioned):
    """A kredsråd (one per district) or lokalråd (as many per municipality as the district's
    `local_councils` setting allows; kredsraad.councils.actions keeps to it)."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("Kredsråd")
        LOCAL = "local", _("Lokalråd")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("navn"), max_length=200, db_collation=DANISH)
    district = models.ForeignKey(
        PoliceDistrict, models.PROTECT, related_name="councils", verbose_name=_("politikreds")
    )
    municipality = models.ForeignKey(
        Municipality,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="councils",
        verbose_name=_("kommune"),
    )
    description = LimitedTextField(_("beskrivelse"), blank=True, max_length=TEXT)
    meetings_per_year = models.PositiveSmallIntegerField(_("møder pr. år"), default=4)
    crime_trend_quarter = models.PositiveSmallIntegerField(
        _("kvartal for drøftelse af kriminalitetsudviklingen"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Kredsrådet drøfter kriminalitetsudviklingen mindst en gang om året."),
    )
    minutes_within_days = models.PositiveSmallIntegerField(
        _("referat godkendt inden for (dage)"), default=30
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("råd")
        verbose_name_plural = _("råd")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="district", municipality__isnull=True)
                | Q(kind="local", municipality__isnull=False),
                name="council_local_has_municipality",
                violation_error_message=_(
                    "Et lokalråd hører til en kommune; et kredsråd gør ikke."
                ),
            ),
            models.UniqueConstraint(
                "district",
                condition=Q(kind="district"),
                name="council_one_district_council",
                violation_error_message=_("Politikredsen har allerede et kredsråd."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("councils:council", args=[self.pk])

    @property
    def is_district_council(self) -> bool:
        return self.kind == self.Kind.DISTRICT


@pghistory.track(exclude=["search_vector"])
class Person(Versioned):
    """Someone who sits in a council. Staff data stays minimal: a name or a title, an
    organisation and a work e-mail. Office-holders may be recorded by title alone."""

    name = models.CharField(_("navn"), max_length=200, blank=True, db_collation=DANISH)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="people", verbose_name=_("organisation")
    )
    email = models.EmailField(_("arbejdsmail"), blank=True)
    district = models.ForeignKey(
        PoliceDistrict, models.PROTECT, related_name="people", verbose_name=_("politikreds")
    )

    # The search index (kredsraad.search): generated by PostgreSQL on every write.
    search_vector = search_vector_field(("name", "A"), ("title", "B"))

    class Meta:
        indexes = [gin("person")]
        ordering = ["name", "title"]
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name="") | ~Q(title=""),
                name="person_has_name_or_title",
                violation_error_message=_("Angiv navn eller titel."),
            ),
            models.UniqueConstraint(
                models.functions.Lower("email"),
                condition=~Q(email=""),
                name="person_unique_email",
                violation_error_message=_("E-mailadressen er allerede i brug."),
            ),
        ]

    def __str__(self):
        if self.name:
            return f"{self.name}, {self.title}" if self.title else self.name
        return f"{self.title}, {self.organisation.name}"


class DateRange(Func):
    function = "DATERANGE"
    output_field = DateRangeField()


@pghistory.track()
class Membership(Versioned):
    """A person's seat in a council for a period. Ending a membership sets `end`; rows are never
    deleted, so the council's history shows who sat when."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Formand")
        VICE_CHAIR = "vice_chair", _("Næstformand")
        MEMBER = "member", _("Medlem")
        DEPUTY = "deputy", _("Stedfortræder")
        SECRETARY = "secretary", _("Sekretær")
        GUEST = "guest", _("Fast gæst")

    # Roles of which a council has one at a time.
    SINGLE_SEAT_ROLES = (Role.CHAIR, Role.VICE_CHAIR)

    council = models.ForeignKey(
        Council, models.PROTECT, related_name="memberships", verbose_name=_("råd")
    )
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="memberships", verbose_name=_("person")
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    represents = models.ForeignKey(
        Organisation,
        models.PROTECT,
        related_name="memberships",
        verbose_name=_("repræsenterer"),
    )
    start = models.DateField(_("startdato"))
    end = models.DateField(_("slutdato"), null=True, blank=True)

    class Meta:
        ordering = ["council", "start"]
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_end_after_start",
                violation_error_message=_("Slutdatoen ligger før startdatoen."),
            ),
            ExclusionConstraint(
                name="membership_no_overlap_per_person",
                expressions=[
                    ("council", RangeOperators.EQUAL),
                    ("person", RangeOperators.EQUAL),
                    (
                        DateRange("start", "end", RangeBoundary(inclusive_upper=True)),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                violation_error_message=_(
                    "Personen har allerede et medlemskab i rådet i perioden."
                ),
            ),
            ExclusionConstraint(
                name="membership_one_chair_at_a_time",
                expressions=[
                    ("council", RangeOperators.EQUAL),
                    ("role", RangeOperators.EQUAL),
                    (
                        DateRange("start", "end", RangeBoundary(inclusive_upper=True)),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                condition=Q(role__in=["chair", "vice_chair"]),
                violation_error_message=_(
                    "Rådet har allerede en formand eller næstformand i perioden."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}, {self.council})"

    @property
    def history_label(self) -> str:
        """How the membership is named within its council's history."""
        return f"{self.person} ({self.get_role_display()})"

    @classmethod
    def role_rank(cls):
        """An expression ordering seats as councils list them: chair first, guests last."""
        order = [choice.value for choice in cls.Role]
        return models.Case(
            *(models.When(role=role, then=rank) for rank, role in enumerate(order)),
            output_field=models.IntegerField(),
        )

    def get_absolute_url(self):
        return reverse("councils:membership", args=[self.pk])

    def is_current_on(self, day) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


@pghistory.track()
class TargetGroup(Versioned):
    """Whom a forum works with (Børn og unge, Ofre for kriminalitet …). Kept as data the
    administrator edits, like plans.Theme: one in use is retired, never deleted. The forum
    appendix of a plan groups the forums by target group in this order."""

    code = models.SlugField(_("kode"), max_length=40, primary_key=True)
    label = models.CharField(_("navn"), max_length=100, unique=True, db_collation=DANISH)
    position = models.PositiveSmallIntegerField(_("placering"), default=0)
    retired = models.BooleanField(
        _("udgået"),
        default=False,
        help_text=_(
            "En udgået målgruppe tilbydes ikke længere, men vises stadig, hvor den er brugt."
        ),
    )

    class Meta:
        ordering = ["position", "label"]
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")

    def __str__(self):
        return self.label


@pghistory.track(exclude=["search_vector"])
class Forum(Versioned):
    """A preventive cooperation forum (SSP, PSP, KSP, Infohus, Exit-enhed, Børnehus …)."""

    name = models.CharField(_("navn"), max_length=200, db_collation=DANISH)
    district = models.ForeignKey(
        PoliceDistrict, models.PROTECT, related_name="forums", verbose_name=_("politikreds")
    )
    target_group = models.ForeignKey(
        TargetGroup, models.PROTECT, related_name="forums", verbose_name=_("målgruppe")
    )
    legal_basis = models.CharField(_("retsgrundlag"), max_length=300, blank=True)
    description = LimitedTextField(_("beskrivelse"), blank=True, max_length=TEXT)
    lead_organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        related_name="led_forums",
        verbose_name=_("tovholder"),
    )
    member_organisations = models.ManyToManyField(
        Organisation,
        through="ForumMember",
        related_name="forums",
        blank=True,
        verbose_name=_("deltagende organisationer"),
    )
    municipalities = models.ManyToManyField(
        Municipality,
        through="ForumMunicipality",
        related_name="forums",
        blank=True,
        verbose_name=_("dækker kommunerne"),
    )

    # The search index (kredsraad.search): generated by PostgreSQL on every write.
    search_vector = search_vector_field(("name", "A"), ("description", "B"), ("legal_basis", "C"))

    class Meta:
        indexes = [gin("forum")]
        ordering = ["name"]
        verbose_name = _("samarbejdsforum")
        verbose_name_plural = _("samarbejdsfora")
        constraints = [
            models.UniqueConstraint(
                "district",
                "name",
                name="forum_unique_name_per_district",
                violation_error_message=_("Politikredsen har allerede et forum med det navn."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("councils:forum", args=[self.pk])


# Who joins or leaves a forum is history too: the link rows are tracked as added and removed.
@pghistory.track(pghistory.InsertEvent("added"), pghistory.DeleteEvent("removed"))
class ForumMember(models.Model):
    forum = models.ForeignKey(Forum, models.CASCADE)
    organisation = models.ForeignKey(Organisation, models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint("forum", "organisation", name="forum_member_unique"),
        ]

    def __str__(self):
        return f"{self.organisation_id} i {self.forum_id}"


@pghistory.track(pghistory.InsertEvent("added"), pghistory.DeleteEvent("removed"))
class ForumMunicipality(models.Model):
    forum = models.ForeignKey(Forum, models.CASCADE)
    municipality = models.ForeignKey(Municipality, models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint("forum", "municipality", name="forum_municipality_unique"),
        ]

    def __str__(self):
        return f"{self.municipality_id} i {self.forum_id}"
