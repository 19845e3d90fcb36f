"""Cell values → the text the validators get, and whether the cell was a number cell.

Real date cells become 'YYYY-MM-DD' ('YYYY-MM-DD HH:MM:SS' when the time is not midnight);
numbers their shortest text ('13800138000', '42065', '2.5'); blank cells None. A number is
never "repaired": an ID Excel stored as a number keeps the digits calamine gives, and the cell
is flagged so the ID check can say the digits may be lost.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, Sequence


def number_text(value: float | int) -> str:
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)
    return format(value, ".15g") if len(text) > 17 else text


def date_text(value: datetime | date) -> str:
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value.isoformat()


_TEXT_OR_BLANK = {str, type(None)}


def convert_column(values: Sequence[Any], offset: int, numeric: set[int]) -> list[str | None]:
    """Text of each cell; indices (offset + i) of number cells are added to `numeric`."""
    try:        # the common case, a text column: str.isspace raises TypeError on any other cell
        if not any(map(str.isspace, values)):
            return [v or None for v in values]
    except TypeError:
        pass
    types = set(map(type, values))
    if types == _TEXT_OR_BLANK:                 # text with blank cells
        if not any(map(str.isspace, filter(None, values))):
            return [v or None for v in values]
        return [v if v and not v.isspace() else None for v in values]
    if types == {float} or types == {int}:       # a column of numbers (phones, 序号)
        numeric.update(range(offset, offset + len(values)))
        return _numbers(values)
    if types == {date}:
        return list(map(date.isoformat, values))
    if types <= {str, float} and float in types:
        return _text_and_numbers(values, offset, numeric)
    out: list[str | None] = []
    append = out.append
    for i, v in enumerate(values):
        t = type(v)
        if t is str:
            append(v if v and not v.isspace() else None)
        elif v is None:
            append(None)
        elif t is float or t is int:
            append(number_text(v))
            numeric.add(offset + i)
        else:
            append(other_text(v))
    return out


def _numbers(values: Sequence[float | int]) -> list[str | None]:
    if all(map(float.is_integer, map(float, values))) and max(map(abs, values)) < 1e21:
        return list(map(str, map(int, values)))
    return list(map(number_text, values))


def _text_and_numbers(values: Sequence[Any], offset: int, numeric: set[int]) -> list[str | None]:
    out: list[str | None] = []
    append = out.append
    for i, v in enumerate(values):
        if v.__class__ is str:
            append(v if v and not v.isspace() else None)
        elif v.is_integer() and abs(v) < 1e21:
            append(str(int(v)))
            numeric.add(offset + i)
        else:
            append(number_text(v))
            numeric.add(offset + i)
    return out


def other_text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (datetime, date)):
        return date_text(value)
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        return number_text(value)
    text = str(value)
    return text if text.strip() else None
