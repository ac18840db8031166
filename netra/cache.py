"""The cache every worker process shares when there is no Redis: a table in Netra's own database.

Rate limits (netra/reports/ratelimit.py) count in it. Django's ``DatabaseCache`` is shared by every
worker and survives a restart, but its ``incr`` is a read followed by a ``set`` with the default
timeout: two workers can both read 5 and write 6, and each increment moves the expiry to five
minutes from now, so an hourly window would restart after five quiet minutes. ``incr`` here locks
the row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's immediate transactions lock the file), adds
in place and keeps the expiry that ``add`` set.

The table is created after every ``migrate`` (``create_cache_tables``, connected in
netra/web/apps.py), so ``bin/run``, a deployment and the test database all have it.
"""

from __future__ import annotations

import base64
import pickle
from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import connections, models, router, transaction
from django.utils.timezone import now as tz_now


class SharedDatabaseCache(DatabaseCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        qn = connection.ops.quote_name
        table = qn(self._table)  # type: ignore[attr-defined]
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {qn('value')}, {qn('expires')} FROM {table} "  # noqa: S608 - quoted names
                f"WHERE {qn('cache_key')} = %s{lock}",
                [key],
            )
            row = cursor.fetchone()
            if row is None or self._to_datetime(connection, row[1]) < tz_now():
                raise ValueError(f"Key '{key}' not found")
            stored = connection.ops.process_clob(row[0])
            value = pickle.loads(base64.b64decode(stored.encode(), validate=True)) + delta  # noqa: S301 - our own rows
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {qn('value')} = %s WHERE {qn('cache_key')} = %s",  # noqa: S608
                [encoded, key],
            )
        return value

    @staticmethod
    def _to_datetime(connection: Any, value: Any) -> Any:
        expression = models.Expression(output_field=models.DateTimeField())
        converters = connection.ops.get_db_converters(expression)
        for converter in converters + expression.get_db_converters(connection):
            value = converter(value, expression, connection)
        return value


def create_cache_tables(*, using: str = "default", **kwargs: Any) -> None:
    """``post_migrate``: create the database cache table(s) if missing (a no-op with Redis)."""
    call_command("createcachetable", database=using, verbosity=0)
