from django.core.management.base import BaseCommand

from netra.cases.reminders import send_deadline_reminders
from netra.cases.tasks import send_deadline_reminders_task


class Command(BaseCommand):
    help = (
        "E-mail the handling officers about statutory deadlines that fall due soon "
        "(NETRA_DEADLINE_REMINDER_DAYS). Idempotent: one reminder per case and deadline. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for the worker instead"
        )

    def handle(self, *args, enqueue, **options):
        if enqueue:
            result = send_deadline_reminders_task.enqueue()
            self.stdout.write(f"Queued task {result.id}")
            return
        sent = send_deadline_reminders()
        self.stdout.write(f"Reminders sent: {sent.reminders} ({sent.emails} e-mails)")
