"""Production mode refuses an unsafe configuration and says exactly what is missing (issue 19);
settings have no side effects and the benchmark's bare view cannot be switched on (issue 15)."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.urls import Resolver404, resolve

from netra import production

ROOT = Path(__file__).resolve().parents[3]


def safe_environment(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "media").mkdir(exist_ok=True)
    (tmp_path / "identity.key").write_text(Fernet.generate_key().decode())
    (tmp_path / "receipt.key").write_text("r" * 64)
    return {
        "NETRA_ENV": "production",
        "SECRET_KEY": "s" * 60,
        "DATABASE_URL": "postgresql://netra@127.0.0.1:5432/netra",
        "ALLOWED_HOSTS": "lapor.example.go.id",
    }


def test_a_safe_configuration_has_no_problem(tmp_path):
    assert production.problems(safe_environment(tmp_path), tmp_path) == []


def test_nothing_set_names_every_missing_piece(tmp_path):
    found = "\n".join(production.problems({"NETRA_ENV": "production"}, tmp_path))
    for expected in (
        "SECRET_KEY is not set",
        "DATABASE_URL is not set: production runs on PostgreSQL",
        "ALLOWED_HOSTS is not set",
        "The identity key is missing",
        f"{tmp_path / 'identity.key'}",
        "The receipt key is missing",
        f"MEDIA_ROOT {tmp_path / 'media'} does not exist",
    ):
        assert expected in found


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"DEBUG": "true"}, "DEBUG is on"),
        ({"DATABASE_URL": "sqlite:///netra.sqlite3"}, "DATABASE_URL names sqlite database"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY is too weak (5 characters)"),
        ({"NETRA_IDENTITY_KEY": "not-a-fernet-key"}, "NETRA_IDENTITY_KEY is not a Fernet key"),
        ({"NETRA_RECEIPT_KEY": "abc"}, "receipt key in NETRA_RECEIPT_KEY is too short"),
        ({"TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}, "TASKS_BACKEND="),
        ({"NETRA_IDENTITY_KEY_FILE": "/nonexistent/identity.key"}, "/nonexistent/identity.key"),
    ],
)
def test_each_unsafe_setting_is_named(tmp_path, change, expected):
    found = production.problems({**safe_environment(tmp_path), **change}, tmp_path)
    assert len(found) == 1 and expected in found[0]


def test_an_object_store_replaces_the_media_folder(tmp_path):
    env = safe_environment(tmp_path)
    (tmp_path / "media").rmdir()
    assert production.problems(env, tmp_path)
    assert production.problems({**env, "NETRA_S3_BUCKET": "evidence"}, tmp_path) == []


def test_manage_py_refuses_with_the_list_and_no_traceback(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NETRA_", "SECRET", "DATA"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env={**env, "NETRA_ENV": "production", "NETRA_VAR_DIR": str(tmp_path), "DEBUG": "1"},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Netra refuses to start in production mode" in result.stderr
    assert "DEBUG is on" in result.stderr and "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_the_bare_benchmark_view_is_not_in_netras_urls():
    with pytest.raises(Resolver404):
        resolve("/report/_bench/bare")


def test_benchmark_settings_refuse_production(monkeypatch):
    monkeypatch.setenv("NETRA_ENV", "production")
    with pytest.raises(ImproperlyConfigured, match="benchmarks only"):
        runpy.run_path(str(ROOT / "bench" / "settings.py"))
