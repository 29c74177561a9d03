from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kredsraad.core"
    verbose_name = _("Fælles")

    def ready(self):
        from kredsraad.core import checks  # noqa: F401 (registers the system checks)
