"""Injected cell errors: options, phones, names and required fields."""
from __future__ import annotations

from generator.injection import Ctx, E, register
from generator.record import add_months

UNKNOWN_OPTIONS = {"ethnicity": "汗族", "medical_insurance": "新农合", "guardianship": "良",
                   "boarding": "半寄宿", "housing_type": "借住亲戚家", "residence_registration": "办理中",
                   "rehab_aid": "不详", "hukou_registered": "已迁出"}


@register("option_unknown")
def option_unknown(ctx: Ctx, i: int):
    keys = [k for k in UNKNOWN_OPTIONS if k in ctx.records[i].values and ctx.records[i].get(k)]
    if ctx.setting.form == "liushou":
        keys = [k for k in keys if k not in ("housing_type", "residence_registration")]
    key = ctx.rng.choice(keys)
    ctx.set(i, key, UNKNOWN_OPTIONS[key])
    return [E(i, key, "option.unknown")]


@register("option_exclusive")
def option_exclusive(ctx: Ctx, i: int):
    rec = ctx.records[i]
    if rec.get("health") == "健康" and ctx.rng.random() < 0.5:
        key, value = "health", "健康、慢性病"
    else:
        key, value = "living_support", "无、" + ctx.rng.choice(("慈善帮扶", "急难社会救助"))
    if rec.get("family_hardship") in ("低保家庭", "特困家庭"):
        ctx.set(i, "family_hardship", "其他：因病致贫")
    ctx.set(i, key, value)
    return [E(i, key, "option.exclusive")]


@register("option_detail_unknown")
def option_detail_unknown(ctx: Ctx, i: int):
    """多重残疾 listing something that is not a disability category."""
    rec = ctx.rebuild(i, disabled=True)
    rec.set("disability_category", ctx.rng.choice(("多重残疾（肢体、脑瘫）", "多重残疾：智力、自闭症",
                                                   "多重残疾(视力残疾、二级)")))
    return [E(i, "disability_category", "option.detail_unknown")]


BAD_PHONES = ("1380013800", "12345678901", "138001380001", "0371-123", "136-1234-567", "110",
              "1390000111a")


@register("phone_invalid")
def phone_invalid(ctx: Ctx, i: int):
    keys = [k for k in ctx.records[i].values if k.endswith("_phone") and ctx.records[i].get(k)]
    key = ctx.rng.choice(sorted(keys))
    ctx.set(i, key, ctx.rng.choice(BAD_PHONES))
    return [E(i, key, "phone.invalid")]


ALWAYS_REQUIRED = ("name", "sex", "ethnicity", "hukou_address", "current_address", "guardianship",
                   "health", "medical_insurance", "disability_category", "disability_grade",
                   "rehab_aid", "living_support", "birth_date", "hukou_registered")
FORM_REQUIRED = {"liudong": ("co_resident", "residence_registration", "housing_type",
                             "left_hukou_date", "arrival_date"),
                 "liushou": ("both_parents_away", "one_away_other_incapable",
                             "has_entrusted_guardian", "family_hardship")}


@register("required_blank")
def required_blank(ctx: Ctx, i: int):
    rec = ctx.records[i]
    keys = list(ALWAYS_REQUIRED + FORM_REQUIRED[ctx.setting.form])
    keys += [k for k in ("schooling", "study_status", "svc_0_6", "svc_0_36m", "boarding")
             if rec.get(k)]
    key = ctx.rng.choice(keys)
    if key == "living_support" and rec.get("family_hardship"):
        ctx.set(i, "family_hardship", None if ctx.setting.form == "liudong" else "无")
    if key == "schooling":
        ctx.set(i, "boarding", None)
    ctx.set(i, key, ctx.rng.choice((None, "", "  ")))
    return [E(i, key, "required.missing")]


@register("required_id_blank")
def required_id_blank(ctx: Ctx, i: int):
    ctx.set(i, "id_number", None)
    return [E(i, "id_number", "required.missing")]


@register("required_when_blank")
def required_when_blank(ctx: Ctx, i: int):
    """其他监护人 / 有受委托监护人 without the person's details; a school stage without 寄宿."""
    rec = ctx.records[i]
    if ctx.setting.form == "liudong" and rec.get("co_resident") != "其他监护人":
        ctx.set(i, "co_resident", "其他监护人")
        return [E(i, k, "required.missing") for k in ("guardian_name", "guardian_relation", "guardian_phone")
                if not rec.get(k)]
    if ctx.setting.form == "liushou" and rec.get("has_entrusted_guardian") == "有":
        key = ctx.rng.choice(("carer_name", "carer_relation", "carer_phone"))
        if key == "carer_relation":
            ctx.set(i, "carer_id", None)
        ctx.set(i, key, None)
        return [E(i, key, "required.missing")]
    if rec.get("boarding"):
        ctx.set(i, "boarding", None)
        return [E(i, "boarding", "required.missing")]
    rebuilt = ctx.rebuild(i, birth=add_months(ctx.setting.as_of, -12 * 9))
    rebuilt.set("boarding", None)
    return [E(i, "boarding", "required.missing")]


BAD_NAMES = ("{}1", "{}*", "{}？", "{}（小名）", "{}2号")


@register("name_invalid")
def name_invalid(ctx: Ctx, i: int):
    key = ctx.rng.choice(("name", "name", "father_name"))
    ctx.set(i, key, ctx.rng.choice(BAD_NAMES).format(ctx.records[i].get(key)))
    return [E(i, key, "name.invalid")]


FORMULA_ERRORS = ("#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?")


@register("formula_error")
def formula_error(ctx: Ctx, i: int):
    """A formula cell whose cached value is an Excel error (as a CSV export or a reader gives it)."""
    keys = [k for k in ("name", "ethnicity", "current_address", "guardianship")
            if k in ctx.records[i].values and ctx.records[i].get(k)]
    key = ctx.rng.choice(keys)
    ctx.set(i, key, ctx.rng.choice(FORMULA_ERRORS))
    return [E(i, key, "cell.formula_error")]
