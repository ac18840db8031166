from typing import cast

from django.core.management.base import BaseCommand, CommandError

from netra.reference import loaders
from netra.reference.signals import reference_loaded
from netra.reference.snapshots import clear_all


class Command(BaseCommand):
    help = (
        "Load or refresh the reference data (regions, elections, catalogue, deadline rules), then let "
        "the later layers load theirs (agencies, letter templates). Idempotent."
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
            ("deadline rules", loaders.load_deadline_rules),
        ]
        for step_label, step in steps:
            try:
                loaded = step()
            except loaders.CatalogueRewriteRefused as exc:
                raise CommandError(str(exc)) from exc
            self._report(options, step_label, loaded)
        clear_all()  # some steps bulk-write, which sends no signals
        # Later layers (registry, cases, ...) connect here in their AppConfig.ready().
        for _receiver, response in reference_loaded.send(sender=self.__class__):
            label, count = cast(tuple[str, int], response)  # each receiver returns (label, count)
            self._report(options, label, count)
        clear_all()

    def _report(self, options, label: str, count: int) -> None:
        if options["verbosity"]:
            self.stdout.write(f"{label}: {count}")
