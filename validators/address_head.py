"""The division part at the start of an address (省 + 地 + 县), matched against the name
indexes, with the problem found there (an Issue) and whether the writing was not canonical.

Heads are cached on the prefix the match depended on (`Scan.horizon`): the same few thousand
county prefixes start most addresses of a sheet.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from validators import divisions as dv
from validators.codes import CODES
from validators.findings import Severity
from validators.address_index import Candidate, Scan, address_index, direct_towns, townships_under

_CACHE_LIMIT = 300_000


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    params: dict = field(default_factory=dict)
    suggestion: str | None = None

    @property
    def is_error(self) -> bool:
        return CODES[self.code].severity is Severity.ERROR


@dataclass
class Head:
    """What the start of an address resolved to; `end` counts characters of the spaceless text.
    Cached and shared: never modify one returned by head_of."""

    province: dv.Division
    prefecture: dv.Division | None = None
    county: dv.Division | None = None
    end: int = 0
    changed: bool = False
    error: Issue | None = None
    direct_town: bool = False     # a township directly under a prefecture that has counties


def head_of(text: str) -> Head | None:
    """The divisions at the start of `text` (spaces removed), cached on the prefix they depend on."""
    start = text[:_START]
    for h in _horizons.get(start, ()):
        hit = _heads.get(text[:h])
        if hit is not None:
            return hit
    scan = Scan(text)
    head = _scan_head(scan)
    if head is None or scan.horizon > len(text):   # looked past the end: the whole text decided
        return head
    if len(_heads) >= _CACHE_LIMIT:
        _heads.clear()
        _horizons.clear()
    _heads[text[:scan.horizon]] = head
    seen = _horizons.setdefault(start, [])
    if scan.horizon not in seen:
        seen.append(scan.horizon)
    return head


_START = 6                                  # horizons are kept per first 6 characters
_heads: dict[str, "Head"] = {}
_horizons: dict[str, list[int]] = {}


def _scan_head(scan: Scan) -> Head | None:
    idx = address_index()
    provs = scan.match(idx.provinces, 0)
    if not provs:
        return _without_province(scan)
    prov = dv.get(provs[0].code)
    pos = len(provs[0].key)
    pos, repeated = _skip_repeats(scan, pos, prov)
    head = _below_province(scan, pos, prov, changed=repeated or not provs[0].full)
    if head.error is not None and not provs[0].full:
        # 吉林市舒兰市…: the short province name is the start of a prefecture's (the province
        # was left out), not the province itself
        other = _without_province(scan)
        if other is not None and other.county is not None:
            return other
    return head


def _skip_repeats(scan: Scan, pos: int, prov: dv.Division) -> tuple[int, bool]:
    """北京市北京市朝阳区 / 北京市市辖区朝阳区: skip the repeated level of a 直辖市."""
    if prov.code not in dv.MUNICIPALITIES:
        return pos, False
    start = pos
    for word in (prov.name, prov.name[:-1], "市辖区", "辖区", "县"):
        if scan.startswith(word, pos) and not scan.match(address_index().under.get(prov.code), pos):
            pos += len(word)
    return pos, pos != start


def _below_province(scan: Scan, pos: int, prov: dv.Division, changed: bool) -> Head:
    idx = address_index()
    if prov.code not in idx.under:          # 香港, 澳门: no lower levels in the table
        return Head(prov, end=pos, changed=changed)
    cands = scan.match(idx.under.get(prov.code), pos)
    tried: list[Head] = []
    for cand in (c for c in cands if c.full):
        tried.append(_take(scan, pos, prov, cand, changed))
        if tried[-1].error is None:
            return tried[-1]
    counties = scan.match(idx.province_counties.get(prov.code), pos)
    if counties:
        tried.append(_inferred_prefecture(pos, prov, counties, changed))
        if tried[-1].error is None:
            return tried[-1]
    for cand in (c for c in cands if not c.full):     # 济南市中区 = 济南 + 市中区
        tried.append(_take(scan, pos, prov, cand, True))
        if tried[-1].error is None:
            return tried[-1]
    return tried[0] if tried else _no_county(scan, pos, prov, prov, changed)


def _take(scan: Scan, pos: int, prov: dv.Division, cand: Candidate, changed: bool) -> Head:
    changed = changed or not cand.full
    division = dv.get(cand.code)
    end = pos + len(cand.key)
    if cand.level == 3:
        return Head(prov, None, division, end, changed)
    if not dv.has_counties(division.code):
        return Head(prov, division, None, end, changed)
    counties = scan.match(address_index().under.get(division.code), end)
    if not counties:
        return _no_county(scan, end, prov, division, changed)
    county = counties[0]
    return Head(prov, division, dv.get(county.code), end + len(county.key),
                 changed or not county.full)


def _inferred_prefecture(pos: int, prov: dv.Division, counties: list[Candidate],
                         changed: bool) -> Head:
    best = [c for c in counties if len(c.key) == len(counties[0].key)]
    codes = sorted({c.code for c in best})
    if len(codes) > 1:
        where = "、".join(dv.name(dv.get(c).parent) for c in codes)
        return Head(prov, end=pos + len(best[0].key), changed=True, error=Issue(
            "address.ambiguous", {"county": best[0].key, "province": prov.name, "candidates": where}))
    county = dv.get(codes[0])
    parent = dv.get(county.parent)
    prefecture = parent if parent.level == 2 else None
    return Head(prov, prefecture, county, pos + len(best[0].key),
                 changed or prefecture is not None or not best[0].full)


def _no_county(scan: Scan, pos: int, prov: dv.Division, parent: dv.Division,
               changed: bool) -> Head:
    """Nothing of the next level at `pos`: a division from elsewhere (mismatch), or a missing
    county; when a township named next belongs to one county only, that county is filled in
    (the error stays, the suggestion names the county)."""
    prefecture = parent if parent.level == 2 else None
    if prefecture is not None and scan.match(direct_towns(parent.code), pos):
        return Head(prov, prefecture, None, pos, changed, direct_town=True)   # 大兴安岭 加格达奇…
    error = _misplaced(scan, pos, parent.name)
    if error.code == "address.no_county":
        towns = scan.match(townships_under(parent.code), pos)
        best = {dv.get(c.code).parent for c in towns if len(c.key) == len(towns[0].key)} if towns else set()
        if len(best) == 1:
            return Head(prov, prefecture, dv.get(best.pop()), pos, True, error)
    return Head(prov, prefecture, None, pos, changed, error)


def _misplaced(scan: Scan, pos: int, parent_name: str) -> Issue:
    """No child of the parent here: a division from elsewhere (mismatch) or none (no county).
    Only a full name counts as a division from elsewhere: a short one is too often the start of
    a road or a place (南阳市中山路12号 names 中山路, not 中山市)."""
    other = [c for c in scan.match(address_index().everywhere, pos) if c.full]
    if other:
        return Issue("address.mismatch", {"part": other[0].key, "parent": parent_name})
    return Issue("address.no_county")


def _without_province(scan: Scan) -> Head | None:
    """No province: infer it from a unique prefecture or county name at the start."""
    cands = scan.match(address_index().everywhere, 0)
    if not cands:
        return None
    best = [c for c in cands if len(c.key) == len(cands[0].key)]
    if len({c.code for c in best}) > 1:
        return None
    prov = dv.path(best[0].code)[0]
    head = _take(scan, 0, prov, best[0], True)
    if head.error is None and head.county is not None and head.prefecture is None:
        parent = dv.get(head.county.parent)
        head.prefecture = parent if parent.level == 2 else None
    if head.error is None or head.error.code != "address.no_county":
        head.error = Issue("address.no_province")      # 南阳市中山路12号: the county is what is missing
    return head
