"""Injected date errors: unreadable, impossible, out of order, after the reference date."""
from __future__ import annotations

from datetime import date, timedelta

from generator.injection import Ctx, E, register

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
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


@register("date_future", forms=("liudong",))
def date_future(ctx: Ctx, i: int):
    as_of = ctx.setting.as_of
    ctx.set(i, "arrival_date", (as_of + timedelta(days=ctx.rng.randrange(1, 200))).isoformat())
    return [E(i, "arrival_date", "date.future")]
