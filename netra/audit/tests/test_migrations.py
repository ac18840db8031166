"""The chain migration numbers and links the entries written before it, in id order."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from netra.audit import protection
from netra.audit.models import AuditEntry
from netra.audit.services import record
from netra.audit.verify import verify_chain

from .conftest import target

BEFORE = [("audit", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_existing_entries_are_chained_in_id_order_then_protected():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        Old = executor.loader.project_state(BEFORE).apps.get_model("audit", "AuditEntry")
        for i in range(7):
            Old.objects.create(
                actor_label="public",
                action=f"old.{i}",
                target_type="tests.thing",
                target_id=str(i),
                data={"i": i, "share": i / 3},
            )
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    report = verify_chain(chunk=3)
    assert report.intact and report.verified == 7
    assert list(AuditEntry.objects.order_by("id").values_list("seq", "action")) == [
        (i + 1, f"old.{i}") for i in range(7)
    ]
    assert protection.installed(connection)
    appended = record(action="new", target=target(8))  # the chain-head function is back too
    assert (appended.seq, appended.prev_hash) == (8, report.head_hash)
