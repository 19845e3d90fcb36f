"""Name indexes over the division table for fast address matching (built once, lazily).

Every index maps the first two characters of a name to its candidates, longest name first, so
matching a level at a position costs one dict lookup and a few `startswith` calls instead of a
scan over 3000 county names.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from validators import divisions as dv


@dataclass(frozen=True, slots=True)
class Candidate:
    key: str        # the text matched (a full name or a short form)
    code: str
    level: int
    full: bool      # the key is the division's full name


Index = dict[str, list[Candidate]]


def _add(index: Index, key: str, d: dv.Division, full: bool) -> None:
    index.setdefault(key[:2], []).append(Candidate(key, d.code, d.level, full))


def _sorted(index: Index) -> Index:
    for cands in index.values():
        cands.sort(key=lambda c: (-len(c.key), not c.full))
    return index


def _add_names(index: Index, d: dv.Division) -> None:
    _add(index, d.name, d, True)
    for form in dv.short_forms(d):
        _add(index, form, d, False)


@dataclass(frozen=True)
class AddressIndex:
    provinces: Index
    under: dict[str, Index]                 # province/prefecture code → its level-2/3 children
    province_counties: dict[str, Index]     # province code → every county-level unit in it
    everywhere: Index                       # every prefecture and county, for mismatches


@lru_cache(maxsize=1)
def address_index() -> AddressIndex:
    provinces: Index = {}
    under: dict[str, Index] = {}
    province_counties: dict[str, Index] = {}
    everywhere: Index = {}
    for prov in dv.provinces():
        _add_names(provinces, prov)
        in_prov = province_counties.setdefault(prov.code, {})
        for child in dv.children(prov.code):
            _add_names(under.setdefault(prov.code, {}), child)
            _add_names(everywhere, child)
            if child.level == 3:
                _add_names(in_prov, child)
            for county in dv.children(child.code):
                if county.level == 3:
                    _add_names(under.setdefault(child.code, {}), county)
                    _add_names(in_prov, county)
                    _add_names(everywhere, county)
    for idx in (provinces, everywhere, *under.values(), *province_counties.values()):
        _sorted(idx)
    return AddressIndex(provinces, under, province_counties, everywhere)


@lru_cache(maxsize=None)
def townships_under(parent: str) -> Index:
    """Township names of the counties under a prefecture (or a 直辖市 / province for counties
    directly under it): to name the county a clerk left out (河南省郑州市城关镇…)."""
    index: Index = {}
    for county in dv.children(parent):
        if county.level == 3:
            for town in dv.children(county.code):
                _add(index, town.name, town, True)
    return _sorted(index)


@lru_cache(maxsize=None)
def direct_towns(prefecture: str) -> Index:
    """Townships directly under a prefecture that also has counties (大兴安岭地区, 海西州 …)."""
    index: Index = {}
    for town in dv.children(prefecture):
        if town.level == 4:
            _add(index, town.name, town, True)
    return _sorted(index)


def match(index: Index | None, text: str, pos: int) -> list[Candidate]:
    """Candidates whose key starts `text` at `pos`, longest first."""
    if not index:
        return []
    cands = index.get(text[pos:pos + 2])
    if not cands:
        return []
    return [c for c in cands if text.startswith(c.key, pos)]


class Scan:
    """Matching over one text that remembers how far it looked (`horizon`): the result of a
    scan depends only on text[:horizon], which makes that prefix a safe cache key."""

    __slots__ = ("text", "horizon")

    def __init__(self, text: str) -> None:
        self.text = text
        self.horizon = 0

    def match(self, index: Index | None, pos: int) -> list[Candidate]:
        cands = index.get(self.text[pos:pos + 2]) if index else None
        if not cands:
            self.horizon = max(self.horizon, pos + 2)
            return []
        self.horizon = max(self.horizon, pos + len(cands[0].key))   # longest first
        return [c for c in cands if self.text.startswith(c.key, pos)]

    def startswith(self, word: str, pos: int) -> bool:
        self.horizon = max(self.horizon, pos + len(word))
        return self.text.startswith(word, pos)
