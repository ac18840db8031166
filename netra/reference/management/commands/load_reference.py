from django.core.management.base import BaseCommand, CommandError

from netra.cases.loaders import load_case_handling
from netra.reference import loaders
from netra.reference.snapshots import clear_all
from netra.registry.loaders import load_agencies


class Command(BaseCommand):
    help = (
        "Load or refresh the reference data (regions, elections, catalogue, agencies). Idempotent."
    )

    def handle(self, *args, **options):
        steps = [
            ("regions", loaders.load_regions),
            ("elections", loaders.load_elections),
            ("sanction types", loaders.load_sanction_types),
            ("criminal articles", loaders.load_criminal_articles),
            ("civil-service authorities", loaders.load_authorities),
            ("retention rules", loaders.load_retention_rules),
            ("catalogue versions", loaders.load_catalogues),
            ("agencies", load_agencies),
            ("case deadlines and letter templates", load_case_handling),
        ]
        for label, step in steps:
            try:
                count = step()
            except loaders.CatalogueRewriteRefused as exc:
                raise CommandError(str(exc)) from exc
            if options["verbosity"]:
                self.stdout.write(f"{label}: {count}")
        clear_all()  # some steps bulk-write, which sends no signals
