"""The basic statistics of issue 9 over one form's distinct children (a frame of canonical
values: township, sex, birth_date, id_number and the key-care rule's fields): totals, by
township, by sex and by age group, and the key-care count. Group-bys in polars, no row loops;
no names or ID numbers in the output (only counts)."""
from __future__ import annotations

from datetime import date

import polars as pl

from intake.stats.definitions import Statistics, load_statistics
from intake.stats.expressions import age_group, age_on, key_care

SEXES = ("男", "女")
UNKNOWN_TOWNSHIP = "未识别乡镇"


def needed_fields(stats: Statistics | None = None) -> list[str]:
    """The fields the basic statistics read (for intake.county.frame.children_frame)."""
    stats = stats or load_statistics()
    return list(dict.fromkeys(["sex", "birth_date", "id_number", *(c.field for c in stats.key_care)]))


def _counts(frame: pl.DataFrame, by: str) -> dict[str, int]:
    counted = frame.group_by(by).len().sort(by)
    return {k: n for k, n in counted.iter_rows() if k is not None}


def basic_stats(frame: pl.DataFrame, as_of: date, stats: Statistics | None = None) -> dict:
    """{"total", "by_township", "by_sex", "by_age"}; by_sex and by_age list every key (0 too)."""
    stats = stats or load_statistics()
    frame = frame.with_columns(pl.col("township").replace("", None).fill_null(UNKNOWN_TOWNSHIP),
                               age_group(stats.age_groups, age_on(as_of)).alias("age_group"))
    by_sex, by_age = _counts(frame, "sex"), _counts(frame, "age_group")
    return {"total": frame.height, "by_township": _counts(frame, "township"),
            "by_sex": {s: by_sex.get(s, 0) for s in SEXES},
            "by_age": {g.key: by_age.get(g.key, 0) for g in stats.age_groups}}


def key_care_count(frame: pl.DataFrame, stats: Statistics | None = None) -> int:
    stats = stats or load_statistics()
    if frame.is_empty():
        return 0
    return int(frame.select(key_care(stats.key_care, set(frame.columns)).sum()).item())
