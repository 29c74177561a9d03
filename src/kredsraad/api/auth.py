"""Who is asking: a personal token in `Authorization: Bearer <token>`, or nobody.

No header means an anonymous reader, who sees what the public site shows. A header that does
not name a working token (wrong, revoked, its user deactivated or their password changed since
the token was made, or not a Bearer header) is a 401, never a silent fall-back to anonymous: a client with a broken token should find out at
once, not get quietly less data.
"""

import hashlib
import secrets

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security.http import HttpBearer

from kredsraad.api.models import ApiToken

TOKEN_PREFIX = "kr_"
# Writing last_used_at on every request would turn each read into a write; once a minute is
# enough to show the owner that a token is in use.
LAST_USED_RESOLUTION = 60


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user, *, name: str) -> tuple[ApiToken, str]:
    """Make a token for `user`; return it and its secret, which is not kept anywhere."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip(), prefix=secret[:10], digest=_digest(secret)
    )
    return token, secret


def revoke_token(token: ApiToken, *, by) -> ApiToken:
    """Stop the token working from now on. Revoking twice keeps the first time."""
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    token.refresh_from_db(fields=["revoked_at"])
    return token


# A token works until it is revoked, its user is deactivated, or the user's password changes
# after it was made (by any path: `User.password_changed_at` is set wherever the password is). A
# password reset is how a user takes their account back, so it must take back the tokens too.
WORKING = Q(revoked_at__isnull=True, user__is_active=True) & (
    Q(user__password_changed_at__isnull=True) | Q(created_at__gt=F("user__password_changed_at"))
)


def tokens_of(user) -> QuerySet[ApiToken]:
    """The user's tokens, newest first, each with `works`."""
    return ApiToken.objects.filter(user=user).annotate(
        works=ExpressionWrapper(WORKING, output_field=BooleanField())
    )


def user_for_token(secret: str):
    """The active user of a working token, or None."""
    token = ApiToken.objects.select_related("user").filter(WORKING, digest=_digest(secret)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > (
        LAST_USED_RESOLUTION
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class TokenOrAnonymous(HttpBearer):
    """Every read answers to anyone; the token, when given, must work."""

    def __call__(self, request: HttpRequest):
        header = request.headers.get(self.header)
        if header is None:
            return AnonymousUser()
        scheme, _space, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthenticationError(
                message=_("Angiv nøglen som »Authorization: Bearer <nøgle>«.")
            )
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_token(token)
        if user is None:
            raise AuthenticationError(message=_("API-nøglen er ukendt eller tilbagekaldt."))
        return user


class TokenRequired(TokenOrAnonymous):
    """Writes need a token: without one the answer is 401."""

    def __call__(self, request: HttpRequest):
        user = super().__call__(request)
        if not user.is_authenticated:
            raise AuthenticationError(
                message=_("Denne handling kræver en API-nøgle (Authorization: Bearer <nøgle>).")
            )
        return user


token_or_anonymous = TokenOrAnonymous()
token_required = TokenRequired()
