"""What a message may quote of a cell: never a full ID number, never a megabyte, never an
invisible control character.

`quote(value)`: ID-like digit runs masked (4113**********1234), control characters, NUL,
bidirectional overrides and line separators shown as visible escapes (\\x00, \\u202e), and at
most QUOTE_LIMIT characters followed by …(共 N 字). `mask_ids_in(text)` masks the ID numbers in
any text (log lines, tracebacks). validators.codes.make quotes every message parameter with
them, so every finding code, present or future, gets this; intake.privacy re-exports them.
"""
from __future__ import annotations

import re
import unicodedata

QUOTE_LIMIT = 50

_DIGIT = "[0-9\uff10-\uff19]"
_LAST = "[0-9\uff10-\uff19Xx\uff38\uff58]"
# 15-18 digits (the last may be X), optionally with single spaces between them (411302 2015…),
# and a 残疾人证号: the 18-character ID followed by two digits (category, level)
_ID_RE = re.compile(f"(?<!{_DIGIT})(?:{_DIGIT}[ \u3000]?){{14,17}}{_LAST}(?:{_DIGIT}{_DIGIT})?(?!{_LAST})")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def mask_id(value: object) -> str:
    """4113**********1234 for an 18-digit number (spaces inside dropped); a value shorter than
    10 characters is masked whole."""
    if not value:
        return ""
    v = "".join(str(value).split())
    if len(v) < 10:
        return "*" * len(v)
    return v[:4] + "*" * (len(v) - 8) + v[-4:]


def mask_ids_in(text: str) -> str:
    """Every ID-like digit run inside a free text masked."""
    return _ID_RE.sub(_masked, text)


def _needs_escape(ch: str) -> bool:
    return ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Control characters, NUL, lone surrogates, line separators and bidi overrides escaped."""
    if text.isprintable():
        return text
    return "".join(_escape(ch) if _needs_escape(ch) else ch for ch in text)


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A cell value as a message may show it (see the module docstring)."""
    text = value if isinstance(value, str) else str(value)
    n = len(text)
    if n < 15 and text.isprintable():
        return text                                   # too short to hold an ID number
    if n in (18, 20) and text.isascii() and text[:17].isdigit():
        return mask_id(text)                          # the common ID cell (or a card): a bare number
    head = _ID_RE.sub(_masked, text if n <= limit else text[:limit + 40])
    if n <= limit and head.isprintable():
        return head
    shown = _first(head, limit)
    return shown if n <= limit and len(shown) == len(visible(head)) else f"{shown}…(共 {n} 字)"


def _masked(m: re.Match) -> str:
    return mask_id(m.group(0))


def _first(text: str, limit: int) -> str:
    """The first `limit` characters as shown, never cutting an escape in half."""
    if text[:limit].isprintable():
        return text[:limit]
    out, size = [], 0
    for ch in text:
        piece = _escape(ch) if _needs_escape(ch) else ch
        if size + len(piece) > limit:
            break
        out.append(piece)
        size += len(piece)
    return "".join(out)


class Preformatted(str):
    """A message parameter built by code from values already quoted (kept whole by make)."""

    __slots__ = ()


def preformatted(text: str) -> Preformatted:
    return Preformatted(text)
