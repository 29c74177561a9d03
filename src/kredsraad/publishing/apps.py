from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "kredsraad.publishing"
    verbose_name = _("Offentliggørelse")

    def ready(self):
        # The handlers of the effects that change published documents (kredsraad.core.effects).
        from kredsraad.publishing import build  # noqa: F401
