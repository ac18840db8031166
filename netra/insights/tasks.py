"""Background task of the transparency page (core ``django.tasks``; worker ``manage.py db_worker``)."""

from __future__ import annotations

import datetime as dt

from django.tasks import task


@task
def refresh_public_figures(election_id: int | None, requested_at: str) -> str:
    """Recount and republish one election (all elections when ``election_id`` is None), unless a
    refresh that started after the request already covered it (several processes may ask)."""
    from netra.reference.models import Election

    from .models import Refresh
    from .publish import refresh_election

    requested = dt.datetime.fromisoformat(requested_at)
    ids = [election_id] if election_id else list(Election.objects.values_list("pk", flat=True))
    done = 0
    for pk in ids:
        last = Refresh.objects.filter(election_id=pk).values_list("started_at", flat=True).first()
        if last is not None and last >= requested:
            continue
        election = Election.objects.filter(pk=pk).first()
        if election is not None:
            refresh_election(election)
            done += 1
    return f"refreshed {done} of {len(ids)}"
