"""In-process snapshots of tables that change a few times a year but are read on every request.

The public intake reads the election, the regions, the deadline rules and the holiday overrides for
every report; asking the database each time was a third of a submission's queries. A snapshot keeps
the rows in the worker's memory:

- saving or deleting a row of a watched model through the ORM drops the snapshot in this process
  at once (signals);
- other processes pick the change up within the snapshot's ``max_age`` (a rule or holiday edit is
  an administrative act for future deadlines, so a minute of delay is harmless);
- bulk writes that send no signals (loaders' ``bulk_create``/``update``) call ``clear_all()``.

The rows are shared by every request of the process: callers read them and never modify them.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import models
from django.db.models.signals import post_delete, post_save

_ALL: list[Snapshot[object]] = []


class Snapshot[T]:
    def __init__(
        self, load: Callable[[], T], *, watch: tuple[type[models.Model], ...], max_age: float
    ) -> None:
        self._load = load
        self._max_age = max_age
        self._value: T | None = None
        self._loaded_at = 0.0
        for model in watch:
            post_save.connect(self._on_change, sender=model, weak=False)
            post_delete.connect(self._on_change, sender=model, weak=False)
        _ALL.append(self)  # type: ignore[arg-type]

    def get(self) -> T:
        now = time.monotonic()
        if self._value is None or now - self._loaded_at > self._max_age:
            self._value = self._load()
            self._loaded_at = now
        return self._value

    def clear(self) -> None:
        self._value = None

    def _on_change(self, **_kwargs: object) -> None:
        self.clear()


def clear_all() -> None:
    """Forget every snapshot in this process (after bulk loads, and between tests)."""
    for snapshot in _ALL:
        snapshot.clear()
