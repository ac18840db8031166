"""Safe defaults: settings without side effects, a secret generated once by the setup step, DEBUG
off, friendly error pages."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]


def settings_in(var_dir: Path, **env: str) -> str:
    code = "from netra import settings as s; print(s.SECRET_KEY, s.DEBUG, s.DATABASES['default']['ENGINE'])"
    clean = {
        k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL")
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "NETRA_VAR_DIR": str(var_dir), **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_importing_settings_creates_no_folder_and_writes_no_key(tmp_path):
    var_dir = tmp_path / "var"
    key, debug, engine = settings_in(var_dir).split()
    assert not var_dir.exists()  # issue 15: no side effects at import
    assert key.startswith("django-insecure") and debug == "False" and engine.endswith("sqlite3")


def test_the_setup_step_generates_the_secret_once_and_settings_read_it(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    prepare = [sys.executable, "-m", "netra.prepare", "--quiet"]
    subprocess.run(prepare, env={**env, "NETRA_VAR_DIR": str(tmp_path)}, cwd=ROOT, check=True)
    first = settings_in(tmp_path)
    key, debug, engine = first.split()
    assert len(key) > 40 and debug == "False" and engine.endswith("sqlite3")
    for name in ("secret_key", "identity.key", "receipt.key"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "static").is_dir() and (tmp_path / "media").is_dir()
    subprocess.run(prepare, env={**env, "NETRA_VAR_DIR": str(tmp_path)}, cwd=ROOT, check=True)
    assert settings_in(tmp_path) == first  # kept, not regenerated


def test_environment_overrides_the_defaults(tmp_path):
    out = settings_in(
        tmp_path, SECRET_KEY="k" * 50, DEBUG="true", DATABASE_URL="postgresql://u@h/db"
    )
    assert out == f"{'k' * 50} True django.db.backends.postgresql"


def test_a_redis_url_switches_the_shared_cache_to_redis(tmp_path):
    code = "from netra import settings as s; print(s.CACHES['default']['BACKEND'])"
    env = {**os.environ, "NETRA_VAR_DIR": str(tmp_path), "REDIS_URL": "redis://127.0.0.1:6379/3"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert out.stdout.strip() == "django.core.cache.backends.redis.RedisCache"


def test_debug_is_off_in_the_test_run():
    assert settings.DEBUG is False


@pytest.mark.django_db
def test_an_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text


@pytest.mark.django_db
def test_a_post_without_csrf_token_gets_a_clear_403():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x"})
    assert response.status_code == 403
    assert "Formulir kedaluwarsa" in response.text


def test_the_api_docs_load_swagger_ui_from_our_own_static_files(client):
    html = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "/static/ninja/swagger-ui.css" in html
    assert "cdn" not in html.lower() and "<script>" not in html  # the CSP allows 'self' only
    assert client.get("/static/ninja/swagger-ui-init.js").status_code == 200
