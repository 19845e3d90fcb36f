"""Injected address errors: no province, no county, no detail, a county of another province,
an ambiguous county name; and a short form (warning)."""
from __future__ import annotations

from generator import divisions_pick as places
from generator import townships_pick as towns
from generator.injection import Ctx, E, H, W, register


def _address_field(ctx: Ctx, i: int) -> str:
    """An address outside the county check: the 流动 户籍, the 留守 current address, or a parent's."""
    own = "hukou_address" if ctx.setting.form == "liudong" else "current_address"
    return own if ctx.rng.random() < 0.7 else ctx.rng.choice(("father_hukou_address", "mother_current_address"))


def _county_of_field(ctx: Ctx, i: int, key: str) -> str:
    f = ctx.records[i].facts
    if key in ("hukou_address", "father_hukou_address"):
        return f.hukou
    if key == "current_address":
        return f.current
    return ""


def _fresh(ctx: Ctx, i: int, key: str) -> tuple[str, str]:
    """A county (re-used from the record where possible) and a new address detail."""
    county = _county_of_field(ctx, i, key) or ctx.records[i].facts.hukou
    return county, places.detail(ctx.rng, places.township(ctx.rng, county))


@register("address_no_province")
def address_no_province(ctx: Ctx, i: int):
    key = _address_field(ctx, i)
    county, detail = _fresh(ctx, i, key)
    names = places.place_names(county)
    ctx.set(i, key, "".join(names[1:]) + detail)
    return [E(i, key, "address.no_province")]


@register("address_no_province_like_its_city")
def address_no_province_like_its_city(ctx: Ctx, i: int):
    """吉林市舒兰市…: the province left out, the city named like it (吉林 is not the province here)."""
    key = _address_field(ctx, i)
    county = ctx.rng.choice([c for c in places.county_codes() if c.startswith("2202")])
    names = places.place_names(county)
    ctx.set(i, key, "".join(names[1:]) + places.detail(ctx.rng, places.township(ctx.rng, county)))
    return [E(i, key, "address.no_province")]


@register("address_no_county")
def address_no_county(ctx: Ctx, i: int):
    key = _address_field(ctx, i)
    county, _ = _fresh(ctx, i, key)
    names = places.place_names(county)
    above = names[:-1] if len(names) > 1 else names
    road = ctx.rng.choice(places.ROADS + places.CITY_ROADS)       # 中山路 names a road, not 中山市
    if ctx.rng.random() < 0.3:
        above = above[1:] or above                                  # 南阳市中山路12号: no province either
    ctx.set(i, key, "".join(above) + f"{road}{ctx.rng.randrange(1, 300)}号")
    return [E(i, key, "address.no_county")]


@register("address_no_detail")
def address_no_detail(ctx: Ctx, i: int):
    key = _address_field(ctx, i)
    county, _ = _fresh(ctx, i, key)
    ctx.set(i, key, places.division_names(county))
    return [E(i, key, "address.no_detail")]


@register("address_mismatch")
def address_mismatch(ctx: Ctx, i: int):
    key = _address_field(ctx, i)
    county, detail = _fresh(ctx, i, key)
    names = places.place_names(county)
    stranger = places.unique_county_elsewhere(ctx.rng, county[:2])
    ctx.set(i, key, "".join(names[:-1] if len(names) > 2 else names[:1]) + stranger + detail)
    return [E(i, key, "address.mismatch")]


@register("w_address_short")
def w_address_short(ctx: Ctx, i: int):
    key = "father_current_address"
    text = str(ctx.records[i].get(key))
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省"):
        head, sep, tail = text.partition(suffix)
        if sep and len(head) <= 4:
            ctx.set(i, key, head + tail)
            return [H(i, key, "address.short_form")]
    ctx.set(i, key, "广西南宁市青秀区" + places.detail(ctx.rng, places.township(ctx.rng, "450103")))
    return [H(i, key, "address.short_form")]


@register("w_township_unknown")
def w_township_unknown(ctx: Ctx, i: int):
    """A township word that is not one of the county's: a neighbouring county's township, or a
    real name with one character changed (荆子关镇 for 荆紫关镇)."""
    key = _address_field(ctx, i)
    county, _ = _fresh(ctx, i, key)
    town = towns.foreign_township(ctx.rng, county)
    ctx.set(i, key, places.division_names(county) + places.detail(ctx.rng, town))
    return [W(i, key, "address.township_unknown")]


@register("w_outside_township")
def w_outside_township(ctx: Ctx, i: int):
    """The child lives (流动) / is registered (留守) in another township of the county: maybe
    a child for that township's sheet."""
    key = ctx.setting.form == "liudong" and "current_address" or "hukou_address"
    county = ctx.setting.county
    others = [t for t in places.townships_of(county) if towns.code_of(county, t) != ctx.setting.township]
    ctx.set(i, key, places.division_names(county) + places.detail(ctx.rng, ctx.rng.choice(others)))
    return [W(i, key, "address.outside_township")]


@register("address_ambiguous")
def address_ambiguous(ctx: Ctx, i: int):
    """Province + a county name used twice in that province, no prefecture to tell them apart."""
    key = _address_field(ctx, i)
    province, county = places.ambiguous_county(ctx.rng)
    ctx.set(i, key, f"{province}{county}{ctx.rng.choice(places.ROADS)}{ctx.rng.randrange(1, 300)}号")
    return [E(i, key, "address.ambiguous")]
