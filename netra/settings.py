"""Netra settings: everything comes from the environment, with defaults that need nothing.

With no environment at all the app runs on an embedded SQLite file under ``var/`` with a secret key
generated into ``var/`` on first start. Production sets DATABASE_URL (PostgreSQL), SECRET_KEY,
ALLOWED_HOSTS and an e-mail backend.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NETRA_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in var/."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
CSRF_FAILURE_VIEW = "netra.web.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    # The lifecycle, in order: see docs/architecture.md.
    "netra.reference",
    "netra.registry",
    "netra.accounts",
    "netra.audit",
    "netra.prevention",
    "netra.reports",
    "netra.cases",
    "netra.sanctions",
    "netra.insights",
    "netra.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "netra.web.middleware.IndonesianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "netra.urls"
WSGI_APPLICATION = "netra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "netra" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'netra.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker and the web server share the file without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:public-home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Bahasa Indonesia first; English on request (language switcher, Accept-Language).
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Serve app static files without collectstatic too (tests, a first run); production collects them.
WHITENOISE_USE_FINDERS = True
STATICFILES_DIRS = [BASE_DIR / "netra" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Django 6.1 mailers (EMAIL_BACKEND is deprecated). Console by default: nothing leaves the machine.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "netra@localhost")

# A cache shared by every worker process (rate limits count across them): Redis when REDIS_URL is
# set, else the local-memory cache, which suits the single-process development server.
if REDIS_URL := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "frame-ancestors": ["'none'"],
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Public reporting (netra/reports; docs/reporting.md) ----------------------------------------
# Reporter identities are Fernet-encrypted with NETRA_IDENTITY_KEY (comma-separated keys: the first
# encrypts, all decrypt, for rotation), else with a key generated once into var/identity.key. Receipt
# codes are stored as HMAC-SHA256 under NETRA_RECEIPT_KEY, else var/receipt.key. Neither is in the DB.
NETRA_IDENTITY_KEY = os.environ.get("NETRA_IDENTITY_KEY", "")
NETRA_IDENTITY_KEY_FILE = VAR_DIR / "identity.key"
NETRA_RECEIPT_KEY = os.environ.get("NETRA_RECEIPT_KEY", "")
NETRA_RECEIPT_KEY_FILE = VAR_DIR / "receipt.key"
# Evidence limits: per file, all files of one submission, and how many files and links.
NETRA_EVIDENCE_MAX_FILE_BYTES = int(os.environ.get("NETRA_EVIDENCE_MAX_FILE_BYTES", 25 * 2**20))
NETRA_EVIDENCE_MAX_TOTAL_BYTES = int(os.environ.get("NETRA_EVIDENCE_MAX_TOTAL_BYTES", 60 * 2**20))
NETRA_EVIDENCE_MAX_FILES = int(os.environ.get("NETRA_EVIDENCE_MAX_FILES", "8"))
NETRA_EVIDENCE_MAX_LINKS = int(os.environ.get("NETRA_EVIDENCE_MAX_LINKS", "10"))
# Per-client limits on the public endpoints ("count/period", period s, m, h or d), counted in the
# cache named by NETRA_RATELIMIT_CACHE (use a shared cache, e.g. the DB cache, with several servers).
NETRA_RATELIMIT_ENABLED = env_bool("NETRA_RATELIMIT_ENABLED", True)
NETRA_RATELIMIT_CACHE = os.environ.get("NETRA_RATELIMIT_CACHE", "default")
NETRA_RATELIMITS = {
    "report": os.environ.get("NETRA_RATELIMIT_REPORT", "20/h"),
    "lookup": os.environ.get("NETRA_RATELIMIT_LOOKUP", "60/h"),
    "message": os.environ.get("NETRA_RATELIMIT_MESSAGE", "30/h"),
    # Search-as-you-type on the report form: a request per pause in typing.
    "suggest": os.environ.get("NETRA_RATELIMIT_SUGGEST", "300/h"),
}
# Behind a reverse proxy, the header holding the client address (e.g. "HTTP_X_FORWARDED_FOR").
NETRA_CLIENT_IP_HEADER = os.environ.get("NETRA_CLIENT_IP_HEADER", "")
# How long a retried submission with the same Idempotency-Key gets the first receipt back.
NETRA_IDEMPOTENCY_TTL_HOURS = int(os.environ.get("NETRA_IDEMPOTENCY_TTL_HOURS", "24"))
# Benchmarks only (bench/report_intake.py): serves a bare view at /report/_bench/bare as the ceiling.
NETRA_BENCHMARK_VIEWS = env_bool("NETRA_BENCHMARK_VIEWS")

# --- Case handling (netra/cases; docs/case-handling.md) -----------------------------------------
# Whether cuti bersama (collective leave, holidays' "government" category) count as non-working days
# for deadlines in working days. Whether the law means them is unverified
# (docs/legal/calendar.md §3.4).
NETRA_CUTI_BERSAMA_NON_WORKING = env_bool("NETRA_CUTI_BERSAMA_NON_WORKING", True)
# Reminders go to the handling officers this many days before a statutory deadline (and on its day).
NETRA_DEADLINE_REMINDER_DAYS = int(os.environ.get("NETRA_DEADLINE_REMINDER_DAYS", "1"))
# The public address printed in the QR code of every case document (/verify/<token>/).
NETRA_PUBLIC_URL = os.environ.get("NETRA_PUBLIC_URL", "http://127.0.0.1:8000")

# --- Transparency (netra/insights; docs/insights.md) -----------------------------------------------
# Public counts below this are hidden, with enough other cells that no total gives them back.
NETRA_INSIGHTS_MIN_CELL = max(2, int(os.environ.get("NETRA_INSIGHTS_MIN_CELL", "5")))
# After a change, the worker recounts the election this many seconds later (one recount per burst).
NETRA_INSIGHTS_REFRESH_DELAY = int(os.environ.get("NETRA_INSIGHTS_REFRESH_DELAY", "60"))
# --- end transparency --------------------------------------------------------------------------------
