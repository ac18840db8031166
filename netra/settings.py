"""Netra settings: everything comes from the environment, with defaults that need nothing.

With no environment at all the app runs on an embedded SQLite file under ``var/`` with the keys that
``bin/setup`` generated there (``python -m netra.prepare``). Importing this module reads the
environment and at most a few key files: it creates no folder and writes nothing.

``NETRA_ENV=production`` (``bin/serve``) refuses to start with an unsafe configuration and lists what
is missing (``netra/production.py``; docs/deploy.md).
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from netra import production

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NETRA_VAR_DIR", BASE_DIR / "var"))
NETRA_ENV = os.environ.get("NETRA_ENV", "development").strip().lower()
PRODUCTION = NETRA_ENV == "production"
env_bool, env_list = production.env_bool, production.env_list

# Refuse before anything else reads a half-safe configuration: every problem at once, each saying
# what to set (SECRET_KEY, PostgreSQL, DEBUG off, the identity and receipt keys, ...).
if PRODUCTION and (problems := production.problems(os.environ, VAR_DIR)):
    raise ImproperlyConfigured(production.refusal(problems))

SECRET_KEY = production.secret_key(os.environ, VAR_DIR)
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
    # Staff login security (issue 14): lockout, second factor. Before Netra's apps, whose admin
    # modules re-register these apps' admin classes.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Serves Swagger UI from our own static files at /api/docs (no CDN: the CSP and offline sites).
    "ninja",
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
    # Operations: health, worker heartbeat and schedule, backups, the installation's key check.
    "netra.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "netra.web.middleware.IndonesianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "netra.accounts.middleware.SecondFactorMiddleware",
    "netra.accounts.local_time.OfficeTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before anything reads the input, after every middleware that only adds headers: NUL and
    # control characters are answered with 400 here, never by a database error (netra/lib/input_guard.py).
    "netra.web.middleware.InputGuardMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
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
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable database answers within seconds (readiness says so) instead of hanging.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")
    )
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
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
# Development and tests serve app static files without collectstatic; production serves the collected
# files (bin/serve runs collectstatic) under hashed names that browsers may cache for a year.
WHITENOISE_USE_FINDERS = not PRODUCTION
STATICFILES_DIRS = [BASE_DIR / "netra" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# --- Evidence storage shared by every app server (docs/deploy.md) --------------------------------
# The local disk (MEDIA_ROOT) for one server; with NETRA_S3_BUCKET, an S3-compatible object store
# through django-storages, which every app server and worker reads and writes. Credentials come from
# NETRA_S3_ACCESS_KEY/NETRA_S3_SECRET_KEY or boto3's usual chain (AWS_* variables, instance roles).
# Evidence is never served from the store's URL: officers download it through permission-checked
# views, so the objects stay private (no ACL, signed URLs unused).
NETRA_S3_BUCKET = os.environ.get("NETRA_S3_BUCKET", "")
if NETRA_S3_BUCKET:
    EVIDENCE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": NETRA_S3_BUCKET,
            "endpoint_url": os.environ.get("NETRA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("NETRA_S3_REGION") or None,
            "access_key": os.environ.get("NETRA_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("NETRA_S3_SECRET_KEY") or None,
            "location": os.environ.get("NETRA_S3_PREFIX", ""),
            "default_acl": None,
            "querystring_auth": True,
            # Names are random (reports.models.evidence_path): no existence check per upload.
            "file_overwrite": True,
            "addressing_style": os.environ.get("NETRA_S3_ADDRESSING_STYLE") or None,
        },
    }
else:
    EVIDENCE_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"file_permissions_mode": 0o600, "directory_permissions_mode": 0o700},
    }
STORAGES = {
    "default": EVIDENCE_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
# --- end of evidence storage ---------------------------------------------------------------------

# Django 6.1 mailers (EMAIL_BACKEND is deprecated). Console by default: nothing leaves the machine.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "netra@localhost")

# --- Shared state of several app servers: cache, sessions, rate limits (docs/deploy.md) ----------
# "shared": the cache every worker process shares (rate limits count in it, across workers, app
# servers and restarts): Redis when REDIS_URL is set, else a table in the database (netra/cache.py;
# created after every `migrate`). "default" is only for what may differ per process: Redis too when
# configured, else the local-memory cache. Short Redis socket timeouts: an unreachable Redis fails a
# request (503, netra/ops/views.py) and readiness within seconds instead of hanging.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    from redis.backoff import ExponentialBackoff
    from redis.retry import Retry

    _SHARED_CACHE: dict[str, object] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "netra",
        # Two quick retries ride out a blip; redis-py's default backoff would hold a request for
        # seconds while Redis is down.
        "OPTIONS": {
            "socket_connect_timeout": 2,
            "socket_timeout": 2,
            "retry": Retry(ExponentialBackoff(cap=0.2, base=0.02), 2),
        },
    }
    CACHES = {"default": _SHARED_CACHE, "shared": _SHARED_CACHE}
    # Sessions in the database (the record) with Redis in front (no query per request).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    _SHARED_CACHE = {
        "BACKEND": "netra.cache.SharedDatabaseCache",
        "LOCATION": "netra_cache",
        # Culling drops entries, counters included: keep room for many clients' windows.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": _SHARED_CACHE,
    }
# --- end of shared state --------------------------------------------------------------------------

TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "frame-ancestors": ["'none'"],
}
SESSION_COOKIE_HTTPONLY = True
# Production sits behind HTTPS: secure cookies unless SECURE_COOKIES=false says otherwise (a test rig).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("NETRA_BEHIND_HTTPS_PROXY"):
    # The load balancer ends TLS and says so in X-Forwarded-Proto (docs/deploy.md, nginx).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Structured logs: one JSON object a line in production (NETRA_LOG_FORMAT=json|text), and in every
# format a filter that removes receipt codes, NIKs, contact details and evidence names first
# (netra/ops/logs.py).
NETRA_LOG_FORMAT = os.environ.get("NETRA_LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub": {"()": "netra.ops.logs.ScrubSensitive"}},
    "formatters": {
        "json": {"()": "netra.ops.logs.JsonFormatter"},
        "text": {
            "()": "netra.ops.logs.TextFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s: %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": NETRA_LOG_FORMAT,
            "filters": ["scrub"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "netra": {"level": os.environ.get("LOG_LEVEL", "INFO")},
    },
}

# --- Public reporting (netra/reports; docs/reporting.md) ----------------------------------------
# Reporter identities are Fernet-encrypted with NETRA_IDENTITY_KEY (comma-separated keys: the first
# encrypts, all decrypt, for rotation), else with a key generated once into var/identity.key. Receipt
# codes are stored as HMAC-SHA256 under NETRA_RECEIPT_KEY, else var/receipt.key. Neither is in the DB.
# In production neither is ever generated: a missing key stops the start (netra/production.py).
NETRA_IDENTITY_KEY = os.environ.get("NETRA_IDENTITY_KEY", "")
NETRA_IDENTITY_KEY_FILE = production.key_file(os.environ, VAR_DIR, "identity")
NETRA_RECEIPT_KEY = os.environ.get("NETRA_RECEIPT_KEY", "")
NETRA_RECEIPT_KEY_FILE = production.key_file(os.environ, VAR_DIR, "receipt")
# Evidence limits: per file, all files of one submission, and how many files and links.
NETRA_EVIDENCE_MAX_FILE_BYTES = int(os.environ.get("NETRA_EVIDENCE_MAX_FILE_BYTES", 25 * 2**20))
NETRA_EVIDENCE_MAX_TOTAL_BYTES = int(os.environ.get("NETRA_EVIDENCE_MAX_TOTAL_BYTES", 60 * 2**20))
# Pixels of all images of one submission: a 1 MB PNG can hold 40 megapixels, and every pixel costs
# the preview worker memory and CPU. 100 Mpx is eight 12-megapixel phone photos with room to spare.
NETRA_EVIDENCE_MAX_TOTAL_PIXELS = int(
    os.environ.get("NETRA_EVIDENCE_MAX_TOTAL_PIXELS", "100000000")
)
NETRA_EVIDENCE_MAX_FILES = int(os.environ.get("NETRA_EVIDENCE_MAX_FILES", "8"))
NETRA_EVIDENCE_MAX_LINKS = int(os.environ.get("NETRA_EVIDENCE_MAX_LINKS", "10"))
# Reported persons per report (form and API): a principal and every school head they gathered.
NETRA_REPORT_MAX_PERSONS = int(os.environ.get("NETRA_REPORT_MAX_PERSONS", "50"))
# Per-client limits on the public endpoints ("count/period", period s, m, h or d), counted in the
# cache named by NETRA_RATELIMIT_CACHE ("shared": one count for every worker, kept over restarts).
NETRA_RATELIMIT_ENABLED = env_bool("NETRA_RATELIMIT_ENABLED", True)
NETRA_RATELIMIT_CACHE = os.environ.get("NETRA_RATELIMIT_CACHE", "shared")
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

# --- Case handling (netra/cases; docs/case-handling.md) -----------------------------------------
# Whether cuti bersama (collective leave, holidays' "government" category) count as non-working days
# for deadlines in working days. Whether the law means them is unverified
# (docs/legal/calendar.md §3.4).
NETRA_CUTI_BERSAMA_NON_WORKING = env_bool("NETRA_CUTI_BERSAMA_NON_WORKING", True)
# Reminders go to the handling officers this many days before a statutory deadline (and on its day).
NETRA_DEADLINE_REMINDER_DAYS = int(os.environ.get("NETRA_DEADLINE_REMINDER_DAYS", "1"))
# The public address printed in the QR code of every case document (/verify/<token>/).
NETRA_PUBLIC_URL = os.environ.get("NETRA_PUBLIC_URL", "http://127.0.0.1:8000")

# --- Staff login security (issue 14) ------------------------------------------------------------
# Lockout (django-axes): after NETRA_LOGIN_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is refused for NETRA_LOGIN_COOLOFF_MINUTES, even with the right password. The
# attempts live in the database, so every worker sees them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("NETRA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("NETRA_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "netra.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "netra.accounts.views.client_ip"
AXES_VERBOSE = False
# Second factor (django-otp, TOTP with backup codes): required for these roles (comma-separated
# role values; Bawaslu officers approve identity reveals), optional for the others; anyone who
# enrolled a device is asked for it at every login. The admin login goes through the same pages.
NETRA_OTP_REQUIRED_ROLES = env_list("NETRA_OTP_REQUIRED_ROLES", "bawaslu_officer")
OTP_TOTP_ISSUER = os.environ.get("NETRA_OTP_ISSUER", "Netra")
# Password reset e-mails: the link is valid this long (Django's default is three days).
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", str(3 * 3600)))
# Behind HTTPS (SECURE_COOKIES): Secure cookies and HSTS. The redirect to HTTPS stays off unless
# asked for, because the proxy in front usually does it.
LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES")  # session and CSRF cookies: see above
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", "31536000" if env_bool("SECURE_COOKIES") else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")

# --- Prevention (netra/prevention; docs/prevention.md) ------------------------------------------
# Largest slide deck or PDF an event's admin may upload.
NETRA_MATERIAL_MAX_BYTES = int(os.environ.get("NETRA_MATERIAL_MAX_BYTES", 50 * 2**20))

# --- Transparency (netra/insights; docs/insights.md) -----------------------------------------------
# Public counts below this are hidden, with enough other cells that no total gives them back.
NETRA_INSIGHTS_MIN_CELL = max(2, int(os.environ.get("NETRA_INSIGHTS_MIN_CELL", "5")))
# After a change, the worker recounts the election this many seconds later (one recount per burst).
NETRA_INSIGHTS_REFRESH_DELAY = int(os.environ.get("NETRA_INSIGHTS_REFRESH_DELAY", "60"))
# --- end transparency --------------------------------------------------------------------------------
