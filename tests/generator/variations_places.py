"""Harmless variations of addresses and families (registered in generator.variations): the
township written another way or left out, the municipality written twice, the prefecture or the
province's long name left out, one phone and one home for the whole family."""
from __future__ import annotations

from generator import divisions_pick as places
from generator.injection import Ctx
from generator.variations import variation


@variation("township_other_word")
def township_other_word(ctx: Ctx, i: int) -> None:
    """The township written with another township word (转塘镇 for 转塘街道, 荆紫关乡 for 荆紫关镇)."""
    rec = ctx.records[i]
    for key in ("current_address", "hukou_address"):
        text = str(rec.get(key))
        for suffix, other in (("街道", "镇"), ("镇", "乡"), ("乡", "镇")):
            town = next((t for t in places.townships_of(rec.facts.current if key == "current_address"
                                                        else rec.facts.hukou)
                         if t in text and t.endswith(suffix) and len(t) - len(suffix) >= 2), None)
            if town:
                rec.set(key, text.replace(town, town[: -len(suffix)] + other, 1))
                break


@variation("township_omitted")
def township_omitted(ctx: Ctx, i: int) -> None:
    """Addresses without their township: the county, then the village or the road."""
    rec = ctx.records[i]
    for key, county in (("current_address", rec.facts.current), ("hukou_address", rec.facts.hukou)):
        text, head = str(rec.get(key)), places.division_names(county)
        town = next((t for t in places.townships_of(county) if text.startswith(head + t)), None)
        if town:
            rec.set(key, head + text[len(head) + len(town):])


@variation("family_shared")
def family_shared(ctx: Ctx, i: int) -> None:
    """One family, one phone and one home: the parents (and the carer or guardian) share the
    number and the addresses."""
    rec = ctx.records[i]
    number = rec.get("father_phone")
    for key in ("mother_phone", "carer_phone", "guardian_phone"):
        if rec.get(key):
            rec.set(key, number)
    for role in ("father", "mother", "carer", "guardian"):
        for what, own in (("hukou_address", "hukou_address"), ("current_address", "current_address")):
            key = f"{role}_{what}"
            if key in rec.values and rec.get(key):
                rec.set(key, rec.get(own))


@variation("municipality_repeat")
def municipality_repeat(ctx: Ctx, i: int) -> None:
    """北京市市辖区朝阳区… (the municipality level written twice) for a parent's address."""
    ctx.set(i, "father_current_address", "北京市市辖区朝阳区" + ctx.rng.choice(("建外街道", "望京街道"))
            + f"光华路{ctx.rng.randrange(1, 99)}号")


@variation("address_no_prefecture")
def address_no_prefecture(ctx: Ctx, i: int) -> None:
    """河南省淅川县… (the prefecture left out but inferable): a warning with the full form."""
    rec = ctx.records[i]
    names = places.place_names(rec.facts.hukou)
    text = str(rec.get("hukou_address"))
    unique = not places.is_ambiguous(rec.facts.hukou[:2], names[-1])   # 四川省市中区: which one?
    if len(names) == 3 and unique and text.startswith("".join(names)):
        rec.set("hukou_address", names[0] + text[len(names[0]) + len(names[1]):])


@variation("address_short_province")
def address_short_province(ctx: Ctx, i: int) -> None:
    """广西南宁市… / 河南南阳市…: the province's short name."""
    rec = ctx.records[i]
    text = str(rec.get("hukou_address"))
    for suffix in ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省"):
        head, sep, tail = text.partition(suffix)
        if sep and 2 <= len(head) <= 3:
            rec.set("hukou_address", head + tail)
            return
