"""Benchmark-only settings: Netra's settings plus the bare view that is every intake run's ceiling.

    DJANGO_SETTINGS_MODULE=bench.settings gunicorn netra.wsgi:application ...

Only the benchmarks use this module (bench/report_intake.py, bench/serving.py); nothing under
``netra/`` names it, so no production setting can switch the bare view on, and it refuses to load in
production mode.
"""

import os

from django.core.exceptions import ImproperlyConfigured

if os.environ.get("NETRA_ENV", "").strip().lower() == "production":
    raise ImproperlyConfigured("bench.settings is for benchmarks only, never for production.")

from netra.settings import *  # noqa: E402,F403

ROOT_URLCONF = "bench.urls"
