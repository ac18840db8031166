"""Database triggers that refuse UPDATE and DELETE of audit entries, on PostgreSQL and SQLite.

The triggers sit below the ORM, so a queryset ``update()``/``delete()``, the admin, a shell or raw
SQL are all refused with "The audit trail is append-only" (an ``IntegrityError``). INSERT stays
open: ``AuditEntry.save`` appends through ``chain.link``. TRUNCATE is not refused: PostgreSQL's row
triggers do not see it, and Django's test flush on PostgreSQL truncates every table (docs/audit.md).

SQLite drops a table's triggers when Django rebuilds the table, which its schema editor does for
many ``AlterField``/``AddField`` operations: a later migration that alters ``audit_auditentry`` must
end with ``RunPython(install_triggers)`` again; ``test_protection.py`` fails until it does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditentry"
MESSAGE = "The audit trail is append-only: audit entries cannot be changed or deleted"

_POSTGRESQL_INSTALL = (
    f"""
    CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE} (% of entry %).', TG_OP, OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END
    $$
    """,
    f"DROP TRIGGER IF EXISTS audit_entry_append_only ON {TABLE}",
    f"""
    CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()
    """,
)
_POSTGRESQL_REMOVE = (
    f"DROP TRIGGER IF EXISTS audit_entry_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_entry_append_only()",
)
# RAISE(ABORT) rolls back the statement and reports SQLITE_CONSTRAINT, an IntegrityError in Python.
_SQLITE_INSTALL = tuple(
    f"""
    CREATE TRIGGER IF NOT EXISTS audit_entry_no_{op.lower()} BEFORE {op} ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({op}).'); END
    """
    for op in ("UPDATE", "DELETE")
)
_SQLITE_REMOVE = tuple(f"DROP TRIGGER IF EXISTS audit_entry_no_{op}" for op in ("update", "delete"))


def _statements(vendor: str, *, install: bool) -> tuple[str, ...]:
    if vendor == "postgresql":
        return _POSTGRESQL_INSTALL if install else _POSTGRESQL_REMOVE
    if vendor == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_REMOVE
    raise NotImplementedError(f"No append-only triggers for {vendor}: add them before using it.")


def _execute(connection: BaseDatabaseWrapper, statements: tuple[str, ...]) -> None:
    # No parameters: psycopg would read plpgsql's "%" as a placeholder.
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install(connection: BaseDatabaseWrapper) -> None:
    """Create (or re-create) the triggers on ``connection``'s database."""
    _execute(connection, _statements(connection.vendor, install=True))


def remove(connection: BaseDatabaseWrapper) -> None:
    _execute(connection, _statements(connection.vendor, install=False))


def installed(connection: BaseDatabaseWrapper) -> bool:
    """Whether every trigger is present and enabled (``ALTER TABLE … DISABLE TRIGGER`` counts)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass"
                " AND tgname = 'audit_entry_append_only' AND tgenabled <> 'D'",
                [TABLE],
            )
            return cursor.fetchone()[0] == 1
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s"
            " AND name IN ('audit_entry_no_update', 'audit_entry_no_delete')",
            [TABLE],
        )
        return cursor.fetchone()[0] == 2


@contextmanager
def lifted(using: str = "default") -> Iterator[None]:
    """The triggers removed, inside one transaction that re-creates them before it commits.

    Only for test teardown (``conftest.py``): other connections never see the table unguarded,
    since DDL is transactional on both databases and the removal commits together with the
    re-creation. Production code has no reason to call this, and a role that may drop triggers
    could do so without it.
    """
    connection = connections[using]
    with transaction.atomic(using=using):
        remove(connection)
        yield
        install(connection)


def empty_trail_for_flush(using: str = "default") -> None:
    """Delete every audit entry, for a transactional test's teardown on SQLite only.

    pytest-django empties the database after a transactional or live-server test with Django's
    flush, which on SQLite is ``DELETE FROM`` each table: the trigger would refuse it and fail the
    teardown. PostgreSQL's flush is ``TRUNCATE``, which the row trigger does not see.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with lifted(using), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608 - a constant table name
