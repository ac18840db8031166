from django.core.management.base import BaseCommand, CommandError

from netra.insights.publish import refresh_election
from netra.reference.models import Election


class Command(BaseCommand):
    help = (
        "Recount and republish the public figures (netra/insights) of every election, or of those "
        "named. The task worker does this by itself after changes; run it after bulk loads."
    )

    def add_arguments(self, parser):
        parser.add_argument("elections", nargs="*", help="Election codes (default: all)")

    def handle(self, *args, elections, **options):
        chosen = Election.objects.order_by("voting_date")
        if elections:
            chosen = chosen.filter(code__in=elections)
            missing = set(elections) - set(chosen.values_list("code", flat=True))
            if missing:
                raise CommandError(f"Unknown election: {', '.join(sorted(missing))}")
        for election in chosen:
            refresh = refresh_election(election)
            self.stdout.write(
                f"{election.code}: {refresh.cells} cells, {refresh.hidden} hidden; counted in "
                f"{refresh.count_ms} ms, suppressed in {refresh.suppress_ms} ms, "
                f"written in {refresh.write_ms} ms"
            )
