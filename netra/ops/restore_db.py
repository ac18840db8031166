"""Where ``manage.py restore`` puts the backup's database before switching (netra/ops/restore.py):
a new PostgreSQL database renamed into place in one transaction, or a temporary SQLite file copied
over the live one in one SQLite transaction. The restored database is reachable as ``using(ALIAS)``
for the checks in between."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections

from .backup import BackupError, pg_environment

ALIAS = "netra_restore"


def _open_alias(settings_dict: dict[str, Any]) -> None:
    """Make the restored database reachable as ``using(ALIAS)`` for the checks, without adding it
    to the configured databases (a connection made for this process only)."""
    from django.db.utils import load_backend

    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias=ALIAS)
    setattr(connections._connections, ALIAS, wrapper)  # type: ignore[attr-defined]
    wrapper.ensure_connection()


def _close_alias() -> None:
    wrapper = getattr(connections._connections, ALIAS, None)  # type: ignore[attr-defined]
    if wrapper is not None:
        wrapper.close()
        delattr(connections._connections, ALIAS)  # type: ignore[attr-defined]


def _pg_admin(settings_dict: dict[str, Any]) -> Any:
    import psycopg

    env = pg_environment(settings_dict, "postgres")
    return psycopg.connect(
        host=env.get("PGHOST"),
        port=env.get("PGPORT"),
        user=env.get("PGUSER"),
        password=env.get("PGPASSWORD"),
        dbname="postgres",
        autocommit=True,
    )


def _other_sessions(settings_dict: dict[str, Any]) -> int:
    with _pg_admin(settings_dict) as admin:
        row = admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [settings_dict["NAME"]],
        ).fetchone()
    return int(row[0]) if row else 0


class Postgres:
    def __init__(self, folder: Path, manifest: dict[str, Any], stamp: str) -> None:
        self.base = dict(connection.settings_dict)
        self.target = self.base["NAME"]
        self.new = f"{self.target}_restoring_{stamp}"[:63]
        self.old = f"{self.target}_before_restore_{stamp}"[:63]
        self.dump = folder / manifest["database"]

    def load(self) -> None:
        connections[DEFAULT_DB_ALIAS].close()
        if sessions := _other_sessions(self.base):
            raise BackupError(
                f"{sessions} other sessions use the database {self.target}: stop the app servers "
                f"and task workers first (docs/deploy.md, 'Restore'). Nothing was restored."
            )
        with _pg_admin(self.base) as admin:
            admin.execute(f'CREATE DATABASE "{self.new}" TEMPLATE template0')
        # pg_restore from PATH (the PostgreSQL client); every argument is ours.
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
        command += ["--dbname", self.new, str(self.dump)]
        result = subprocess.run(  # noqa: S603
            command, env=pg_environment(self.base, self.new), capture_output=True, text=True
        )
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()[:500]}")
        _open_alias({**self.base, "NAME": self.new})

    def switch(self) -> str:
        _close_alias()
        connections[DEFAULT_DB_ALIAS].close()
        with _pg_admin(self.base) as admin, admin.transaction():
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self.target]
            ).fetchone()
            if exists:
                admin.execute(f'ALTER DATABASE "{self.target}" RENAME TO "{self.old}"')
            admin.execute(f'ALTER DATABASE "{self.new}" RENAME TO "{self.target}"')
        return f"database {self.old}" if exists else ""

    def discard(self) -> None:
        _close_alias()
        with _pg_admin(self.base) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.new}" WITH (FORCE)')


class Sqlite:
    def __init__(self, folder: Path, manifest: dict[str, Any], stamp: str) -> None:
        self.base = dict(connection.settings_dict)
        self.source = folder / manifest["database"]
        self.stamp = stamp
        self.tmp = Path(tempfile.mkdtemp(prefix="netra-restore-")) / "restored.sqlite3"

    def load(self) -> None:
        shutil.copyfile(self.source, self.tmp)
        with contextlib.closing(sqlite3.connect(self.tmp)) as db:
            if db.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise BackupError("The SQLite database in the backup fails its integrity check.")
        _open_alias({**self.base, "NAME": str(self.tmp), "OPTIONS": {}})

    def switch(self) -> str:
        """Copy the restored database over the live one in one SQLite transaction."""
        _close_alias()
        connection.ensure_connection()
        live = connection.connection
        kept = ""
        name = str(self.base["NAME"])
        if not name.startswith("file:") and name != ":memory:" and Path(name).exists():
            kept_path = Path(f"{name}.before-restore-{self.stamp}")
            with contextlib.closing(sqlite3.connect(kept_path)) as old:
                live.backup(old)  # type: ignore[union-attr]
            kept = f"database {kept_path}"
        with contextlib.closing(sqlite3.connect(self.tmp)) as restored:
            restored.backup(live)  # type: ignore[arg-type]
        return kept

    def discard(self) -> None:
        _close_alias()
        shutil.rmtree(self.tmp.parent, ignore_errors=True)
