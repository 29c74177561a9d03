import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

# Names sort the Danish way (Æ, Ø, Å after Z; "Aa" as Å) with PostgreSQL's ICU collation.
DANISH = "da-DK-x-icu"


class Versioned(models.Model):
    """An editable record. `version` grows by one on every save through an action, so a form
    carrying an older number is known to be stale (kredsraad.core.concurrency)."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        abstract = True


# Link rows (many-to-many) are history too: each is tracked as added or removed.
track_link = pghistory.track(pghistory.InsertEvent("added"), pghistory.DeleteEvent("removed"))
