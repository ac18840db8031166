"""Case codes: ``NTR-<year>-<7 characters>``, the one generator every new case goes through.

Random rather than sequential, so a code tells nothing about how many reports an office has and
cannot be guessed from another; drawn from an alphabet without 0/O and 1/I because codes are read
out over the phone. A batch is checked against the table in one query and clashes are drawn again;
the unique constraint on ``Case.code`` stays the last word.
"""

from __future__ import annotations

import random
import secrets

from .models import Case

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 7


def _draw(year: int, rng: random.Random | None) -> str:
    pick = rng.choice if rng is not None else secrets.choice
    return f"NTR-{year}-" + "".join(pick(ALPHABET) for _ in range(LENGTH))


def new_case_codes(years: list[int], *, rng: random.Random | None = None) -> list[str]:
    """One fresh code per entry of ``years`` (the year each case is received), all distinct and not
    in the table. ``rng`` makes them reproducible (the demo world); by default they are unguessable."""
    codes = [_draw(year, rng) for year in years]
    while True:
        taken = Case.objects.filter(code__in=codes).order_by()  # no sort: an index lookup only
        clashes = set(taken.values_list("code", flat=True))
        seen: set[str] = set()
        redo = []
        for i, code in enumerate(codes):
            if code in clashes or code in seen:
                redo.append(i)
            seen.add(code)
        if not redo:
            return codes
        for i in redo:
            codes[i] = _draw(years[i], rng)
