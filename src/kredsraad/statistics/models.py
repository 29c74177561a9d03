"""Crime statistics: areas, offence codes, imported datasets, observations and population.

Danmarks Statistik publishes STRAF11 (reported offences by area, offence and quarter) for the
country, regions and municipalities. Police districts are not a DST area: their rows are sums of
their municipalities, written by the importer (`derived=True`) so that pages read a few indexed
rows instead of summing on every request."""

import pghistory
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kredsraad.core.models import DANISH
from kredsraad.councils.models import Municipality, PoliceDistrict

# Periods are written as DST writes them: "2022K3" for a quarter, "2022" for a year.
QUARTER_PATTERN = r"^\d{4}K[1-4]$"


class Area(models.Model):
    """An area of the statistics. `code` is DST's OMRÅDE code ("000", "081", "851", "411",
    "998"); a police district is "politikreds:N" with N its number in DST's classification."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Hele landet")
        REGION = "region", _("Region")
        DISTRICT = "district", _("Politikreds")
        MUNICIPALITY = "municipality", _("Kommune")
        OTHER = "other", _("Andet")  # Christiansø, Uoplyst kommune

    code = models.CharField(_("kode"), max_length=20, unique=True)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("navn"), max_length=100, db_collation=DANISH)
    name_en = models.CharField(_("engelsk navn"), max_length=100, blank=True)
    municipality = models.OneToOneField(
        Municipality,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="statistics_area",
        verbose_name=_("kommune"),
    )
    district = models.ForeignKey(
        PoliceDistrict,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="statistics_areas",
        verbose_name=_("politikreds"),
        help_text=_("For en kommune: dens politikreds. For en politikreds: den selv."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("område")
        verbose_name_plural = _("områder")

    def __str__(self):
        return self.name


class Offence(models.Model):
    """An OVERTRÆD code: TOT, 1 Straffelov i alt, groups 11-14, 4-digit types, 3 Særlove …"""

    code = models.CharField(_("kode"), max_length=10, unique=True)
    label = models.CharField(_("betegnelse"), max_length=200)
    # DST's English text, for reading English StatBank exports ("Crimes of violence, total").
    label_en = models.CharField(_("engelsk betegnelse"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("overordnet"),
    )
    level = models.PositiveSmallIntegerField(_("niveau"), default=0)

    class Meta:
        ordering = ["code"]
        verbose_name = _("overtrædelse")
        verbose_name_plural = _("overtrædelser")

    def __str__(self):
        return f"{self.code} {self.label}"


@pghistory.track()
class Table(models.Model):
    """A table of figures: a StatBank table (STRAF11, UHELDK1, STRAF40, FOLK1A …) or the police's
    own figures, with its dimensions and their code lists.

    `dimensions` lists the table's dimensions other than OMRÅDE and TID, in the table's order:
    ``[{"code": "INDBLAND", "label": "Indblandede transportmidler", "role": "key",
    "values": [{"code": "71", "label": "Fodgænger"}, …]}, …]``. The role says where an
    observation keeps the dimension's code: "offence" (OVERTRÆD, whose code list is `Offence`,
    so no "values" here), "age" (ALDER), "sex" (KØN), or "key" (the rest, written into
    `Observation.key`). A table without OMRÅDE (`has_area` False) is national: its cells belong
    to Hele landet.

    Where the dimensions came from is `described_by`: the API's tableinfo or kredsraad's own
    description of a known table (`statistics.tables`). A dimension whose code list is whole
    (``"complete": true``) refuses a file's code outside it; a dimension first met in a file's
    header lists the codes seen so far, and later files may add to it.

    `small_counts` records, per source, whether small counts are hidden in public outputs:
    Danmarks Statistik publishes its tables with small counts; the police's own figures are not
    public, so theirs are hidden (see `statistics.reading.suppression`)."""

    class Frequency(models.TextChoices):
        QUARTER = "quarter", _("Kvartal")
        YEAR = "year", _("År")

    class DescribedBy(models.TextChoices):
        TABLEINFO = "tableinfo", _("Danmarks Statistiks tabelbeskrivelse")
        KREDSRAAD = "kredsraad", _("kredsraads beskrivelse")
        FILE = "file", _("Filens kolonner")

    class SmallCounts(models.TextChoices):
        SHOWN = "shown", _("Vises som hos kilden")
        HIDDEN = "hidden", _("Skjules i offentlige visninger")

    code = models.CharField(_("tabel"), max_length=40, unique=True)
    title = models.CharField(_("titel"), max_length=300)
    unit = models.CharField(_("enhed"), max_length=100, default="antal")
    frequency = models.CharField(_("hyppighed"), max_length=10, choices=Frequency.choices)
    has_area = models.BooleanField(_("har område"), default=True)
    dimensions = models.JSONField(_("dimensioner"), default=list, blank=True)
    described_by = models.CharField(_("beskrevet af"), max_length=10, choices=DescribedBy.choices)
    small_counts = models.CharField(
        _("små tal"), max_length=10, choices=SmallCounts.choices, default=SmallCounts.SHOWN
    )
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("tabel")
        verbose_name_plural = _("tabeller")

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def quarterly(self) -> bool:
        return self.frequency == self.Frequency.QUARTER

    def dimension(self, code: str) -> dict | None:
        return next((d for d in self.dimensions if d["code"] == code), None)

    def value_label(self, dimension: str, code: str) -> str | None:
        """The label of `code` in `dimension`'s code list, or None if it is not in it."""
        found = self.dimension(dimension)
        if found is None:
            return None
        return next((v["label"] for v in found.get("values", []) if v["code"] == code), None)


class Dataset(models.Model):
    """One import: where the figures came from, when, and what it changed."""

    class Source(models.TextChoices):
        STATBANK_API = "api", _("Danmarks Statistiks API")
        FILE = "file", _("Fil")
        POLICE = "police", _("Politiets eksport")
        DEMO = "demo", _("Demodata")

    table = models.CharField(_("tabel"), max_length=40)  # STRAF11, FOLK1A, police:<name>
    source = models.CharField(_("kilde"), max_length=10, choices=Source.choices)
    file_name = models.CharField(_("fil"), max_length=255, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    fetched_at = models.DateTimeField(_("hentet"))
    imported_at = models.DateTimeField(_("indlæst"), auto_now_add=True)
    imported_by = models.ForeignKey(
        "accounts.User",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indlæst af"),
    )
    rows_read = models.PositiveIntegerField(_("rækker læst"), default=0)
    rows_new = models.PositiveIntegerField(_("nye"), default=0)
    rows_changed = models.PositiveIntegerField(_("ændrede"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("uændrede"), default=0)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("datasæt")
        verbose_name_plural = _("datasæt")

    def __str__(self):
        return f"{self.table}, {self.fetched_at:%d.%m.%Y}"


# A revised figure is an UPDATE and shows in the history; first imports are not copied there. A
# figure DST withdraws ("..") is deleted, and the history keeps it too.
@pghistory.track(
    pghistory.UpdateEvent("revised", row=pghistory.Old),
    pghistory.DeleteEvent("removed", row=pghistory.Old),
)
class Observation(models.Model):
    """One cell of a table (`Table`): its count for an area, a period and one code of each of the
    table's other dimensions. OVERTRÆD is `offence` (None for a table without it, such as
    UHELDK1), ALDER is `age` and KØN is `sex` ("" where the table has no such dimension), and any
    others are `key`, "UHELD=0;INDBLAND=71" in the table's order ("" for STRAF11). A national
    table's cells belong to Hele landet. A yearly table's period is "2021" with quarter 0."""

    table = models.CharField(_("tabel"), max_length=40)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("område"))
    offence = models.ForeignKey(
        Offence,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("overtrædelse"),
    )
    period = models.CharField(_("periode"), max_length=6)  # "2022K3", or "2021" for a year
    year = models.PositiveSmallIntegerField(_("år"))
    quarter = models.PositiveSmallIntegerField(_("kvartal"))  # 0 for a year
    age = models.CharField(_("alder"), max_length=20, blank=True, default="")
    sex = models.CharField(_("køn"), max_length=10, blank=True, default="")
    key = models.CharField(_("øvrige dimensioner"), max_length=200, blank=True, default="")
    value = models.IntegerField(_("antal"))
    derived = models.BooleanField(_("beregnet"), default=False)
    dataset = models.ForeignKey(
        Dataset, models.PROTECT, related_name="+", verbose_name=_("datasæt")
    )

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observationer")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "area", "offence", "period", "age", "sex", "key"],
                name="observation_one_per_cell",
                nulls_distinct=False,
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="observation_not_negative"),
        ]
        indexes = [
            # Time series and comparisons: one area and offence over periods.
            models.Index(
                fields=["table", "offence", "area", "year", "quarter"],
                name="observation_series",
            ),
            # A table's newest quarter (the public statistics, a plan's figures, a series
            # block): a step down this index instead of reading the whole table.
            models.Index(fields=["table", "year", "quarter"], name="observation_newest"),
        ]

    def __str__(self):
        what = " ".join(
            filter(None, [self.offence and self.offence.code, self.age, self.sex, self.key])
        )
        return f"{self.table} {self.area.code} {what} {self.period}: {self.value}"


@pghistory.track(
    pghistory.UpdateEvent("revised", row=pghistory.Old),
    pghistory.DeleteEvent("removed", row=pghistory.Old),
)
class Population(models.Model):
    """FOLK1A: the population on 1 January of `year` (DST's quarter K1)."""

    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("område"))
    year = models.PositiveSmallIntegerField(_("år"))
    value = models.PositiveIntegerField(_("folketal"))
    derived = models.BooleanField(_("beregnet"), default=False)
    dataset = models.ForeignKey(
        Dataset, models.PROTECT, related_name="+", verbose_name=_("datasæt")
    )

    class Meta:
        verbose_name = _("folketal")
        verbose_name_plural = _("folketal")
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="population_one_per_year"),
        ]

    def __str__(self):
        return f"{self.area.code} {self.year}: {self.value}"


# A removed category is recorded by `police.remove_mapping` as a manual "removed" event before
# the row goes (a manual event needs no trigger, so no migration).
@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.ManualEvent("removed"))
class PoliceCategoryMapping(models.Model):
    """How a police export's category maps to an offence code, per district."""

    district = models.ForeignKey(
        PoliceDistrict, models.CASCADE, related_name="+", verbose_name=_("politikreds")
    )
    category = models.CharField(_("politiets kategori"), max_length=200)
    offence = models.ForeignKey(
        Offence, models.PROTECT, related_name="+", verbose_name=_("overtrædelse")
    )

    class Meta:
        verbose_name = _("kategori fra politiet")
        verbose_name_plural = _("kategorier fra politiet")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "category"], name="police_category_once_per_district"
            ),
        ]

    def __str__(self):
        return f"{self.category} → {self.offence.code}"


class Boundary(models.Model):
    """A municipality's outline for the map, as a GeoJSON geometry in WGS 84 (longitude,
    latitude). Loaded from DAGI boundaries (../shared/data/geo) or the public DAWA API by
    `kredsraad statistics boundaries`; pages work without it and show the table only."""

    area = models.OneToOneField(
        Area, models.CASCADE, related_name="boundary", verbose_name=_("område")
    )
    geometry = models.JSONField(_("geometri"))
    source = models.CharField(_("kilde"), max_length=200)
    loaded_at = models.DateTimeField(_("indlæst"), auto_now=True)

    class Meta:
        verbose_name = _("grænse")
        verbose_name_plural = _("grænser")

    def __str__(self):
        return f"{self.area.name} ({self.source})"


class ImportJob(models.Model):
    """An upload on the web: the file (kept in the database, so any app server can run it), its
    preview, and the progress of the import the worker runs, which the page polls."""

    class Kind(models.TextChoices):
        DST = "dst", _("Danmarks Statistik")
        POLICE = "police", _("Politiets eksport")

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Klar til indlæsning")
        REFUSED = "refused", _("Afvist")
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("Indlæses")
        DONE = "done", _("Indlæst")
        FAILED = "failed", _("Fejlede")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    district = models.ForeignKey(
        PoliceDistrict,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("politikreds"),
        help_text=_("For politiets eksport: kredsen, hvis kategorier bruges."),
    )
    table = models.CharField(_("tabel"), max_length=40, blank=True)
    file_name = models.CharField(_("fil"), max_length=255)
    content = models.BinaryField(_("indhold"))
    # The rows the preview read, compressed (`uploads.pack`): the import applies them instead of
    # reading the file again. Emptied when the job is done.
    rows = models.BinaryField(_("læste rækker"), blank=True, default=b"")
    size = models.PositiveIntegerField(_("størrelse (byte)"))
    sha256 = models.CharField("SHA-256", max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREVIEWED
    )
    done = models.PositiveIntegerField(_("behandlet"), default=0)
    total = models.PositiveIntegerField(_("i alt"), default=0)
    preview = models.JSONField(_("forhåndsvisning"), default=dict, blank=True)
    problems = models.JSONField(_("fejl"), default=list, blank=True)
    notes = models.JSONField(_("noter"), default=list, blank=True)
    error = models.TextField(_("fejlbesked"), blank=True)
    dataset = models.ForeignKey(
        Dataset,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("datasæt"),
    )
    created_by = models.ForeignKey(
        "accounts.User", models.CASCADE, related_name="+", verbose_name=_("oprettet af")
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    finished_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("indlæsning")
        verbose_name_plural = _("indlæsninger")

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"
