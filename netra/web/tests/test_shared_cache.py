"""Rate limits count in a cache every worker shares, and a restart does not reset them (issue 14,
item 5): without Redis, a table in the database (netra/cache.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from netra.cache import SharedDatabaseCache

ROOT = Path(__file__).resolve().parents[3]

# One "worker": a process of its own that sends two reports from one address and prints, for
# each, whether the rate limit let it through.
WORKER = """
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
call_command("createcachetable", verbosity=0)  # as every `migrate` does (post_migrate)
from django.test import RequestFactory
from netra.reports import ratelimit
settings.NETRA_RATELIMITS = {**settings.NETRA_RATELIMITS, "report": "3/h"}
request = RequestFactory().post("/report/", REMOTE_ADDR="203.0.113.7")
print(*[int(ratelimit.hit(request, "report").allowed) for _ in range(2)])
"""


def test_two_worker_processes_count_against_one_limit(tmp_path):
    """The second process is both another worker and the first one restarted: the documented
    limit (here 3 an hour) holds across them."""
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
        "DJANGO_SETTINGS_MODULE": "netra.settings",
        "NETRA_VAR_DIR": str(tmp_path),  # a fresh SQLite database of its own
        "NETRA_RATELIMIT_ENABLED": "true",
    }

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", WORKER],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    assert run() == "1 1"
    assert run() == "1 0"  # the third report of the hour passes, the fourth does not


@pytest.mark.django_db
def test_the_cache_table_exists_after_migrate():
    assert settings.CACHES["shared"]["LOCATION"] in connection.introspection.table_names()
    assert settings.NETRA_RATELIMIT_CACHE == "shared"
    # Sessions too are shared by every worker: Django's default, kept in the database.
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


@pytest.mark.django_db
def test_separate_cache_clients_share_a_counter_that_keeps_its_window():
    table = str(settings.CACHES["shared"]["LOCATION"])
    first, second = (SharedDatabaseCache(table, {}) for _ in range(2))
    first.add("counter", 0, timeout=3600)
    assert first.incr("counter") == 1
    assert second.incr("counter") == 2
    assert SharedDatabaseCache(table, {}).get("counter") == 2  # "restarted"
    # Django's own DatabaseCache.incr re-sets the value with the default timeout (5 minutes),
    # so an hourly window would start again after five quiet minutes; ours keeps the window.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT expires FROM {table}")  # noqa: S608
        (expires,) = cursor.fetchone()
    expires = SharedDatabaseCache._to_datetime(connection, expires)
    assert expires.timestamp() - time.time() > 3500
    with pytest.raises(ValueError):
        first.incr("no-such-counter")
