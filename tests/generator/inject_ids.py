"""Injected identity-number errors (and warnings) of the child and the adults."""
from __future__ import annotations

import copy
from datetime import date

from generator import ids
from generator.injection import Ctx, E, H, W, register
from generator.record import add_years


def _id(ctx: Ctx, i: int) -> str:
    return str(ctx.records[i].get("id_number"))


@register("id_length")
def id_length(ctx: Ctx, i: int):
    number = _id(ctx, i)
    cut = ctx.rng.randrange(8, 16)
    ctx.set(i, "id_number", number[:cut] + number[cut + 1:])
    return [E(i, "id_number", "id.length")]


@register("id_characters")
def id_characters(ctx: Ctx, i: int):
    number = _id(ctx, i)
    pos = ctx.rng.randrange(14, 17)
    ctx.set(i, "id_number", number[:pos] + ctx.rng.choice("OIl*") + number[pos + 1:])
    return [E(i, "id_number", "id.characters")]


@register("id_checksum")
def id_checksum(ctx: Ctx, i: int):
    ctx.set(i, "id_number", _wrong_check(ctx, _id(ctx, i)))
    return [E(i, "id_number", "id.checksum")]


def _wrong_check(ctx: Ctx, number: str) -> str:
    """Another check character; never ending in 000 (that reads as Excel damage, rightly)."""
    wrong = [c for c in ids.CHECK_CHARS if c != number[17] and not (number[15:17] + c == "000")]
    return number[:17] + ctx.rng.choice(wrong)


@register("id_birth_segment")
def id_birth_segment(ctx: Ctx, i: int):
    number = _id(ctx, i)
    segment = number[6:10] + ctx.rng.choice(("13", "00", "14")) + number[12:14]
    if ctx.rng.random() < 0.5:
        segment = number[6:12] + ctx.rng.choice(("32", "00"))
    ctx.set(i, "id_number", ids.with_check(number[:6] + segment + number[14:17]))
    return [E(i, "id_number", "id.birth_date")]


@register("id_area_unknown")
def id_area_unknown(ctx: Ctx, i: int):
    number = _id(ctx, i)
    area = ids.unknown_area(ctx.rng, number[:2])
    ctx.set(i, "id_number", ids.with_check(area + number[6:17]))
    return [E(i, "id_number", "id.area_unknown")]


@register("id_birth_mismatch")
def id_birth_mismatch(ctx: Ctx, i: int):
    """出生日期 a few days earlier than the ID's, the age (years, months < 37) unchanged."""
    f = ctx.records[i].facts
    for shift in range(1, 40):
        other = f.birth.fromordinal(f.birth.toordinal() - shift)
        if ctx.same_age_brackets(f, other):
            ctx.set(i, "birth_date", other.isoformat())
            return [E(i, "birth_date", "id.birth_mismatch")]
    raise LookupError("no shift keeps the age")


@register("id_sex_mismatch")
def id_sex_mismatch(ctx: Ctx, i: int):
    ctx.set(i, "sex", "女" if ctx.records[i].facts.sex == "男" else "男")
    return [E(i, "sex", "id.sex_mismatch")]


@register("id_legacy_child")
def id_legacy_child(ctx: Ctx, i: int):
    f = ctx.records[i].facts
    ctx.set(i, "id_number", ids.legacy15(f.id_area, f.birth, f.sex, ctx.rng))
    return [E(i, "id_number", "id.legacy_child")]


@register("id_as_number")
def id_as_number(ctx: Ctx, i: int):
    """The ID typed into Excel as a number: a float cell with 15 significant digits."""
    number = _id(ctx, i)
    if number.endswith("X"):
        ctx.rebuild(i, want_x=False)
        number = _id(ctx, i)
    ctx.set(i, "id_number", float(f"{int(number):.15g}"))
    return [E(i, "id_number", "id.excel_number")]


@register("id_scientific_text")
def id_scientific_text(ctx: Ctx, i: int):
    """A number cell copied as text: 4.11302201503021E+17."""
    ctx.set(i, "id_number", f"{int(_id(ctx, i)[:17]) * 10:.14E}")
    return [E(i, "id_number", "id.excel_number")]


@register("id_future_birth")
def id_future_birth(ctx: Ctx, i: int):
    f = ctx.records[i].facts
    future = f.as_of.fromordinal(f.as_of.toordinal() + ctx.rng.randrange(20, 300))
    ctx.set(i, "id_number", ids.make_id(f.id_area, future, f.sex, ctx.rng))
    return [E(i, "id_number", "id.future_birth")]


@register("id_duplicate", rows=2)
def id_duplicate(ctx: Ctx, i: int, j: int):
    """The same child entered twice (row j is a copy of row i)."""
    ctx.records[j] = copy.deepcopy(ctx.records[i])
    return [E(i, "id_number", "id.duplicate"), E(j, "id_number", "id.duplicate")]


ADULT_IDS = {"liudong": ("father_id", "mother_id"), "liushou": ("father_id", "mother_id", "carer_id")}


def adult_id_fields(ctx: Ctx, i: int) -> list[str]:
    """The record's filled ID columns of adults (parents, other guardian, carer)."""
    keys = [k for k in ADULT_IDS[ctx.setting.form] if ctx.records[i].get(k)]
    if ctx.records[i].get("guardian_id"):
        keys.append("guardian_id")
    return keys


def _adult_field(ctx: Ctx, i: int) -> str:
    return ctx.rng.choice(adult_id_fields(ctx, i))


@register("adult_id_checksum")
def adult_id_checksum(ctx: Ctx, i: int):
    key = _adult_field(ctx, i)
    ctx.set(i, key, _wrong_check(ctx, str(ctx.records[i].get(key))))
    return [E(i, key, "id.checksum")]


@register("w_adult_legacy")
def w_adult_legacy(ctx: Ctx, i: int):
    f = ctx.records[i].facts
    birth = date(f.birth.year - ctx.rng.randrange(25, 32), f.birth.month, min(f.birth.day, 28))
    ctx.set(i, "mother_id", ids.legacy15(f.id_area if ids.valid_in(f.id_area, birth.year)
                                         else "110105", birth, "女", ctx.rng))
    return [H(i, "mother_id", "id.legacy_adult")]


@register("w_not_adult")
def w_not_adult(ctx: Ctx, i: int):
    f = ctx.records[i].facts
    birth = add_years(f.birth, -14)
    ctx.set(i, "father_id", ids.make_id("110105", birth, "男", ctx.rng))
    return [W(i, "father_id", "id.not_adult")]


@register("w_area_period")
def w_area_period(ctx: Ctx, i: int):
    """An area code abolished years before the child was born (late registration)."""
    f = ctx.records[i].facts
    area = ctx.rng.choice(ids.abolished_codes(2000))
    ctx.set(i, "id_number", ids.make_id(area, f.birth, f.sex, ctx.rng))
    return [W(i, "id_number", "id.area_period"), W(i, "id_number", "id.area_differs")]
