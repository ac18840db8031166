"""manage.py add_election next_election.toml [--dry-run]

Adds the elections of a TOML file written like ``netra/reference/data/elections.toml`` (one or more
``[[election]]`` tables with their ``phases``, each with its legal basis, source and confidence),
through ``reference.services.add_election``: checked, all or nothing, audited. ``--dry-run``
checks the file and adds nothing.
"""

from __future__ import annotations

import getpass
import tomllib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from netra.reference.services import ElectionRefused, add_election, election_input


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = "Add the next election and its phases from a TOML file (the form of elections.toml)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="TOML file with [[election]] tables")
        parser.add_argument("--dry-run", action="store_true", help="check only, add nothing")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            entries = tomllib.loads(path.read_text(encoding="utf-8")).get("election")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        if not isinstance(entries, list) or not entries:
            raise CommandError(f"{path}: no [[election]] table.")
        label = f"manage.py add_election ({getpass.getuser()})"
        try:
            # A dry run adds everything, then rolls it back: the same checks, none of the writes.
            with transaction.atomic():
                for entry in entries:
                    election = add_election(actor_label=label, data=election_input(entry))
                    verb = "would be added" if options["dry_run"] else "added"
                    self.stdout.write(
                        f"{election.code}: {verb} with {election.phases.count()} phases"
                    )
                if options["dry_run"]:
                    raise _DryRun
        except _DryRun:
            return
        except ElectionRefused as exc:
            raise CommandError(
                "Nothing was added:\n" + "\n".join(f"- {p}" for p in exc.problems)
            ) from exc
