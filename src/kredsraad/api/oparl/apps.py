from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OparlConfig(AppConfig):
    """The OParl 1.1 read API, an app of its own for its tombstones of deleted objects."""

    name = "kredsraad.api.oparl"
    label = "oparl"
    verbose_name = _("OParl")

    def ready(self):
        from kredsraad.api.oparl import tombstones

        tombstones.connect()
