"""Addresses written the canonical way, recognised column-wise: the full names of a county-level
unit's province, prefecture and county (河南省南阳市宛城区, 北京市朝阳区, 湖北省仙桃市,
广东省东莞市) followed directly by a detail that starts with a Chinese character, a letter or a
digit. The schema's check flags the other addresses (polars regex); `heads()` names the county
path of the canonical ones so the bulk run can check one address per head with check_cell and
give its facts to the rest (validators.bulk)."""
from __future__ import annotations

import re
from functools import lru_cache

from validators import divisions

_DETAIL_START = r"[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}0-9A-Za-z]"
_KEY = 3          # candidate heads are indexed by their first characters


@lru_cache(maxsize=1)
def _names() -> tuple[str, ...]:
    return tuple(sorted({divisions.full_name(c) for c in divisions.county_level_codes()},
                        key=len, reverse=True))


@lru_cache(maxsize=1)
def pattern() -> str:
    """Polars (Rust) regex: a canonical county path, then the detail's first character."""
    return "^(?:" + "|".join(re.escape(n) for n in _names()) + ")" + _DETAIL_START


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[tuple[int, frozenset[str]], ...]]:
    by_key: dict[str, dict[int, set[str]]] = {}
    for name in _names():
        by_key.setdefault(name[:_KEY], {}).setdefault(len(name), set()).add(name)
    return {k: tuple((n, frozenset(s)) for n, s in sorted(v.items(), reverse=True))
            for k, v in by_key.items()}


def head(text: str) -> str | None:
    """The longest canonical county path `text` starts with."""
    for length, names in _index().get(text[:_KEY], ()):
        if text[:length] in names:
            return text[:length]
    return None
