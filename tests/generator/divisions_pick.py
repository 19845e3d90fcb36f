"""Real places for generated addresses: county pools from the bundled division table and
addresses written 省 + 市 + 县 + 乡镇/街道 + detail (直辖市 and province-run counties have no
prefecture; 东莞, 中山, 嘉峪关, 儋州 go straight to the township)."""
from __future__ import annotations

import random
from functools import lru_cache

from generator import ids
from validators import divisions as dv

# places people migrate from often, weighted up in the 户籍 pool
SOURCE_PROVINCES = ("41", "51", "34", "43", "36", "52", "42", "45", "50", "13", "37", "61")
# the exotic shapes every sheet should meet now and then
SPECIAL_COUNTIES = ("110105", "310115", "500101", "429004", "429005", "441900", "442000",
                    "620200", "460400", "469005", "659001")
EXCLUDED_PROVINCES = ("71", "81", "82")
ROADS = ("人民路", "解放路", "建设路", "光明路", "幸福路", "和平路", "团结路", "胜利路",
         "新华路", "文化路", "青年路", "长江路", "黄河路", "育才路", "东风路", "工农路")
CITY_ROADS = ("中山路", "北京路", "南京路", "延安路", "长沙路", "上海路", "珠江路", "湘江路")
VILLAGE_HEADS = ("王庄", "李家", "张湾", "刘营", "陈岗", "杨树", "赵楼", "孙洼", "周寨", "吴桥",
                 "高庄", "马坡", "朱楼", "胡营", "林场", "何湾", "郭店", "罗山", "梁庄", "宋岗")


@lru_cache(maxsize=1)
def county_codes() -> tuple[str, ...]:
    """Every current county-level unit outside 港澳台."""
    return tuple(c for c in dv.county_level_codes() if c[:2] not in EXCLUDED_PROVINCES)


@lru_cache(maxsize=1)
def stable_counties() -> tuple[str, ...]:
    """Counties that have existed since 2008 at least, under their code or an earlier one of the
    same county (密云区 110118 was 密云县 110228 until 2015): children's IDs carry the code of
    their birth year, and IDs never change."""
    return tuple(c for c in county_codes() if area_in_year(c, 2008) is not None)


def area_in_year(county: str, year: int) -> str | None:
    """The code the county had in `year`: its own, or an earlier code of the same county (same
    province, same name without 县/区/市), the same prefecture's preferred; None if neither."""
    if ids.valid_in(county, year):
        return county
    stem = dv.name(county)[:-1]
    olds = [code for code, first, last in _codes_by_stem().get((county[:2], stem), ())
            if (first is None or first <= year) and (last is None or year <= last) and code != county]
    olds.sort(key=lambda code: code[:4] != county[:4])
    return olds[0] if olds else None


@lru_cache(maxsize=1)
def _weighted_pool() -> tuple[str, ...]:
    base = stable_counties()
    heavy = tuple(c for c in base if c[:2] in SOURCE_PROVINCES)
    special = tuple(c for c in SPECIAL_COUNTIES if c in base)
    return base + heavy * 2 + special * 20


def pick_hukou_county(rng: random.Random, birth_year: int, avoid: str | None = None) -> str:
    """A county a child's 户籍 can be in, with a code in the birth year (area_in_year), not
    `avoid` nor, when `avoid` is a 市辖区, a sister district of its city (that is a warning of
    its own, injected by w_city_districts)."""
    pool = _weighted_pool()
    while True:
        code = rng.choice(pool)
        if (code != avoid and area_in_year(code, birth_year) and _not_inside(code, avoid)
                and not _sister_districts(code, avoid)):
            return code


def _sister_districts(code: str, other: str | None) -> bool:
    return (other is not None and dv.is_city_district(code) and dv.is_city_district(other)
            and dv.prefecture_of(code) == dv.prefecture_of(other))


def _not_inside(code: str, county: str | None) -> bool:
    """A different county and, when `county` is a prefecture without counties, not under it."""
    return county is None or (code != county and dv.county_of(code) != dv.county_of(county))


def pick_other_county(rng: random.Random, avoid: str) -> str:
    return pick_hukou_county(rng, 2010, avoid)


def adult_area(rng: random.Random, home: str, birth_year: int) -> str:
    """The area code in an adult's ID: the code the family's county had when the ID was first
    issued. That was at 16, or in the 1984–1991 roll-out for older people, and for many rural
    people much later (often only the second-generation card, 2004–2008). ID numbers never
    change, so a county renumbered or renamed since then (淅川县 412927 → 411326 in 1994,
    黄陂县 → 黄陂区) leaves the old code, and a late card carries a code created after the
    person's birth."""
    year = max(birth_year + 16, 1986)
    if rng.random() < 0.35:
        year = min(max(year, rng.randrange(1995, 2009)), 2008)      # a late first card
    code = area_in_year(home, year)
    if code:
        return code
    # no code of that county then: the person was first registered nearby
    nearby = _in_use_then(home[:4], year) or _in_use_then(home[:2], year)
    return rng.choice(nearby) if nearby else home


@lru_cache(maxsize=None)
def _in_use_then(prefix: str, year: int) -> tuple[str, ...]:
    """Area codes under a prefecture/province prefix that were in use in `year`."""
    return tuple(sorted(c for c, periods in ids.area_periods().items() if c.startswith(prefix)
                        and not c.endswith("00") and ids.valid_in(c, year)
                        and all(name != "市辖区" for _, _, name in periods)))


@lru_cache(maxsize=1)
def _codes_by_stem() -> dict[tuple[str, str], tuple[tuple[str, int | None, int | None], ...]]:
    """(province, county name without 县/区/市) → every (code, first year, last year) it had."""
    out: dict[tuple[str, str], list] = {}
    for code, periods in ids.area_periods().items():
        for first, last, name in periods:
            out.setdefault((code[:2], name[:-1]), []).append((code, first, last))
    return {k: tuple(v) for k, v in out.items()}


def same_prefecture_district(rng: random.Random, county: str) -> str | None:
    """Another 市辖区 of the same city (for the city-districts warning), if there is one."""
    d = dv.get(county)
    if d is None:
        return None
    others = [c.code for c in dv.children(d.parent) if c.code != county and dv.is_city_district(c.code)
              and ids.valid_since(c.code, 2008)]
    return rng.choice(sorted(others)) if others else None


def division_names(code: str) -> str:
    """省 + 市 + 县 names as the form asks: 河南省南阳市淅川县, 北京市朝阳区, 广东省东莞市."""
    return dv.full_name(code)


def township(rng: random.Random, county: str) -> str:
    towns = _towns(county)
    return rng.choice(towns) if towns else ""


@lru_cache(maxsize=None)
def _towns(county: str) -> tuple[str, ...]:
    return tuple(d.name for d in dv.children(county) if d.level == 4)


def townships_of(county: str) -> tuple[str, ...]:
    return _towns(county)


def detail(rng: random.Random, town: str) -> str:
    """乡镇/街道 + 村/社区 + house: 荆紫关镇王庄村3组12号, 新华街道人民路118号."""
    if town.endswith("街道") or rng.random() < 0.3:
        return f"{town}{rng.choice(ROADS)}{rng.randrange(1, 400)}号"
    return f"{town}{rng.choice(VILLAGE_HEADS)}村{rng.randrange(1, 12)}组{rng.randrange(1, 90)}号"


def address(rng: random.Random, county: str, town: str | None = None) -> str:
    """A full address in the county: 省 + 市 + 县 + 乡镇 (`town`, else a random one) + detail."""
    names = division_names(county)
    if not names:
        raise KeyError(f"county {county} is not in the division table")
    return names + detail(rng, town or township(rng, county))


def place_names(code: str) -> list[str]:
    """The names from the province down (for dropping one level in an injection)."""
    return [d.name for d in dv.path(code)]


@lru_cache(maxsize=1)
def _unique_county_names() -> tuple[tuple[str, str], ...]:
    """(province prefix, name) of county names that exist once in the whole country."""
    counts: dict[str, int] = {}
    for c in county_codes():
        counts[dv.get(c).name] = counts.get(dv.get(c).name, 0) + 1
    return tuple((c[:2], dv.get(c).name) for c in county_codes()
                 if dv.get(c).level == 3 and counts[dv.get(c).name] == 1 and len(dv.get(c).name) >= 3)


def unique_county_elsewhere(rng: random.Random, province: str) -> str:
    """A county name from another province that exists only once in the whole country."""
    return rng.choice([n for p, n in _unique_county_names() if p != province])


@lru_cache(maxsize=1)
def _ambiguous() -> tuple[tuple[str, str], ...]:
    """(province code, county name) where the name is used by two counties of that province."""
    seen: dict[tuple[str, str], int] = {}
    for c in county_codes():
        d = dv.get(c)
        if d.level == 3:
            seen[(c[:2], d.name)] = seen.get((c[:2], d.name), 0) + 1
    return tuple(sorted(k for k, v in seen.items() if v > 1))


def ambiguous_county(rng: random.Random) -> tuple[str, str]:
    """A province's full name and a county name that occurs twice in it (桥西区 in 河北省)."""
    province, county = rng.choice(_ambiguous())
    return dv.get(province + "0000").name, county


def is_ambiguous(province: str, county_name: str) -> bool:
    return (province, county_name) in _ambiguous()
