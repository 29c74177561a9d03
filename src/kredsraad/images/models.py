"""Images shown in a plan's sections (an organisation chart, a map), stored in the database.

The app servers keep no files (no MEDIA directory), so the bytes live in PostgreSQL. They sit in
a table of their own, `ImageFile`, apart from where an image is shown, `SectionImage`:

- the history of a placement (alt text, caption, position) does not copy megabytes of bytes
  into the event table on every edit of its alt text;
- a file is content-addressed (its SHA-256) and never changes, so its URL can be cached forever
  and a published version's frozen HTML, which names that URL, keeps showing the same picture;
- a placement can be removed (or go with its section) while the file stays for the published
  versions that show it.
"""

import pghistory
import pgtrigger
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kredsraad.core.models import Versioned
from kredsraad.core.text import LimitedTextField
from kredsraad.councils.models import PoliceDistrict
from kredsraad.plans.models import PlanSection

ALT_TEXT = 500
CAPTION = 1_000


class WithoutBytes(models.Manager):
    """Reads every column but the bytes: lists, the plan document and prefetches never load
    megabytes they do not show. `ImageFile.objects.with_bytes()` reads them."""

    def get_queryset(self):
        return super().get_queryset().defer("data")

    def with_bytes(self):
        return super().get_queryset()


class ImageFile(models.Model):
    """An uploaded image as served: re-encoded PNG or JPEG without metadata (an SVG rasterised).
    Never changed once stored (a database trigger refuses it); deleted only while nothing shows
    it, neither a section nor a published version."""

    class Type(models.TextChoices):
        PNG = "image/png", "PNG"
        JPEG = "image/jpeg", "JPEG"

    district = models.ForeignKey(
        PoliceDistrict, models.PROTECT, related_name="+", verbose_name=_("politikreds")
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("filtype"), max_length=20, choices=Type.choices)
    width = models.PositiveIntegerField(_("bredde (pixel)"))
    height = models.PositiveIntegerField(_("højde (pixel)"))
    size = models.PositiveIntegerField(_("størrelse (bytes)"))
    data = models.BinaryField(_("indhold"))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    objects = WithoutBytes()

    class Meta:
        base_manager_name = "objects"
        verbose_name = _("billedfil")
        verbose_name_plural = _("billedfiler")
        constraints = [
            models.UniqueConstraint("district", "sha256", name="image_file_unique_per_district"),
        ]
        triggers = [
            # Its URL names its hash and is cached for good; published HTML points to it.
            pgtrigger.Protect(name="image_file_never_changed", operation=pgtrigger.Update),
        ]

    def __str__(self):
        return f"{self.sha256[:12]} ({self.width} x {self.height} px)"

    def get_absolute_url(self):
        return reverse("publishing:image", args=[self.pk, self.sha256, self.extension])

    @property
    def extension(self) -> str:
        return "png" if self.content_type == self.Type.PNG else "jpg"


@pghistory.track()
class SectionImage(Versioned):
    """An image shown in a plan section, after the section's text, with its alt text."""

    section = models.ForeignKey(
        PlanSection, models.CASCADE, related_name="images", verbose_name=_("afsnit")
    )
    position = models.PositiveSmallIntegerField(_("placering"))
    file = models.ForeignKey(
        ImageFile, models.PROTECT, related_name="placements", verbose_name=_("billedfil")
    )
    alt_text = LimitedTextField(
        _("alternativ tekst"),
        max_length=ALT_TEXT,
        help_text=_(
            "Beskriv billedets indhold for den, der ikke kan se det, fx hvem der refererer til "
            "hvem i et organisationsdiagram."
        ),
    )
    caption = LimitedTextField(_("billedtekst"), blank=True, max_length=CAPTION)

    class Meta:
        ordering = ["section", "position", "pk"]
        verbose_name = _("billede")
        verbose_name_plural = _("billeder")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(alt_text=""),
                name="section_image_has_alt_text",
                violation_error_message=_("Skriv en alternativ tekst til billedet."),
            ),
        ]

    def __str__(self):
        return self.alt_text[:80]

    def document_entry(self) -> dict:
        """What the plan document (plans.document.plan_content) holds of the image, and a
        published version freezes: the file's immutable URL and the texts as they are now."""
        file = self.file
        return {
            "url": file.get_absolute_url(),
            "file": file.pk,
            "sha256": file.sha256,
            "alt": self.alt_text,
            "caption": self.caption,
            "width": file.width,
            "height": file.height,
        }
