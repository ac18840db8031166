"""Finding the guide's answer to a question typed the way people talk.

A question goes through the same steps as the guide's own texts:
1. lower case, letters and digits only (NUL and control characters are dropped);
2. the lexicon's abbreviations and chat spellings become the guide's words (``dtg`` → ``datang``,
   ``cabup`` → ``calon bupati``), then its phrases become single terms (``mobil dinas``);
3. a word the guide never uses is corrected to the nearest one it does (``kampnye`` → ``kampanye``,
   rapidfuzz, only when close enough);
4. words found in nearly every question (``boleh``, ``asn``, ``ga``…) are dropped;
5. the rest are stemmed with Sastrawi, the Indonesian stemmer (``berfoto`` → ``foto``,
   ``berkampanye`` → ``kampanye``, ``menghadiri`` → ``hadir``).
Answers are scored by the weight of each term in the answer (keywords > question > text) times its
rarity across answers. A question whose words the guide mostly does not know, or that matches only
weakly, is *not answered*: the page says so and points to Bawaslu rather than guessing.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rapidfuzz import fuzz, process
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from .data import Answer, Guide, current, lexicon

MAX_QUERY = 300
MAX_TERMS = 30
MIN_SCORE = 2.5  # below this the best answer is a guess
MIN_COVERAGE = 0.4  # share of the question's meaning (by rarity) the guide understood
RELATIVE = 0.55  # other answers shown when this close to the best
WEIGHTS = (("keywords", 3.0), ("keywords_en", 3.0), ("question_id", 2.0), ("question_en", 1.5),
           ("answer_id", 0.6), ("answer_en", 0.4))  # fmt: skip
_WORD = re.compile(r"[a-z0-9_]+")


@cache
def _stemmer():
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    if "_" in word or word.isdigit() or len(word) < 4:
        return word
    return _stemmer().stem(word) or word


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text))[: MAX_QUERY * 20].lower()
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return " ".join(_WORD.findall(text.replace("-", " ")))


@dataclass
class Analysis:
    terms: list[str] = field(default_factory=list)
    corrected: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)


class Index:
    def __init__(self, guide: Guide, words: dict) -> None:
        self.guide = guide
        self.replace: dict[str, str] = words["replace"]
        self.phrases: dict[str, str] = words["phrases"]
        self.stop = set(words["stopwords"]["words"])
        self.surface: set[str] = set()
        self.weights: dict[str, dict[str, float]] = {}
        for answer in guide.answers:
            bag: dict[str, float] = {}
            for name, weight in WEIGHTS:
                value = getattr(answer, name)
                text = " ".join(value) if isinstance(value, tuple) else value
                for term in self._terms(self._words(text, learn=True)):
                    bag[term] = max(bag.get(term, 0.0), weight)
            self.weights[answer.key] = bag
        n = len(guide.answers)
        df: dict[str, int] = {}
        for bag in self.weights.values():
            for term in bag:
                df[term] = df.get(term, 0) + 1
        self.idf = {t: math.log(1 + n / d) for t, d in df.items()}
        self.max_idf = math.log(1 + n)
        self.choices = sorted(self.surface | set(self.replace))

    def _expand(self, words: list[str]) -> list[str]:
        out: list[str] = []
        for w in words:
            out.extend(self.replace.get(w, w).split())
        text = " " + " ".join(out) + " "
        for phrase, terms in sorted(self.phrases.items(), key=lambda p: -len(p[0])):
            text = text.replace(f" {phrase} ", f" {terms} ")
        return text.split()

    def _words(self, text: str, *, learn: bool = False) -> list[str]:
        words = self._expand(_plain(text).split())
        if learn:
            self.surface.update(w for w in words if w not in self.stop)
        return words

    def _terms(self, words: list[str]) -> list[str]:
        return [stem(w) for w in words if w not in self.stop]

    def _correct(self, word: str) -> str | None:
        """The guide's word this one is most likely a typo or inflection of, if any."""
        for suffix in ("", "s", "es", "ing", "ed"):
            if word.endswith(suffix) and word[: len(word) - len(suffix)] in self.surface:
                return word[: len(word) - len(suffix)]
        if len(word) < 4:
            return None
        cutoff = 85 if len(word) < 6 else 80
        found = process.extractOne(word, self.choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        return found[0] if found else None

    def analyse(self, question: str) -> Analysis:
        result = Analysis()
        for word in self._words(question)[:MAX_TERMS]:
            if word in self.stop:
                continue
            if word not in self.surface and stem(word) not in self.idf:
                fixed = self._correct(word)
                if fixed is None:
                    result.unknown.append(word)
                    continue
                result.corrected[word] = fixed
                result.terms.extend(self._terms(self._expand([fixed])))
                continue
            result.terms.append(stem(word))
        result.terms = list(dict.fromkeys(result.terms))
        return result


@dataclass(frozen=True)
class Match:
    answer: Answer
    score: float


@dataclass(frozen=True)
class SearchResult:
    question: str
    answered: bool
    matches: tuple[Match, ...]
    analysis: Analysis


def search(question: str, *, guide: Guide | None = None, limit: int = 3) -> SearchResult:
    index = index_for(guide or current())
    question = str(question or "")[:MAX_QUERY]
    analysis = index.analyse(question)
    known = [t for t in analysis.terms if t in index.idf]
    # Unknown words weigh as the rarest known word; one- and two-letter leftovers do not count.
    unknown = [w for w in analysis.unknown if len(w) > 2]
    meaning = sum(index.idf[t] for t in known) + index.max_idf * (
        len(unknown) + len(analysis.terms) - len(known)
    )
    scored = []
    for answer in index.guide.answers:
        bag = index.weights[answer.key]
        score = sum(index.idf[t] * bag[t] for t in known if t in bag)
        if score:
            scored.append(Match(answer, round(score, 3)))
    scored.sort(key=lambda m: (-m.score, m.answer.key))
    best = scored[0].score if scored else 0.0
    understood = sum(
        index.idf[t] for t in known if scored and t in index.weights[scored[0].answer.key]
    )
    answered = best >= MIN_SCORE and meaning > 0 and understood / meaning >= MIN_COVERAGE
    matches = tuple(m for m in scored if m.score >= best * RELATIVE)[:limit] if answered else ()
    return SearchResult(question, answered, matches, analysis)


@cache
def _index(code: str) -> Index:
    from .data import version

    guide = version(code)
    assert guide is not None
    return Index(guide, lexicon())


def index_for(guide: Guide) -> Index:
    return _index(guide.code)
