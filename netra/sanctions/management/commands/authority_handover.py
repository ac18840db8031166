import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from netra.accounts.models import User
from netra.cases.workflow import CaseError
from netra.reference.models import CivilServiceAuthority
from netra.sanctions.services.handover import perform_handover, plan_handover


class Command(BaseCommand):
    help = (
        "Move every open file from one civil-service authority to another on a date "
        "(SE MenPAN-RB 4/2024: processed files report to MenPAN-RB, the rest go to the new "
        "authority). A dry run unless --perform is given; --perform needs --actor, an analyst."
    )

    def add_arguments(self, parser):
        parser.add_argument("from_authority", help="e.g. KASN")
        parser.add_argument("to_authority", help="e.g. BKN")
        parser.add_argument("effective_on", type=dt.date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--perform", action="store_true", help="Move the files")
        parser.add_argument("--actor", default="", help="Username of the analyst performing it")

    def handle(self, *args, from_authority, to_authority, effective_on, perform, actor, **options):
        try:
            source = CivilServiceAuthority.objects.get(code=from_authority.upper())
            target = CivilServiceAuthority.objects.get(code=to_authority.upper())
        except CivilServiceAuthority.DoesNotExist as exc:
            raise CommandError("Unknown authority code.") from exc
        try:
            plan = plan_handover(
                from_authority=source, to_authority=target, effective_on=effective_on
            )
            for item in plan.items:
                number = f" {item.recommendation.number}" if item.recommendation else ""
                self.stdout.write(f"{item.kind:15} {item.case.code}{number} -> {item.to.code}")
            self.stdout.write(f"Planned: {plan.counts}")
            if not perform:
                self.stdout.write("Dry run: nothing changed (add --perform --actor USER).")
                return
            user = User.objects.filter(username=actor).first()
            if user is None:
                raise CommandError("--perform needs --actor, the username of an analyst.")
            handover = perform_handover(
                from_authority=source, to_authority=target, effective_on=effective_on, actor=user
            )
        except CaseError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Hand-over {handover.pk} performed: {handover.items.count()} files moved."
        )
