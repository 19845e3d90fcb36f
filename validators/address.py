"""Addresses: 省（自治区、直辖市）+ 地（市、州、盟）+ 县（区、市、旗）+ 乡镇（街道）+ detail,
resolved against the bundled division table (validators.divisions).

The township is the word the detail starts with (validators.township_words.named), looked up among
the county's townships: found, it is the address's `township`; a township word that is not one
of that county's is a warning naming the closest real names (townships merge and get renamed
often, so never an error); a detail naming no township (a road, a village) says nothing.

`resolve(value)` returns an AddressCheck: the ResolvedAddress (None when nothing could be
understood) and the issues found (finding code, message params, suggestion); `validate` /
`is_valid` are the python-stdnum style wrappers. Results are cached per cell text: the same
addresses repeat across rows and across the child's, parents' and carers' columns.
"""
from __future__ import annotations

from itertools import islice
from typing import NamedTuple

from validators import divisions as dv
from validators import township_words, townships
from validators.address_head import Head, Issue, head_of
from validators.errors import InvalidComponent, ValidationError
from validators.redact import preformatted
from validators.text import clean_text, require_text, to_half_width

_DETAIL_LEAD = " ,，、.。:：;；-—_/"
_CACHE_LIMIT = 50_000      # whole-value results (~0.5 kB each); the head cache does the heavy lifting


class ResolvedAddress(NamedTuple):
    """An address resolved against the division table (a NamedTuple: built for every distinct
    address of a sheet, so it must be cheap to make)."""

    province_code: str
    province_name: str
    prefecture_code: str | None
    prefecture_name: str | None
    county_code: str | None
    county_name: str | None
    detail: str
    full_text: str           # the canonical writing: full division names + detail
    unit: str | None = None  # see `county`
    township: str | None = None   # 9-digit code of the township the detail names, if known

    @property
    def county(self) -> str | None:
        """The county-level unit for comparisons: the county, or the prefecture for a city
        without counties (东莞市) or a township directly under the prefecture."""
        return self.unit

    @property
    def is_district(self) -> bool:
        return bool(self.county_code) and dv.is_city_district(self.county_code)

    @property
    def full_name(self) -> str:
        """The division names only: 河南省郑州市金水区."""
        return self.province_name + (self.prefecture_name or "") + (self.county_name or "")


class AddressCheck(NamedTuple):
    resolved: ResolvedAddress | None
    issues: tuple[Issue, ...] = ()


_cache: dict[str, AddressCheck] = {}


def compact(value: str) -> str:
    return clean_text(to_half_width(require_text(value, "address.no_province")))


def resolve(value: str) -> AddressCheck:
    hit = _cache.get(value)
    if hit is None:
        if len(_cache) >= _CACHE_LIMIT:
            for old in list(islice(_cache, _CACHE_LIMIT // 2)):    # drop the older half
                del _cache[old]
        hit = _cache[value] = _resolve(value)
    return hit


def validate(value: str) -> str:
    """The canonical writing (full division names + detail), or InvalidComponent naming the
    failed part; short forms are not errors (use `resolve` for the parts and the warnings)."""
    check = resolve(require_text(value, "address.no_province"))
    for issue in check.issues:
        if issue.is_error:
            exc = InvalidComponent(part=issue.code.split(".")[1], code=issue.code,
                                   suggestion=issue.suggestion)
            exc.params.update(issue.params)     # may hold its own 'part' (the misplaced name)
            raise exc
    return check.resolved.full_text


def is_valid(value: object) -> bool:
    try:
        return bool(validate(value))
    except ValidationError:
        return False


def _resolve(value: str) -> AddressCheck:
    half = compact(value)
    text = "".join(half.split())
    head = head_of(text)
    if head is None:
        return AddressCheck(None, (Issue("address.no_province"),))
    detail = _detail_after(half, head.end)
    resolved = _build(head, detail)
    suggestion = resolved.full_text if resolved.full_text != half else None
    if head.error is not None:
        issue = head.error
        if issue.code in ("address.no_province", "address.no_county") and head.county is not None:
            issue = Issue(issue.code, issue.params, suggestion)
        return AddressCheck(resolved if head.error.code != "address.ambiguous" else None, (issue,))
    if not detail:
        return AddressCheck(resolved, (Issue("address.no_detail"),))
    resolved, town = _township(resolved)
    issues = (Issue("address.short_form", {}, suggestion),) if head.changed and suggestion else ()
    return AddressCheck(resolved, issues + town)


def _township(resolved: ResolvedAddress) -> tuple[ResolvedAddress, tuple[Issue, ...]]:
    """The address with the township its detail names, or the warning for a township word that
    is not one of its county's."""
    key = township_words.named(resolved.detail)
    code, unknown = township_words.lookup(resolved.unit, key)
    if code is not None:      # tuple.__new__: NamedTuple._replace costs a few µs
        return tuple.__new__(ResolvedAddress, (*resolved[:-1], code)), ()
    if not unknown:
        return resolved, ()
    return resolved, (Issue("address.township_unknown",          # names from the table: kept whole
                            {"town": key, "county": dv.name(resolved.unit),
                             "near": preformatted(_near(resolved.unit, key))}),)


def _near(unit: str, name: str) -> str:
    """The clerk's leads: the closest real names, or the neighbouring counties that have it."""
    parts = []
    close = townships.nearest(unit, name)
    if close:
        parts.append("本县（区）相近的有：" + "、".join(close))
    other = townships.elsewhere(unit, name)
    if other:
        parts.append(f"{'、'.join(other[:3])}有“{name}”")
    return "；" + "；".join(parts) if parts else ""


def _build(head: Head, detail: str) -> ResolvedAddress:
    p, f, c = head.province, head.prefecture, head.county
    names = p.name + (f.name if f else "") + (c.name if c else "")
    unit = c.code if c else (f.code if f and (head.direct_town or not dv.has_counties(f.code))
                             else None)
    # tuple.__new__ skips NamedTuple's Python-level __new__: this runs once per distinct address
    return tuple.__new__(ResolvedAddress, (p.code, p.name, f.code if f else None,
                                           f.name if f else None, c.code if c else None,
                                           c.name if c else None, detail, names + detail, unit, None))


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
