"""Forgets the sealed receipts kept for idempotent retries once their window has passed (run daily)."""

from django.core.management.base import BaseCommand

from netra.reports.services import purge_intake_replays


class Command(BaseCommand):
    help = "Delete idempotency replay rows older than NETRA_IDEMPOTENCY_TTL_HOURS."

    def handle(self, *args, **options):
        deleted = purge_intake_replays()
        self.stdout.write(f"{deleted} replay rows deleted")
