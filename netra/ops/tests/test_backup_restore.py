"""Backups that restore (issue 19): backup, wipe, restore, and everything still opens; a truncated
backup, one from another installation, or keys that do not match the database are refused with
nothing touched."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from netra.accounts.tests.factories import bawaslu
from netra.audit.models import AuditEntry
from netra.audit.protection import lifted
from netra.audit.verify import verify_chain
from netra.ops.backup import BackupError, backup
from netra.ops.installation import ensure_installation
from netra.ops.models import Installation
from netra.ops.restore import restore
from netra.reports import identity, receipts, services
from netra.reports.models import Evidence, Report
from netra.reports.tests.conftest import jpeg, payload


@pytest.fixture(autouse=True)
def _previews_at_once(settings):
    """Previews are built by the task worker; here at once, as in the reports' tests."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def installation(settings, tmp_path, reference_data):
    """A fresh installation with its own key files, media folder and no rate limits."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NETRA_RATELIMIT_ENABLED = False
    settings.NETRA_IDENTITY_KEY = settings.NETRA_RECEIPT_KEY = ""
    keys = tmp_path / "keys"
    keys.mkdir()
    settings.NETRA_IDENTITY_KEY_FILE = keys / "identity.key"
    settings.NETRA_RECEIPT_KEY_FILE = keys / "receipt.key"
    settings.NETRA_IDENTITY_KEY_FILE.write_text(Fernet.generate_key().decode())
    settings.NETRA_RECEIPT_KEY_FILE.write_text("r" * 64)
    Installation.objects.all().delete()
    ensure_installation()
    if connection.vendor == "postgresql":
        # A restore refuses while other sessions use the database (restore_db.py). In a full test
        # run the session-scoped live server of earlier browser tests can leave an idle session on
        # the test database; it is the test run's, not the installation's: end it.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    yield tmp_path
    if connection.vendor == "postgresql":  # the databases restore kept aside
        with connection.cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s",
                           [f"{connection.settings_dict['NAME']}_%"])  # fmt: skip
            leftovers = [row[0] for row in cursor.fetchall()]
        connection.close()
        from netra.ops.restore_db import _pg_admin

        with _pg_admin(connection.settings_dict) as admin:
            for name in leftovers:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def submit(client, *files: bytes, **changes) -> str:
    data: dict[str, Any] = {"payload": json.dumps(payload(**changes))}
    if files:
        data["files"] = [
            SimpleUploadedFile(f"f{i}.jpg", f, "image/jpeg") for i, f in enumerate(files)
        ]
    response = client.post("/api/v1/reports", data=data)
    assert response.status_code == 201, response.content
    return response.json()["receipt"]


def test_backup_wipe_restore_and_everything_still_opens(client, installation, settings):
    photo = jpeg("green")
    identified = submit(client, photo)
    anonymous = submit(client, anonymous=True, reporter=None)
    report = services.find_by_receipt(identified)
    assert report is not None
    asker, approver = bawaslu("asker", "64.72"), bawaslu("approver", "64")
    reveal = services.request_identity(asker, report, reason="clarification")
    services.decide_identity(approver, reveal, approve=True)
    audit_before = AuditEntry.objects.count()
    keys_before = {p: Path(p).read_bytes() for p in (settings.NETRA_IDENTITY_KEY_FILE,
                                                       settings.NETRA_RECEIPT_KEY_FILE)}  # fmt: skip

    manifest = backup(installation / "backups", keys_to=installation / "vault")
    assert Path(manifest["keys_path"]).stat().st_mode & 0o777 == 0o600
    assert manifest["evidence_count"] == 2  # the original and its preview

    # Wipe: the database, the evidence and the key files, as on a machine that burnt down. (On
    # SQLite, flush deletes row by row, which the append-only trail refuses: lift its trigger.)
    with lifted():
        call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    for path in keys_before:
        Path(path).unlink()
    identity._fernet.cache_clear()
    receipts._key.cache_clear()

    result = restore(Path(manifest["path"]), keys_file=Path(manifest["keys_path"]))
    identity._fernet.cache_clear()
    receipts._key.cache_clear()

    assert result["reports"] == 2 and result["evidence_files"] == 1
    assert {p: Path(p).read_bytes() for p in keys_before} == keys_before  # keys written back
    # Receipts still open their reports, with their case.
    restored = services.find_by_receipt(identified)
    assert restored is not None and restored.case.code == report.case.code
    other = services.find_by_receipt(anonymous)
    assert other is not None and other.sealed_identity == ""
    # The approved reveal still decrypts the identity.
    assert services.reveal_identity(asker, restored)["nik"] == "6472015003900001"
    # Evidence hashes still match, read through the storage.
    evidence = Evidence.objects.get(kind="file")
    with default_storage.open(str(evidence.file.name), "rb") as f:
        assert (
            hashlib.sha256(f.read()).hexdigest()
            == evidence.sha256
            == hashlib.sha256(photo).hexdigest()
        )
    # The audit trail is whole (plus the reveal's "viewed" entry just written) and its chain verifies.
    assert AuditEntry.objects.count() == audit_before + 1
    assert verify_chain().intact
    assert Report.objects.count() == 2


def test_damaged_foreign_or_mismatched_backups_are_refused_and_nothing_changes(
    client, installation, settings
):
    submit(client, jpeg("blue"))
    manifest = backup(installation / "backups", keys_to=installation / "vault")
    folder, keys_file = Path(manifest["path"]), Path(manifest["keys_path"])
    reports = Report.objects.count()

    def refused(folder: Path, keys: Path | None, message: str) -> None:
        with pytest.raises(BackupError, match=message):
            restore(folder, keys_file=keys)
        assert Report.objects.count() == reports
        assert not list(Path(settings.MEDIA_ROOT).glob(".restore-*"))

    # Truncated: the database file lost its end in a copy.
    truncated = installation / "truncated"
    shutil.copytree(folder, truncated)
    db = truncated / manifest["database"]
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    refused(truncated, keys_file, "truncated or damaged")
    # Unfinished: no manifest.
    (truncated / "manifest.json").unlink()
    refused(truncated, keys_file, "no manifest.json")

    # Another installation's key file.
    foreign_keys = installation / "foreign.json"
    bundle = json.loads(keys_file.read_text())
    foreign_keys.write_text(json.dumps({**bundle, "installation_id": "0" * 32}))
    refused(folder, foreign_keys, "belongs to installation 0000")

    # This server's keys are another installation's.
    settings.NETRA_RECEIPT_KEY = "x" * 64
    receipts._key.cache_clear()
    refused(folder, None, "configured on this server are not the keys of installation")
    settings.NETRA_RECEIPT_KEY = ""
    receipts._key.cache_clear()

    # Keys and manifest agree with each other, but not with the database they describe.
    other = {"identity_key": Fernet.generate_key().decode(), "receipt_key": "y" * 64}
    forged = installation / "forged"
    shutil.copytree(folder, forged)
    from netra.ops.installation import fingerprint

    forged_manifest = json.loads((forged / "manifest.json").read_text())
    forged_manifest["key_fingerprints"] = {
        "identity": fingerprint(other["identity_key"]),
        "receipt": fingerprint(other["receipt_key"]),
    }
    (forged / "manifest.json").write_text(json.dumps(forged_manifest))
    forged_keys = installation / "forged.json"
    forged_keys.write_text(json.dumps({**bundle, **other}))
    settings.NETRA_IDENTITY_KEY_FILE = installation / "absent" / "identity.key"
    settings.NETRA_RECEIPT_KEY_FILE = installation / "absent" / "receipt.key"
    refused(forged, forged_keys, "The key files do not match the database")
    assert not (installation / "absent").exists()  # no key written either
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_database WHERE datname LIKE '%_restoring_%'")
            assert cursor.fetchone()[0] == 0
