"""Backups that restore: the database, the evidence and (apart) the keys, with a manifest.

    manage.py backup /backups [--keys-to /secure/keys]

writes ``/backups/netra-<installation>-<UTC time>/`` with

- ``database.pgdump`` (``pg_dump --format=custom``: one consistent snapshot while Netra runs) or, on
  SQLite, ``database.sqlite3`` (SQLite's online backup API);
- ``evidence.tar``: every file under ``evidence/`` in the evidence storage (local disk or the object
  store), read after the database snapshot, so every file the snapshot names is in it;
- ``manifest.json``, written last: the installation id, the size and SHA-256 of each file, the
  fingerprints of the keys the database needs, the row counts restore checks.

The folder is written as ``*.partial`` and renamed when complete: a backup that stopped half-way never
looks like one. ``--keys-to`` writes the identity and receipt keys to ``netra-keys-<installation>.json``
(mode 600) in another place: the database without the keys is useless, and the keys next to the
database would give whoever takes the backup every reporter's identity (docs/deploy.md, 'Backups').
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from netra.audit.models import AuditEntry
from netra.prepare import write_once
from netra.reports.models import Evidence, Report

from .installation import configured_keys, ensure_installation, key_fingerprints

FORMAT = 1
EVIDENCE_PREFIX = "evidence"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def pg_environment(settings_dict: dict[str, Any], name: str | None = None) -> dict[str, str]:
    """libpq's variables for pg_dump/pg_restore/psql from a Django database's settings."""
    env = {**os.environ, "PGDATABASE": name or settings_dict["NAME"]}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return env


def _dump_database(target: Path) -> str:
    if connection.vendor == "postgresql":
        path = target / "database.pgdump"
        env = pg_environment(connection.settings_dict)
        # pg_dump from PATH (the PostgreSQL client); every argument is ours.
        command = [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(path),
        ]
        result = subprocess.run(  # noqa: S603
            command,
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()[:500]}")
        return path.name
    if connection.vendor == "sqlite":
        path = target / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)  # type: ignore[union-attr]
        copy.close()
        return path.name
    raise BackupError(f"backups of {connection.vendor} databases are not supported")


def storage_files(prefix: str = EVIDENCE_PREFIX) -> Iterator[str]:
    """Every file name under ``prefix`` in the evidence storage (local disk or object store)."""
    try:
        folders, files = default_storage.listdir(prefix)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{prefix}/{name}"
    for folder in sorted(folders):
        yield from storage_files(f"{prefix}/{folder}")


def _archive_evidence(target: Path) -> tuple[str, int]:
    path = target / "evidence.tar"
    count = 0
    with tarfile.open(path, "w") as tar:
        for name in storage_files():
            with default_storage.open(name, "rb") as f:
                info = tarfile.TarInfo(name)
                info.size = default_storage.size(name)
                info.mode = 0o600
                tar.addfile(info, f)
            count += 1
    return path.name, count


def _write_keys(keys_dir: Path, installation_id: str) -> Path:
    keys = configured_keys()
    bundle = {
        "format": FORMAT,
        "installation_id": installation_id,
        "created_at": timezone.now().isoformat(),
        "identity_key": keys["identity"],
        "receipt_key": keys["receipt"],
        "fingerprints": key_fingerprints(),
    }
    path = keys_dir / f"netra-keys-{installation_id}.json"
    content = json.dumps(bundle, indent=2)
    if path.exists():
        if json.loads(path.read_text())["fingerprints"] == bundle["fingerprints"]:
            return path  # the same keys are already kept there
        path = keys_dir / f"netra-keys-{installation_id}-{timezone.now():%Y%m%dT%H%M%SZ}.json"
    keys_dir.mkdir(parents=True, exist_ok=True)
    write_once(path, content)
    return path


def backup(destination: Path, *, keys_to: Path | None = None) -> dict[str, Any]:
    """Write a complete backup folder under ``destination``; return its manifest (with ``path``)."""
    installation = ensure_installation()
    installation_id = str(installation.installation_id)
    if keys_to is not None and keys_to.resolve() == destination.resolve():
        raise BackupError(
            "--keys-to must be another place than the backups: the keys next to the database "
            "would give whoever takes the backup every reporter's identity."
        )
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    final = destination / f"netra-{installation_id[:8]}-{stamp}"
    partial = final.with_name(final.name + ".partial")
    partial.mkdir(parents=True)
    try:
        counts = {
            "reports": Report.objects.count(),
            "evidence_files": Evidence.objects.exclude(file="").count(),
            "audit_entries": AuditEntry.objects.count(),
        }
        database = _dump_database(partial)
        evidence, files = _archive_evidence(partial)
        manifest = {
            "format": FORMAT,
            "installation_id": installation_id,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "database": database,
            "evidence": evidence,
            "evidence_count": files,
            "counts_at_start": counts,
            "key_fingerprints": key_fingerprints(),
            "files": {
                name: {"size": (partial / name).stat().st_size, "sha256": sha256_of(partial / name)}
                for name in (database, evidence)
            },
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2))
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    manifest["path"] = str(final)
    if keys_to is not None:
        manifest["keys_path"] = str(_write_keys(keys_to, installation_id))
    return manifest
