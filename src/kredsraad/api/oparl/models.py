"""What the OParl API remembers of objects it once showed and that are now deleted."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kredsraad.councils.models import PoliceDistrict


class Tombstone(models.Model):
    """A deleted object as OParl clients last saw it: its type, the key in its URL, when it was
    created and when it was deleted. Written while the object is deleted (kredsraad.api.oparl.
    tombstones), only for objects the public API showed at that moment."""

    type = models.CharField(_("OParl-type"), max_length=20)
    key = models.CharField(_("nøgle"), max_length=60)
    # The body whose lists it appeared in; empty for national organisations, listed by every body.
    district = models.ForeignKey(
        PoliceDistrict,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("politikreds"),
    )
    created = models.DateTimeField(_("oprettet"))
    deleted_at = models.DateTimeField(_("slettet"), auto_now_add=True)

    class Meta:
        ordering = ["deleted_at", "pk"]
        verbose_name = _("slettet OParl-objekt")
        verbose_name_plural = _("slettede OParl-objekter")
        constraints = [
            models.UniqueConstraint("type", "key", name="oparl_tombstone_once"),
        ]
        indexes = [models.Index(fields=["type", "deleted_at"], name="oparl_tombstone_by_time")]

    def __str__(self):
        return f"{self.type} {self.key}"
