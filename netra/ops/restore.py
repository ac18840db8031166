"""Restore a backup (netra/ops/backup.py) all or nothing.

    manage.py restore /backups/netra-<installation>-<time> [--keys /secure/keys/netra-keys-<id>.json]

1. The manifest and every file's size and SHA-256 are checked: a truncated or damaged backup is
   refused before anything is touched.
2. The keys (the ``--keys`` file, else those configured on this server) must be the backup's own
   installation's: a backup from another installation, or keys that are not its keys, is refused.
3. The database is restored into a *new* database (PostgreSQL) or a temporary file (SQLite), and the
   evidence into a staging folder. There it is checked: the installation record matches the manifest
   and opens with the keys, every evidence file matches the SHA-256 its row recorded, the audit trail
   has every entry the backup started with.
4. Only then the switch: the evidence folder and the database are swapped in (PostgreSQL renames both
   databases in one transaction; SQLite copies in one transaction), the previous ones are kept aside
   under ``*before-restore-<time>`` names, and key files missing on this server are written.

Any failure before or during the switch leaves the running installation as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.db import connection

from netra.audit.models import AuditEntry
from netra.audit.verify import verify_chain
from netra.prepare import write_once
from netra.reports.models import Evidence, Report

from .backup import FORMAT, MANIFEST, BackupError, sha256_of
from .installation import configured_keys, fingerprint
from .models import Installation
from .restore_db import ALIAS, Postgres, Sqlite


@dataclass(frozen=True)
class Keys:
    identity: str
    receipt: str
    install: bool  # write them to this server's key files (none configured yet)

    def fingerprints(self) -> dict[str, str]:
        return {"identity": fingerprint(self.identity), "receipt": fingerprint(self.receipt)}


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a complete, undamaged backup; BackupError saying what is wrong otherwise."""
    if folder.name.endswith(".partial"):
        raise BackupError(f"{folder} is a backup that never finished (.partial): use another one.")
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(
            f"{folder} has no {MANIFEST}: it is not a Netra backup, or it stopped before its end."
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BackupError(f"{folder / MANIFEST} is damaged or truncated.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Backup format {manifest.get('format')!r} is not supported here.")
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.is_file():
            raise BackupError(f"{name} is missing from the backup {folder}.")
        size = path.stat().st_size
        if size != expected["size"]:
            raise BackupError(
                f"{name} is truncated or damaged: {size:,} bytes where the backup wrote "
                f"{expected['size']:,}. Restore another copy of this backup."
            )
        if sha256_of(path) != expected["sha256"]:
            raise BackupError(
                f"{name} is damaged: its SHA-256 differs from the one the backup recorded."
            )
    return manifest


def resolve_keys(manifest: dict[str, Any], keys_file: Path | None) -> Keys:
    """The keys to restore with, checked against the backup's installation and fingerprints."""
    installation = manifest["installation_id"]
    wanted = manifest["key_fingerprints"]
    try:
        here = configured_keys()
    except FileNotFoundError:
        here = {}
    if keys_file is not None:
        try:
            bundle = json.loads(keys_file.read_text())
            keys = Keys(bundle["identity_key"], bundle["receipt_key"], install=not here)
            bundle_installation = bundle["installation_id"]
        except (OSError, ValueError, KeyError) as exc:
            raise BackupError(f"{keys_file} is not a readable Netra key file ({exc}).") from None
        if bundle_installation != installation:
            raise BackupError(
                f"The key file belongs to installation {bundle_installation}, the backup to "
                f"installation {installation}: a backup from another installation cannot be "
                f"restored with these keys."
            )
        if keys.fingerprints() != wanted:
            raise BackupError(
                f"The keys in {keys_file} do not match the backup's key fingerprints {wanted}."
            )
    elif here:
        keys = Keys(here["identity"], here["receipt"], install=False)
    else:
        raise BackupError(
            "No identity and receipt keys are configured here: pass --keys with this "
            "installation's key file (docs/deploy.md, 'Backups')."
        )
    if here and {k: fingerprint(v) for k, v in here.items()} != wanted:
        raise BackupError(
            f"The keys configured on this server are not the keys of installation "
            f"{installation} (fingerprints {wanted}): the backup comes from another installation, "
            f"or this server's key files are wrong. Nothing was restored."
        )
    return keys


def _keys_problems(row: Installation, keys: Keys) -> list[str]:
    expected = f"netra-installation:{row.installation_id}"
    fernet = MultiFernet([Fernet(k.strip()) for k in keys.identity.split(",") if k.strip()])
    found = []
    try:
        opened = fernet.decrypt(row.identity_check.encode()).decode()
    except InvalidToken:
        opened = ""
    if opened != expected:
        found.append("the identity key does not open the database's installation check")
    digest = hmac.new(
        keys.receipt.encode(), f"installation:{row.installation_id}".encode(), hashlib.sha256
    ).hexdigest()
    if not hmac.compare_digest(digest, row.receipt_check):
        found.append("the receipt key does not match the database's installation check")
    return found


def _verify(manifest: dict[str, Any], keys: Keys, staging: Path) -> dict[str, int]:
    """Check the restored database (alias ALIAS) and the staged evidence before switching."""
    row = Installation.objects.using(ALIAS).first()
    if row is None or str(row.installation_id) != manifest["installation_id"]:
        raise BackupError("The database in the backup is not the installation its manifest names.")
    if problems := _keys_problems(row, keys):
        raise BackupError(
            f"The key files do not match the database: {'; '.join(problems)}. Nothing was restored."
        )
    bad = []
    files = 0
    for name, sha, preview in (
        Evidence.objects.using(ALIAS).exclude(file="").values_list("file", "sha256", "preview")
    ):
        path = staging / name
        files += 1
        if not path.is_file():
            bad.append(f"{name} is missing")
        elif sha and sha256_of(path) != sha:
            bad.append(f"{name} does not match its recorded SHA-256")
        if preview and not (staging / preview).is_file():
            bad.append(f"{preview} (a preview) is missing")
    if bad:
        raise BackupError(
            f"{len(bad)} evidence files do not match the database, e.g. {bad[0]}. Nothing was "
            f"restored."
        )
    counts = manifest["counts_at_start"]
    audit = AuditEntry.objects.using(ALIAS).count()
    if audit < counts["audit_entries"]:
        raise BackupError(
            f"The audit trail in the backup has {audit} entries, fewer than the "
            f"{counts['audit_entries']} it had when the backup started."
        )
    chain = verify_chain(using=ALIAS)
    if not chain.intact:
        assert chain.broken is not None
        raise BackupError(
            f"The audit trail in the backup is broken at entry {chain.broken.seq} "
            f"({chain.broken.reason}). Nothing was restored."
        )
    return {
        "reports": Report.objects.using(ALIAS).count(),
        "evidence_files": files,
        "audit_entries": audit,
    }


def _extract(archive: Path, staging: Path) -> None:
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if not member.isfile() or not member.name.startswith("evidence/"):
                raise BackupError(f"evidence.tar holds an unexpected entry {member.name!r}.")
        tar.extractall(staging, filter="data")


def _switch_evidence(staging: Path, stamp: str) -> tuple[str, Any]:
    """Put the staged evidence in place; return what was kept aside and how to undo it."""
    store = storages["default"]
    if isinstance(store, FileSystemStorage):
        live = Path(store.location) / "evidence"
        old = live.with_name(f"evidence.before-restore-{stamp}")
        moved = live.exists()
        if moved:
            live.rename(old)
        live.parent.mkdir(parents=True, exist_ok=True)
        if (staging / "evidence").exists():
            (staging / "evidence").rename(live)
        else:
            live.mkdir()

        def undo() -> None:
            shutil.rmtree(live, ignore_errors=True)
            if moved:
                old.rename(live)

        return (f"evidence {old}" if moved else ""), undo
    # An object store: upload every file (names are random and never reused, so nothing that is
    # there is overwritten with other content); objects added after the backup stay, unnamed.
    for path in (
        sorted((staging / "evidence").rglob("*")) if (staging / "evidence").exists() else []
    ):
        if path.is_file():
            with path.open("rb") as f:
                default_storage.save(str(path.relative_to(staging)), f)
    return "", lambda: None


def _install_keys(keys: Keys) -> list[str]:
    written = []
    for value, path in (
        (keys.identity, settings.NETRA_IDENTITY_KEY_FILE),
        (keys.receipt, settings.NETRA_RECEIPT_KEY_FILE),
    ):
        if write_once(Path(path), value):
            written.append(str(path))
    return written


def restore(folder: Path, *, keys_file: Path | None = None) -> dict[str, Any]:
    manifest = read_manifest(folder)
    keys = resolve_keys(manifest, keys_file)
    if manifest["database_vendor"] != connection.vendor:
        raise BackupError(
            f"This is a {manifest['database_vendor']} backup; this server runs "
            f"{connection.vendor}. Restore it into the same kind of database."
        )
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    database = (Postgres if connection.vendor == "postgresql" else Sqlite)(folder, manifest, stamp)
    media = Path(getattr(storages["default"], "location", tempfile.gettempdir()))
    media.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media))
    try:
        _extract(folder / manifest["evidence"], staging)
        database.load()
        verified = _verify(manifest, keys, staging)
        kept_evidence, undo_evidence = _switch_evidence(staging, stamp)
        try:
            kept_database = database.switch()
        except BaseException:
            undo_evidence()
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        database.discard()  # the new database's leftovers; after the switch it has been renamed
    from netra.reference.snapshots import clear_all

    clear_all()  # the in-process snapshots describe the database that was replaced
    return {
        **verified,
        "installation_id": manifest["installation_id"],
        "kept_aside": [k for k in (kept_database, kept_evidence) if k],
        "keys_written": _install_keys(keys) if keys.install else [],
    }
