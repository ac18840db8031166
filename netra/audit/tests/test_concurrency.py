"""Writers that record at the same time on PostgreSQL take turns: one chain, no fork, no gap.

SQLite needs no test: its IMMEDIATE transactions let one writer in at a time (settings.py).
"""

import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection, connections, transaction

from netra.audit.models import AuditEntry
from netra.audit.services import record
from netra.audit.verify import verify_chain

from .conftest import target

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time"),
]


def run_together(*jobs: Callable[[], None]) -> None:
    errors: list[BaseException] = []

    def run(job: Callable[[], None]) -> None:
        try:
            job()
        except BaseException as exc:  # reported by the test below
            errors.append(exc)
        finally:
            connections.close_all()  # each thread has its own connection

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


def test_a_second_writer_waits_for_the_first_to_commit_and_links_to_it():
    first_in = threading.Event()

    def first() -> None:
        with transaction.atomic():
            record(action="test.first", target=target(1))
            first_in.set()
            time.sleep(0.3)  # still uncommitted: the second must wait, not read the old head

    def second() -> None:
        assert first_in.wait(10)
        with transaction.atomic():
            record(action="test.second", target=target(2))

    run_together(first, second)
    a, b = AuditEntry.objects.order_by("seq")
    assert (a.seq, a.action, b.seq, b.action) == (1, "test.first", 2, "test.second")
    assert b.prev_hash == a.hash
    assert b.at > a.at


def test_many_concurrent_writers_make_one_gap_free_chain():
    start = threading.Barrier(3)

    def writer(n: int) -> Callable[[], None]:
        def job() -> None:
            start.wait(10)
            for i in range(20):
                with transaction.atomic():
                    record(action=f"test.writer{n}", target=target(i))

        return job

    run_together(writer(1), writer(2), writer(3))
    report = verify_chain()
    assert report.intact and report.verified == 60
    assert list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True)) == list(
        range(1, 61)
    )
    assert AuditEntry.objects.values("prev_hash").distinct().count() == 60
