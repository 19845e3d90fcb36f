"""Phone numbers (联系方式): mainland mobiles (11 digits, 1[3-9]…) and landlines (0 + area code +
7–8 digits, with or without '-', optionally with an extension: 0371-12345678转8001, 分机/ext written 转);
several numbers separated by 、 / ； ; , ，.

`validate` returns the normalised text: half-width, no spaces, +86 dropped, (0371)1234567 written
0371-1234567, numbers joined by 、 (a '/' between numbers is kept).
"""
from __future__ import annotations

import re

from validators.errors import InvalidFormat, ValidationError
from validators.text import no_spaces, require_text

_SPLIT = re.compile(r"([、/;,；，]+)")
# [0-9], never \d (which also takes other scripts' digits)
_MOBILE = re.compile(r"(?:\+?86-?)?(1[3-9][0-9]{9})")
_LANDLINE = re.compile(r"(?:\+?86-?)?\(?(0[0-9]{2,3})\)?-?([0-9]{7,8})")
_EXTENSION = re.compile(r"(.+?)(?:转|分机|ext\.?)([0-9]{1,6})", re.I)


def compact(value: str) -> str:
    return no_spaces(require_text(value, "phone.invalid")).replace("－", "-").replace("—", "-").replace("（", "(").replace("）", ")")


def _one(number: str) -> str | None:
    ext = _EXTENSION.fullmatch(number)
    if ext:
        base = _landline(ext[1])
        return f"{base}转{ext[2]}" if base else None
    m = _MOBILE.fullmatch(number.replace("-", ""))
    if m:
        return m[1]
    return _landline(number)


def _landline(number: str) -> str | None:
    m = _LANDLINE.fullmatch(number)
    if m and 10 <= len(m[1]) + len(m[2]) <= 12:
        return f"{m[1]}-{m[2]}" if "-" in number or "(" in number else m[1] + m[2]
    return None


def validate(value: str) -> str:
    text = compact(value)
    if not text:
        raise InvalidFormat(code="phone.invalid")
    pieces = _SPLIT.split(text)
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if i % 2:       # a separator
            out.append("/" if piece == "/" else "、")
            continue
        number = _one(piece)
        if number is None:
            raise InvalidFormat(code="phone.invalid", bad=piece)
        out.append(number)
    if out[0] in ("、", "/") or out[-1] in ("、", "/"):
        raise InvalidFormat(code="phone.invalid")
    return "".join(out)


def is_valid(value: object) -> bool:
    try:
        return bool(validate(value))
    except ValidationError:
        return False
