"""A department's words and the form's: normalising what a department wrote (正常参保 → 已参保,
小学六年级 → 小学), and mapping its answer onto the values of a form field (已参保 + 本县 →
纳入居住地医保 on the 流动 form, 已纳入医保 on the 留守 form).

`normalise(column, raw)`: the column's option for a known spelling (its synonyms after trimming
and full-width → half-width, then its patterns), else the cleaned text (a value nobody
foresaw stays visible as written). `agreeing(cmp, form, parts)`: the form values that agree
with the department's answer (a tuple), None when the answer says nothing, or () when it
cannot be understood. Both are cached per distinct text: a column repeats a few values.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from intake.county.values import canonical
from intake.departments.profile import AnswerColumn, Comparison, MapEntry
from intake.forms import load_form
from validators.text import compact_name

UNKNOWN: tuple[str, ...] = ()


def clean(raw: str | None) -> str | None:
    """NFKC (full-width → half-width), trimmed, runs of spaces as one; None when blank."""
    if raw is None:
        return None
    text = " ".join(unicodedata.normalize("NFKC", str(raw)).split())
    return text or None


@lru_cache(maxsize=None)
def _compiled(patterns: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(p), v) for p, v in patterns)


def normalise(column: AnswerColumn, raw: str | None) -> str | None:
    if not (column.options or column.synonyms or column.patterns):
        return clean(raw)                       # free text (a name, an address): only cleaned
    return _normalise(column, raw)


@lru_cache(maxsize=200_000)
def _normalise(column: AnswerColumn, raw: str | None) -> str | None:
    text = clean(raw)
    if text is None:
        return None
    if text in column.options:
        return text
    squeezed = text.replace(" ", "")
    for candidate in (text, squeezed):
        if candidate in column.synonyms:
            return column.synonyms[candidate]
    if squeezed in column.options:
        return squeezed
    for pattern, value in _compiled(column.patterns):
        if pattern.search(squeezed):
            return value
    return text


def agreeing(cmp: Comparison, form: str, parts: tuple[str | None, ...],
             columns: dict[str, AnswerColumn | None]) -> tuple[str, ...] | None:
    """The form values that agree with the department's normalised answer parts (one per
    source column); None: the department said nothing; (): not understood."""
    return _agreeing(cmp, form, parts, tuple(sorted((k, v) for k, v in columns.items() if k in cmp.sources)))


@lru_cache(maxsize=100_000)
def _agreeing(cmp: Comparison, form: str, parts: tuple[str | None, ...], columns) -> tuple[str, ...] | None:
    by_key = dict(columns)
    if cmp.how == "first":
        filled = [(s, p) for s, p in zip(cmp.sources, parts) if p is not None]
        if not filled:
            return None
        usable = [p for s, p in filled if _usable(by_key.get(s), p)]
        value = usable[0] if usable else filled[0][1]
        return _mapped(cmp, form, (value,)) if cmp.maps else _as_form_value(cmp, form, value)
    if parts[0] is None:
        return None
    return _mapped(cmp, form, parts)


def _usable(column: AnswerColumn | None, value: str) -> bool:
    if column is None:                  # a value decoded from a card: a form option already
        return True
    if column.options:
        return value in column.options
    return not column.patterns          # a free-text column with patterns: only what they matched


def _mapped(cmp: Comparison, form: str, parts: tuple[str | None, ...]) -> tuple[str, ...]:
    entries: tuple[MapEntry, ...] = cmp.maps.get(form, ())
    for e in entries:
        if all(want == "*" or want == (have or "") for want, have in zip(e.parts, parts)):
            return e.values
    return UNKNOWN


def _as_form_value(cmp: Comparison, form: str, value: str) -> tuple[str, ...]:
    """The department's value as the form's option (its synonyms apply: 肢体 → 肢体残疾), or as
    text for a text comparison."""
    if cmp.text:
        return (value,)
    f = load_form(form).field(cmp.field) if load_form(form).has(cmp.field) else None
    if f is None:
        return UNKNOWN
    option = canonical(form, cmp.field, value)
    return (option,) if option in f.options else UNKNOWN


def same_text(field: str, a: str | None, b: str | None) -> bool:
    """Text comparison of a name or a school: spaces, full-width letters and the middle dot's
    spellings ignored."""
    if field == "name":
        return (compact_name(a or "") or "") == (compact_name(b or "") or "")
    return "".join((clean(a) or "").split()) == "".join((clean(b) or "").split())


def agrees(field_type: str, sheet_value: str | None, values: tuple[str, ...], field: str, text: bool) -> bool:
    """The sheet's canonical value agrees with one of the department's form values (a
    multi-choice value agrees when it holds the option: 多重残疾、视力残疾、听力残疾 holds 多重残疾)."""
    if text:
        return any(same_text(field, sheet_value, v) for v in values)
    if sheet_value is None:
        return False
    if sheet_value in values:
        return True
    if field_type == "multi":
        held = set(sheet_value.split("、"))
        return any(v in held or sheet_value.startswith(v + "（") or sheet_value.startswith(v + "(") for v in values)
    return False
