"""Option fields (choice / multi): normalise and match a cell against the form's options.

Normalisation: trim, full-width → half-width, spaces removed, letters upper-cased for matching,
then the template's synonyms (汉 → 汉族, 男性 → 男). Multi-choice cells are split on 、，,；;/ and
spaces, after protecting options (and synonyms) that themselves contain a separator
(心理/行为异常, 心理、行为异常). Exclusive options (健康, 无) stand alone.

Details, as the form invites them (an option followed by brackets, full- or half-width, or by a
colon; the template says which options take them; validators.option_details reads them):
- free_text options (其他) carry any text: 其他：因病, 其他(因病) → 其他：因病 (written last, so
  the canonical text reads back the same);
- list_details options (多重残疾) list other options of the field: 多重残疾（肢体残疾、智力残疾）,
  多重残疾(视力、听力), 多重：听力、言语 → 多重残疾、肢体残疾、智力残疾 (each listed one must be
  one of the template's `of`, written with or without 残疾: option.detail_unknown otherwise).

Results are cached per (field, cell text): option columns have few distinct values.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

from validators.errors import InvalidComponent, InvalidFormat, ValidationError
from validators.form import Field
from validators.option_details import (SEPARATORS, expand_lists, glued_free_text, listing_pattern,
                                       multi_key, option_key, render, take_free_text)
from validators.text import require_text

_CACHE_LIMIT = 50_000


@dataclass(frozen=True, slots=True)
class OptionResult:
    options: tuple[str, ...]        # canonical options (one for a choice field)
    normalised: str                 # the canonical cell text, e.g. 残疾、其他：因病
    details: tuple[tuple[str, str], ...] = ()   # (free-text option, its text)


class _Matcher:
    """Lookup tables of one field, built once."""

    def __init__(self, field: Field) -> None:
        self.field = field
        self.lookup: dict[str, str] = {}
        for alias, canonical in field.synonyms.items():
            self.lookup[option_key(alias)] = canonical
        for option in field.options:
            self.lookup[option_key(option)] = option
        self.protected = sorted((k for k in self.lookup if SEPARATORS.search(k)), key=len,
                                reverse=True)
        self.listing = listing_pattern(field)
        self.cache: dict[str, OptionResult | InvalidComponent | InvalidFormat] = {}

    def allowed(self) -> str:
        return "、".join(self.field.options)


_matchers: dict[int, _Matcher] = {}


def _matcher(field: Field) -> _Matcher:
    m = _matchers.get(id(field))
    if m is None or m.field is not field:
        m = _matchers[id(field)] = _Matcher(field)
    return m


def check(field: Field, value: str) -> OptionResult:
    """The canonical options of a cell, or InvalidComponent (option.unknown / option.exclusive)."""
    require_text(value, "option.unknown")
    m = _matcher(field)
    hit = m.cache.get(value)
    if hit is None:
        if len(m.cache) >= _CACHE_LIMIT:
            m.cache.clear()
        try:
            hit = _check_multi(m, value) if field.type == "multi" else _check_choice(m, value)
        except (InvalidComponent, InvalidFormat) as exc:
            hit = exc.with_traceback(None)
        m.cache[value] = hit
    if isinstance(hit, Exception):
        # a copy: raising the cached error itself would chain every raise onto its traceback,
        # which keeps each raising stack's frames (and a whole sheet through them) alive
        raise copy.copy(hit).with_traceback(None)
    return hit


def _unknown(m: _Matcher, part: str) -> InvalidComponent:
    return InvalidComponent(part="option", code="option.unknown", allowed=m.allowed(), bad=part)


def _check_choice(m: _Matcher, value: str) -> OptionResult:
    canonical = m.lookup.get(option_key(value))
    if canonical is not None:
        return OptionResult((canonical,), canonical)
    if m.field.free_text:
        text, details = take_free_text(m, value.strip())
        canonical = m.lookup.get(option_key(text.strip("、")))
        if canonical in details:
            return OptionResult((canonical,), render([canonical], details), tuple(details.items()))
    raise _unknown(m, value.strip())


def _check_multi(m: _Matcher, value: str) -> OptionResult:
    text, details = take_free_text(m, expand_lists(m, value.strip()))
    key = multi_key(text)
    tokens: dict[str, str] = {}
    for i, protected in enumerate(m.protected):
        if protected in key:
            token = f"\x00{i}\x00"
            tokens[token] = m.lookup[protected]
            key = key.replace(protected, f"、{token}、")
    chosen: list[str] = []
    for part in SEPARATORS.split(key):
        if not part:
            continue
        canonical = tokens.get(part) or m.lookup.get(part)
        if canonical is None:
            canonical = glued_free_text(m, part, details)
        if canonical is None:
            raise _unknown(m, part)
        if canonical not in chosen:
            chosen.append(canonical)
    for option in details:
        if option not in chosen:
            chosen.append(option)
    if not chosen:
        raise _unknown(m, value.strip())
    for option in m.field.exclusive:
        if option in chosen and len(chosen) > 1:
            raise InvalidComponent(part="option", code="option.exclusive", option=option)
    return OptionResult(tuple(chosen), render(chosen, details), tuple(details.items()))


def validate(field: Field, value: str) -> str:
    return check(field, value).normalised


def compact(value: str) -> str:
    """The text options are matched on: half-width, no spaces, upper case."""
    return option_key(require_text(value, "option.unknown"))


def is_valid(field: Field, value: object) -> bool:
    try:
        return bool(check(field, value))
    except ValidationError:
        return False
