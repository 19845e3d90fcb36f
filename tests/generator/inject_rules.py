"""Injected row-rule errors: cross-field consistency and eligibility (who counts)."""
from __future__ import annotations

from datetime import timedelta

from generator import divisions_pick as places
from generator import families
from generator.injection import Ctx, E, W, register
from generator.record import add_months, add_years

NOT_DISABLED = {"health": "健康", "disability_category": "无", "disability_grade": "无"}
DISABLED = {"health": "残疾", "disability_category": "肢体残疾", "disability_grade": "二级"}


@register("cross_disability")
def cross_disability(ctx: Ctx, i: int):
    """One of 健康状况 / 残疾类别 / 残疾等级 disagrees with the other two: that one is flagged."""
    key = ctx.rng.choice(tuple(NOT_DISABLED))
    disabled = ctx.rng.random() < 0.5
    rec = ctx.rebuild(i, disabled=disabled)
    rec.set(key, (NOT_DISABLED if disabled else DISABLED)[key])
    rec.set("rehab_aid", "否")
    return [E(i, key, "cross.disability")]


@register("cross_multiple_disability")
def cross_multiple_disability(ctx: Ctx, i: int):
    rec = ctx.rebuild(i, disabled=True)
    rec.set("disability_category", ctx.rng.choice(("多重残疾", "多重残疾、智力残疾", "多重残疾（智力）")))
    return [E(i, "disability_category", "cross.multiple_disability")]


@register("cross_school_age")
def cross_school_age(ctx: Ctx, i: int):
    """A 4-year-old in 初中 or a 14-year-old 学龄前."""
    as_of = ctx.setting.as_of
    if ctx.rng.random() < 0.5:
        rec = ctx.rebuild(i, birth=add_years(as_of, -4) - timedelta(days=30), disabled=False)
        rec.set("schooling", "初中")
        rec.set("boarding", "否")
    else:
        rec = ctx.rebuild(i, birth=add_years(as_of, -14) - timedelta(days=30), disabled=False)
        rec.set("schooling", "学龄前")
    rec.set("study_status", "在读")
    return [E(i, "schooling", "cross.school_age")]


@register("cross_study_status")
def cross_study_status(ctx: Ctx, i: int):
    """失学 while 在读, or 学龄前 with 毕业."""
    as_of = ctx.setting.as_of
    if ctx.rng.random() < 0.5:
        rec = ctx.rebuild(i, birth=add_years(as_of, -13) - timedelta(days=60), disabled=False)
        rec.set("schooling", ctx.rng.choice(("失学", "无就学能力")))
        rec.set("study_status", "在读")
        rec.set("boarding", None)
    else:
        rec = ctx.rebuild(i, birth=add_years(as_of, -5) - timedelta(days=60), disabled=False)
        rec.set("study_status", ctx.rng.choice(("毕业", "辍学")))
    return [E(i, "study_status", "cross.study_status")]


@register("w_rehab")
def w_rehab(ctx: Ctx, i: int):
    ctx.rebuild(i, disabled=False).set("rehab_aid", "是")
    return [W(i, "rehab_aid", "cross.rehab_without_disability")]


@register("w_service_age")
def w_service_age(ctx: Ctx, i: int):
    rec = ctx.rebuild(i, birth=add_years(ctx.setting.as_of, -9) - timedelta(days=40))
    rec.set("svc_0_6", "在居住地接受" if ctx.setting.form == "liudong" else "已接受")
    return [W(i, "svc_0_6", "cross.service_age")]


@register("w_hardship")
def w_hardship(ctx: Ctx, i: int):
    rec = ctx.records[i]
    rec.set("family_hardship", "低保家庭")
    rec.set("living_support", "无")
    return [W(i, "living_support", "cross.hardship_support")]


@register("w_carer_without_entrusted", forms=("liushou",))
def w_carer_without_entrusted(ctx: Ctx, i: int):
    """有无受委托监护人 = 无, yet the carer's name and phone are there."""
    rec = ctx.records[i]
    if not rec.get("carer_name"):
        rec.values.update(families.carer(ctx.rng, rec.facts, rec.get("hukou_address"), rec.get("current_address")))
    rec.set("has_entrusted_guardian", "无")
    return [W(i, "has_entrusted_guardian", "cross.carer_without_entrusted")]


@register("too_old")
def too_old(ctx: Ctx, i: int):
    """16 on the reference date (or turned 16 today): not a child of this register."""
    as_of = ctx.setting.as_of
    birth = add_years(as_of, -16) - timedelta(days=ctx.rng.choice((0, 0, 1, 200)))
    rec = ctx.rebuild(i, birth=birth, disabled=False)
    rec.set("schooling", "高中")
    rec.set("study_status", "在读")
    rec.set("boarding", "否")
    return [E(i, "birth_date", "eligibility.age")]


@register("same_county", forms=("liudong",))
def same_county(ctx: Ctx, i: int):
    """户籍 in the county the child lives in: not a 流动 child."""
    county = ctx.setting.county
    ctx.rebuild(i, hukou=county, current=county)
    return [E(i, "hukou_address", "eligibility.same_county")]


@register("short_stay", forms=("liudong",))
def short_stay(ctx: Ctx, i: int):
    rec = ctx.records[i]
    arrival = add_months(ctx.setting.as_of, -ctx.rng.randrange(1, 6)) + timedelta(days=ctx.rng.randrange(0, 20))
    arrival = max(arrival, rec.facts.birth)
    rec.set("arrival_date", arrival.isoformat())
    rec.set("left_hukou_date", max(arrival - timedelta(days=3), rec.facts.birth).isoformat())
    return [E(i, "arrival_date", "eligibility.short_stay")]


@register("not_left_behind", forms=("liushou",))
def not_left_behind(ctx: Ctx, i: int):
    ctx.set(i, "both_parents_away", "否")
    ctx.set(i, "one_away_other_incapable", "否")
    return [E(i, "both_parents_away", "eligibility.not_left_behind")]


@register("outside_county", needs_county=True)
def outside_county(ctx: Ctx, i: int):
    """流动: living in another county; 留守: 户籍 in another county."""
    other = places.pick_other_county(ctx.rng, ctx.setting.county)
    if ctx.setting.form == "liudong":
        hukou = ctx.records[i].facts.hukou
        while other == hukou:
            other = places.pick_other_county(ctx.rng, ctx.setting.county)
        ctx.rebuild(i, current=other, hukou=hukou)
        return [E(i, "current_address", "address.outside_county")]
    ctx.rebuild(i, hukou=other, current=other)
    return [E(i, "hukou_address", "address.outside_county")]


@register("w_city_districts", forms=("liudong",))
def w_city_districts(ctx: Ctx, i: int):
    """From another 市辖区 of the same city: the clerk decides."""
    other = places.same_prefecture_district(ctx.rng, ctx.setting.county)
    if other is None:
        raise LookupError("the configured county has no sister district")
    ctx.rebuild(i, hukou=other)
    return [W(i, "hukou_address", "eligibility.city_districts")]
