"""Personal API tokens: a machine reads the API as the user who made the token, no more."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """One named token. Only the SHA-256 of its secret is stored, so the secret is shown once,
    when the token is made; `prefix` lets the owner tell their tokens apart afterwards.
    A revoked token is kept (with `revoked_at`) so the owner sees when it stopped working."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("bruger"),
    )
    name = models.CharField(_("navn"), max_length=100)
    prefix = models.CharField(_("begyndelse"), max_length=16)
    digest = models.CharField("SHA-256", max_length=64, unique=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("sidst brugt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="api_token_has_name"),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
