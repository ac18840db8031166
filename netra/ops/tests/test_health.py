"""Liveness and readiness (issue 19): the database and its keys, the cache, the evidence storage and
a recent task worker; an unreachable service is a 503 that names it, never a crash."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.utils import timezone

from netra.ops import worker
from netra.ops.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
_REDIS_DOWN = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",
    "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
}
# With REDIS_URL, both aliases are Redis (settings.py): the shared one counts the rate limits.
UNREACHABLE_REDIS = {"default": _REDIS_DOWN, "shared": _REDIS_DOWN}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def test_liveness_needs_nothing(client):
    response = client.get("/health/live")
    assert response.status_code == 200 and response.json() == {"status": "alive"}


def test_ready_when_everything_is_fine_and_a_worker_beat(client, media):
    worker.beat("w-1", timezone.now())
    response = client.get("/health/ready")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "ready"
    assert response["Cache-Control"].startswith("max-age=0")


def test_not_ready_without_a_recent_worker(client, media):
    WorkerHeartbeat.objects.create(
        worker_id="old",
        hostname="h",
        pid=1,
        started_at=timezone.now() - dt.timedelta(hours=1),
        seen_at=timezone.now() - dt.timedelta(minutes=5),
    )
    response = client.get("/health/ready")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert "no task worker was seen" in checks["worker"]["error"]
    assert checks["database"] == checks["cache"] == checks["storage"] == {"ok": True}


def test_a_stopped_worker_does_not_count(client, media):
    worker.beat("w-2", timezone.now())
    WorkerHeartbeat.objects.update(stopped_at=timezone.now())
    assert client.get("/health/ready").status_code == 503


def test_not_ready_when_the_cache_is_unreachable(client, media, settings):
    worker.beat("w-3", timezone.now())
    settings.CACHES = UNREACHABLE_REDIS
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["error"].startswith("the cache is unreachable")


def test_not_ready_when_the_evidence_folder_is_missing(client, settings, tmp_path):
    worker.beat("w-4", timezone.now())
    settings.MEDIA_ROOT = tmp_path / "nowhere"
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert "evidence folder" in response.json()["checks"]["storage"]["error"]


def test_not_ready_when_the_keys_belong_to_another_installation(client, media, settings):
    worker.beat("w-5", timezone.now())
    settings.NETRA_IDENTITY_KEY = Fernet.generate_key().decode()
    settings.NETRA_RECEIPT_KEY = "another-installation-receipt-key-0123456789"
    response = client.get("/health/ready")
    assert response.status_code == 503
    error = response.json()["checks"]["database"]["error"]
    assert "identity key does not open installation" in error
    assert "receipt key does not match installation" in error


def run_django(code: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**base, "DJANGO_SETTINGS_MODULE": "netra.settings", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_with_database_and_redis_unreachable_readiness_says_which(tmp_path):
    code = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/health/ready', HTTP_HOST='127.0.0.1'); "
        "print(r.status_code, json.dumps(r.json()))"
    )
    result = run_django(
        code,
        DATABASE_URL="postgresql://postgres@127.0.0.1:1/netra_prod_nowhere",
        REDIS_URL="redis://127.0.0.1:1/0",
        NETRA_VAR_DIR=str(tmp_path),
        DATABASE_CONNECT_TIMEOUT="2",
    )
    status, body = result.stdout.split(" ", 1)
    checks = json.loads(body)["checks"]
    assert status == "503", result.stderr
    assert checks["database"]["error"].startswith("the database is unreachable")
    assert checks["cache"]["error"].startswith("the cache is unreachable")
    assert checks["worker"]["error"] == "cannot tell without the database"


def test_preflight_stops_with_a_clear_message_when_the_database_is_unreachable(tmp_path):
    result = run_django(
        "from django.core.management import execute_from_command_line as x; "
        "x(['manage.py', 'preflight'])",
        DATABASE_URL="postgresql://postgres@127.0.0.1:1/netra_prod_nowhere",
        NETRA_VAR_DIR=str(tmp_path),
        DATABASE_CONNECT_TIMEOUT="2",
    )
    assert result.returncode == 1
    assert "The database is unreachable (127.0.0.1:1 netra_prod_nowhere)" in result.stderr
    assert "Traceback" not in result.stderr
