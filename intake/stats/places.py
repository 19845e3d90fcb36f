"""Where an address is, column-wise: its province and its prefecture-level unit (written with
its province: 河南省南阳市; a 直辖市 stands for itself; a county-level city directly under a
province, 湖北省仙桃市, for itself), and whether it lies in a given county.

Fast path: one polars regex over the column (the full names of the provinces and of the units
under them, as the form asks them to be written). What it cannot place (short forms such as
四川仪陇县, a missing prefecture, a typo) goes through validators.address.resolve once per
distinct text. 200,000 addresses take about 0.2 s when most are written in full.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from validators import address
from validators import divisions as dv

PROVINCE, PREFECTURE, IN_COUNTY = "province", "prefecture", "in_county"


@dataclass(frozen=True)
class _Names:
    pattern: str                               # ^(province)(unit under it)?
    provinces: frozenset[str]
    municipalities: frozenset[str]
    units: dict[tuple[str, str], str]          # (province, unit name) -> label


@lru_cache(maxsize=1)
def _names() -> _Names:
    provinces = dv.provinces()
    municipalities = frozenset(dv.name(c) for c in dv.MUNICIPALITIES)
    units: dict[tuple[str, str], str] = {}
    for p in provinces:
        if p.name in municipalities:
            continue
        for d in dv.children(p.code):
            if d.level in (2, 3):                 # a prefecture, or a county-level city under the province
                units[(p.name, d.name)] = p.name + d.name
    alt = lambda names: "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))  # noqa: E731
    pattern = f"^({alt(p.name for p in provinces)})({alt({u for _p, u in units})})?"
    return _Names(pattern, frozenset(p.name for p in provinces), municipalities, units)


def _resolved(text: str) -> tuple[str | None, str | None, str | None]:
    """(province, prefecture label, county code) by the full address check."""
    found = address.resolve(text).resolved
    if found is None:
        return None, None, None
    province = found.province_name
    if found.province_name in _names().municipalities:
        return province, province, found.county
    if found.prefecture_name:
        return province, province + found.prefecture_name, found.county
    if found.county_name and found.county_code and dv.get(found.county_code) and \
            dv.get(found.county_code).parent == found.province_code:
        return province, province + found.county_name, found.county
    return province, None, found.county


def places(column: pl.Series, county: str | None = None) -> pl.DataFrame:
    """One row per value: province, prefecture (labels; None when not placed) and, with a county
    code, in_county (None for a blank value)."""
    names = _names()
    text = column.cast(pl.Utf8).str.replace_all(r"\s+", "")
    frame = pl.DataFrame({"text": text}).with_columns(
        pl.col("text").str.extract_groups(names.pattern).struct.rename_fields(["p", "u"]).alias("g")).unnest("g")
    pairs = pl.DataFrame({"p": [p for p, _u in names.units], "u": [u for _p, u in names.units],
                          "label": list(names.units.values())})
    frame = frame.with_row_index("_i").join(pairs, on=["p", "u"], how="left").sort("_i")
    municipal = pl.col("p").is_in(list(names.municipalities))
    frame = frame.with_columns(prefecture=pl.when(municipal).then(pl.col("p")).otherwise(pl.col("label")),
                               province=pl.col("p"))
    frame = _slow_path(frame, county)
    out = frame.select(PROVINCE, PREFECTURE)
    if county:
        out = out.with_columns(frame["in_county"])
    return out


def _slow_path(frame: pl.DataFrame, county: str | None) -> pl.DataFrame:
    """Addresses the regex did not place (and, with a county, every address naming the county
    or not placed) are resolved one distinct text at a time."""
    need = pl.col("text").is_not_null() & (pl.col("text") != "") & pl.col("prefecture").is_null()
    if county:
        frame = frame.with_columns(in_county=_fast_in_county(county))
        need = need | (pl.col("text").is_not_null() & pl.col("in_county").is_null())
    todo = frame.filter(need)["text"].unique().to_list()
    if not todo:
        return frame
    found = [_resolved(t) for t in todo]
    fixes = pl.DataFrame({"text": todo, "p2": [f[0] for f in found], "f2": [f[1] for f in found],
                          "c2": [f[2] for f in found]}, schema={"text": pl.Utf8, "p2": pl.Utf8, "f2": pl.Utf8, "c2": pl.Utf8})
    frame = frame.join(fixes, on="text", how="left").sort("_i")
    frame = frame.with_columns(province=pl.coalesce("province", "p2"), prefecture=pl.coalesce("prefecture", "f2"))
    if county:
        home = dv.county_of(county) or county
        frame = frame.with_columns(in_county=pl.coalesce("in_county", pl.when(pl.col("c2").is_not_null())
                                                           .then(pl.col("c2") == home)))
    return frame


def _fast_in_county(county: str) -> pl.Expr:
    """True / False where the regex's province and unit decide it (another province or unit:
    False; the county's own unit with the county's name right after: True); None otherwise."""
    chain = dv.path(county)
    province = chain[0].name if chain else None
    unit = next((d.name for d in chain[1:] if d.level == 2), None)
    name = dv.name(county)
    other = pl.col("p").is_not_null() & ((pl.col("p") != province) | (
        pl.col("u").is_not_null() & (pl.col("u") != (unit or name))))
    head = f"{province}{unit or ''}" + (name if name != unit else "")
    own = pl.col("text").str.starts_with(head)
    return pl.when(pl.col("text").is_null() | (pl.col("text") == "")).then(None) \
        .when(other).then(False).when(own).then(True).otherwise(None)
