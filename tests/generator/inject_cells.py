"""Injected cell errors: dates, addresses, options, phones and required fields."""
from __future__ import annotations

from datetime import timedelta

from generator import divisions_pick as places
from generator.injection import Ctx, E, W, register
from generator.record import add_months

UNREADABLE_DATES = ("{y}年{m}月", "{m}/{d}/{y}", "{y}-{m}", "二〇{yy}年{m}月{d}日", "{y}年{m}月{d}号前后",
                    "{y}{m:02d}{d:02d}0", "待查")
IMPOSSIBLE_DATES = ("{y}-02-30", "{y}-13-{d:02d}", "{y}-04-31", "{y}/6/31", "{y}年9月31日")


def _date_fields(ctx: Ctx) -> tuple[str, ...]:
    return ("birth_date", "left_hukou_date", "arrival_date") if ctx.setting.form == "liudong" \
        else ("birth_date",)


@register("date_format")
def date_format(ctx: Ctx, i: int):
    key = ctx.rng.choice(_date_fields(ctx))
    day = ctx.records[i].facts.birth
    text = ctx.rng.choice(UNREADABLE_DATES).format(y=day.year, yy=str(day.year)[2:], m=day.month,
                                                   d=day.day)
    ctx.set(i, key, text)
    return [E(i, key, "date.format")]


@register("date_impossible")
def date_impossible(ctx: Ctx, i: int):
    key = ctx.rng.choice(_date_fields(ctx))
    year = ctx.records[i].facts.birth.year
    if ctx.rng.random() < 0.4:      # 29 February of a common year
        text = f"{year if year % 4 else year + 1}-02-29"
    else:
        text = ctx.rng.choice(IMPOSSIBLE_DATES).format(y=year, d=12)
    ctx.set(i, key, text)
    return [E(i, key, "date.invalid")]


@register("date_order", forms=("liudong",))
def date_order(ctx: Ctx, i: int):
    rec = ctx.records[i]
    if ctx.rng.random() < 0.5:      # 离开户籍地日期 before 出生日期
        ctx.set(i, "left_hukou_date", (rec.facts.birth - timedelta(days=ctx.rng.randrange(5, 90))).isoformat())
        return [E(i, "left_hukou_date", "date.order")]
    left = rec.get("left_hukou_date")
    ctx.set(i, "left_hukou_date", rec.get("arrival_date"))
    ctx.set(i, "arrival_date", left)
    if left == rec.get("left_hukou_date"):
        ctx.set(i, "left_hukou_date", _plus(left, 3))
    return [E(i, "arrival_date", "date.order")]


def _plus(iso: str, days: int) -> str:
    from datetime import date
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


@register("date_future", forms=("liudong",))
def date_future(ctx: Ctx, i: int):
    as_of = ctx.setting.as_of
    ctx.set(i, "arrival_date", (as_of + timedelta(days=ctx.rng.randrange(1, 200))).isoformat())
    return [E(i, "arrival_date", "date.future")]


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


@register("address_no_county")
def address_no_county(ctx: Ctx, i: int):
    key = _address_field(ctx, i)
    county, _ = _fresh(ctx, i, key)
    names = places.place_names(county)
    above = names[:-1] if len(names) > 1 else names
    ctx.set(i, key, "".join(above) + f"{ctx.rng.choice(places.ROADS)}{ctx.rng.randrange(1, 300)}号")
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
            return [W(i, key, "address.short_form")]
    ctx.set(i, key, "广西南宁市青秀区" + places.detail(ctx.rng, places.township(ctx.rng, "450103")))
    return [W(i, key, "address.short_form")]


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


@register("address_ambiguous")
def address_ambiguous(ctx: Ctx, i: int):
    """Province + a county name used twice in that province, no prefecture to tell them apart."""
    key = _address_field(ctx, i)
    province, county = places.ambiguous_county(ctx.rng)
    ctx.set(i, key, f"{province}{county}{ctx.rng.choice(places.ROADS)}{ctx.rng.randrange(1, 300)}号")
    return [E(i, key, "address.ambiguous")]


BAD_NAMES = ("{}1", "{}*", "{}？", "{}（小名）", "{}2号")


@register("name_invalid")
def name_invalid(ctx: Ctx, i: int):
    key = ctx.rng.choice(("name", "name", "father_name"))
    ctx.set(i, key, ctx.rng.choice(BAD_NAMES).format(ctx.records[i].get(key)))
    return [E(i, key, "name.invalid")]
