"""Verify the audit trail's hash chain and print its head, for the operator to keep elsewhere."""

import re

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from netra.audit import protection
from netra.audit.verify import holds_head, verify_chain


def head(value: str) -> tuple[int, str]:
    if not (match := re.fullmatch(r"(\d+):([0-9a-f]{64})", value)):
        raise ValueError(value)
    return int(match[1]), match[2]


class Command(BaseCommand):
    help = (
        "Verify the audit trail's hash chain from the first entry to the last. Prints how many "
        "entries hold and the head to record; on a break, names the first broken entry and exits 1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect-head",
            type=head,
            metavar="SEQ:HASH",
            help="a head printed by an earlier run: fail unless that entry is still in the chain",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, expect_head, database, verbosity, **options):
        def progress(count: int) -> None:
            if verbosity >= 2:
                self.stdout.write(f"  {count} entries verified")

        report = verify_chain(using=database, progress=progress)
        if report.broken:
            raise CommandError(
                f"The audit chain is broken after {report.verified} intact entries. "
                f"First broken: {report.broken}"
            )
        self.stdout.write(f"Verified {report.verified} audit entries: the chain is intact.")
        self.stdout.write(
            f"Head: {report.head_seq}:{report.head_hash}\n"
            "Record it outside the database; pass it as --expect-head next time."
        )
        if expect_head and (
            expect_head[0] > report.head_seq or not holds_head(*expect_head, using=database)
        ):
            raise CommandError(
                f"The head recorded earlier, {expect_head[0]}:{expect_head[1]}, is not in the "
                "chain: the trail was cut back or rewritten since it was recorded."
            )
        if not protection.installed(connections[database]):
            raise CommandError(
                "The append-only triggers on audit_auditentry are missing or disabled. Re-install "
                "them: manage.py shell -c 'from django.db import connection; "
                "from netra.audit import protection; protection.install(connection)'"
            )
