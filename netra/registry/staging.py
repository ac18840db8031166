# ruff: noqa: S608 -- SQL is built from this module's own table and column names, never input.
"""The database side of an import: a temporary staging table, set-based comparison, and apply.

Checked rows are streamed into a temporary table (``COPY`` on PostgreSQL, batched inserts on
SQLite). Everything after that is a handful of SQL statements over the whole file, so a national
file never has to fit in Python's memory, and applying is all-or-nothing: no row is half-applied.

Employees are matched by NIP, or, for staff without one, by (agency, staff number).
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from .bulk import Beat, SecondaryIndexes, no_beat
from .checks import CheckedRow
from .copying import DATA_COLUMNS, CopyStream, copy_line

STAGE_COLUMNS = ("line", "nip", *DATA_COLUMNS)
SAMPLE = 20
BULK_LOAD_MIN_ROWS = 50_000


def _pg() -> bool:
    return connection.vendor == "postgresql"


class Stage:
    """A per-import temporary table; use as a context manager so it is always dropped."""

    copy_line_numbers = True

    def __init__(self, job_id: int, beat: Beat = no_beat) -> None:
        self.table = f"registry_import_stage_{int(job_id)}"
        self.beat = beat  # the import's heartbeat, between long statements
        self._pending: list[tuple[Any, ...]] = []
        self._copy: CopyStream | None = None
        self.rows = 0
        self.copy_wait = 0.0

    def __enter__(self) -> Stage:
        self._execute(f"DROP TABLE IF EXISTS {self.table}")
        self._execute(
            f"CREATE TEMPORARY TABLE {self.table} ("
            "line integer NOT NULL, nip varchar(18), staff_number varchar(40) NOT NULL, "
            "name varchar(150) NOT NULL, name_key varchar(150) NOT NULL, "
            "employee_type varchar(10) NOT NULL, position_class varchar(15) NOT NULL, "
            "position_title varchar(200) NOT NULL, unit varchar(200) NOT NULL, "
            "agency_id bigint NOT NULL, region_id varchar(13))"
        )
        if _pg():
            self._copy = CopyStream(self.table, STAGE_COLUMNS)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._copy is not None:
            self._copy.abort()
        self._execute(f"DROP TABLE IF EXISTS {self.table}")

    @staticmethod
    def _execute(sql: str, params: Any = None) -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount

    @staticmethod
    def _fetch(sql: str, params: Any = None) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    # Loading ----------------------------------------------------------------------------------

    def add(self, row: CheckedRow) -> None:
        self.rows += 1
        if self._copy is not None:
            self._copy.add(copy_line(row, numbered=True))
            return
        self._pending.append(tuple(getattr(row, c) for c in STAGE_COLUMNS))
        if len(self._pending) >= 2000:
            self._insert_pending()

    def add_copy_text(self, text: str, rows: int) -> None:
        """Rows already as lines of COPY text (``copy_line``, numbered; see ``parallel``)."""
        assert self._copy is not None
        self.rows += rows
        self._copy.add(text)

    def flush(self) -> None:
        """Finish loading: every row added is in the table."""
        if self._copy is not None:
            self._copy.close()
            self.copy_wait = self._copy.wait
        self._insert_pending()

    def _insert_pending(self) -> None:
        if self._pending:
            marks = ", ".join(["%s"] * len(STAGE_COLUMNS))
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {self.table} ({', '.join(STAGE_COLUMNS)}) VALUES ({marks})",
                    self._pending,
                )
            self._pending = []

    # Comparing --------------------------------------------------------------------------------

    def index(self) -> None:
        self._execute(f"CREATE INDEX {self.table}_nip ON {self.table} (nip)")
        self._execute(f"CREATE INDEX {self.table}_staff ON {self.table} (agency_id, staff_number)")
        if _pg():
            self._execute(f"ANALYZE {self.table}")

    def reject_other_agencies(self) -> list[tuple[int, str, str, str]]:
        """Rows whose NIP is registered at another agency: (line, nip, name, that agency's code).

        Only for a one-agency import: an agency may not take over another agency's employee; a
        transfer (mutasi) is recorded by the old agency's file or a national import.
        """
        rows = self._fetch(
            f"SELECT s.line, s.nip, s.name, a.code FROM {self.table} s "
            "JOIN registry_employee e ON e.nip = s.nip "
            "JOIN registry_agency a ON a.id = e.agency_id "
            "WHERE e.agency_id <> s.agency_id ORDER BY s.line"
        )
        if rows:
            self._execute(
                f"DELETE FROM {self.table} WHERE nip IN ("
                "SELECT e.nip FROM registry_employee e "
                f"JOIN {self.table} s ON e.nip = s.nip WHERE e.agency_id <> s.agency_id)"
            )
        return [(line, nip, name, code) for line, nip, name, code in rows]

    def _differs(self) -> str:
        op = "IS DISTINCT FROM" if _pg() else "IS NOT"
        checks = [f"e.{c} {op} s.{c}" for c in DATA_COLUMNS] + ["NOT e.is_active"]
        return "(" + " OR ".join(checks) + ")"

    def _matched(self, extra: str = "") -> str:
        """A join of staged rows to the employees they match (by NIP, else by staff number)."""
        return (
            f"SELECT {{cols}} FROM {self.table} s JOIN registry_employee e ON e.nip = s.nip "
            f"WHERE s.nip IS NOT NULL {extra} UNION ALL "
            f"SELECT {{cols}} FROM {self.table} s JOIN registry_employee e "
            "ON e.agency_id = s.agency_id AND e.staff_number = s.staff_number AND e.nip IS NULL "
            f"WHERE s.nip IS NULL AND s.staff_number <> '' {extra}"
        )

    def _missing(self, scope_sql: str) -> str:
        """(id, nip, name) of the active employees in scope the file no longer lists."""
        base = (
            "SELECT e.id, e.nip, e.name FROM registry_employee e "
            f"WHERE e.is_active AND e.agency_id IN ({scope_sql}) AND "
        )
        return (
            f"{base} e.nip IS NOT NULL AND NOT EXISTS "
            f"(SELECT 1 FROM {self.table} s WHERE s.nip = e.nip) UNION ALL "
            f"{base} e.nip IS NULL AND NOT EXISTS (SELECT 1 FROM {self.table} s "
            "WHERE s.nip IS NULL AND s.agency_id = e.agency_id "
            "AND s.staff_number = e.staff_number)"
        )

    def scope_sql(self, agency_id: int | None) -> str:
        if agency_id is not None:
            return str(int(agency_id))
        return f"SELECT DISTINCT agency_id FROM {self.table}"

    def compare(self, agency_id: int | None) -> dict[str, Any]:
        """Counts and samples of what applying would change."""
        total = self._fetch(f"SELECT count(*) FROM {self.table}")[0][0]
        # Matched and changed in one pass over the join.
        counts = self._matched().format(
            cols=f"count(*), sum(CASE WHEN {self._differs()} THEN 1 ELSE 0 END)"
        )
        rows = self._fetch(counts)
        matched, updated = sum(r[0] for r in rows), sum(r[1] or 0 for r in rows)
        missing = self._missing(self.scope_sql(agency_id))
        deactivated = self._fetch(f"SELECT count(*) FROM ({missing}) m")[0][0]
        # A sample query that finds nothing reads everything: ask only when there is something.
        updated_samples = []
        if updated:
            cols = ", ".join(f"e.{c}, s.{c}" for c in ("nip", *DATA_COLUMNS)) + ", e.is_active"
            changed = self._matched(f"AND {self._differs()}").format(cols=cols)
            updated_samples = self._fetch(f"SELECT * FROM ({changed}) u LIMIT {SAMPLE}")
        deactivated_samples = []
        if deactivated:
            deactivated_samples = self._fetch(
                f"SELECT m.nip, m.name FROM ({missing}) m LIMIT {SAMPLE}"
            )
        return {
            "new": total - matched,
            "updated": updated,
            "unchanged": matched - updated,
            "deactivated": deactivated,
            "samples": {
                "new": self._new_samples() if total > matched else [],
                "updated": [self._changes(row) for row in updated_samples],
                "deactivated": [
                    {"nip": nip or "", "name": name} for nip, name in deactivated_samples
                ],
            },
        }

    def _new_samples(self) -> list[dict[str, str]]:
        rows = self._fetch(
            f"SELECT s.line, s.nip, s.name FROM {self.table} s WHERE s.nip IS NOT NULL AND "
            "NOT EXISTS (SELECT 1 FROM registry_employee e WHERE e.nip = s.nip) "
            f"LIMIT {SAMPLE}"
        ) + self._fetch(
            f"SELECT s.line, s.nip, s.name FROM {self.table} s WHERE s.nip IS NULL AND "
            "NOT EXISTS (SELECT 1 FROM registry_employee e WHERE e.nip IS NULL AND "
            f"e.agency_id = s.agency_id AND e.staff_number = s.staff_number) LIMIT {SAMPLE}"
        )
        rows.sort()
        return [{"nip": nip or "", "name": name} for _line, nip, name in rows[:SAMPLE]]

    @staticmethod
    def _changes(row: tuple[Any, ...]) -> dict[str, Any]:
        changes = {}
        for i, column in enumerate(DATA_COLUMNS, start=1):
            old, new = row[2 * i], row[2 * i + 1]
            if old != new and column != "name_key":
                changes[column] = [old, new]
        if not row[-1]:
            changes["is_active"] = [False, True]
        return {"nip": row[1] or "", "name": row[5], "changes": changes}

    # Applying ---------------------------------------------------------------------------------

    def apply(self, agency_id: int | None, *, new_rows: int = 0) -> list[tuple[str, float]]:
        """Upsert every staged row and deactivate the missing; call inside a transaction.

        Returns how long each index took to build again after a bulk load (else nothing).
        """
        indexes = (
            SecondaryIndexes(unique=False, beat=self.beat) if self._is_bulk_load(new_rows) else None
        )
        if indexes:
            indexes.drop()
        columns = ", ".join(DATA_COLUMNS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in DATA_COLUMNS)
        op = "IS DISTINCT FROM" if _pg() else "IS NOT"
        changed = " OR ".join(
            [f"registry_employee.{c} {op} excluded.{c}" for c in DATA_COLUMNS]
            + ["NOT registry_employee.is_active"]
        )
        active = "true" if _pg() else "1"
        staged = ", ".join(f"s.{c}" for c in DATA_COLUMNS)
        # Only rows that are new or differ: upserting an unchanged row still costs a look-up and
        # a lock, and a monthly file is mostly unchanged. In NIP order, so the unique index grows
        # at its end instead of at random pages.
        self._execute(
            f"INSERT INTO registry_employee (nip, {columns}, is_active) "
            f"SELECT s.nip, {staged}, {active} FROM {self.table} s "
            "LEFT JOIN registry_employee e ON e.nip = s.nip "
            f"WHERE s.nip IS NOT NULL AND (e.id IS NULL OR {self._differs()}) "
            f"ORDER BY s.nip ON CONFLICT (nip) DO UPDATE SET {updates}, is_active = {active} "
            f"WHERE {changed}"
        )
        self._execute(
            f"INSERT INTO registry_employee (nip, {columns}, is_active) "
            f"SELECT NULL, {staged}, {active} FROM {self.table} s "
            "LEFT JOIN registry_employee e ON e.nip IS NULL AND e.agency_id = s.agency_id "
            "AND e.staff_number = s.staff_number "
            f"WHERE s.nip IS NULL AND (e.id IS NULL OR {self._differs()}) "
            "ON CONFLICT (agency_id, staff_number) WHERE NOT (staff_number = '') "
            f"DO UPDATE SET {updates}, is_active = {active} WHERE {changed}"
        )
        self.beat()
        self._execute(
            "UPDATE registry_employee SET is_active = "
            f"{'false' if _pg() else '0'} WHERE id IN (SELECT m.id FROM "
            f"({self._missing(self.scope_sql(agency_id))}) m)"
        )
        self.beat()
        return indexes.restore() if indexes else []

    def _is_bulk_load(self, new_rows: int) -> bool:
        """A load that at least doubles the table (a national file into a small registry, say)."""
        if not _pg() or new_rows < BULK_LOAD_MIN_ROWS:
            return False
        existing = self._fetch(
            "SELECT greatest(reltuples, 0)::bigint FROM pg_class "
            "WHERE oid = 'registry_employee'::regclass"
        )[0][0]
        return new_rows > existing
