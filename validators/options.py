"""Option fields (choice / multi): normalise and match a cell against the form's options.

Normalisation: trim, full-width → half-width, spaces removed, letters upper-cased for matching,
then the template's synonyms (汉 → 汉族, 男性 → 男). Multi-choice cells are split on 、，,；;/ and
spaces, after protecting options (and synonyms) that themselves contain a separator
(心理/行为异常, 心理、行为异常). Exclusive options (健康, 无) stand alone; free-text options (其他)
may carry a text: 其他：因病, 其他(因病).

Results are cached per (field, cell text): option columns have few distinct values.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from validators.errors import InvalidComponent, InvalidFormat, ValidationError
from validators.form import Field
from validators.text import collapse_spaces, no_spaces, require_text, to_half_width

_SEPARATORS = re.compile(r"[、,;/\s]+")
_AROUND_SEPARATOR = re.compile(r"\s*([、,;/])\s*")
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
            self.lookup[_key(alias)] = canonical
        for option in field.options:
            self.lookup[_key(option)] = option
        self.protected = sorted((k for k in self.lookup if _SEPARATORS.search(k)), key=len,
                                reverse=True)
        self.cache: dict[str, OptionResult | InvalidComponent | InvalidFormat] = {}

    def allowed(self) -> str:
        return "、".join(self.field.options)


def _key(text: str) -> str:
    return no_spaces(text).upper().replace("，", ",").replace("；", ";")


def _multi_key(text: str) -> str:
    """Like _key but spaces stay (they separate options); none around a separator."""
    text = collapse_spaces(to_half_width(text)).upper().replace("，", ",").replace("；", ";")
    return _AROUND_SEPARATOR.sub(r"\1", text)


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
    canonical = m.lookup.get(_key(value))
    if canonical is not None:
        return OptionResult((canonical,), canonical)
    if m.field.free_text:
        text, details = _take_free_text(m, value.strip())
        canonical = m.lookup.get(_key(text.strip("、")))
        if canonical in details:
            return OptionResult((canonical,), _render([canonical], details), tuple(details.items()))
    raise _unknown(m, value.strip())


def _check_multi(m: _Matcher, value: str) -> OptionResult:
    text, details = _take_free_text(m, value.strip())
    key = _multi_key(text)
    tokens: dict[str, str] = {}
    for i, protected in enumerate(m.protected):
        if protected in key:
            token = f"\x00{i}\x00"
            tokens[token] = m.lookup[protected]
            key = key.replace(protected, f"、{token}、")
    chosen: list[str] = []
    for part in _SEPARATORS.split(key):
        if not part:
            continue
        canonical = tokens.get(part) or m.lookup.get(part)
        if canonical is None:
            canonical = _glued_free_text(m, part, details)
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
    return OptionResult(tuple(chosen), _render(chosen, details), tuple(details.items()))


def _glued_free_text(m: _Matcher, part: str, details: dict[str, str]) -> str | None:
    """其他因病 (no ':' or brackets): the free-text option with its text glued on."""
    for option in m.field.free_text:
        if part.startswith(_key(option)) and option not in details:
            details[option] = part[len(_key(option)):]
            return option
    return None


def _take_free_text(m: _Matcher, text: str) -> tuple[str, dict[str, str]]:
    """Cut 其他：因病、因残 / 其他（因病）out of the cell before splitting on separators."""
    details: dict[str, str] = {}
    for option in m.field.free_text:
        found = re.search(re.escape(option) + r"\s*(?:[:：](.*)$|[(（]([^)）]*)[)）]?)", text, re.S)
        if found:
            details[option] = (found[1] if found[1] is not None else found[2]).strip()
            text = text[:found.start()] + "、" + option + text[found.end():]
    return text, details


def _render(chosen: list[str], details: dict[str, str]) -> str:
    return "、".join(f"{o}：{details[o]}" if details.get(o) else o for o in chosen)


def validate(field: Field, value: str) -> str:
    return check(field, value).normalised


def compact(value: str) -> str:
    """The text options are matched on: half-width, no spaces, upper case."""
    return _key(require_text(value, "option.unknown"))


def is_valid(field: Field, value: object) -> bool:
    try:
        return bool(check(field, value))
    except ValidationError:
        return False
