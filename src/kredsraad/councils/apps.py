from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "kredsraad.councils"
    verbose_name = _("Råd og organisationer")
