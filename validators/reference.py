"""Reference date (摸排基准日) of a record and ages on it.

Anniversaries that fall on a day the month does not have move to the first day of the next
month: a child born on 29 February turns a year older on 1 March in a non-leap year, and a child
who arrived on 31 August has lived 6 calendar months in the place on 1 March, not on 28 February.
"""
from __future__ import annotations

from datetime import date

from validators.data import ValidationContext


def reference_date(row_report_date: date | None, ctx: ValidationContext) -> date:
    """The row's 填报日期 when valid, else the sheet's 填报日期 line, else --as-of, else today."""
    return row_report_date or ctx.default_reference_date


def age_years(birth: date, on: date) -> int:
    """Completed years of age on `on` (0 before the first birthday; negative if not born yet)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def months_between(start: date, end: date) -> int:
    """Completed calendar months from `start` to `end` (2025-06-15 → 2025-12-15 is 6)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def age_months(birth: date, on: date) -> int:
    return months_between(birth, on)


NO_AGE = (None, None)


def ages_of(births: list, refs: list) -> list[tuple[int | None, int | None]]:
    """(age_years, age_months) of each record (NO_AGE without a birth date), computed once
    per distinct (birth, reference date) pair: a sheet repeats both a lot."""
    known: dict[tuple, tuple[int, int]] = {}
    out = []
    append = out.append
    for pair in zip(births, refs):
        if pair[0] is None:
            append(NO_AGE)
            continue
        age = known.get(pair)
        if age is None:
            age = known[pair] = (age_years(*pair), age_months(*pair))
        append(age)
    return out


def describe_age(birth: date, on: date) -> str:
    """'8岁' or, under one year, '10个月' (for messages)."""
    years = age_years(birth, on)
    return f"{years}岁" if years >= 1 else f"{max(age_months(birth, on), 0)}个月"
