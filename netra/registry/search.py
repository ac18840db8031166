"""Employee search: exact or partial NIP, and fuzzy names, scoped to what the user may see.

Names are compared by their key (names.py): titles dropped, old and new spellings merged. Then:

1. Every word of the query must start a word of the name, in any order ("sant budi" finds
   "Budi Santoso, S.Pd."). On PostgreSQL the trigram GIN index answers this (0002 migration);
   at most ``CANDIDATES`` matches are ranked by trigram similarity to the whole query.
2. Only if nothing matched: names that look alike (pg_trgm word similarity), for typos such as
   "susnto". On SQLite the same two steps run with LIKE and ``difflib``; correct, just slower.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F, Q, QuerySet, Value

from netra.accounts.permissions import visible_employees

from .models import Employee
from .names import query_words

MIN_WORD = 3  # a trigram index cannot narrow shorter words
CANDIDATES = 300
FALLBACK_CANDIDATES = 2000
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
    words = query_words(query)
    if not words or max(len(w) for w in words) < MIN_WORD:
        return SearchResult([], "")
    if connection.vendor == "postgresql":
        found = _pg_names(qs, words, limit)
        if found:
            return SearchResult(found, "name")
        return SearchResult(_pg_similar(qs, " ".join(words), limit), "similar")
    found = _fallback_names(qs, words, limit)
    if found:
        return SearchResult(found, "name")
    return SearchResult(_fallback_similar(qs, words, limit), "similar")


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


def _word_starts(words: list[str]) -> Q:
    q = Q()
    for word in words:
        q &= Q(name_key__startswith=word) | Q(name_key__contains=" " + word)
    return q


def _pg_names(qs: QuerySet[Employee], words: list[str], limit: int) -> list[Employee]:
    from django.contrib.postgres.search import TrigramSimilarity

    long_words = [w for w in words if len(w) >= MIN_WORD]
    short_words = [w for w in words if len(w) < MIN_WORD]
    # Short words are checked on the candidates only: the index cannot use them.
    candidates = qs.filter(_word_starts(long_words)).order_by().values("pk")[:CANDIDATES]
    ranked = (
        qs.filter(pk__in=candidates)
        .filter(_word_starts(short_words))
        .annotate(score=TrigramSimilarity("name_key", " ".join(words)))
        .order_by("-score", "name_key", "pk")
    )
    return list(ranked[:limit])


def _pg_similar(qs: QuerySet[Employee], key: str, limit: int) -> list[Employee]:
    from django.contrib.postgres.lookups import TrigramWordSimilar
    from django.contrib.postgres.search import TrigramWordSimilarity

    with transaction.atomic(), connection.cursor() as cursor:
        # name_key %> key: word_similarity(key, name_key) >= this threshold (pg_trgm's default,
        # 0.6, misses one dropped letter in a short name: "susnto" vs "susanto" is 0.5).
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
            [str(SIMILARITY_THRESHOLD)],
        )
        return list(
            qs.filter(TrigramWordSimilar(F("name_key"), Value(key)))
            .annotate(score=TrigramWordSimilarity(key, "name_key"))
            .order_by("-score", "name_key", "pk")[:limit]
        )


def _rank(employees: list[Employee], key: str, limit: int) -> list[Employee]:
    def score(employee: Employee) -> tuple[float, str, int]:
        ratio = difflib.SequenceMatcher(None, key, employee.name_key).ratio()
        return (-ratio, employee.name_key, employee.pk)

    return sorted(employees, key=score)[:limit]


def _fallback_names(qs: QuerySet[Employee], words: list[str], limit: int) -> list[Employee]:
    found = list(qs.filter(_word_starts(words)).order_by()[:CANDIDATES])
    return _rank(found, " ".join(words), limit)


def _fallback_similar(qs: QuerySet[Employee], words: list[str], limit: int) -> list[Employee]:
    # Names sharing the first letters of a query word; then keep those whose best-matching word
    # is close to it (like pg_trgm's word similarity).
    prefixes = Q()
    for word in words:
        if len(word) >= MIN_WORD:
            prefixes |= Q(name_key__contains=word[:2])
    found = []
    for employee in qs.filter(prefixes).order_by()[:FALLBACK_CANDIDATES]:
        name_words = employee.name_key.split()
        if all(
            max((difflib.SequenceMatcher(None, w, n).ratio() for n in name_words), default=0)
            >= SIMILARITY_THRESHOLD
            for w in words
        ):
            found.append(employee)
    return _rank(found, " ".join(words), limit)
