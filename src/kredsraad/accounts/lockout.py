"""Whom a failed sign-in counts against: the account it names, however that is spelled, and the
address it comes from. django-axes calls these through its settings (see config/settings.py).

Axes on its own counts the exact string typed, while the login finds the account with a
case-insensitive match, so TEMP2.SEK@… and temp2.sek@… were counted apart and either one's
success cleared the other's lock.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

from kredsraad.accounts.models import User


def identity(request, credentials: dict | None = None) -> str | None:
    """The account a sign-in names: its stored e-mail when the login would find one (the same
    case-insensitive lookup as `UserManager.get_by_natural_key`, which also matches spellings
    that mere lower-casing does not, such as a dotless i, U+0131, for an i), otherwise the
    typed e-mail, stripped and case-folded."""
    if credentials:
        typed = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        typed = getattr(request, "POST", {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if not isinstance(typed, str) or not typed.strip():
        return None
    typed = typed.strip()
    # Axes asks several times per request; look the account up once.
    known = getattr(request, "_kredsraad_identities", None)
    if known is None:
        known = {}
        if request is not None:
            request._kredsraad_identities = known
    if typed not in known:
        stored = None
        if "\x00" not in typed:  # PostgreSQL refuses NUL in a query parameter
            stored = User.objects.filter(email__iexact=typed).values_list("email", flat=True)
            stored = stored.first()
        known[typed] = (stored or typed).casefold()
    return known[typed]


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with one limit per account and a higher one per address.

    Axes compares every lockout parameter with one `AXES_FAILURE_LIMIT`. An address is often a
    whole police station or town hall behind one gateway, so it gets its own, higher limit
    (`KREDSRAAD_LOGIN_ADDRESS_FAILURE_LIMIT`): high enough for an office's typing errors, low
    enough that trying many accounts from one address is stopped.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        """The failures that count, in units of the account limit: the account's own, or the
        address's scaled so that reaching the address limit reads as reaching the account's."""
        attempts = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        account = get_client_username(request, credentials)
        by_account = _sum(attempts.filter(username=account)) if account else 0
        by_address = _sum(attempts.filter(ip_address=request.axes_ip_address))
        account_limit = settings.AXES_FAILURE_LIMIT
        address_limit = settings.KREDSRAAD_LOGIN_ADDRESS_FAILURE_LIMIT
        return max(by_account, by_address * account_limit // address_limit)

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """A successful sign-in forgives the account's own failures, not what its address tried
        against other accounts (axes would clear both, so a valid account could reset the
        address count and everyone else's count from that address)."""
        account = get_client_username(request, credentials)
        if not account:
            return 0
        count, _by_model = AccessAttempt.objects.filter(username=account).delete()
        return count


def _sum(attempts) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
