"""The database itself refuses to change or delete audit entries, whatever path the change takes."""

import pytest
from django.db import IntegrityError, connection, transaction

from netra.audit import protection
from netra.audit.models import AuditEntry
from netra.audit.services import record

from .conftest import target, write

REFUSED = "audit trail is append-only"


def refused(change) -> None:
    with pytest.raises(IntegrityError, match=REFUSED), transaction.atomic():
        change()


def raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_migrations_leave_the_triggers_in_place(db):
    # On SQLite a later migration that rebuilds the table drops them: it must install them again.
    assert protection.installed(connection)


def test_queryset_update_and_delete_are_refused(entries):
    refused(lambda: AuditEntry.objects.filter(pk=entries[0].pk).update(summary="rewritten"))
    refused(lambda: AuditEntry.objects.all().delete())
    refused(lambda: AuditEntry.objects.filter(pk=entries[1].pk).delete())
    assert AuditEntry.objects.count() == 5
    assert AuditEntry.objects.get(pk=entries[0].pk).summary == "step 1"


def test_deleting_one_entry_is_refused(entries):
    refused(entries[2].delete)
    assert AuditEntry.objects.filter(pk=entries[2].pk).exists()


def test_raw_sql_update_and_delete_are_refused(entries):
    pk = entries[3].pk
    refused(lambda: raw("UPDATE audit_auditentry SET summary = %s WHERE id = %s", ["x", pk]))
    refused(lambda: raw("UPDATE audit_auditentry SET hash = %s", ["0" * 64]))
    refused(lambda: raw("DELETE FROM audit_auditentry WHERE id = %s", [pk]))
    refused(lambda: raw("DELETE FROM audit_auditentry", []))
    assert list(AuditEntry.objects.order_by("seq").values_list("summary", flat=True)) == [
        f"step {i}" for i in range(1, 6)
    ]


def test_saving_an_entry_again_is_refused_before_the_database(entries):
    entries[0].summary = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        entries[0].save()


def test_appending_still_works_after_a_refusal(entries):
    refused(lambda: AuditEntry.objects.update(summary="rewritten"))
    entry = record(action="test.after", target=target(99))
    assert entry.seq == 6
    assert entry.prev_hash == entries[-1].hash


def test_the_test_flush_path_empties_the_trail_and_keeps_the_triggers(db):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's flush truncates, which the row triggers do not see")
    write(3)
    protection.empty_trail_for_flush()
    assert AuditEntry.objects.count() == 0
    assert protection.installed(connection)
    write(1)
    refused(lambda: AuditEntry.objects.all().delete())
