from django.core.management.base import BaseCommand

from netra.sanctions.services.enforcement import flag_overdue
from netra.sanctions.tasks import flag_overdue_recommendations_task


class Command(BaseCommand):
    help = (
        "Flag recommendations whose PPK time (rule A2) has passed and e-mail the agency's personnel "
        "officers and the authority's analysts. Idempotent: each recommendation is flagged once. "
        "Run daily (the worker schedules it)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for the worker instead"
        )

    def handle(self, *args, enqueue, **options):
        if enqueue:
            result = flag_overdue_recommendations_task.enqueue()
            self.stdout.write(f"Queued task {result.id}")
            return
        self.stdout.write(f"Recommendations flagged overdue: {flag_overdue()}")
