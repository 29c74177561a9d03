from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "kredsraad.meetings"
    verbose_name = _("Møder")

    def ready(self):
        # The e-mail notices set off by the agenda's and the minutes' effects (core.effects).
        from kredsraad.meetings import notices  # noqa: F401
