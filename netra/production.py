"""What production mode (``NETRA_ENV=production``) requires, checked before settings load.

Plain functions of the environment (no Django): ``netra/settings.py`` calls ``problems`` and refuses
to load with every problem listed, each saying what to set, so gunicorn, the workers and every
``manage.py`` command stop at once with the same message instead of running half-safe.
Checks that need the database (are the keys this database's keys?) run in ``manage.py preflight``
and the readiness endpoint (``netra/ops``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlparse

# Used only outside production when bin/setup has not generated var/secret_key yet: sessions and
# signed values then work, but anyone can forge them. A system check warns (netra/ops/checks.py).
DEVELOPMENT_SECRET_KEY = "django-insecure-netra-development-only-run-bin-setup-to-generate-a-key"  # noqa: S105
MIN_SECRET_KEY = 50
MIN_RECEIPT_KEY = 32
KEYS_HELP = "docs/deploy.md, 'Keys'"


def env_bool(name: str, default: bool = False, environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str, environ: Mapping[str, str] = os.environ) -> list[str]:
    return [item.strip() for item in environ.get(name, default).split(",") if item.strip()]


def _read(path: Path) -> str:
    try:
        return path.read_text().strip()
    except (FileNotFoundError, NotADirectoryError):
        return ""


def secret_key_file(environ: Mapping[str, str], var_dir: Path) -> Path:
    return Path(environ.get("SECRET_KEY_FILE") or var_dir / "secret_key")


def secret_key(environ: Mapping[str, str], var_dir: Path) -> str:
    """SECRET_KEY, else the content of SECRET_KEY_FILE (default var/secret_key); never written here."""
    if key := environ.get("SECRET_KEY", "").strip():
        return key
    if key := _read(secret_key_file(environ, var_dir)):
        return key
    return "" if environ.get("NETRA_ENV") == "production" else DEVELOPMENT_SECRET_KEY


def key_file(environ: Mapping[str, str], var_dir: Path, which: str) -> Path:
    """Where the identity or receipt key lives when not in the environment: NETRA_<WHICH>_KEY_FILE."""
    return Path(environ.get(f"NETRA_{which.upper()}_KEY_FILE") or var_dir / f"{which}.key")


def _key(environ: Mapping[str, str], var_dir: Path, which: str) -> tuple[str, str]:
    """(key, where it came from), or ("", where it was looked for)."""
    name = f"NETRA_{which.upper()}_KEY"
    if value := environ.get(name, "").strip():
        return value, name
    path = key_file(environ, var_dir, which)
    return _read(path), str(path)


def _fernet_problem(value: str) -> bool:
    from cryptography.fernet import Fernet

    try:
        keys = [Fernet(k.strip().encode()) for k in value.split(",") if k.strip()]
    except ValueError:
        return True
    return not keys


def _key_problems(environ: Mapping[str, str], var_dir: Path) -> list[str]:
    found: list[str] = []
    for which, purpose in (
        ("identity", "reporters' identities cannot be sealed or read"),
        ("receipt", "no receipt code can be checked and no reporter can open their report"),
    ):
        value, where = _key(environ, var_dir, which)
        if not value:
            found.append(
                f"The {which} key is missing: neither NETRA_{which.upper()}_KEY nor the file "
                f"{where} (NETRA_{which.upper()}_KEY_FILE) holds it, so {purpose}. Restore it "
                f"from this installation's key backup; only a new installation generates one, "
                f"with `python -m netra.prepare` ({KEYS_HELP})."
            )
        elif which == "identity" and _fernet_problem(value):
            found.append(
                f"The identity key in {where} is not a Fernet key (44 characters of url-safe "
                f"base64; several separated by commas while rotating)."
            )
        elif which == "receipt" and len(value) < MIN_RECEIPT_KEY:
            found.append(
                f"The receipt key in {where} is too short ({len(value)} characters; at least "
                f"{MIN_RECEIPT_KEY} random characters)."
            )
    return found


def problems(environ: Mapping[str, str], var_dir: Path) -> list[str]:
    """Every reason not to serve production with this environment; empty when it is safe."""
    found: list[str] = []
    key = secret_key(environ, var_dir)
    if not key:
        found.append(
            f"SECRET_KEY is not set: set SECRET_KEY or SECRET_KEY_FILE (a file only Netra reads; "
            f"default {secret_key_file(environ, var_dir)}), at least {MIN_SECRET_KEY} random "
            f"characters; `python -m netra.prepare` writes one."
        )
    elif len(key) < MIN_SECRET_KEY or key.startswith("django-insecure"):
        found.append(
            f"SECRET_KEY is too weak ({len(key)} characters): use at least {MIN_SECRET_KEY} "
            f"random characters."
        )
    if env_bool("DEBUG", environ=environ):
        found.append("DEBUG is on: unset it; on an error it shows settings and code to anyone.")
    url = environ.get("DATABASE_URL", "")
    if not url:
        found.append(
            "DATABASE_URL is not set: production runs on PostgreSQL, e.g. "
            "DATABASE_URL=postgresql://netra@127.0.0.1:5432/netra (the SQLite default takes "
            "neither several app servers nor a backup while it runs)."
        )
    elif urlparse(url).scheme not in ("postgres", "postgresql", "pgsql"):
        found.append(
            f"DATABASE_URL names {urlparse(url).scheme or 'no'} database: production runs on "
            f"PostgreSQL (postgresql://...)."
        )
    if not env_list("ALLOWED_HOSTS", "", environ):
        found.append(
            "ALLOWED_HOSTS is not set: list the host names Netra is served under, comma-separated "
            "(e.g. ALLOWED_HOSTS=lapor.example.go.id)."
        )
    found += _key_problems(environ, var_dir)
    backend = environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    if backend != "django_tasks_db.DatabaseBackend":
        found.append(
            f"TASKS_BACKEND={backend}: production runs tasks in separate workers "
            f"(django_tasks_db.DatabaseBackend, `manage.py worker`); unset it."
        )
    if not environ.get("NETRA_S3_BUCKET"):
        media = Path(environ.get("MEDIA_ROOT") or var_dir / "media")
        if not media.is_dir():
            found.append(
                f"MEDIA_ROOT {media} does not exist: evidence would have nowhere to go. Create it "
                f"(`python -m netra.prepare` does) or set NETRA_S3_BUCKET for an "
                f"object store shared by several app servers."
            )
    return found


def refusal(found: list[str]) -> str:
    lines = "\n".join(f"  - {problem}" for problem in found)
    return (
        f"Netra refuses to start in production mode (NETRA_ENV=production) with this "
        f"configuration:\n{lines}\nSee docs/deploy.md."
    )
