"""``manage.py preflight``: can this server start serving? Exit 0 if so, else 1 with the reasons.

bin/serve runs it before gunicorn and the workers. Settings have already refused an unsafe
production configuration; this adds what needs the services: the database answers and is migrated,
its installation record matches the configured keys, the cache (Redis) answers, the evidence storage
is writable. (The worker check is readiness's: workers start after this.)
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from netra.ops import health


class Command(BaseCommand):
    help = "Check the database, keys, cache and storage before serving"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--allow-unapplied",
            action="store_true",
            help="do not fail on unapplied migrations (bin/serve migrates right after)",
        )

    def handle(self, *args: Any, allow_unapplied: bool, **options: Any) -> None:
        problems = []
        try:
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise CommandError(
                f"The database is unreachable ({connection.settings_dict.get('HOST') or 'local'}"
                f":{connection.settings_dict.get('PORT') or ''} "
                f"{connection.settings_dict.get('NAME')}): {first}"
            ) from None
        if pending and not allow_unapplied:
            problems.append(
                f"{len(pending)} migrations are not applied: run `manage.py migrate` first."
            )
        elif not pending:
            problems.append(health.database())
        problems += [health.cache(), health.storage()]
        problems = [p for p in problems if p]
        if problems:
            raise CommandError(
                "Netra cannot serve yet:\n" + "\n".join(f"  - {p}" for p in problems)
            )
        self.stdout.write("preflight: database, keys, cache and storage are ready")
