"""``manage.py apply_retention [--dry-run]``: remove identities and evidence past their period."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from netra.reports.retention import apply_retention


class Command(BaseCommand):
    help = "Remove reporters' identities and evidence past their retention period (UU 27/2022)"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only count the reports due")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        removed = apply_retention(dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"{len(removed.reports)} reports are past their retention period")
        else:
            self.stdout.write(
                f"removed {removed.identities} identities and {removed.evidence_files} evidence "
                f"files from {len(removed.reports)} reports"
            )
