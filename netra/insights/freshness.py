"""Keeping the public figures fresh as cases change (docs/insights.md, "Freshness").

Every change that moves a public count saves one of the models below through its stage's service
(a report arrives, a case is registered or decided, a recommendation or sanction is recorded). A
``post_save`` receiver notes the election, and once the transaction commits asks the task worker to
recount that election after ``NETRA_INSIGHTS_REFRESH_DELAY`` seconds. Each process asks at most once
per election per delay, so a burst of changes costs one refresh, and the request's own transaction
pays only for a set lookup (measured in bench/insights.py). Bulk writes (the demo builder) send no
signals: their commands refresh at the end (``manage.py refresh_insights``).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import time
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

log = logging.getLogger(__name__)
_last_request: dict[int | None, float] = {}


def _watched() -> tuple[Any, ...]:
    from netra.cases.models import Case, Decision, ReportedPerson
    from netra.reports.models import Message, Report
    from netra.sanctions.models import Recommendation, Sanction

    return (Case, Report, Message, Decision, ReportedPerson, Recommendation, Sanction)


def _uid(model: Any) -> str:
    return f"insights.changed.{model._meta.label_lower}"


def connect() -> None:
    for model in _watched():
        post_save.connect(_changed, sender=model, dispatch_uid=_uid(model))


def disconnect() -> None:
    """Stop watching (bench/insights.py measures a change with and without the receiver)."""
    for model in _watched():
        post_save.disconnect(sender=model, dispatch_uid=_uid(model))


def election_of(instance: Any) -> int | None:
    """The election a saved row counts for, from the row or a related row already in memory (no
    query); None when not known, which refreshes every election."""
    election_id = getattr(instance, "election_id", None)
    if election_id:
        return election_id
    cache = instance._state.fields_cache
    for relation in ("case", "report", "recommendation"):
        related = cache.get(relation)
        if related is not None:
            return election_of(related)
    return None


def _changed(sender: Any, instance: Any, raw: bool = False, **_kwargs: Any) -> None:
    if raw:  # loading fixtures
        return
    transaction.on_commit(partial(request_refresh, election_of(instance)), robust=True)


def request_refresh(election_id: int | None) -> bool:
    """Ask the worker to recount ``election_id`` soon; False if this process asked recently."""
    delay = settings.NETRA_INSIGHTS_REFRESH_DELAY
    now = time.monotonic()
    if now - _last_request.get(election_id, -math.inf) < delay:
        return False
    _last_request[election_id] = now
    from .tasks import refresh_public_figures

    requested = timezone.now()
    task = refresh_public_figures
    if task.get_backend().supports_defer and delay > 0:
        task = task.using(run_after=requested + dt.timedelta(seconds=delay))
    task.enqueue(election_id, requested.isoformat())
    return True


def forget_requests() -> None:
    """Start over (tests; a command that refreshed everything itself)."""
    _last_request.clear()
