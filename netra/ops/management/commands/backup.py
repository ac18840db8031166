"""``manage.py backup DEST [--keys-to KEYS_DEST]``: database, evidence and manifest (netra/ops/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from netra.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the evidence (and, apart, the keys)"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("destination", type=Path, help="folder that receives the backup")
        parser.add_argument(
            "--keys-to",
            type=Path,
            help="another folder (another medium, another custodian) for the identity and receipt keys",
        )

    def handle(self, *args: Any, destination: Path, keys_to: Path | None, **options: Any) -> None:
        try:
            manifest = backup(destination, keys_to=keys_to)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Backup failed: {exc}") from None
        self.stdout.write(
            f"backup: {manifest['path']} (installation {manifest['installation_id']}, "
            f"{manifest['evidence_count']} evidence files)"
        )
        if "keys_path" in manifest:
            self.stdout.write(f"keys: {manifest['keys_path']} (keep it apart from the backups)")
