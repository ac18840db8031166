"""Background task of the compliance page: recount the authority-wide tally
(netra/sanctions/compliance_summary_table.py), after changes and every hour."""

from __future__ import annotations

from django.tasks import task


@task
def refresh_compliance_tally() -> str:
    from .compliance_summary_table import refresh

    done = refresh()
    return f"{done['tallies']} tallies, {done['days']} day counts in {done['ms']} ms"
