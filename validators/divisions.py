"""China's administrative divisions (MCA table as of 2025-12-31, levels 1–4), read once, lazily,
from resources/divisions/divisions.tsv.gz (see resources/divisions/refresh.py).

Level 1 province (省级), 2 prefecture (地级), 3 county (县级), 4 township (乡级, 9-digit code).
Counties of a 直辖市 and county-level cities directly under a province (湖北省仙桃市) have the
province as parent; prefecture-level cities without counties (东莞, 中山, 嘉峪关, 儋州) are the
parent of their townships.
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache

from resources import RESOURCES_DIR

DATA_FILE = RESOURCES_DIR / "divisions" / "divisions.tsv.gz"
MUNICIPALITIES = ("110000", "120000", "310000", "500000")   # 直辖市

# ethnic names (GB 3304) as they appear inside 自治州/自治县/自治旗 names, longest first
_ETHNIC = sorted("""蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲
高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒
乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各""".split(),
                 key=len, reverse=True)
_PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市")


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    parent: str
    level: int
    name: str


@dataclass(frozen=True)
class _Table:
    by_code: dict[str, Division]
    children: dict[str, tuple[str, ...]]
    data_as_of: str


@lru_cache(maxsize=1)
def _table() -> _Table:
    by_code: dict[str, Division] = {}
    children: dict[str, list[str]] = {}
    as_of = ""
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                if line.startswith("# data_as_of:"):
                    as_of = line.split(":", 1)[1].strip()
                continue
            code, parent, level, name = line.rstrip("\n").split("\t")
            by_code[code] = Division(code, parent, int(level), name)
            if parent:
                children.setdefault(parent, []).append(code)
    return _Table(by_code, {k: tuple(v) for k, v in children.items()}, as_of)


def data_as_of() -> str:
    return _table().data_as_of


def get(code: str) -> Division | None:
    return _table().by_code.get(code)


def children(code: str) -> tuple[Division, ...]:
    t = _table()
    return tuple(t.by_code[c] for c in t.children.get(code, ()))


def all_divisions() -> tuple[Division, ...]:
    return tuple(_table().by_code.values())


def provinces() -> tuple[Division, ...]:
    return tuple(d for d in _table().by_code.values() if d.level == 1)


def name(code: str) -> str:
    """The division's own name ('' for an unknown code)."""
    d = get(code)
    return d.name if d else ""


def path(code: str) -> tuple[Division, ...]:
    """Province … division, top first."""
    out: list[Division] = []
    d = get(code)
    while d is not None:
        out.append(d)
        d = get(d.parent) if d.parent else None
    return tuple(reversed(out))


def full_name(code: str) -> str:
    """广东省东莞市长安镇, 北京市朝阳区, 湖北省仙桃市: the names from the province down."""
    return "".join(d.name for d in path(code))


def has_counties(code: str) -> bool:
    """A prefecture with county-level children (东莞, 中山, 嘉峪关, 儋州 have none)."""
    return code in _with_counties()


@lru_cache(maxsize=1)
def _with_counties() -> frozenset[str]:
    return frozenset(d.parent for d in _table().by_code.values() if d.level == 3)


def county_of(code: str) -> str | None:
    """The county-level unit of a division code: the county itself, the county of a township,
    or a prefecture-level city standing for its own county (东莞 441900, and the prefecture of
    a township directly under it, e.g. 大兴安岭地区 for 劲松镇)."""
    d = get(code)
    if d is None:
        return None
    if d.level == 4:
        parent = get(d.parent)
        return parent.code if parent is not None and parent.level in (2, 3) else None
    if d.level == 3 or (d.level == 2 and not has_counties(d.code)):
        return d.code
    return None


def prefecture_of(code: str) -> str | None:
    """The prefecture-level city a county (or township) belongs to; a 直辖市 for its districts;
    None for a county-level city directly under a province (仙桃) or a province."""
    for d in reversed(path(code)):
        if d.level == 2:
            return d.code
    top = path(code)
    if len(top) > 1 and top[0].code in MUNICIPALITIES:
        return top[0].code
    return None


def is_city_district(code: str) -> bool:
    """A 市辖区: a district (区, not 林区/特区) under a prefecture-level city or a 直辖市."""
    d = get(code)
    if d is None or d.level != 3 or not d.name.endswith("区") or d.name.endswith(("林区", "特区")):
        return False
    parent = get(d.parent)
    return parent is not None and (parent.code in MUNICIPALITIES or parent.name.endswith("市"))


def county_level_codes() -> tuple[str, ...]:
    """Every county-level unit (with the prefecture-level cities that have no counties)."""
    t = _table()
    return tuple(c for c, d in t.by_code.items()
                 if d.level == 3 or (d.level == 2 and not has_counties(c)))


def county_tree() -> list[tuple[Division, list[tuple[Division | None, list[Division]]]]]:
    """Province > prefecture > county, for a county picker. Counties directly under a province
    come under prefecture None; a prefecture-level city without counties lists itself."""
    tree = []
    for prov in provinces():
        groups: list[tuple[Division | None, list[Division]]] = []
        direct = [d for d in children(prov.code) if d.level == 3]
        if direct:
            groups.append((None, direct))
        for pref in (d for d in children(prov.code) if d.level == 2):
            counties = [d for d in children(pref.code) if d.level == 3] or [pref]
            groups.append((pref, counties))
        tree.append((prov, groups))
    return tree


def strip_ethnic(stem: str) -> str:
    """延边朝鲜族 → 延边, 海西蒙古族藏族 → 海西, 博尔塔拉蒙古 → 博尔塔拉 (what precedes 自治州)."""
    changed = True
    while changed:
        changed = False
        for e in _ETHNIC:
            for tail in (e + "族", e if len(e) > 1 else None):
                if tail and stem.endswith(tail) and len(stem) - len(tail) >= 2:
                    stem, changed = stem[: -len(tail)], True
                    break
            if changed:
                break
    return stem


def short_forms(d: Division) -> tuple[str, ...]:
    """Other ways people write the division's name (without its level word)."""
    n = d.name
    forms: list[str] = []
    if d.level == 1:
        for suffix in _PROVINCE_SUFFIXES:
            if n.endswith(suffix) and len(n) - len(suffix) >= 2:
                forms.append(n[: -len(suffix)])
                break
        if "自治区" in n and forms:
            forms.append(forms[0] + "省")       # 广西省, 新疆省: a common mistake
    elif d.level == 2:
        if n.endswith("自治州"):
            forms.append(strip_ethnic(n[:-3]))
            forms.append(forms[-1] + "州")
        for suffix in ("地区", "盟", "市"):
            if n.endswith(suffix) and len(n) - len(suffix) >= 2:
                forms.append(n[: -len(suffix)])
    elif d.level == 3 and n.endswith(("自治县", "自治旗")):
        forms.append(strip_ethnic(n[:-3]) + n[-1])
    return tuple(f for f in dict.fromkeys(forms) if f != n and len(f) >= 2)
