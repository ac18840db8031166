"""``manage.py restore BACKUP [--keys KEYS_FILE]``: all or nothing (netra/ops/restore.py).

Stop the app servers and task workers first; run ``manage.py migrate`` after (bin/serve does).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from netra.ops.backup import BackupError
from netra.ops.restore import restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup`, all or nothing"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("backup", type=Path, help="the backup folder (netra-<id>-<time>)")
        parser.add_argument("--keys", type=Path, help="the installation's key file (--keys-to)")

    def handle(self, *args: Any, backup: Path, keys: Path | None, **options: Any) -> None:
        try:
            result = restore(backup, keys_file=keys)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Restore refused: {exc}") from None
        self.stdout.write(
            f"restored installation {result['installation_id']}: {result['reports']} reports, "
            f"{result['evidence_files']} evidence files checked, {result['audit_entries']} audit "
            f"entries"
        )
        for kept in result["kept_aside"]:
            self.stdout.write(f"kept aside: {kept} (remove it once satisfied)")
        for path in result["keys_written"]:
            self.stdout.write(f"key written: {path}")
