"""Injected mistakes about the people of a row (child, 父亲, 母亲, 其他监护人, 受委托照顾人):
a number copied onto a second person, a parent's number of the other sex or born after the
child, a relation that does not fit the carer's number, an under-age carer."""
from __future__ import annotations

from generator import families, ids
from generator.inject_ids import adult_id_fields
from generator.injection import Ctx, E, W, register
from generator.record import add_years


@register("id_copied_from_child")
def id_copied_from_child(ctx: Ctx, i: int):
    """The child's number pasted into a parent's or carer's column."""
    key = ctx.rng.choice(adult_id_fields(ctx, i))
    ctx.set(i, key, ctx.records[i].get("id_number"))
    return [E(i, key, "id.copied")]


@register("id_copied_parent")
def id_copied_parent(ctx: Ctx, i: int):
    """The father's number typed again in the mother's column."""
    ctx.set(i, "mother_id", ctx.records[i].get("father_id"))
    return [E(i, "mother_id", "id.copied")]


@register("parent_sex")
def parent_sex(ctx: Ctx, i: int):
    """A woman's number in the father's column (another person's number)."""
    f = ctx.records[i].facts
    ctx.set(i, "father_id", ids.make_id("110105", add_years(f.birth, -30), "女", ctx.rng))
    return [E(i, "father_id", "id.parent_sex")]


@register("adult_younger")
def adult_younger(ctx: Ctx, i: int):
    """The mother's number says she was born after the child."""
    f = ctx.records[i].facts
    born = f.birth.fromordinal(min(f.birth.toordinal() + ctx.rng.randrange(30, 900), f.as_of.toordinal()))
    ctx.set(i, "mother_id", ids.make_id("110105", born, "女", ctx.rng))
    return [E(i, "mother_id", "id.adult_younger")]


@register("w_role_sex")
def w_role_sex(ctx: Ctx, i: int):
    """A carer (留守) or other guardian (流动) whose relation names the other sex (奶奶, 男 number)."""
    rec = ctx.records[i]
    f = rec.facts
    if ctx.setting.form == "liushou":
        rec.values.update(families.carer(ctx.rng, f, rec.get("hukou_address"), rec.get("current_address")))
        rec.set("carer_relation", "奶奶")
        key = "carer_id"
    else:
        rec.values.update(families.guardian(ctx.rng, f, rec.get("hukou_address"), rec.get("current_address")))
        rec.set("co_resident", "其他监护人")
        rec.set("guardian_relation", "外婆")
        key = "guardian_id"
    rec.set(key, ids.make_id("110105", add_years(f.birth, -55), "男", ctx.rng))
    return [W(i, key, "id.role_sex")]


@register("w_permit_child")
def w_permit_child(ctx: Ctx, i: int):
    """The child's number is a 港澳台居民居住证 number (810000/820000/830000)."""
    f = ctx.records[i].facts
    area = ctx.rng.choice(("810000", "820000", "830000"))
    ctx.set(i, "id_number", ids.make_id(area, f.birth, f.sex, ctx.rng))
    return [W(i, "id_number", "id.permit_child")]


@register("w_guardian_minor", forms=("liushou",))
def w_guardian_minor(ctx: Ctx, i: int):
    """The carer is 其他：哥哥 and 17 years old on the reference date."""
    rec = ctx.rebuild(i, birth=add_years(ctx.setting.as_of, -9))
    rec.values.update(families.carer(ctx.rng, rec.facts, rec.get("hukou_address"), rec.get("current_address")))
    rec.set("carer_relation", "其他：哥哥")
    rec.set("carer_id", ids.make_id("110105", add_years(ctx.setting.as_of, -17), "男", ctx.rng))
    return [W(i, "carer_id", "id.guardian_minor")]
