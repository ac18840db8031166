from django.core.management.base import BaseCommand

from netra.accounts.models import User
from netra.demo.builder import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoWorld
from netra.demo.world import clear_world
from netra.insights.publish import refresh_all
from netra.reference.snapshots import clear_all


class Command(BaseCommand):
    help = "Build a reproducible demo world in Kalimantan Timur (accounts, employees, cases, sanctions)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=2024, help="Same seed, same world (default 2024)"
        )
        parser.add_argument("--employees", type=int, default=4000, help="Employees (default 4000)")
        parser.add_argument("--cases", type=int, default=400, help="Cases (default 400)")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the demo exists")
        parser.add_argument("--clear", action="store_true", help="Remove the demo world first")

    def handle(self, *args, seed, employees, cases, if_empty, clear, **options):
        exists = User.objects.filter(username=DEMO_ACCOUNTS[0].username).exists()
        if clear:
            clear_world()
        elif exists and if_empty:
            self.stdout.write("The demo world exists already; nothing to do.")
            self.print_logins()
            return
        elif exists:
            self.stderr.write("The demo world exists already. Use --clear to rebuild it.")
            raise SystemExit(2)
        self.stdout.write(
            f"Building the demo world (seed {seed}, {employees} employees, {cases} cases)"
        )
        world = DemoWorld(seed=seed, employees=employees, cases=cases, stdout=self.stdout)
        world.build()
        clear_all()  # the world is bulk-written, which sends no signals
        refresh_all()  # ... so the public figures are recounted here (netra/insights)
        self.print_logins()
        if world.receipts:
            code = "-".join(world.receipts[0][i : i + 4] for i in range(0, 16, 4))
            self.stdout.write(f"\nA demo report to follow at /report/follow/: receipt {code}")

    def print_logins(self):
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            where = account.region or account.agency or ""
            self.stdout.write(f"  {account.username:<20} {account.role:<18} {where}")
        self.stdout.write(
            "Bawaslu officers also need a 6-digit code (two-step login): "
            "uv run python manage.py demo_otp <username>"
        )
