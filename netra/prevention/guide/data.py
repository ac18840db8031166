"""The guide's data: one TOML file per version under ``data/guide/`` (the newest in force is used),
plus the lexicon of abbreviations and chat spellings. Loaded once per process; checked by tests."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

DATA = Path(__file__).resolve().parent.parent / "data" / "guide"
VERDICTS = ("boleh", "tidak_boleh", "boleh_dengan_syarat")


@dataclass(frozen=True)
class Answer:
    key: str
    topic: str
    verdict: str
    question_id: str
    question_en: str
    answer_id: str
    answer_en: str
    catalogue_codes: tuple[str, ...]
    criminal_codes: tuple[str, ...]
    sanction_codes: tuple[str, ...]
    articles: tuple[str, ...]
    keywords: tuple[str, ...]
    keywords_en: tuple[str, ...]
    disputed: bool
    dispute_id: str
    dispute_en: str
    confidence: str
    sources: tuple[str, ...]
    quiz: bool
    quiz_id: str = ""
    quiz_en: str = ""

    def _pick(self, indonesian: str, english: str) -> str:
        return english if (get_language() or "id").startswith("en") and english else indonesian

    @property
    def question(self) -> str:
        return self._pick(self.question_id, self.question_en)

    @property
    def text(self) -> str:
        return self._pick(self.answer_id, self.answer_en)

    @property
    def dispute(self) -> str:
        return self._pick(self.dispute_id, self.dispute_en)

    @property
    def quiz_question(self) -> str:
        return self._pick(self.quiz_id or self.question_id, self.quiz_en or self.question_en)


@dataclass(frozen=True)
class Guide:
    code: str
    title_id: str
    title_en: str
    catalogue: str
    effective_from: dt.date
    note_id: str
    note_en: str
    answers: tuple[Answer, ...]

    def by_key(self, key: str) -> Answer | None:
        return next((a for a in self.answers if a.key == key), None)

    @property
    def title(self) -> str:
        return self.title_en if (get_language() or "id").startswith("en") else self.title_id

    @property
    def note(self) -> str:
        return self.note_en if (get_language() or "id").startswith("en") else self.note_id


def _answer(row: dict) -> Answer:
    tuples = {k: tuple(v) for k, v in row.items() if isinstance(v, list)}
    answer = Answer(**{**row, **tuples})
    if answer.verdict not in VERDICTS:
        raise ValueError(f"guide answer {answer.key}: unknown verdict {answer.verdict!r}")
    return answer


def load(path: Path) -> Guide:
    with path.open("rb") as f:
        raw = tomllib.load(f)
    answers = tuple(_answer(row) for row in raw["answer"])
    keys = [a.key for a in answers]
    if len(keys) != len(set(keys)):
        raise ValueError(f"{path.name}: an answer key is used twice")
    return Guide(**raw["version"], answers=answers)


@cache
def versions() -> tuple[Guide, ...]:
    return tuple(
        sorted((load(p) for p in DATA.glob("panduan-*.toml")), key=lambda g: g.effective_from)
    )


def current() -> Guide:
    today = dt.date.today()
    in_force = [g for g in versions() if g.effective_from <= today]
    return (in_force or list(versions()))[-1]


def version(code: str) -> Guide | None:
    return next((g for g in versions() if g.code == code), None)


@cache
def lexicon() -> dict:
    with (DATA / "lexicon.toml").open("rb") as f:
        return tomllib.load(f)
