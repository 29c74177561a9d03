"""The one settings module. Every value comes from the environment; the defaults suit development.

Production sets at least DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (see README).
"""

import email.utils
import importlib.util
import os
import sys
import urllib.parse
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[3]
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY skal sættes, når DEBUG er slået fra.")
    SECRET_KEY = "development-only-secret-key-not-for-production-use-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "kredsraad.core",
    "kredsraad.accounts",
    "kredsraad.councils",
    "kredsraad.strategies",
    "kredsraad.plans",
    "kredsraad.goals",
    "kredsraad.images",
    "kredsraad.initiatives",
    "kredsraad.meetings",
    "kredsraad.statistics",
    "kredsraad.publishing",
    "kredsraad.api",
    "kredsraad.api.oparl",
    "kredsraad.search",
    "kredsraad.demo",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "template_partials",
    "pgtrigger",
    "pghistory",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
]

# django-zeal (a development dependency) fails the test suite on N+1 queries. It patches every
# queryset when its app loads, so it is installed only under pytest or when asked for.
if ("pytest" in sys.modules or env_bool("KREDSRAAD_ZEAL", False)) and importlib.util.find_spec(
    "zeal"
):
    INSTALLED_APPS.append("zeal")
ZEAL_RAISE = True
ZEAL_SHOW_ALL_CALLERS = False
# Two model-choice fields of one model look up one row each: not an N+1. Three repetitions are.
ZEAL_NPLUSONE_THRESHOLD = 3

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kredsraad.core.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kredsraad.core.middleware.NoStoreWhenSignedInMiddleware",
    "kredsraad.accounts.middleware.IdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kredsraad.core.middleware.RefuseNulMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kredsraad.config.urls"
WSGI_APPLICATION = "kredsraad.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kredsraad.accounts.context_processors.site",
                "kredsraad.core.context_processors.installation",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

# Database connections are bounded per process: each process (a gunicorn worker, a task worker,
# a command) keeps a pool of at most DATABASE_POOL_MAX_SIZE connections, and a request that finds
# them all busy waits up to DATABASE_POOL_TIMEOUT seconds for one instead of opening another.
# However many requests or threads arrive, PostgreSQL sees no more than processes times max size.
# A pool hands a connection back after each request, so it replaces persistent connections
# (Django requires CONN_MAX_AGE=0 with it).
DATABASE_POOL_MAX_SIZE = int(env("DATABASE_POOL_MAX_SIZE", "4"))
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", "postgres://postgres@127.0.0.1:55432/kredsraad"),
        conn_max_age=0,
        conn_health_checks=True,
    )
}
# PostgreSQL's JIT compiles a query the planner thinks costly to machine code before running
# it: worth it for a report that runs for seconds, a loss for a page's queries of milliseconds,
# where compiling alone took 100 ms (a statistics page at national scale, docs/design.md). Off
# for kredsraad's connections; psql and reports outside the app keep the server's setting.
_options = DATABASES["default"].get("OPTIONS", {})
DATABASES["default"]["OPTIONS"] = {
    **_options,
    "options": f"{_options.get('options', '')} -c jit=off".strip(),
    "pool": {
        # Opened on first use: a pool asked to keep one ready opens it in the background, and
        # the first query, not waiting for it, opens a second. A sync worker needs exactly one.
        "min_size": 0,
        "max_size": DATABASE_POOL_MAX_SIZE,
        "timeout": float(env("DATABASE_POOL_TIMEOUT", "10")),
    },
}
# The processes that each hold a pool, for the sum `kredsraad check --deploy --database default`
# compares with the server's max_connections (docs/design.md, Platform): gunicorn's workers
# (WEB_CONCURRENCY, which gunicorn itself reads as its worker count) on each of
# KREDSRAAD_APP_SERVERS machines, the task workers (`kredsraad db_worker`), and a margin for the
# commands and cron jobs that run beside them (send-reminders, imports, migrate, psql).
KREDSRAAD_APP_SERVERS = int(env("KREDSRAAD_APP_SERVERS", "1"))
KREDSRAAD_WEB_WORKERS = int(env("WEB_CONCURRENCY", "4"))
KREDSRAAD_TASK_WORKERS = int(env("KREDSRAAD_TASK_WORKERS", "1"))
KREDSRAAD_DATABASE_CONNECTIONS_MARGIN = int(env("KREDSRAAD_DATABASE_CONNECTIONS_MARGIN", "5"))
KREDSRAAD_DATABASE_CONNECTIONS = (
    KREDSRAAD_APP_SERVERS * KREDSRAAD_WEB_WORKERS + KREDSRAAD_TASK_WORKERS
) * DATABASE_POOL_MAX_SIZE + KREDSRAAD_DATABASE_CONNECTIONS_MARGIN
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first so a locked-out address never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    *env_list("EXTRA_AUTHENTICATION_BACKENDS"),
    # Django's ModelBackend, reading model permissions for staff only (accounts.backends).
    "kredsraad.accounts.backends.StaffModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "councils:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions end after this many idle seconds (kredsraad.accounts.middleware.IdleTimeoutMiddleware).
SESSION_IDLE_TIMEOUT = int(env("SESSION_IDLE_TIMEOUT", str(30 * 60)))
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(12 * 60 * 60)))

# Sign-in lockout (kredsraad.accounts.lockout): an account, however its e-mail is spelled, after
# AXES_FAILURE_LIMIT failures from anywhere; an address after KREDSRAAD_LOGIN_ADDRESS_FAILURE_LIMIT
# failures against any accounts (higher, since an office shares one address). Both for
# AXES_COOLOFF_HOURS. The admin's login goes through the same authentication backends.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
KREDSRAAD_LOGIN_ADDRESS_FAILURE_LIMIT = int(env("KREDSRAAD_LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
AXES_COOLOFF_TIME = float(env("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "kredsraad.accounts.lockout.LockoutHandler"
AXES_USERNAME_CALLABLE = "kredsraad.accounts.lockout.identity"
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = int(env("AXES_PROXY_COUNT", "0"))
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Reset links (kredsraad.accounts.actions): at most this many e-mails per address asked for, and
# per address asking, within the window. The counts are kept in the database, which every app
# server shares (the cache is per process).
KREDSRAAD_PASSWORD_RESET_PER_EMAIL = int(env("KREDSRAAD_PASSWORD_RESET_PER_EMAIL", "3"))
KREDSRAAD_PASSWORD_RESET_PER_ADDRESS = int(env("KREDSRAAD_PASSWORD_RESET_PER_ADDRESS", "10"))
KREDSRAAD_PASSWORD_RESET_WINDOW = int(env("KREDSRAAD_PASSWORD_RESET_WINDOW", str(60 * 60)))

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["kredsraad.core.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    # The statistics charts. vega-embed's browser build carries vega-interpreter inside it.
    ("vega", BASE_DIR / "node_modules" / "vega" / "build"),
    ("vega-lite", BASE_DIR / "node_modules" / "vega-lite" / "build"),
    ("vega-embed", BASE_DIR / "node_modules" / "vega-embed" / "build"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# The site's name in every page title, the header and the e-mails' sender: the authority that runs
# the installation, not the code name. KREDSRAAD_SITE_LOGO, optional, is a static path
# ("core/logo.svg") or an address (https://…) of the authority's logo, shown beside the name.
KREDSRAAD_SITE_NAME = env("KREDSRAAD_SITE_NAME", "Politiets og kommunernes samarbejde")
KREDSRAAD_SITE_LOGO = env("KREDSRAAD_SITE_LOGO")
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", email.utils.formataddr((KREDSRAAD_SITE_NAME, "noreply@kredsraad.invalid"))
)

# Links in e-mails are absolute: the address users reach the site at, without a trailing slash.
KREDSRAAD_BASE_URL = env("KREDSRAAD_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background tasks (django-tasks). Reminder e-mails are queued in the database in the same
# transaction that records them, and `kredsraad db_worker` sends them. Under pytest the immediate
# backend runs a task as it is queued, so a test finds the e-mail in mail.outbox; a test about
# the queue itself switches back to the database backend. KREDSRAAD_TASKS_BACKEND overrides both.
TASKS = {
    "default": {
        "BACKEND": env(
            "KREDSRAAD_TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if "pytest" in sys.modules
            else "django_tasks_db.DatabaseBackend",
        ),
        "QUEUES": ["default"],
    }
}
# `kredsraad send-reminders`: how many days ahead a meeting or a deadline is reminded of.
KREDSRAAD_REMINDER_DAYS_BEFORE_MEETING = int(env("KREDSRAAD_REMINDER_DAYS_BEFORE_MEETING", "7"))
KREDSRAAD_REMINDER_DAYS_BEFORE_DEADLINE = int(env("KREDSRAAD_REMINDER_DAYS_BEFORE_DEADLINE", "7"))
# A document build (PDF and Word) not finished after this many seconds is taken as lost (its
# worker died): the page stops waiting for it and offers to build again.
KREDSRAAD_DOCUMENT_BUILD_TIMEOUT = int(env("KREDSRAAD_DOCUMENT_BUILD_TIMEOUT", str(15 * 60)))

# Crime counts below this are published as "under N" (with no change or rate worked out from
# them), so that a handful of reports in a small municipality such as Læsø cannot point at people.
KREDSRAAD_STATISTICS_SUPPRESS_BELOW = int(env("KREDSRAAD_STATISTICS_SUPPRESS_BELOW", "5"))

# `kredsraad statistics fetch`: Danmarks Statistik's StatBank API, seconds to wait for an answer,
# values asked for per request (DST's limit is said to be 100,000) and retries after no answer.
KREDSRAAD_STATBANK_URL = env("KREDSRAAD_STATBANK_URL", "https://api.statbank.dk/v1").rstrip("/")
KREDSRAAD_STATBANK_TIMEOUT = float(env("KREDSRAAD_STATBANK_TIMEOUT", "30"))
KREDSRAAD_STATBANK_MAX_CELLS = int(env("KREDSRAAD_STATBANK_MAX_CELLS", "100000"))
KREDSRAAD_STATBANK_RETRIES = int(env("KREDSRAAD_STATBANK_RETRIES", "3"))
# The statistics map's municipality outlines, when ../shared/data/geo has none (DAWA's GeoJSON).
KREDSRAAD_DAWA_URL = env(
    "KREDSRAAD_DAWA_URL",
    "https://api.dataforsyningen.dk/kommuner?format=geojson&srid=4326&noformat",
)

# Meeting papers (bilag) are kept in the database; this is the largest one accepted.
KREDSRAAD_PAPER_MAX_BYTES = int(env("KREDSRAAD_PAPER_MAX_BYTES", str(20 * 1024 * 1024)))
# Statistics files uploaded on the web are kept in the database until imported; the largest.
KREDSRAAD_STATISTICS_MAX_BYTES = int(env("KREDSRAAD_STATISTICS_MAX_BYTES", str(50 * 1024 * 1024)))

# The footer's "Tilgængelighedserklæring" (a legal requirement for public-sector sites).
ACCESSIBILITY_STATEMENT_URL = env("ACCESSIBILITY_STATEMENT_URL", "https://www.was.digst.dk/")

# Security. Behind a TLS-terminating proxy, set SECURE_PROXY_SSL_HEADER=true.
SECURE = not DEBUG
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600 if SECURE else 0)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The __Host- prefix binds a cookie to this exact host over HTTPS; browsers refuse it over HTTP.
SESSION_COOKIE_NAME = "__Host-sessionid" if SECURE else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if SECURE else "csrftoken"
SILENCED_SYSTEM_CHECKS = ["security.W021"]  # HSTS preload is a decision for the operator.


def _logo_origin(logo: str) -> list[str]:
    parts = urllib.parse.urlsplit(logo)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme in {"http", "https"} else []


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # A logo given as an address elsewhere is the one image from another origin.
        "img-src": [SELF, "data:", *_logo_origin(KREDSRAAD_SITE_LOGO)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
