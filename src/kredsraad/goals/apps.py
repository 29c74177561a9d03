from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "kredsraad.goals"
    verbose_name = _("Mål og indikatorer")
