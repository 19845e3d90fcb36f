"""A department record without a usable ID number matched by name and birth date
(templates/departments/common.toml, [match] name_birth, says why and when).

`resolved(profile, answer, keys) -> answer`: the answer frame with `id` filled in for each record
that has no usable number (none written, a wrong one whose first 17 digits name no child, one
Excel stored as a number) and whose name and birth date are those of exactly one of the county's
distinct children (`keys`: CountyDesk.children_keys(), both forms, any age) — a child with an ID
on its sheet whom no other record of the answer names by ID. Such a record is compared like any
other and says so (column `by_name`, its number note); a record whose name and birth date fit
two or more children is not matched, and its note says so (it stays a 证件号码有误 difference,
or 没有证件号码 when it has no number at all).
A record with no number at all (kind NO_ID) gets a note of its own, whatever the matching found:
the child it was matched to, how many fit, none, or that it could not be tried (no name or birth
date, or the department's profile turns the matching off), with what to ask the department.
Names are compared compacted (validators.text.compact_name), birth dates as dates in any
writing the registration forms accept (validators.dates).
"""
from __future__ import annotations

import polars as pl

from intake.departments.answer_records import NO_KEY, NO_KEY_CODE
from intake.departments.profile import DepartmentProfile
from validators import dates
from validators.errors import ValidationError
from validators.text import compact_name

MATCHED = "已按姓名和出生日期对应到登记表中的儿童（不是按身份证号）"
AMBIGUOUS = "按姓名和出生日期有{n}名儿童相符，无法确定是哪一名，未比对，请向{dept}核实"
NO_ID_MATCHED = MATCHED + "，请核对是否同一人；可请{dept}补填证件号码"
NO_ID_UNMATCHED = "按姓名和出生日期也没有找到唯一相符的儿童，请{dept}补填证件号码后再核对"
NO_ID_UNTRIED = "也没有姓名或出生日期，无法按姓名和出生日期查找登记表中的儿童，请{dept}补填证件号码"
NO_ID_OFF = "请{dept}补填证件号码后再核对"


def resolved(profile: DepartmentProfile, answer: pl.DataFrame, keys: pl.DataFrame) -> pl.DataFrame:
    answer = answer.with_columns(by_name=pl.lit(False))
    name, birth = _column(profile, "name"), _column(profile, "birth")
    if not profile.name_birth or name is None or birth is None or answer.is_empty():
        return _no_id_notes(profile, answer, set(), set(), {})
    prefixes = keys["id"].drop_nulls().str.slice(0, 17).implode()
    todo = answer.with_row_index("_n").filter(
        pl.col("id").is_null() & ~pl.col("prefix").is_in(prefixes).fill_null(False)
        & pl.col(f"raw:{name}").is_not_null() & pl.col(f"raw:{birth}").is_not_null())
    if todo.is_empty():
        return _no_id_notes(profile, answer, set(), set(), {})
    todo = todo.with_columns(_name=pl.col(f"raw:{name}").map_elements(_name, return_dtype=pl.Utf8),
                             _birth=pl.col(f"raw:{birth}").map_elements(_date, return_dtype=pl.Utf8))
    children = (keys.filter(pl.col("name").is_not_null() & pl.col("birth").is_not_null())
                .with_columns(_child=pl.coalesce("id", pl.format("r:{}:{}", "sheet_id", "index")))
                .group_by("name", "birth").agg(_count=pl.col("_child").n_unique(), _id=pl.col("id").first()))
    found = todo.join(children, left_on=["_name", "_birth"], right_on=["name", "birth"], how="inner")
    taken = answer["id"].drop_nulls().implode()
    one = found.filter((pl.col("_count") == 1) & pl.col("_id").is_not_null() & ~pl.col("_id").is_in(taken)
                       & pl.col("_id").is_first_distinct())
    many = found.filter(pl.col("_count") > 1)
    ids = dict(zip(one["_n"].to_list(), one["_id"].to_list()))
    counts = dict(zip(many["_n"].to_list(), many["_count"].to_list()))
    return _no_id_notes(profile, _apply(profile, answer, ids, counts), set(ids), set(todo["_n"].to_list()), counts)


def _apply(profile: DepartmentProfile, answer: pl.DataFrame, ids: dict[int, str], counts: dict[int, int]) -> pl.DataFrame:
    rows = answer.with_row_index("_n")
    notes = rows["key_note"].to_list()
    for n in ids:
        notes[n] = _joined(notes[n], MATCHED)
    for n, k in counts.items():
        notes[n] = _joined(notes[n], AMBIGUOUS.format(n=k, dept=profile.name))
    fill = pl.Series("_fill", [ids.get(n) for n in range(rows.height)], pl.Utf8)
    return rows.with_columns(id=pl.coalesce("id", fill), by_name=pl.col("by_name") | fill.is_not_null(),
                             key_note=pl.Series(notes, dtype=pl.Utf8)).drop("_n")


def _no_id_notes(profile: DepartmentProfile, answer: pl.DataFrame, matched: set[int], tried: set[int],
                 counts: dict[int, int]) -> pl.DataFrame:
    """The note of each record with no number at all, from what the matching found (whatever
    an older version of the program stored with the answer)."""
    blank = answer["key_code"] == NO_KEY_CODE
    if not blank.any():
        return answer
    notes = answer["key_note"].to_list()
    dept = profile.name
    for n in blank.arg_true().to_list():
        if n in matched:
            advice = NO_ID_MATCHED.format(dept=dept)
        elif n in counts:
            advice = AMBIGUOUS.format(n=counts[n], dept=dept)
        elif n in tried:
            advice = NO_ID_UNMATCHED.format(dept=dept)
        else:
            advice = (NO_ID_UNTRIED if profile.name_birth else NO_ID_OFF).format(dept=dept)
        notes[n] = f"{NO_KEY}；{advice}"
    return answer.with_columns(key_note=pl.Series(notes, dtype=pl.Utf8))


def _joined(note: str | None, more: str) -> str:
    return f"{note}；{more}" if note else more


def _column(profile: DepartmentProfile, role: str) -> str | None:
    return next((a.key for a in profile.answer if a.role == role), None)


def _name(text: str) -> str | None:
    return compact_name(text) or None


def _date(text: str) -> str | None:
    try:
        return dates.validate(text).isoformat()
    except ValidationError:
        return None
