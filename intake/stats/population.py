"""The children the statistics count, with the derived columns every table reads.

`prepare(frame, as_of, stats)` takes one form's children frame (intake.county.frame, ID numbers
as written or canonical) and returns (counted, left_out): the children not known to be
`max_age` or older on the reference date, with
  _age    full years on the reference date (null: no usable birth date)
  _group  the age group's key (null: in no group)
  _sex    男 / 女 from 性别, else from the ID's 17th digit (null: unknown)
  _town   the township, or the unknown-township label
and the number left out for their age.
"""
from __future__ import annotations

from datetime import date

import polars as pl

from intake.stats.definitions import Statistics
from intake.stats.expressions import age_group, age_on

FULL_WIDTH = {chr(0xFF10 + d): str(d) for d in range(10)} | {"Ｘ": "X", "ｘ": "X"}
SEXES = ("男", "女")


def compact_id() -> pl.Expr:
    """The ID number without spaces, full-width digits made half-width, x upper-case."""
    return (pl.col("id_number").str.replace_all(r"\s+", "")
            .str.replace_many(list(FULL_WIDTH), list(FULL_WIDTH.values())).str.to_uppercase())


def sex() -> pl.Expr:
    given = pl.when(pl.col("sex").is_in(list(SEXES))).then(pl.col("sex"))
    if_digits = pl.col("id_number").str.contains(r"^[0-9]{17}[0-9X]$")
    digit = pl.col("id_number").str.slice(16, 1).cast(pl.Int32, strict=False)
    from_id = pl.when(if_digits).then(pl.when(digit % 2 == 1).then(pl.lit("男")).otherwise(pl.lit("女")))
    return pl.coalesce(given, from_id)


def _ensure(frame: pl.DataFrame, columns: tuple[str, ...]) -> pl.DataFrame:
    missing = [c for c in columns if c not in frame.columns]
    return frame.with_columns([pl.lit(None, pl.Utf8).alias(c) for c in missing]) if missing else frame


def prepare(frame: pl.DataFrame, as_of: date, stats: Statistics) -> tuple[pl.DataFrame, int]:
    frame = _ensure(frame, ("id_number", "birth_date", "sex", "township"))
    frame = frame.with_columns(compact_id().alias("id_number"))
    age = age_on(as_of)
    frame = frame.with_columns(age.alias("_age")).with_columns(
        age_group(stats.age_groups, pl.col("_age")).alias("_group"), sex().alias("_sex"),
        pl.col("township").replace("", None).fill_null(stats.labels.unknown_township).alias("_town"))
    counted = frame.filter(pl.col("_age").is_null() | (pl.col("_age") < stats.max_age))
    return counted, frame.height - counted.height
