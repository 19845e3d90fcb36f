"""The township word of an address and the township it names, the one way both check paths use.

`named(detail)` cuts the township word off the start of an address detail with one regular
expression (TOWN_WORD; the bulk run applies the same pattern in polars,
validators.address_heads.town_keys); `lookup(unit, word)` / `find` look it up among the county's
townships (validators.townships): by full name, by short name with another township word
(转塘镇 for 转塘街道), or after a zone written before it (高新区转塘街道).
"""
from __future__ import annotations

import re
from functools import lru_cache

from validators.townships import TownshipMatch, match, townships_of

HAN = "\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0003134F"
# the longest run of up to 12 Chinese characters at the start of a detail that ends in a
# township word not followed by 村/路/街/巷/镇/乡 (新乡村 is a village, 中山路 a road, 良乡镇 goes on)
TOWN_SUFFIXES = "街道办事处|街道办|街道|民族乡|镇|乡|苏木|办事处"
TOWN_FOLLOW = "村路街巷镇乡"
TOWN_WORD = f"^([{HAN}]{{1,12}}(?:{TOWN_SUFFIXES}))(?:[^{TOWN_FOLLOW}]|$)"
_TOWN_WORD_RE = re.compile(TOWN_WORD)


def named(detail: str | None) -> str | None:
    """The township word a detail starts with (荆紫关镇王庄村3组 → 荆紫关镇), or None."""
    if not detail:
        return None
    found = _TOWN_WORD_RE.match(detail)
    return found[1] if found else None


@lru_cache(maxsize=1 << 16)
def find(unit: str | None, key: str | None) -> TownshipMatch | None:
    """The township of `unit` that the township word `key` (from `named`) names: at its start
    (荆紫关镇, 转塘镇 for 转塘街道), or after a zone written before it (高新区转塘街道)."""
    if not unit or not key:
        return None
    code = _full_names(unit).get(key)
    if code is not None:                 # the common case: the word is a full name
        return TownshipMatch(code, key, True, len(key))
    for start in [0, *(i for i in range(2, len(key) - 1) if key[i - 1] in _ZONE_END)]:
        found = match(unit, key[start:])
        if found is not None:
            return found
    return None


_ZONE_END = "区园会"        # 高新区、工业园、管委会: a zone written before the township


@lru_cache(maxsize=8192)
def _full_names(unit: str) -> dict[str, str]:
    """Full township name → code, for the fast path of `find`."""
    return {d.name: d.code for d in townships_of(unit)}


def lookup(unit: str | None, key: str | None) -> tuple[str | None, bool]:
    """(township code, unknown) for the township word of an address in `unit`: the code when
    the word names one of its townships; unknown when it names none (and the unit has
    townships in the table: 香港 has none). The one decision both check paths share."""
    if not unit or not key:
        return None, False
    names = _full_names(unit)
    code = names.get(key)
    if code is not None or not names:
        return code, False
    found = find(unit, key)
    return (found.code, False) if found is not None else (None, True)


