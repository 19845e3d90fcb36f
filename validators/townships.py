"""Townships (乡镇/街道, level 4 of the division table) of a county-level unit, and the township an
address names after its county.

`townships_of(unit)` lists the townships under a county (or under a city without counties:
东莞市, 中山市); `match(unit, detail)` finds the township that the detail part of an address
(what follows the county, see validators.address.ResolvedAddress.detail) starts with: by its
full name first (转塘街道), then by its short name followed by a township word (转塘镇 for a
街道 renamed from a 镇, 转塘街道办事处), longest name first. Townships merge and get renamed
often, so a detail naming no known township is normal; callers decide what that means.

The address checks find an address's township with validators.township_words; `nearest` and
`elsewhere` here name the real townships closest to a name that is not the county's (leads for
the clerk, never a certain fix).
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

from validators import divisions as dv
from validators.text import clean_text, to_half_width

# longest first: 街道办事处 before 街道, 民族乡 before 乡
SUFFIXES = ("街道办事处", "街道办", "街道", "民族乡", "镇", "乡", "苏木", "办事处")
_LEAD = " ,，、.。:：;；-—_/"


class TownshipMatch(NamedTuple):
    code: str          # 9-digit township code
    name: str          # the division table's name: 转塘街道
    exact: bool        # the detail starts with the full name (not only the short name)
    end: int           # characters of the detail the match took


def short_name(name: str) -> str:
    """转塘街道 → 转塘, 荆紫关镇 → 荆紫关; a name that would become a single character stays."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@lru_cache(maxsize=8192)
def townships_of(unit: str) -> tuple[dv.Division, ...]:
    """The townships directly under a county-level unit (empty for an unknown code)."""
    return tuple(d for d in dv.children(unit) if d.level == 4)


@lru_cache(maxsize=4096)
def _names(unit: str) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str, str], ...]]:
    """The unit's townships as (full name, code), longest first, and as (short name, full name,
    code) for those whose short name differs, longest short name first."""
    towns = townships_of(unit)
    full = sorted(((d.name, d.code) for d in towns), key=lambda t: len(t[0]), reverse=True)
    short = sorted(((short_name(d.name), d.name, d.code) for d in towns if short_name(d.name) != d.name),
                   key=lambda t: len(t[0]), reverse=True)
    return tuple(full), tuple(short)


def match(unit: str | None, detail: str | None) -> TownshipMatch | None:
    """The township of `unit` that `detail` starts with, or None."""
    if not unit or not detail:
        return None
    text = "".join(clean_text(to_half_width(detail)).split()).lstrip(_LEAD)
    full_names, short_names = _names(unit)
    for name, code in full_names:
        if text.startswith(name):
            return TownshipMatch(code, name, True, len(name))
    for short, name, code in short_names:
        if text.startswith(short):
            word = next((s for s in SUFFIXES if text.startswith(s, len(short))), None)
            if word:
                return TownshipMatch(code, name, False, len(short) + len(word))
    return None


def by_name(unit: str, name: str) -> dv.Division | None:
    """The township of `unit` called `name`: its full name, its short name, or the short name
    with another township word (转塘镇 for 转塘街道, 转塘街道办事处); None if there is none."""
    text = "".join(clean_text(to_half_width(name or "")).split())
    full_names, short_names = _names(unit)
    for full, code in full_names:
        if text == full:
            return dv.get(code)
    for short, _full, code in short_names:
        if text == short:
            return dv.get(code)
    found = match(unit, text)
    return dv.get(found.code) if found is not None and found.end == len(text) else None


class UnitTownship(NamedTuple):
    name: str               # the township's name (the division table's when known): 二道镇
    code: str | None        # 9-digit code when the township is known in the division table
    county: str | None      # its county-level unit, when known


# what follows the township in a 填报单位: 二道镇人民政府, 转塘街道办事处, 城关镇民政办
_UNIT_TAILS = ("人民政府", "政府", "办事处", "社会事务办公室", "社会事务办", "社事办", "民政办公室",
               "民政办", "民政所", "民政服务站", "便民服务中心", "党政办")
_TOWN_WORD = re.compile(r"([\u4e00-\u9fff]{1,10}?(?:街道|民族乡|镇|乡|苏木))$")


def from_unit_text(text: str | None, county: str | None = None) -> UnitTownship | None:
    """The township a 填报单位 names (仪陇县二道镇人民政府 → 二道镇). With `county` (the
    county-level unit the file belongs to) the name is looked up among its townships;
    without it, a county name in the text (仪陇县) is used when it identifies the township."""
    body = _unit_body(text)
    if not body:
        return None
    units = [county] if county else _counties_named_in(body)
    for unit in units:
        for start in range(len(body)):
            found = match(unit, body[start:])
            if found is not None and start + found.end == len(body):
                return UnitTownship(found.name, found.code, unit)
    named = _TOWN_WORD.search(_after_county(body, units))
    return UnitTownship(named.group(1), None, county) if named else None


def _unit_body(text: str | None) -> str:
    body = "".join(clean_text(to_half_width(text or "")).split())
    for sep in ("：", ":"):
        if body.startswith("填报单位" + sep):
            body = body.split(sep, 1)[1]
    changed = True
    while changed:
        changed = False
        for tail in _UNIT_TAILS:
            if body.endswith(tail) and len(body) > len(tail):
                body, changed = body[: -len(tail)], True
    return body


def _counties_named_in(body: str) -> list[str]:
    """County-level units whose name appears in the text, longest name first."""
    found = [(len(name), code) for code, name in _county_names() if name in body]
    return [code for _n, code in sorted(found, reverse=True)]


@lru_cache(maxsize=1)
def _county_names() -> tuple[tuple[str, str], ...]:
    return tuple((code, dv.name(code)) for code in dv.county_level_codes())


def _after_county(body: str, units: list[str]) -> str:
    """The text after the county's name (仪陇县二道镇 → 二道镇), or after the last 县/区/市/旗
    that ends a name of at least two characters (某某县新兴镇 → 新兴镇)."""
    for unit in units:
        name = dv.name(unit)
        if name and name in body:
            return body[body.rindex(name) + len(name):]
    cut = max((i for i, ch in enumerate(body) if ch in "县区市旗" and i >= 2), default=-1)
    rest = body[cut + 1:]
    return rest if cut >= 0 and _TOWN_WORD.search(rest) else body


def nearest(unit: str, name: str, n: int = 3) -> list[str]:
    """Up to n real township names of the unit closest to `name` (shared characters of the short
    names), most alike first; none when nothing is alike."""
    short = short_name(name)
    scored = sorted(((SequenceMatcher(None, short, short_name(d.name)).ratio(), d.name)
                     for d in townships_of(unit)), key=lambda t: (-t[0], t[1]))
    return [name for score, name in scored[:n] if score >= 0.5]


def elsewhere(unit: str, name: str) -> list[str]:
    """Other county-level units of the same prefecture (or province) with a township of that
    name: the address may have the wrong county."""
    home = dv.get(unit)
    if home is None or not home.parent:
        return []
    return [d.name for d in dv.children(home.parent) if d.code != unit and by_name(d.code, name) is not None]
