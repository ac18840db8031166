# ruff: noqa: S608 -- SQL is built from catalog names and this module's own, never from input.
"""Large loads into ``registry_employee`` on PostgreSQL.

PostgreSQL's advice for populating a table ("Populating a Database" in its manual) is to load the
rows first and build the indexes and foreign keys once afterwards: building is several times
faster than maintaining them row by row (for the trigram index, over four times on a national file),
and a foreign key is checked by one join instead of one lookup and row lock per row. Two uses:

- ``SecondaryIndexes``: a staged import that at least doubles the table drops what its upsert
  does not need, and builds it again after (``staging.Stage.apply``).
- ``FirstLoad``: an import into an empty registry (the first national file) has nothing to compare
  and nothing to deactivate, so its rows are streamed by one ``COPY`` straight into the table
  while the file is read, instead of into a staging table first and then upserted from it.

Both run inside the import's transaction: a failure restores every index and constraint, and the
table stays locked until commit, which is acceptable for a load this large.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.db import connection

from .checks import CheckedRow
from .copying import DATA_COLUMNS, CopyStream, copy_line

# For the index builds of one load (sorting 4.3 M keys, the trigram index's accumulator): over
# 4.3 M names the trigram index builds in 21 s with 512 MB, 28 s with 256 MB, no faster with more.
MAINTENANCE_WORK_MEM = "512MB"
Timings = list[tuple[str, float]]
# The import's heartbeat, called between long statements (importer._Reporter.beat).
Beat = Callable[[], None]


def no_beat() -> None:
    pass


def _execute(sql: str, params: Any = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _fetch(sql: str, params: Any = None) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class SecondaryIndexes:
    """The indexes and constraints of ``registry_employee`` a load can do without.

    Always the foreign keys and the non-unique indexes; with ``unique=True`` (nothing to upsert)
    also the unique ones: the NIP, and the staff number within an agency. Never the primary key,
    which other tables' foreign keys point at.
    """

    def __init__(self, *, unique: bool, beat: Beat = no_beat) -> None:
        self.unique = unique
        self.beat = beat
        self._restore: list[tuple[str, str]] = []  # (what, SQL), in the order to run them

    def drop(self) -> None:
        # Deferred foreign-key checks of this transaction must run before the table is altered.
        _execute("SET CONSTRAINTS ALL IMMEDIATE")
        indexes: list[tuple[str, str]] = []
        constraints: list[tuple[str, str]] = []
        for name, kind, definition in _fetch(
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'registry_employee'::regclass AND contype IN ('f', 'u') "
            "ORDER BY contype, conname"
        ):
            if kind == "u" and not self.unique:
                continue
            _execute(f'ALTER TABLE registry_employee DROP CONSTRAINT "{name}"')
            sql = f'ALTER TABLE registry_employee ADD CONSTRAINT "{name}" {definition}'
            # Unique constraints (indexes) first, foreign keys (a check) last.
            (constraints if kind == "f" else indexes).append((name, sql))
        for name, definition in _fetch(
            "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index x "
            "JOIN pg_class c ON c.oid = x.indexrelid "
            "WHERE x.indrelid = 'registry_employee'::regclass AND NOT x.indisprimary "
            f"{'' if self.unique else 'AND NOT x.indisunique'} ORDER BY c.relname"
        ):
            _execute(f'DROP INDEX "{name}"')
            indexes.append((name, definition))
        self._restore = indexes + constraints

    def restore(self) -> Timings:
        """Build everything dropped again; (what, seconds) of each build."""
        _execute("SET CONSTRAINTS ALL IMMEDIATE")
        _execute(f"SET LOCAL maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
        timings = []
        for name, sql in self._restore:
            started = time.perf_counter()
            _execute(sql)
            timings.append((f"building {name}", time.perf_counter() - started))
            self.beat()
        return timings


class FirstLoad:
    """An import into an empty registry: checked rows go straight into ``registry_employee``.

    Use inside a transaction: ``begin()`` (False if the registry is not empty after all), ``add()``
    each row, ``flush()``, then ``finish()``. Every row is new, so there is nothing to compare;
    duplicates were refused while reading, as in a staged import.
    """

    COLUMNS = ("nip", *DATA_COLUMNS, "is_active")
    copy_line_numbers = False

    def __init__(self, beat: Beat = no_beat) -> None:
        self.rows = 0
        self.copy_wait = 0.0
        self._indexes = SecondaryIndexes(unique=True, beat=beat)
        self._copy: CopyStream | None = None

    @staticmethod
    def possible() -> bool:
        """Whether an import could be a first load (checked again, under a lock, by ``begin``)."""
        return connection.vendor == "postgresql" and not _fetch(
            "SELECT 1 FROM registry_employee LIMIT 1"
        )

    def begin(self) -> bool:
        # Nobody may add employees meanwhile; the indexes are dropped under this lock anyway.
        _execute("LOCK TABLE registry_employee IN ACCESS EXCLUSIVE MODE")
        if _fetch("SELECT 1 FROM registry_employee LIMIT 1"):
            return False
        self._indexes.drop()
        self._copy = CopyStream("registry_employee", self.COLUMNS)
        return True

    def add(self, row: CheckedRow) -> None:
        assert self._copy is not None
        self.rows += 1
        self._copy.add(copy_line(row, numbered=False))

    def add_copy_text(self, text: str, rows: int) -> None:
        """Rows already as lines of COPY text (``copy_line``; see ``parallel``)."""
        assert self._copy is not None
        self.rows += rows
        self._copy.add(text)

    def flush(self) -> None:
        assert self._copy is not None
        self._copy.close()
        self.copy_wait = self._copy.wait

    def abort(self) -> None:
        if self._copy is not None:
            self._copy.abort()

    def finish(self) -> Timings:
        """Build the indexes and constraints again and refresh the planner's statistics."""
        timings = self._indexes.restore()
        started = time.perf_counter()
        # Search plans on a table of millions need statistics now, not when autovacuum comes by.
        _execute("ANALYZE registry_employee")
        return [*timings, ("ANALYZE registry_employee", time.perf_counter() - started)]

    @staticmethod
    def new_samples(limit: int) -> list[dict[str, str]]:
        """The first rows of the file (ids follow the order of the COPY), as a dry run lists them."""
        rows = _fetch("SELECT nip, name FROM registry_employee ORDER BY id LIMIT %s", [limit])
        return [{"nip": nip or "", "name": name} for nip, name in rows]
