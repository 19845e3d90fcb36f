"""Harmless variations: ways real sheets write correct values that must never be errors
(a warning with a suggestion at most)."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Callable

from generator import ids
from generator.injection import Ctx
from generator.record import add_years, age_months

FULL_WIDTH = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")
EXCEL_EPOCH = date(1899, 12, 30)
DATE_STYLES: dict[str, Callable[[date], object]] = {
    "dash_short": lambda d: f"{d.year}-{d.month}-{d.day}",
    "slash": lambda d: f"{d.year}/{d.month}/{d.day}",
    "dot": lambda d: f"{d.year}.{d.month}.{d.day}",
    "chinese": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "compact": lambda d: d.strftime("%Y%m%d"),
    "midnight": lambda d: d.isoformat() + " 00:00:00",
    "date_cell": lambda d: d,
    "datetime_cell": lambda d: datetime(d.year, d.month, d.day),
    "serial": lambda d: (d - EXCEL_EPOCH).days,
}
VARIATIONS: dict[str, Callable[[Ctx, int], None]] = {}


def variation(name: str):
    def add(fn):
        VARIATIONS[name] = fn
        return fn
    return add


def _dates(ctx: Ctx) -> tuple[str, ...]:
    return ("birth_date", "left_hukou_date", "arrival_date") if ctx.setting.form == "liudong" \
        else ("birth_date",)


def _restyle_dates(ctx: Ctx, i: int, style: str) -> None:
    for key in _dates(ctx):
        value = ctx.records[i].get(key)
        if isinstance(value, str):
            ctx.set(i, key, DATE_STYLES[style](date.fromisoformat(value)))


for _style in DATE_STYLES:
    VARIATIONS["date_" + _style] = (lambda s: lambda ctx, i: _restyle_dates(ctx, i, s))(_style)


@variation("id_fullwidth")
def id_fullwidth(ctx: Ctx, i: int) -> None:
    ctx.set(i, "id_number", str(ctx.records[i].get("id_number")).translate(FULL_WIDTH))


@variation("id_lower_x")
def id_lower_x(ctx: Ctx, i: int) -> None:
    rec = ctx.rebuild(i, want_x=True)
    rec.set("id_number", str(rec.get("id_number")).lower())


@variation("id_spaces")
def id_spaces(ctx: Ctx, i: int) -> None:
    ctx.set(i, "id_number", ctx.rng.choice((" {} ", "{} ", " {}", "\t{}", "{}\u3000")).format(
        ctx.records[i].get("id_number")))


@variation("ethnic_short")
def ethnic_short(ctx: Ctx, i: int) -> None:
    value = str(ctx.records[i].get("ethnicity"))
    ctx.set(i, "ethnicity", value[:-1] if value.endswith("族") else value)


SYNONYMS = {"sex": {"男": "男性", "女": "女性"}, "housing_type": {"出租房屋": "租房", "自购房": "自有住房"},
            "schooling": {"学龄前": "幼儿园", "中等职业教育": "中职"},
            "residence_registration": {"办理居住证": "居住证", "暂住登记": "暂住证"},
            "living_support": {"无": "否"}, "family_hardship": {"低保家庭": "低保户"},
            "boarding": {"否": "走读", "是": "住校"}, "study_status": {"在读": "在校"}}


@variation("option_synonyms")
def option_synonyms(ctx: Ctx, i: int) -> None:
    for key, table in SYNONYMS.items():
        value = ctx.records[i].get(key)
        if value in table:
            ctx.set(i, key, table[value])


@variation("option_spacing")
def option_spacing(ctx: Ctx, i: int) -> None:
    """Multi-choice written with other separators and spaces; a choice with spaces around."""
    rec = ctx.rebuild(i, disabled=True)
    for key in ("health", "disability_category", "living_support"):
        rec.set(key, str(rec.get(key)).replace("、", ctx.rng.choice(("，", ",", "；", " ", " 、 "))))
    rec.set("guardianship", f" {rec.get('guardianship')} ")


@variation("details_as_invited")
def details_as_invited(ctx: Ctx, i: int) -> None:
    """多重残疾 with its categories in brackets or after a colon (残疾 left out or not), 其他
    with its text in brackets: what the form asks for, a hint at most."""
    rec = ctx.rebuild(i, disabled=True)
    a, b = ctx.rng.sample(("视力", "听力", "言语", "肢体", "智力", "精神"), 2)
    rec.set("disability_category", ctx.rng.choice((f"多重残疾（{a}残疾、{b}残疾）", f"多重残疾({a}、{b})",
                                                   f"多重残疾：{a}、{b}")))
    if ctx.setting.form == "liudong":
        rec.set("housing_type", "其他（借住亲戚家）")
    else:
        rec.set("carer_relation", rec.get("carer_relation") and "其他（邻居）")
    if not rec.get("family_hardship") or rec.get("family_hardship") == "无":
        rec.set("family_hardship", "其他（因病致贫）")


@variation("phone_styles")
def phone_styles(ctx: Ctx, i: int) -> None:
    rec = ctx.records[i]
    number = "1" + rec.facts.birth.strftime("3%m%d") + f"{i % 10000:04d}" + "8"
    rec.set("father_phone", f"{number[:3]} {number[3:7]} {number[7:]}")
    rec.set("mother_phone", ctx.rng.choice(("+86 ", "+86-", "")) + "1" + number[1:] + "/0371-65123456")


@variation("adult_permit")
def adult_permit(ctx: Ctx, i: int) -> None:
    """A parent from Taiwan, Hong Kong or Macao holding a 港澳台居民居住证 (830000…): valid."""
    rec = ctx.records[i]
    birth = date.fromisoformat(str(rec.get("birth_date"))) if isinstance(rec.get("birth_date"), str) \
        else rec.facts.birth
    area = ctx.rng.choice(("810000", "820000", "830000"))
    rec.set("mother_id", ids.make_id(area, add_years(birth, -ctx.rng.randrange(24, 36)), "女", ctx.rng))


@variation("phone_extension")
def phone_extension(ctx: Ctx, i: int) -> None:
    """An office landline with its extension: 0371-65123456转8001."""
    ctx.set(i, "mother_phone", f"0371-65{i % 1000000:06d}转{ctx.rng.randrange(100, 9000)}")


@variation("unregistered")
def unregistered(ctx: Ctx, i: int) -> None:
    """No 户口 yet (是否登记户口 = 否): the ID may be blank."""
    ctx.set(i, "hukou_registered", "否")
    ctx.set(i, "id_number", None)


@variation("six_months_exactly")
def six_months_exactly(ctx: Ctx, i: int) -> None:
    """Arrived the latest day that still makes 6 full calendar months."""
    if ctx.setting.form != "liudong":
        return
    as_of = ctx.setting.as_of
    arrival = as_of - timedelta(days=170)
    while age_months(arrival, as_of) < 6:
        arrival -= timedelta(days=1)
    rec = ctx.rebuild(i, birth=add_years(as_of, -8))
    rec.set("arrival_date", arrival.isoformat())
    rec.set("left_hukou_date", arrival.isoformat())


@variation("turns_16_tomorrow")
def turns_16_tomorrow(ctx: Ctx, i: int) -> None:
    ctx.rebuild(i, birth=add_years(ctx.setting.as_of + timedelta(days=1), -16))


@variation("leap_day")
def leap_day(ctx: Ctx, i: int) -> None:
    year = ctx.setting.as_of.year - 9
    while year % 4:
        year -= 1
    ctx.rebuild(i, birth=date(year, 2, 29))


@variation("both_conditions")
def both_conditions(ctx: Ctx, i: int) -> None:
    """留守: both parents away and (also) 一方无监护能力 marked 是."""
    if ctx.setting.form == "liushou":
        ctx.set(i, "one_away_other_incapable", "是")


@variation("name_with_dot")
def name_with_dot(ctx: Ctx, i: int) -> None:
    """A transliterated name with the middle dot (维吾尔族, 哈萨克族 …)."""
    ctx.set(i, "name", ctx.rng.choice(("阿卜杜·热合曼", "古丽娜·艾力", "努尔·买买提")))
    ctx.set(i, "ethnicity", "维吾尔族")


from generator import variations_places  # noqa: E402,F401  (addresses and families: registers more)
