"""Import an agency's employees from a CSV or XLSX file, with a progress bar on the terminal.

manage.py import_employees pegawai.csv --agency PEMKOT-64.72 --dry-run
manage.py import_employees siasn_nasional.csv --national
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from netra.registry.imports import ImportFileError, RowSource
from netra.registry.models import Agency, ImportJob
from netra.registry.services import ImportRefused, create_command_import, run_import


class Command(BaseCommand):
    help = (
        "Import employees from an HR export (CSV or XLSX; columns in docs/registry.md): upsert by "
        "NIP, deactivate the agency's employees missing from the file, report rejected rows."
    )
    # A data command: the system checks (seconds of URL and template loading) belong to deploys
    # and `manage.py check`, not to every import.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a .csv or .xlsx file")
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--agency", help="Agency code, e.g. PEMKOT-64.72")
        scope.add_argument(
            "--national",
            action="store_true",
            help="A national file: every row names its agency in agency_code",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; change nothing"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"Unknown agency code: {options['agency']}")
        try:
            source = RowSource.from_path(path)
            job = create_command_import(
                agency=agency,
                source_name=str(path),
                dry_run=options["dry_run"],
                actor_label="command:import_employees",
            )
        except (ImportFileError, ImportRefused) as exc:
            raise CommandError(str(exc)) from exc
        self._tty = sys.stderr.isatty() and options["verbosity"] > 0
        job = run_import(job=job, source=source, progress=self._progress)
        if self._tty:
            sys.stderr.write("\n")
        if job.status == ImportJob.Status.FAILED:
            raise CommandError(job.error)
        self._summary(job)

    def _progress(self, job: ImportJob) -> None:
        line = (
            f"[{'#' * (job.progress // 4):<25}] {job.progress:3d}% "
            f"{job.get_phase_display()}: {job.rows_read:,} rows"
        )
        if self._tty:
            sys.stderr.write("\r" + line.ljust(78))
            sys.stderr.flush()
        elif job.phase != getattr(self, "_last_phase", None) or job.progress == 100:
            self._last_phase = job.phase
            self.stderr.write(line)

    def _summary(self, job: ImportJob) -> None:
        verb = "would be" if job.dry_run else "were"
        self.stdout.write(
            f"{job.rows_read:,} rows read. {job.new:,} new, {job.updated:,} updated, "
            f"{job.unchanged:,} unchanged, {job.deactivated:,} deactivated {verb} applied; "
            f"{job.rejected:,} rejected."
        )
        for row in job.report.get("rejected", [])[:20]:
            self.stdout.write(f"  line {row['line']}: {row['nip']} {'; '.join(row['reasons'])}")
        if job.rejected > 20:
            self.stdout.write(f"  ... and {job.rejected - 20:,} more rejected rows.")
