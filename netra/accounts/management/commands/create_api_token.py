from django.core.management.base import BaseCommand, CommandError

from netra.accounts.models import User
from netra.accounts.tokens import issue_token


class Command(BaseCommand):
    help = "Create a bearer token for the staff API (/api/v1/); printed once, stored hashed."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="cli", help="What the token is for")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}")
        token, _row = issue_token(user=user, name=name)
        self.stdout.write(token)
