from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kredsraad.accounts"
    verbose_name = _("Brugere og roller")
