"""The submissions that feed a case (public reports and temuan), seen from case handling.

A case is opened from a submission and may gather more (a merge) or hand some to a new case (a
split). The submissions themselves belong to a later stage (netra/reports), which registers how they
are listed and moved (``provide``, in its AppConfig.ready()), so case handling never imports it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .models import Case


class Submissions(Protocol):
    def of_case(self, case: Case) -> Sequence[Any]:
        """The case's submissions, oldest first; each has ``pk`` and ``submitted_at``."""

    def move(self, *, source: Case, target: Case, ids: Collection[int] | None = None) -> list[int]:
        """Move ``ids`` (every one when None) from ``source`` to ``target``; returns the moved ids."""


class _NoSubmissions:
    def of_case(self, case: Case) -> Sequence[Any]:
        return ()

    def move(self, *, source: Case, target: Case, ids: Collection[int] | None = None) -> list[int]:
        return []


_provider: Submissions = _NoSubmissions()


def provide(provider: Submissions) -> None:
    global _provider
    _provider = provider


def submissions() -> Submissions:
    return _provider
