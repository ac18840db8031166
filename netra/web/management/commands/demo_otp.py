from django.core.management.base import BaseCommand, CommandError

from netra.accounts.models import Role
from netra.demo import otp
from netra.demo.builder import DEMO_ACCOUNTS


class Command(BaseCommand):
    help = (
        "Print the current second-factor code of a demo Bawaslu account (demo accounts only: "
        "their secret comes from the demo seed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="A demo account, e.g. bawaslu.samarinda")
        parser.add_argument(
            "--seed", type=int, default=2024, help="The seed the demo was built with (default 2024)"
        )

    def handle(self, *args, username, seed, **options):
        account = next((a for a in DEMO_ACCOUNTS if a.username == username), None)
        if account is None:
            raise CommandError(f"{username} is not a demo account.")
        if account.role != Role.BAWASLU_OFFICER:
            raise CommandError(f"{username} needs no code: only the Bawaslu accounts have one.")
        # Only the very device the demo builder made: a real account keeps its secret secret.
        device = otp.demo_device(username, seed=seed)
        if device is None:
            raise CommandError(
                f"{username} has no demo authenticator for seed {seed} (not a demo world, or "
                "another seed: pass --seed)."
            )
        self.stdout.write(otp.current_code(device))
