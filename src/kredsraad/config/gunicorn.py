"""gunicorn's settings: `gunicorn -c python:kredsraad.config.gunicorn kredsraad.config.wsgi`.

Workers that are ready before their first request. Without this a fresh worker imported the
views, compiled the templates and read the translation catalogues while its first visitor
waited: 4.5-5.5 s on the 2-core development machine (issue 15). Now the master loads the
application once (`preload_app`) and does that work before it forks, so every worker starts
with it in memory (shared with the master until written to), and a worker opens its database
connection before it accepts a request. docs/design.md, Benchmarking at national scale.

The command line still decides everything else (bind, workers, timeouts, the access log).
"""

import logging
import sys
import time

logger = logging.getLogger("gunicorn.error")

# The reloader (`make run RELOAD=1`) restarts a worker from the master's copy of the code, so with
# a preloaded application it would restart the old code: preloading only without it.
preload_app = "--reload" not in sys.argv


def when_ready(server):
    """In the master, once the application is loaded and before any worker is forked."""
    if server.cfg.preload_app:
        started = time.perf_counter()
        warm_up()
        server.log.info("warmed up in %.2f s before forking", time.perf_counter() - started)


def post_worker_init(worker):
    """In each worker, after it loaded the application and before it accepts a request.

    Without preloading each worker warms itself here. Either way it opens its first database
    connection now (kept in its pool), not in its first visitor's request.
    """
    if not worker.cfg.preload_app:
        warm_up()
    from django.db import DatabaseError, connection

    try:
        connection.ensure_connection()
    except DatabaseError as error:  # the first request will try again, and say why
        worker.log.warning("no database connection at start: %s", error)
    finally:
        connection.close()  # back to the pool, still open


def warm_up():
    """What a worker's first request would otherwise do: no database, no request."""
    _resolve_every_url()
    _compile_every_template()
    _read_the_catalogues()
    _read_the_static_manifest()


def _resolve_every_url():
    # Importing the URLconf imports every view; each pattern's regular expression and each
    # resolver's table for reverse() are built on first use, per language.
    from django.conf import settings
    from django.urls import URLResolver, get_resolver
    from django.utils import translation

    def walk(resolver):
        resolver.reverse_dict  # noqa: B018 (the property builds the table)
        for pattern in resolver.url_patterns:
            pattern.pattern.regex  # noqa: B018 (compiled on first access, per language)
            if isinstance(pattern, URLResolver):
                walk(pattern)

    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            walk(get_resolver())


def _compile_every_template():
    # The cached template loader keeps what it compiled for the life of the process; compiling
    # every one of our templates here is a second of the master's time instead of a fraction
    # of a second in each of the first requests of every worker.
    from pathlib import Path

    from django.template import TemplateSyntaxError, engines

    import kredsraad

    root = Path(kredsraad.__file__).parent
    for engine in engines.all():
        for directory in root.glob("*/templates"):
            for path in sorted(directory.rglob("*")):
                if path.suffix in {".html", ".txt"}:
                    name = path.relative_to(directory).as_posix()
                    try:
                        engine.get_template(name)
                    except TemplateSyntaxError as error:
                        # Its page fails as it would have; the rest of the site is served.
                        logger.error("template %s does not compile: %s", name, error)


def _read_the_catalogues():
    from django.conf import settings
    from django.utils import translation

    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            translation.gettext("Log ind")


def _read_the_static_manifest():
    # The manifest of hashed file names is read when the storage is first used ({% static %}).
    from django.contrib.staticfiles.storage import staticfiles_storage

    staticfiles_storage._setup()
