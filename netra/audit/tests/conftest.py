from __future__ import annotations

from typing import Any

import pytest

from netra.audit.models import AuditEntry
from netra.audit.services import record


class Target:
    """Anything with a model label and a primary key: the audit trail stores only the two."""

    class _meta:
        label_lower = "tests.thing"

    def __init__(self, pk: int) -> None:
        self.pk = pk


def target(pk: int) -> Any:
    return Target(pk)


def write(n: int, *, start: int = 1, **data: Any) -> list[AuditEntry]:
    return [
        record(action="test.step", target=target(i), summary=f"step {i}", step=i, **data)
        for i in range(start, start + n)
    ]


@pytest.fixture
def entries(db) -> list[AuditEntry]:
    return write(5)
