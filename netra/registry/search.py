"""Employee search: exact or partial NIP, and fuzzy names, scoped to what the user may see.

Names are compared by their key (names.py): titles dropped, old and new spellings merged. Then:

1. The key starts with what was typed ("budi sant" finds "Drs. Budi Santoso, S.Pd."): a range
   scan of a btree index on PostgreSQL (migration 0003), names in alphabetical order.
2. If that finds nothing: every word typed starts a word of the name, in any order
   ("santoso bud"). The trigram GIN index (0002) finds names containing the longest word; at most
   ``CANDIDATES`` are ranked by pg_trgm word similarity.
3. Only if nothing matched: names whose words start like the typed ones and look alike enough,
   for typos such as "susnto".

SQLite runs the same steps with LIKE and ranks with ``difflib``: correct, but it scans the table.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import OperationalError, connection, transaction
from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Collate, Concat, StrIndex
from django.db.models.lookups import GreaterThan

from .models import Employee
from .names import query_words, unfinished_variant
from .permissions import public_officials, visible_employees

MIN_WORD = 3  # a trigram index cannot narrow shorter words
CANDIDATES = 300
FALLBACK_CANDIDATES = 1000
SEARCH_WORK_MEM = "64MB"
GIVE_UP_AFTER = "400ms"
SIMILARITY_THRESHOLD = 0.5


@dataclass(frozen=True)
class SearchResult:
    employees: list[Employee]
    # "nip", "name", "similar" (the typo fallback) or "" when the query was too short to search.
    matched_by: str


def scoped_employees(
    user, *, agency_id: int | None = None, region: str | None = None, active_only: bool = True
) -> QuerySet[Employee]:
    qs = visible_employees(user).select_related("agency")
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if region:
        # A region and everything below it: "64" finds employees placed in "64.72.01".
        qs = qs.filter(Q(region_id=region) | Q(region__code__startswith=region + "."))
    if active_only:
        qs = qs.filter(is_active=True)
    return qs


def search_employees(
    user,
    query: str,
    *,
    agency_id: int | None = None,
    region: str | None = None,
    active_only: bool = True,
    limit: int = 20,
) -> SearchResult:
    qs = scoped_employees(user, agency_id=agency_id, region=region, active_only=active_only)
    digits = "".join(query.split()).replace(".", "")
    if digits.isascii() and digits.isdigit():
        return SearchResult(_by_nip(qs, digits, limit), "nip")
    return _by_name(qs, query, limit)


def suggest_officials(query: str, *, agency_id: int, limit: int = 8) -> list[Employee]:
    """The public form's suggestions: names only (a NIP typed there is not looked up, so the form
    cannot be used to tell whose NIP is whose), within one agency (permissions.public_officials)."""
    return _by_name(public_officials(agency_id), query, limit).employees


def _by_name(qs: QuerySet[Employee], query: str, limit: int) -> SearchResult:
    words = query_words(query)
    if not words or max(len(w) for w in words) < MIN_WORD:
        return SearchResult([], "")
    # Large bitmaps of common names stay exact (not lossy) in this much memory.
    with transaction.atomic(), _pg_settings(work_mem=SEARCH_WORK_MEM):
        found = _names(qs, words, limit)
        if found:
            return SearchResult(found, "name")
        return SearchResult(_similar(qs, words, limit), "similar")


@contextmanager
def _pg_settings(**values: str) -> Iterator[None]:
    """PostgreSQL settings for the enclosing transaction only, put back afterwards."""
    if connection.vendor != "postgresql":
        yield
        return
    old = {}
    with connection.cursor() as cursor:
        for name, value in values.items():
            cursor.execute(
                "SELECT current_setting(%s), set_config(%s, %s, true)", [name, name, value]
            )
            old[name] = cursor.fetchone()[0]
    yield  # on an error the caller's savepoint or transaction is rolled back, settings with it
    with connection.cursor() as cursor:
        for name, value in old.items():
            cursor.execute("SELECT set_config(%s, %s, true)", [name, value])


def _by_nip(qs: QuerySet[Employee], digits: str, limit: int) -> list[Employee]:
    if len(digits) == 18:
        return list(qs.filter(nip=digits)[:limit])
    if len(digits) < 4 or len(digits) > 18:
        return []
    # A prefix as a range, so the unique index on nip serves it under any collation.
    upper = str(int(digits) + 1).zfill(len(digits))
    qs = qs.filter(nip__gte=digits)
    if len(upper) == len(digits):
        qs = qs.filter(nip__lt=upper)
    return list(qs.order_by("nip")[:limit])


def _word_starts(words: list[str]) -> list[GreaterThan]:
    """Each word starts a word of the name. Deliberately not indexable: the trigram index
    narrows by whole words (``name_key LIKE '%word%'``), these check word starts on what it found."""
    padded = Concat(Value(" "), F("name_key"), output_field=CharField())
    return [GreaterThan(StrIndex(padded, Value(" " + word)), 0) for word in words]


def _prefix(qs: QuerySet[Employee], key: str, limit: int) -> list[Employee]:
    """Names whose key starts with ``key``, in name order."""
    if connection.vendor != "postgresql":
        return list(qs.filter(name_key__startswith=key).order_by("name_key", "pk")[:limit])
    # A range under the "C" collation, which the btree index of 0003 serves in order, so the
    # scan stops after ``limit`` rows even for "siti" (keys hold only a-z and spaces).
    # With an agency, the (agency, name_key) index of 0004 serves the same range.
    upper = key[:-1] + chr(ord(key[-1]) + 1)
    return list(
        qs.alias(key_c=Collate("name_key", "C"))
        .filter(key_c__gte=key, key_c__lt=upper)
        .order_by("key_c")[:limit]  # the index order; adding pk would make PostgreSQL sort
    )


def _names(qs: QuerySet[Employee], words: list[str], limit: int) -> list[Employee]:
    key = " ".join(words)
    # 1. The name typed from its start, as people usually do ("soesa" also as "susa").
    found = _prefix(qs, key, limit)
    variant = unfinished_variant(key)
    if variant and len(found) < limit:
        seen = {e.pk for e in found}
        found += [e for e in _prefix(qs, variant, limit) if e.pk not in seen][: limit - len(found)]
    if found:
        return found
    # 2. Every word starts a word of the name, in any order ("santoso bud"). The trigram index
    #    narrows by the two longest words; at most CANDIDATES are ranked. Only when the name did
    #    not start so: it costs more, and a name typed from its start has its matches already.
    longest = sorted(words, key=len, reverse=True)[:2]
    candidates = (
        qs.filter(*[Q(name_key__contains=w) for w in longest if len(w) >= MIN_WORD])
        .filter(*_word_starts(words))
        .exclude(pk__in=[e.pk for e in found])
        .order_by()
    )
    return found + _ranked(qs, candidates, key, limit - len(found), CANDIDATES)


def _similar(qs: QuerySet[Employee], words: list[str], limit: int) -> list[Employee]:
    """Typos ("susnto"): names whose words start like the query's words (first three letters),
    ranked by how alike they are; only those alike enough are returned."""
    prefixes = [w[:MIN_WORD] for w in words if len(w) >= MIN_WORD]
    candidates = (
        qs.filter(name_key__contains=prefixes[0]).filter(*_word_starts(prefixes)).order_by()
    )
    return _ranked(
        qs, candidates, " ".join(words), limit, FALLBACK_CANDIDATES, SIMILARITY_THRESHOLD
    )


def _ranked(
    qs: QuerySet[Employee],
    candidates: QuerySet[Employee],
    key: str,
    limit: int,
    cap: int,
    threshold: float = 0.0,
) -> list[Employee]:
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramWordSimilarity

        # word_similarity: how well the query matches the best part of the name.
        ranked = (
            qs.filter(pk__in=candidates.values("pk")[:cap])
            .annotate(score=TrigramWordSimilarity(key, "name_key"))
            .filter(score__gte=threshold)
            .order_by("-score", "name_key", "pk")
        )
        # Best effort: a rare combination of common words can make PostgreSQL read many rows to
        # find none; give up after the time a keystroke deserves rather than block the box.
        try:
            with transaction.atomic(), _pg_settings(statement_timeout=GIVE_UP_AFTER):
                return list(ranked[:limit])
        except OperationalError:  # cancelled; the savepoint's rollback restored the setting
            return []
    return _rank(list(candidates[:cap]), key, limit, threshold)


def _rank(employees: list[Employee], key: str, limit: int, threshold: float) -> list[Employee]:
    """SQLite: rank like pg_trgm's word similarity, with difflib on the best-matching words."""
    width = len(key.split())

    def similarity(employee: Employee) -> float:
        words = employee.name_key.split()
        parts = [" ".join(words[i : i + width]) for i in range(max(1, len(words) - width + 1))]
        return max(difflib.SequenceMatcher(None, key, part).ratio() for part in parts)

    scored = [(similarity(e), e) for e in employees]
    scored = [(score, e) for score, e in scored if score >= threshold]
    scored.sort(key=lambda pair: (-pair[0], pair[1].name_key, pair[1].pk))
    return [e for _score, e in scored[:limit]]
