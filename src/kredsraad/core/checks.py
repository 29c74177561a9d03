"""System checks of the deployment that only the database server can answer."""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import connections


@register(Tags.database, deploy=True)
def database_connections_within_server_limit(app_configs=None, databases=None, **kwargs):
    """Warn when the configured processes could together hold more connections than PostgreSQL
    allows ordinary users, so that a busy day ends in refused connections for everyone.

    Asks the server, so it runs only when asked to (`check --deploy --database default`).
    """
    if not databases or "default" not in databases:
        return []
    with connections["default"].cursor() as cursor:
        # The slots kept for superusers (and, from PostgreSQL 16, for pg_use_reserved_connections)
        # are not for the application.
        cursor.execute(
            "SELECT coalesce(sum(setting::int) FILTER (WHERE name = 'max_connections'), 0)"
            " - coalesce(sum(setting::int) FILTER (WHERE name <> 'max_connections'), 0)"
            " FROM pg_settings WHERE name IN"
            " ('max_connections', 'superuser_reserved_connections', 'reserved_connections')"
        )
        (available,) = cursor.fetchone()
    needed = settings.KREDSRAAD_DATABASE_CONNECTIONS
    if needed <= available:
        return []
    return [
        Warning(
            f"Processerne kan tilsammen åbne {needed} forbindelser til PostgreSQL, men serveren "
            f"tillader {available} (max_connections minus de reserverede).",
            hint="Sænk WEB_CONCURRENCY, KREDSRAAD_APP_SERVERS, KREDSRAAD_TASK_WORKERS eller "
            "DATABASE_POOL_MAX_SIZE, eller hæv max_connections på serveren "
            "(docs/design.md, Platform, viser regnestykket).",
            id="kredsraad.W001",
        )
    ]
