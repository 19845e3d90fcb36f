"""Area codes of identity numbers: the codes with their years of use (python-stdnum's cn/loc.dat
plus today's county table, parsed once), which findings a code gets on a number of a role, and
the 港澳台居民居住证 codes.

港澳台居民居住证 numbers are 18-character identity numbers with the same checksum and the area
codes 810000 (香港), 820000 (澳门), 830000 (台湾): `permit_region` names the region, and they
never get an area-history finding (the code says where the holder comes from, not when a
county existed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from validators.errors import InvalidComponent

# 港澳台居民居住证 (residence permits for residents of Hong Kong, Macao and Taiwan, since 2018)
PERMIT_REGIONS = {"810000": "香港", "820000": "澳门", "830000": "台湾"}


@dataclass(frozen=True, slots=True)
class AreaPeriod:
    name: str
    start: int | None   # first year the code was in use (None: before records)
    end: int | None     # last year (None: still in use)


def check_area(area: str) -> None:
    """Raise InvalidComponent(part='area') when the code never existed. A code that existed in
    other years only is not an error here (see `area_period_issue`)."""
    if area not in _area_table() and area not in PERMIT_REGIONS:
        raise InvalidComponent(part="area", code="id.area_unknown", area=area)


def permit_region(area: str) -> str | None:
    """香港 / 澳门 / 台湾 for the area code of a 港澳台居民居住证 number, else None."""
    return PERMIT_REGIONS.get(area)


def permit_label(label: str, area: str) -> str:
    """公民身份号码 → 公民身份号码（台湾居民居住证）: messages about a permit number name it."""
    region = PERMIT_REGIONS.get(area)
    return f"{label}（{region}居民居住证）" if region else label


def area_period_issue(area: str, year: int, until: int | None = None) -> dict[str, object] | None:
    """When the code was not in use in any year of [year, until] (until defaults to year):
    params for the id.area_period warning. Used for a child's number, which is given at birth
    registration (so its code must have been in use in the birth year); see `area_issue`."""
    if area in PERMIT_REGIONS:
        return None
    periods = _area_table().get(area)
    if not periods:
        return None
    last = year if until is None else max(year, until)
    for p in periods:
        if (p.start is None or last >= p.start) and (p.end is None or year <= p.end):
            return None
    latest = max(periods, key=lambda p: p.start or 0)
    if latest.start and year < latest.start and all((p.start or 0) > year for p in periods):
        why = f"尚未设立（{latest.start}年起使用）"
    else:
        ended = max(p.end for p in periods if p.end is not None)
        why = f"已撤销（{ended}年停用）"
    return {"area": area, "area_name": latest.name, "year": year, "why": why}


def is_child_role(role: str | None) -> bool:
    return role in (None, "child")


def area_findings(role: str | None, area: str, birth_year: int) -> list[tuple[str, dict]]:
    """(code, params) of the findings an existing area code gets on a number of this role
    (they depend on nothing else, so the bulk run checks one number per area and year).

    A child's number is given at birth registration: a code not in use in the birth year is
    worth a look (late registration happens: id.area_period, a warning), and a child holding a
    港澳台居民居住证 is not a registered resident (id.permit_child, a warning). An adult's number
    was given with the first ID card, which many rural people got late (often only the
    second-generation card after 2004), and a county may have been renumbered since; so for
    adults (parents, guardian, carer) any code that was ever valid is normal and gets no finding;
    only a code that never existed is one (id.area_unknown, an error, raised by check_area)."""
    if not is_child_role(role):
        return []
    region = PERMIT_REGIONS.get(area)
    if region:
        return [("id.permit_child", {"region": region, "area": area})]
    issue = area_period_issue(area, birth_year)
    return [("id.area_period", issue)] if issue else []


@lru_cache(maxsize=1 << 14)
def same_county(area: str, county: str | None) -> bool:
    """`area` is an earlier code of `county`: the same province and the same name without its
    level word (淅川县 412927 → 411326 in 1994, 黄陂县 → 黄陂区), in the same prefecture unless
    the name is unique in the province. IDs never change, so children born before a county was
    renumbered carry the old code."""
    from validators import divisions
    if not county or area[:2] != county[:2] or area == county:
        return area == county
    stem = divisions.name(county)[:-1]
    names = {p.name[:-1] for p in _area_table().get(area, ())}
    if not stem or stem not in names:
        return False
    return area[:4] == county[:4] or _stem_counts()[(county[:2], stem)] == 1


@lru_cache(maxsize=1)
def _stem_counts() -> dict[tuple[str, str], int]:
    """(province, county name without its level word) → how many counties have it now."""
    from collections import Counter
    from validators import divisions
    return Counter((c[:2], divisions.name(c)[:-1]) for c in divisions.county_level_codes())


def area_name(area: str) -> str | None:
    periods = _area_table().get(area)
    return max(periods, key=lambda p: p.start or 0).name if periods else None


_PERIOD = re.compile(r"\[(\d*)-(\d*)\](.*)")


@lru_cache(maxsize=1)
def _area_table() -> dict[str, tuple[AreaPeriod, ...]]:
    """area code → its periods, from stdnum's cn/loc.dat plus today's county table."""
    import stdnum.cn
    table: dict[str, tuple[AreaPeriod, ...]] = {}
    province = ""
    for line in (Path(stdnum.cn.__file__).parent / "loc.dat").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            province = line[:2]
            continue
        code, _, rest = line.strip().partition(" ")
        names = rest.partition("=")[2].strip().strip('"')
        table[province + code] = tuple(_parse_period(n) for n in names.split(","))
    from validators import divisions
    for code in divisions.county_level_codes():
        table.setdefault(code, (AreaPeriod(divisions.name(code), None, None),))
    return table


def _parse_period(text: str) -> AreaPeriod:
    m = _PERIOD.fullmatch(text)
    if not m:
        return AreaPeriod(text, None, None)
    return AreaPeriod(m[3], int(m[1]) if m[1] else None, int(m[2]) if m[2] else None)
