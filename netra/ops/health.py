"""What readiness checks: the database (and that the configured keys are its keys), the shared cache,
the evidence storage, and that a task worker was seen recently. Each check returns an error text or
"" and never raises: an unreachable service is an answer, not a crash."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.utils import timezone

from .models import WorkerHeartbeat

# A worker beats every few seconds (netra/ops/worker.py); none for this long means none is running.
WORKER_STALE = dt.timedelta(seconds=int(os.environ.get("NETRA_WORKER_STALE_SECONDS", "60")))
# Below this much free space on the evidence disk, readiness says not ready before uploads fail.
MIN_FREE_BYTES = int(os.environ.get("NETRA_MIN_FREE_BYTES", str(256 * 2**20)))


def _short(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def database() -> str:
    from .installation import key_problems

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        problems = key_problems()
    except DatabaseError as exc:
        return f"the database is unreachable: {_short(exc)}"
    return " ".join(problems)


def cache() -> str:
    key = f"netra:ready:{uuid.uuid4().hex}"
    try:
        shared = caches["default"]
        shared.set(key, "1", timeout=10)
        ok = shared.get(key) == "1"
        shared.delete(key)
    except Exception as exc:  # noqa: BLE001 (any cache backend's error means "not usable")
        return f"the cache is unreachable: {_short(exc)}"
    return "" if ok else "the cache does not keep what is written to it"


def storage() -> str:
    bucket = getattr(default_storage, "bucket_name", None)
    try:
        if bucket:
            default_storage.connection.meta.client.head_bucket(Bucket=bucket)  # type: ignore[attr-defined]
            return ""
        root = Path(settings.MEDIA_ROOT)
        if not root.is_dir() or not os.access(root, os.W_OK):
            return f"the evidence folder {root} is missing or not writable"
        free = shutil.disk_usage(root).free
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            return "the evidence storage is full"
        return f"the evidence storage is unreachable: {_short(exc)}"
    except Exception as exc:  # noqa: BLE001 (boto3's errors share no base class with OSError)
        return f"the evidence storage is unreachable: {_short(exc)}"
    if free < MIN_FREE_BYTES:
        return f"the evidence disk is nearly full ({free // 2**20} MiB free)"
    return ""


def worker(now: dt.datetime | None = None) -> str:
    since = (now or timezone.now()) - WORKER_STALE
    try:
        alive = WorkerHeartbeat.objects.filter(seen_at__gte=since, stopped_at__isnull=True).exists()
    except DatabaseError as exc:
        return f"cannot tell: {_short(exc)}"
    if alive:
        return ""
    return (
        f"no task worker was seen in the last {int(WORKER_STALE.total_seconds())} s: start "
        f"`manage.py worker` (bin/serve does)"
    )


CHECKS: dict[str, Callable[[], str]] = {
    "database": database,
    "cache": cache,
    "storage": storage,
    "worker": worker,
}


def readiness() -> dict[str, str]:
    """Each check's error ("" when fine), the database first: the worker check needs it."""
    results = {"database": database()}
    for name, check in CHECKS.items():
        if name == "database":
            continue
        if name == "worker" and results["database"].startswith("the database is unreachable"):
            results[name] = "cannot tell without the database"
            continue
        results[name] = check()
    return results
