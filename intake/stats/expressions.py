"""polars expressions over a frame of canonical values (intake.county.frame): age in full
years on the reference date, its age group, and the key-care rule."""
from __future__ import annotations

from datetime import date

import polars as pl

from intake.stats.definitions import AgeGroup, Condition

MULTI_SEPARATOR = "、"


def birth() -> pl.Expr:
    """出生日期, else the birth date in a valid ID number."""
    from_cell = pl.col("birth_date").str.to_date("%Y-%m-%d", strict=False)
    from_id = pl.col("id_number").str.slice(6, 8).str.to_date("%Y%m%d", strict=False)
    return pl.coalesce(from_cell, from_id)


def age_on(as_of: date) -> pl.Expr:
    """Full years on `as_of` (null without a birth date)."""
    b = birth()
    before_birthday = (b.dt.month().cast(pl.Int32) * 100 + b.dt.day().cast(pl.Int32)) > (as_of.month * 100 + as_of.day)
    return pl.lit(as_of.year) - b.dt.year().cast(pl.Int32) - before_birthday.cast(pl.Int32)


def age_group(groups: tuple[AgeGroup, ...], age: pl.Expr) -> pl.Expr:
    expr = pl.lit(None, dtype=pl.Utf8)
    for g in reversed(groups):
        expr = pl.when(age.is_between(g.min, g.max)).then(pl.lit(g.key)).otherwise(expr)
    return expr


def _options(field: str) -> pl.Expr:
    return pl.col(field).fill_null("").str.split(MULTI_SEPARATOR).list.eval(
        pl.element().str.split("：").list.first().str.strip_chars()).list.eval(
        pl.element().filter(pl.element() != ""))


def condition(c: Condition, columns: set[str]) -> pl.Expr:
    if c.field not in columns:
        return pl.lit(False)
    values = list(c.values)
    if c.kind == "not_blank_except":
        return _options(c.field).list.eval(~pl.element().is_in(values)).list.any().fill_null(False)
    if c.kind == "any_of":
        return _options(c.field).list.eval(pl.element().is_in(values)).list.any().fill_null(False)
    contains = pl.any_horizontal([pl.element().str.contains(v, literal=True) for v in values])
    return _options(c.field).list.eval(contains).list.any().fill_null(False)


def key_care(conditions: tuple[Condition, ...], columns: set[str]) -> pl.Expr:
    """True for a child meeting any condition."""
    return pl.any_horizontal([condition(c, columns) for c in conditions] or [pl.lit(False)])


def reasons(conditions: tuple[Condition, ...], columns: set[str]) -> dict[str, pl.Expr]:
    """why -> True for a child meeting one of that reason's conditions (in the rule's order)."""
    by_why: dict[str, list[pl.Expr]] = {}
    for c in conditions:
        by_why.setdefault(c.why, []).append(condition(c, columns))
    return {why: pl.any_horizontal(exprs) for why, exprs in by_why.items()}


def on_distinct(frame: pl.DataFrame, columns: list[str], exprs: dict[str, pl.Expr]) -> pl.DataFrame:
    """The distinct combinations of `columns` (with `_n`, how many rows have each) and `exprs`
    evaluated on them: options are few, so list work on them is done a few hundred times, not
    once per child."""
    present = [c for c in columns if c in frame.columns]
    if not present:
        return pl.DataFrame({"_n": [frame.height]}).with_columns(**exprs)
    return frame.group_by(present).agg(pl.len().alias("_n")).with_columns(**exprs)


def rule_fields(conditions: tuple[Condition, ...]) -> list[str]:
    return list(dict.fromkeys(c.field for c in conditions))


def with_reasons(frame: pl.DataFrame, conditions: tuple[Condition, ...], prefix: str = "_why_") -> pl.DataFrame:
    """`frame` with one boolean column per reason (prefix + why), computed once per distinct
    combination of the rule's fields and joined back."""
    fields = [f for f in rule_fields(conditions) if f in frame.columns]
    flags = {prefix + why: e for why, e in reasons(conditions, set(frame.columns)).items()}
    if not fields:
        return frame.with_columns(**{k: pl.lit(False) for k in flags})
    combos = on_distinct(frame, fields, flags).drop("_n")
    return frame.join(combos, on=fields, how="left", nulls_equal=True, maintain_order="left")
