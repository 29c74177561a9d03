"""Load cannot exhaust PostgreSQL: each process pools a bounded number of connections, and the
deployment check warns when the processes together could need more than the server allows."""

import json
import os
import subprocess
import sys
import threading
import time

import pytest
from django.core import checks
from django.db import connection, connections

from kredsraad.core.checks import database_connections_within_server_limit


def _settings_under(environment: dict[str, str]) -> dict:
    """The settings a fresh process reads from this environment."""
    script = (
        "import json; from kredsraad.config import settings as s; "
        "print(json.dumps({'conn_max_age': s.DATABASES['default']['CONN_MAX_AGE'], "
        "'pool': s.DATABASES['default']['OPTIONS']['pool'], "
        "'connections': s.KREDSRAAD_DATABASE_CONNECTIONS}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_operator_sets_each_processs_connection_limit_from_the_environment():
    configured = _settings_under(
        {
            "DATABASE_POOL_MAX_SIZE": "3",
            "DATABASE_POOL_TIMEOUT": "7",
            "WEB_CONCURRENCY": "5",
            "KREDSRAAD_APP_SERVERS": "2",
            "KREDSRAAD_TASK_WORKERS": "2",
            "KREDSRAAD_DATABASE_CONNECTIONS_MARGIN": "6",
        }
    )

    assert configured == {
        "conn_max_age": 0,
        "pool": {"min_size": 0, "max_size": 3, "timeout": 7.0},
        # (2 app servers * 5 workers + 2 task workers) * 3 per process + 6 for commands
        "connections": 42,
    }


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_requests_share_the_pools_connections():
    limit = connection.pool.max_size
    peak = 0

    def request():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_sleep(0.2)")
        finally:
            connections.close_all()  # as Django does when a request ends

    threads = [threading.Thread(target=request) for _ in range(20)]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            )
            peak = max(peak, cursor.fetchone()[0])
        time.sleep(0.02)  # a sample every 20 ms while the threads' 0.2 s queries run

    # Without a pool each thread opens its own connection: 21 with the sampler's. At least two
    # shows the threads did run side by side while the sampler looked.
    assert 1 < peak <= limit


@pytest.mark.django_db
def test_operator_is_warned_when_the_workers_could_open_more_connections_than_the_server_allows(
    settings,
):
    settings.KREDSRAAD_DATABASE_CONNECTIONS = 100_000

    warnings = checks.run_checks(
        include_deployment_checks=True, databases=["default"], tags=[checks.Tags.database]
    )

    assert [warning.id for warning in warnings] == ["kredsraad.W001"]
    assert "100000 forbindelser" in warnings[0].msg


@pytest.mark.django_db
def test_operator_gets_no_warning_when_the_connections_fit(settings):
    settings.KREDSRAAD_DATABASE_CONNECTIONS = 10

    assert database_connections_within_server_limit(databases=["default"]) == []


def test_deployment_check_without_a_database_does_not_ask_the_server(settings):
    settings.KREDSRAAD_DATABASE_CONNECTIONS = 100_000

    assert database_connections_within_server_limit(databases=None) == []


@pytest.mark.django_db
def test_pages_queries_are_planned_without_jit_compilation():
    # A page's queries take milliseconds; compiling one to machine code took 100 ms.
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
