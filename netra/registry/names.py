"""Name keys for search: one spelling of an Indonesian name, without titles.

``name_key("Hj. Siti Djoewariyah, S.Pd., M.Si.") == name_key("siti juwariah")`` — both give
``"siti yuwariah"``. The key is stored on each employee (indexed) and computed the same way for
every query, so search tolerates:

- academic, professional and religious titles before or after the name (H., Hj., Drs., Dr., Ir.,
  Prof., S.Pd., M.Si., S.H., A.Md. ...), which are dropped;
- the pre-1972 spelling (Ejaan Soewandi) next to today's EYD: ``oe``→``u``, ``dj``→``j``,
  ``tj``→``c``, ``nj``→``ny``, ``sj``→``sy``, ``ch``→``kh``; and ``j``/``y``, which both old and new
  spellings use for one sound in different places (Jusuf/Yusuf, Djoko/Joko), are merged into ``y``;
- common loose spellings: ``dh``→``d``, ``th``→``t`` (Ramadhan/Ramadan), ``ie``→``i``;
- doubled letters (Muhammad/Muhamad, Abdullah/Abdulah) and accents, case and punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Compared without dots and case: "S.Pd." → "spd". Titles that are also common name words are not
# here (e.g. "Ma", "Se" are fine as names only with dots, see _is_title).
TITLES = frozenset(
    [
        "h",
        "hj",
        "hjh",
        "kh",
        "drs",
        "dra",
        "dr",
        "drg",
        "ir",
        "prof",
        "ust",
        "ustadz",
        "ustadzah",
        "tgh",
        "spd",
        "spdi",
        "spdsd",
        "sh",
        "shi",
        "se",
        "sak",
        "ssos",
        "skom",
        "st",
        "sstp",
        "ssi",
        "sip",
        "sikom",
        "sag",
        "shum",
        "skm",
        "skep",
        "sked",
        "sfarm",
        "sgz",
        "sst",
        "stp",
        "sp",
        "spt",
        "shut",
        "spsi",
        "sn",
        "ssn",
        "sds",
        "ssy",
        "sth",
        "sa",
        "sfil",
        "sh",
        "mh",
        "msi",
        "mm",
        "mpd",
        "mpdi",
        "mkes",
        "mkom",
        "mt",
        "map",
        "mag",
        "msc",
        "ma",
        "mh",
        "mhum",
        "meng",
        "mfarm",
        "mm",
        "mse",
        "msos",
        "mep",
        "mba",
        "mt",
        "amd",
        "amdkep",
        "amdkeb",
        "amdkes",
        "amdpar",
        "amdak",
        "amdtra",
        "amd",
        "ak",
        "apt",
        "ners",
        "ns",
        "phd",
        "dr",
        "ba",
        "bsc",
        "sos",
        "skes",
        "mkm",
    ]
)
# Titles that never stand for a name even without a dot.
UNAMBIGUOUS = frozenset(
    [
        "hj",
        "hjh",
        "drs",
        "dra",
        "drg",
        "prof",
        "spd",
        "spdi",
        "ssos",
        "skom",
        "sstp",
        "ssi",
        "sag",
        "skm",
        "skep",
        "mpd",
        "mpdi",
        "msi",
        "mkes",
        "mkom",
        "amd",
    ]
)

_SPLIT = re.compile(r"[\s,;/()]+")
_NOT_LETTER = re.compile(r"[^a-z]")
_REPEATS = re.compile(r"(.)\1+")
# Order matters: two-letter old spellings before the single j→y merge.
_SPELLING = (
    ("oe", "u"),
    ("dj", "j"),
    ("tj", "c"),
    ("ch", "kh"),
    ("dh", "d"),
    ("th", "t"),
    ("ie", "i"),
    ("j", "y"),
)


def _ascii_lower(text: str) -> str:
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _is_title(raw: str, letters: str, after_comma: bool) -> bool:
    if letters not in TITLES:
        return False
    return after_comma or "." in raw or letters in UNAMBIGUOUS


@lru_cache(maxsize=200_000)
def spelling_key(word: str) -> str:
    """One lower-case word in its canonical spelling (cached: names repeat their words)."""
    for old, new in _SPELLING:
        if old in word:
            word = word.replace(old, new)
    return _REPEATS.sub(r"\1", word)


def _raw_words(name: str) -> list[str]:
    # Degrees follow a comma ("Budi Santoso, S.Pd., M.Si."): everything after the first comma is
    # dropped, including degrees not listed here and one half typed into a search box ("S.Ke").
    text = (name.lower() if name.isascii() else _ascii_lower(name)).split(",", 1)[0]
    if ";" in text or "/" in text or "(" in text or ")" in text:
        return _SPLIT.split(text)
    return text.split()  # the same words as _SPLIT, but faster (no empty ones, which are skipped)


def _letters(raw: str) -> str:
    """A lower-case word as split from a name: its letters, or "" if it is a title."""
    letters = raw if raw.isalpha() else _NOT_LETTER.sub("", raw)
    if not letters or _is_title(raw, letters, False):
        return ""
    return letters


class _WordKeys(dict[str, str]):
    """``spelling_key`` of a word as split from a name, or "" if it is a title, cached: an import
    keys millions of names made of a few hundred thousand distinct words (a dict lookup is the
    cheapest cache there is; it is emptied if it ever grows past ``LIMIT``)."""

    LIMIT = 500_000

    def __missing__(self, raw: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        letters = _letters(raw)
        key = self[raw] = spelling_key(letters) if letters else ""
        return key


_word_key = _WordKeys().__getitem__


def strip_titles(name: str) -> list[str]:
    """The words of ``name`` without titles, lower-case ASCII letters only."""
    return [letters for letters in map(_letters, _raw_words(name)) if letters]


def name_key(name: str) -> str:
    """The search key of a name: titles dropped, spelling canonical, words joined by one space."""
    return " ".join(filter(None, map(_word_key, _raw_words(name or ""))))[:150]


def query_words(query: str) -> list[str]:
    """The words of a search query, keyed like names (titles typed in a query are ignored too)."""
    return name_key(query).split()


# A last letter that may be the first half of an old spelling still being typed: "soe" keys to
# "su", but "so" (typed on the way) must find it too. Keys of the other reading of that letter.
_UNFINISHED = {"o": "u", "d": "y", "t": "c", "c": "k"}


def unfinished_variant(key: str) -> str | None:
    """The key read as if its last letter began an old two-letter spelling, or None."""
    if key and key[-1] in _UNFINISHED:
        return spelling_key(key[:-1] + _UNFINISHED[key[-1]])
    return None
