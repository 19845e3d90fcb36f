"""Addresses: 省（自治区、直辖市）+ 地（市、州、盟）+ 县（区、市、旗）+ detail, resolved against
the bundled division table (validators.divisions).

`resolve(value)` returns an AddressCheck: the ResolvedAddress (None when nothing could be
understood) and the issues found (finding code, message params, suggestion); `validate` /
`is_valid` are the python-stdnum style wrappers. Results are cached per cell text: the same
addresses repeat across rows and across the child's, parents' and carers' columns.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from validators import divisions as dv
from validators.address_index import Candidate, Scan, address_index
from validators.errors import InvalidComponent
from validators.text import clean_text, to_half_width

_DETAIL_LEAD = " ,，、.。:：;；-—_/"
_CACHE_LIMIT = 300_000


@dataclass(frozen=True, slots=True)
class ResolvedAddress:
    province_code: str
    province_name: str
    prefecture_code: str | None
    prefecture_name: str | None
    county_code: str | None
    county_name: str | None
    detail: str
    full_text: str           # the canonical writing: full division names + detail

    @property
    def county(self) -> str | None:
        """The county-level unit for comparisons: the county, or a prefecture-level city
        without counties (东莞市) standing for its own county."""
        return self.county_code or (self.prefecture_code if self.prefecture_code and
                                    not dv.has_counties(self.prefecture_code) else None)

    @property
    def is_district(self) -> bool:
        return bool(self.county_code) and dv.is_city_district(self.county_code)

    @property
    def full_name(self) -> str:
        """The division names only: 河南省郑州市金水区."""
        return self.province_name + (self.prefecture_name or "") + (self.county_name or "")


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    params: dict = field(default_factory=dict)
    suggestion: str | None = None

    @property
    def is_error(self) -> bool:
        return self.code != "address.short_form"


@dataclass(frozen=True, slots=True)
class AddressCheck:
    resolved: ResolvedAddress | None
    issues: tuple[Issue, ...] = ()


@dataclass
class _Head:
    province: dv.Division
    prefecture: dv.Division | None = None
    county: dv.Division | None = None
    end: int = 0
    changed: bool = False
    error: Issue | None = None


_cache: dict[str, AddressCheck] = {}


def compact(value: str) -> str:
    return clean_text(to_half_width(value))


def resolve(value: str) -> AddressCheck:
    hit = _cache.get(value)
    if hit is None:
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        hit = _cache[value] = _resolve(value)
    return hit


def validate(value: str) -> ResolvedAddress:
    """The resolved address, or InvalidComponent naming the failed part (short forms pass)."""
    check = resolve(value)
    for issue in check.issues:
        if issue.is_error:
            raise InvalidComponent(part=issue.code.split(".")[1], code=issue.code,
                                   suggestion=issue.suggestion, **issue.params)
    return check.resolved


def is_valid(value: str) -> bool:
    try:
        return validate(value) is not None
    except InvalidComponent:
        return False


def _resolve(value: str) -> AddressCheck:
    half = compact(value)
    text = "".join(half.split())
    head = _head(text)
    if head is None:
        return AddressCheck(None, (Issue("address.no_province"),))
    detail = _detail_after(half, head.end)
    resolved = _build(head, detail)
    suggestion = resolved.full_text if resolved.full_text != half else None
    if head.error is not None:
        issue = head.error
        if issue.code == "address.no_province" and head.county is not None:
            issue = Issue(issue.code, issue.params, suggestion)
        return AddressCheck(resolved if head.error.code != "address.ambiguous" else None, (issue,))
    if not detail:
        return AddressCheck(resolved, (Issue("address.no_detail"),))
    if head.changed and suggestion:
        return AddressCheck(resolved, (Issue("address.short_form", {}, suggestion),))
    return AddressCheck(resolved, ())


def _build(head: _Head, detail: str) -> ResolvedAddress:
    p, f, c = head.province, head.prefecture, head.county
    names = p.name + (f.name if f else "") + (c.name if c else "")
    return ResolvedAddress(p.code, p.name, f.code if f else None, f.name if f else None,
                           c.code if c else None, c.name if c else None, detail, names + detail)


def _detail_after(half: str, end: int) -> str:
    """The text after the first `end` non-space characters of `half`."""
    if " " not in half[:end + 1]:
        return half[end:].lstrip(_DETAIL_LEAD).strip()
    seen = 0
    for i, ch in enumerate(half):
        if seen == end:
            return half[i:].lstrip(_DETAIL_LEAD).strip()
        if not ch.isspace():
            seen += 1
    return ""


def _head(text: str) -> _Head | None:
    """The divisions at the start of `text` (spaces removed), cached on the prefix they depend on."""
    for h in _horizons:
        hit = _heads.get(text[:h])
        if hit is not None:
            return hit
    scan = Scan(text)
    head = _scan_head(scan)
    if head is None or scan.horizon > len(text):   # looked past the end: the whole text decided
        return head
    if len(_heads) >= _CACHE_LIMIT:
        _heads.clear()
    _heads[text[:scan.horizon]] = head
    if scan.horizon not in _horizons:
        _horizons.append(scan.horizon)
    return head


_heads: dict[str, _Head] = {}
_horizons: list[int] = []


def _scan_head(scan: Scan) -> _Head | None:
    idx = address_index()
    provs = scan.match(idx.provinces, 0)
    if not provs:
        return _without_province(scan)
    prov = dv.get(provs[0].code)
    pos = len(provs[0].key)
    pos, repeated = _skip_repeats(scan, pos, prov)
    return _below_province(scan, pos, prov, changed=repeated or not provs[0].full)


def _skip_repeats(scan: Scan, pos: int, prov: dv.Division) -> tuple[int, bool]:
    """北京市北京市朝阳区 / 北京市市辖区朝阳区: skip the repeated level of a 直辖市."""
    if prov.code not in dv.MUNICIPALITIES:
        return pos, False
    start = pos
    for word in (prov.name, prov.name[:-1], "市辖区", "辖区", "县"):
        if scan.startswith(word, pos) and not scan.match(address_index().under.get(prov.code), pos):
            pos += len(word)
    return pos, pos != start


def _below_province(scan: Scan, pos: int, prov: dv.Division, changed: bool) -> _Head:
    idx = address_index()
    cands = scan.match(idx.under.get(prov.code), pos)
    full = [c for c in cands if c.full]
    if full:
        return _take(scan, pos, prov, full[0], changed)
    counties = scan.match(idx.province_counties.get(prov.code), pos)
    if counties:
        return _inferred_prefecture(pos, prov, counties, changed)
    if cands:
        return _take(scan, pos, prov, cands[0], True)
    return _Head(prov, end=pos, changed=changed, error=_misplaced(scan, pos, prov.name))


def _take(scan: Scan, pos: int, prov: dv.Division, cand: Candidate, changed: bool) -> _Head:
    changed = changed or not cand.full
    division = dv.get(cand.code)
    end = pos + len(cand.key)
    if cand.level == 3:
        return _Head(prov, None, division, end, changed)
    if not dv.has_counties(division.code):
        return _Head(prov, division, None, end, changed)
    counties = scan.match(address_index().under.get(division.code), end)
    if not counties:
        return _Head(prov, division, None, end, changed, _misplaced(scan, end, division.name))
    county = counties[0]
    return _Head(prov, division, dv.get(county.code), end + len(county.key),
                 changed or not county.full)


def _inferred_prefecture(pos: int, prov: dv.Division, counties: list[Candidate],
                         changed: bool) -> _Head:
    best = [c for c in counties if len(c.key) == len(counties[0].key)]
    codes = sorted({c.code for c in best})
    if len(codes) > 1:
        where = "、".join(dv.name(dv.get(c).parent) for c in codes)
        return _Head(prov, end=pos + len(best[0].key), changed=True, error=Issue(
            "address.ambiguous", {"county": best[0].key, "province": prov.name, "candidates": where}))
    county = dv.get(codes[0])
    parent = dv.get(county.parent)
    prefecture = parent if parent.level == 2 else None
    return _Head(prov, prefecture, county, pos + len(best[0].key),
                 changed or prefecture is not None or not best[0].full)


def _misplaced(scan: Scan, pos: int, parent_name: str) -> Issue:
    """No child of the parent here: a division from elsewhere (mismatch) or none (no county)."""
    other = scan.match(address_index().everywhere, pos)
    if other:
        return Issue("address.mismatch", {"part": other[0].key, "parent": parent_name})
    return Issue("address.no_county")


def _without_province(scan: Scan) -> _Head | None:
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
    head.error = Issue("address.no_province")
    return head
