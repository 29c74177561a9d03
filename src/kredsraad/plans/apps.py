from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "kredsraad.plans"
    verbose_name = _("Samarbejdsplaner og handleplaner")
