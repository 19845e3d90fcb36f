"""Header text → form field: exact label, then alias, then a fuzzy match with a confidence.

Matching ignores spaces, line breaks, full-width/half-width differences, letter case, a leading
or trailing required-marker (*) and a trailing colon. A header whose best fuzzy score is below
FUZZY_THRESHOLD, or that fits two fields about equally well, stays unmapped: never guessed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from validators.form import FormTemplate

FUZZY_THRESHOLD = 0.75
FUZZY_MAX = 0.94          # a fuzzy match never looks as sure as an alias (0.95)
AMBIGUITY_MARGIN = 0.05   # a runner-up this close to the best field makes the match ambiguous
ALIAS_CONFIDENCE = 0.95

_SPACE = re.compile(r"\s+")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|<[^<>]*>|【[^【】]*】")


def normalise(text: object) -> str:
    """The comparable form of a header: NFKC, no whitespace, no */: marks, lower case."""
    s = unicodedata.normalize("NFKC", "" if text is None else str(text))
    s = _SPACE.sub("", s).strip("*:")
    return s.lower()


def without_brackets(norm: str) -> str:
    """公民身份号码(18位) → 公民身份号码: the hint in brackets dropped."""
    return _BRACKETED.sub("", norm)


@dataclass(frozen=True)
class Match:
    field: str | None
    confidence: float
    how: str                     # label | alias | fuzzy | unmapped
    candidates: tuple[str, ...] = ()   # for an ambiguous fuzzy match: the fields it could be


@dataclass(frozen=True)
class FormIndex:
    """Every exact header text of a form, normalised, with its field and kind."""

    form: FormTemplate
    exact: dict[str, tuple[str, str]]     # normalised text → (field key, 'label' | 'alias')
    memos: dict[str, dict] = field(default_factory=dict, compare=False, repr=False)

    def lookup(self, text: str) -> Match | None:
        memo = _memo(self, "lookup")
        if text not in memo:
            memo[text] = self._lookup(text)
        return memo[text]

    def fuzzy(self, text: str) -> Match:
        """The best fuzzy match (remembered per text: every township's file repeats the same
        headers, and a fuzzy match compares with every label and alias of the form)."""
        memo = _memo(self, "fuzzy")
        if text not in memo:
            memo[text] = self._fuzzy(text)
        return memo[text]

    def _lookup(self, text: str) -> Match | None:
        norm = normalise(text)
        for key in (norm, without_brackets(norm)):
            hit = self.exact.get(key)
            if hit:
                return Match(hit[0], 1.0 if hit[1] == "label" else ALIAS_CONFIDENCE, hit[1])
        return None

    def match(self, text: str) -> Match:
        return self.lookup(text) or self.fuzzy(text)

    def _fuzzy(self, text: str) -> Match:
        norm = without_brackets(normalise(text)) or normalise(text)
        if len(norm) < 2:
            return Match(None, 0.0, "unmapped")
        best: dict[str, float] = {}
        for candidate, (key, _) in self.exact.items():
            ratio = SequenceMatcher(None, norm, candidate).ratio()
            if ratio > best.get(key, 0.0):
                best[key] = ratio
        ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
        if not ranked or ranked[0][1] < FUZZY_THRESHOLD:
            return Match(None, round(ranked[0][1], 2) if ranked else 0.0, "unmapped")
        top_key, top = ranked[0]
        close = tuple(k for k, r in ranked if top - r < AMBIGUITY_MARGIN)
        if len(close) > 1:
            return Match(None, round(top, 2), "unmapped", close)
        return Match(top_key, round(min(top, FUZZY_MAX), 2), "fuzzy")


_INDEXES: dict[int, FormIndex] = {}
MEMO_LIMIT = 20_000          # texts remembered per index (cells of the rows above a header too)


def _memo(index: FormIndex, kind: str) -> dict:
    memo = index.memos.setdefault(kind, {})
    if len(memo) > MEMO_LIMIT:
        memo.clear()
    return memo


def form_index(form: FormTemplate) -> FormIndex:
    cached = _INDEXES.get(id(form))
    if cached is not None and cached.form is form:
        return cached
    exact: dict[str, tuple[str, str]] = {}
    for f in form.fields:
        exact[normalise(f.label)] = (f.key, "label")
    for f in form.fields:
        for alias in f.aliases:
            exact.setdefault(normalise(alias), (f.key, "alias"))
    _INDEXES[id(form)] = FormIndex(form, exact)
    return _INDEXES[id(form)]


def is_known_header(text: str, indexes: list[FormIndex]) -> bool:
    return any(ix.lookup(text) is not None for ix in indexes)
