"""Files written by a transaction that fails are removed again (evidence, decree scans).

Open ``saved_files`` outside ``transaction.atomic()``: a failure at the commit itself then removes
the files too, so storage never keeps a file that no committed row names.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.core.files.storage import default_storage


@contextlib.contextmanager
def saved_files() -> Iterator[list[str]]:
    """Collects the storage names written inside the block; deletes them if the block fails."""
    names: list[str] = []
    try:
        yield names
    except BaseException:
        for name in names:
            # Any storage's error (a full disk, an object store's): the original error matters.
            with contextlib.suppress(Exception):
                default_storage.delete(name)
        raise
