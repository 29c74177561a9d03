"""What a visitor does with an account before signing in."""

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from kredsraad.accounts.models import PasswordResetRequest

# Serialises the count-then-record below across every app server (PostgreSQL advisory lock;
# the number is arbitrary but fixed). Reset requests are rare, so one lock for all costs nothing.
_RESET_LOCK = 7_301_101


def ask_for_password_reset(email: str, *, address: str | None) -> bool:
    """Record that `address` asked for a reset link for `email`; return whether a link may be
    sent: not when that e-mail, or that address, already asked as often as the settings allow
    within the window. Requests count whether or not the e-mail belongs to a user, so the
    answer tells nothing about which accounts exist."""
    email = email.strip().casefold()
    now = timezone.now()
    window_start = now - timedelta(seconds=settings.KREDSRAAD_PASSWORD_RESET_WINDOW)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_RESET_LOCK])
        PasswordResetRequest.objects.filter(requested_at__lt=window_start).delete()
        recent = PasswordResetRequest.objects.filter(requested_at__gte=window_start)
        allowed = recent.filter(
            email=email
        ).count() < settings.KREDSRAAD_PASSWORD_RESET_PER_EMAIL and (
            address is None
            or recent.filter(address=address).count()
            < settings.KREDSRAAD_PASSWORD_RESET_PER_ADDRESS
        )
        # A refused request is not kept: a flood then holds at most the limits' worth of rows.
        if allowed:
            PasswordResetRequest.objects.create(email=email, address=address, requested_at=now)
    return allowed


def choose_notices(user, *, agenda: bool, minutes: bool, reminders: bool, by):
    """Which e-mail notices `user` receives (meetings.notices and meetings.reminders read it).
    Each user chooses their own."""
    user.notify_agenda, user.notify_minutes, user.notify_reminders = agenda, minutes, reminders
    user.save(update_fields=["notify_agenda", "notify_minutes", "notify_reminders"])
    return user
