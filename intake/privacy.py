"""Personal data in logs: never a full ID number."""
from __future__ import annotations

import re

_ID_RE = re.compile(r"(?<![0-9])([0-9]{4})[0-9]{7,10}([0-9]{3}[0-9Xx])(?![0-9Xx])")


def mask_id(value: str | None) -> str:
    """4113**********1234 for an 18-digit number; short values are masked whole."""
    if not value:
        return ""
    v = str(value).strip()
    if len(v) < 10:
        return "*" * len(v)
    return v[:4] + "*" * (len(v) - 8) + v[-4:]


def mask_ids_in(text: str) -> str:
    """Mask every ID-like digit run inside a free text (for log lines)."""
    return _ID_RE.sub(lambda m: mask_id(m.group(0)), text)
