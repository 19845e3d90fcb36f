"""Dates as clerks type them: 2015-03-02, 2015-3-2, 2015/3/2, 2015.3.2, 2015年3月2日 (or 号), 20150302,
optionally followed by a 00:00:00 time, and Excel serial numbers (42065, 42065.0).

`validate` returns a datetime.date; InvalidFormat (part 'format', code date.format) when the text
is not a date at all, InvalidComponent (part 'date', code date.invalid) when it names a day that
does not exist (2015-02-29) or a year outside 1900–2100.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from validators.errors import InvalidComponent, InvalidFormat, ValidationError
from validators.text import require_text, to_half_width

_MIDNIGHT = re.compile(r"(?:\s+|T)0{1,2}:0{1,2}(?::0{1,2}(?:\.0+)?)?$")
# [0-9], never \d: \d (and int()) also take Arabic-Indic, Devanagari … digits (٢٠١٥)
_SEPARATED = re.compile(r"([0-9]{4})(?:[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})|年([0-9]{1,2})月([0-9]{1,2})[日号]?)")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_SERIAL = re.compile(r"([0-9]{5})(?:\.0+)?")
_EXCEL_EPOCH = date(1899, 12, 30)          # serial 1 = 1900-01-01 (after Excel's 1900 leap bug)
SERIAL_MIN, SERIAL_MAX = 18264, 73050      # 1950-01-01 … 2099-12-31
YEAR_MIN, YEAR_MAX = 1900, 2100


def compact(value: str) -> str:
    """Half-width, a 00:00:00 time removed, no whitespace left."""
    text = _MIDNIGHT.sub("", to_half_width(require_text(value, "date.format")).strip())
    return "".join(text.split())


def _parts(text: str) -> tuple[int, int, int] | None:
    m = _SEPARATED.fullmatch(text)
    if m:
        y, mo, d = m[1], m[2] or m[4], m[3] or m[5]
        return int(y), int(mo), int(d)
    m = _COMPACT.fullmatch(text)
    if m:
        return int(m[1]), int(m[2]), int(m[3])
    return None


def from_serial(serial: int) -> date:
    """The date of an Excel serial number in the sane range; InvalidFormat otherwise."""
    if not SERIAL_MIN <= serial <= SERIAL_MAX:
        raise InvalidFormat(code="date.format")
    return _EXCEL_EPOCH + timedelta(days=serial)


def validate(value: str) -> date:
    require_text(value, "date.format")
    if len(value) == 10 and value[4] == "-" and value[7] == "-" and value.isascii():
        try:
            day = date.fromisoformat(value)      # the common case: a real date cell
            if YEAR_MIN <= day.year <= YEAR_MAX:
                return day
        except ValueError:
            pass
    text = compact(value)
    m = _SERIAL.fullmatch(text)
    if m:
        return from_serial(int(m[1]))
    parts = _parts(text)
    if parts is None:
        raise InvalidFormat(code="date.format")
    y, mo, d = parts
    if not YEAR_MIN <= y <= YEAR_MAX:
        raise InvalidComponent(part="date", code="date.invalid")
    try:
        return date(y, mo, d)
    except ValueError:
        raise InvalidComponent(part="date", code="date.invalid") from None


def is_valid(value: object) -> bool:
    try:
        return bool(validate(value))
    except ValidationError:
        return False


def is_iso(value: str) -> bool:
    """Already written YYYY-MM-DD (no normalisation needed)."""
    return len(value) == 10 and value[4] == "-" and value[7] == "-"
