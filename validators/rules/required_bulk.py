"""The required rule over a whole sheet at once (polars), for the bulk run.

Same semantics as validators.rules.required (which the edit path runs per record): a blank cell
of a field whose applies_when and required_when conditions all hold on the record. Conditions
on another field compare its canonical option; age conditions use the age on the record's
reference date and do not hold when the age is unknown. tests/test_engine_consistency.py checks
that both give identical findings.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Callable, Mapping

import polars as pl

from validators.form import Condition, Field, FormTemplate
from validators.rules.required import is_required
from validators.rules.row import Row

AGE, AGE_M = "__age", "__age_m"


def _birth_column(facts: Mapping[str, list], n: int) -> pl.Series:
    births = list(facts.get("birth_date") or [None] * n)
    ids = facts.get("id_number")
    if ids is not None:
        births = [b if b is not None else (f.birth if f is not None else None)
                  for b, f in zip(births, ids)]
    return pl.Series("birth", births, dtype=pl.Date)


def _ages(facts: Mapping[str, list], n: int, default_ref: date) -> pl.DataFrame:
    birth = _birth_column(facts, n)
    ref = pl.Series("ref", facts.get("report_date") or [None] * n, dtype=pl.Date).fill_null(default_ref)
    frame = pl.DataFrame([birth, ref])
    by, bm, bd = (e.cast(pl.Int32) for e in (pl.col("birth").dt.year(), pl.col("birth").dt.month(),
                                              pl.col("birth").dt.day()))
    ry, rm, rd = (e.cast(pl.Int32) for e in (pl.col("ref").dt.year(), pl.col("ref").dt.month(),
                                              pl.col("ref").dt.day()))
    years = ry - by - ((rm * 100 + rd) < (bm * 100 + bd)).cast(pl.Int32)
    months = (ry - by) * 12 + rm - bm - (rd < bd).cast(pl.Int32)
    return frame.select(years.alias(AGE), months.alias(AGE_M))


def _condition(cond: Condition, form: FormTemplate) -> pl.Expr:
    expr = pl.lit(True)
    if cond.field is not None:
        if form.field(cond.field).type != "choice":
            raise NotImplementedError(cond.field)
        c = pl.col(cond.field)
        if cond.in_ is not None:
            expr = expr & c.is_in(list(cond.in_)).fill_null(False)
        if cond.not_in is not None:
            expr = expr & ~c.is_in(list(cond.not_in)).fill_null(False)
    age, months = pl.col(AGE), pl.col(AGE_M)
    if cond.age_lt is not None:
        expr = expr & (age < cond.age_lt).fill_null(False)
    if cond.age_gte is not None:
        expr = expr & (age >= cond.age_gte).fill_null(False)
    if cond.age_months_lt is not None:
        expr = expr & (months < cond.age_months_lt).fill_null(False)
    return expr


def _blank(values: list) -> pl.Series:
    s = pl.Series(values, dtype=pl.Utf8)
    return (s.is_null() | (s.str.strip_chars() == "")).fill_null(True)


def missing_cells(form: FormTemplate, values: Mapping[str, list], facts: Mapping[str, list[Any]],
                  default_ref: date, row_at: Callable[[int], Row],
                  blanks: Mapping[str, pl.Series] | None = None) -> dict[int, list[Field]]:
    """record index -> the required fields left blank in it, in form order. `row_at(i)` gives
    a record for conditions not vectorised here (on a multiple-choice field); `blanks`: the
    blank-cell masks the caller already has, by field."""
    order = {key: n for n, key in enumerate(form.keys)}
    n = len(next(iter(values.values()), []))
    fields = [f for f in form.fields if f.key in values and (f.required or f.required_when)]
    if not n or not fields:
        return {}
    cond_keys = {c.field for f in fields for c in (*f.applies_when, *f.required_when)
                 if c.field and form.field(c.field).type == "choice"}
    frame = _ages(facts, n, default_ref).with_columns(
        [pl.Series(k, facts.get(k) or [None] * n, dtype=pl.Utf8) for k in cond_keys])
    out: dict[int, list[Field]] = {}
    for field in fields:
        blank = blanks[field.key] if blanks and field.key in blanks else _blank(values[field.key])
        if not blank.any():
            continue
        try:
            conds = [_condition(c, form) for c in (*field.applies_when, *field.required_when)]
        except NotImplementedError:       # a condition this module cannot vectorise
            hits = [i for i in blank.arg_true().to_list() if is_required(field, row_at(i))]
        else:
            mask = frame.select(pl.all_horizontal([pl.lit(True), *conds]).alias("m"))["m"] & blank
            hits = mask.arg_true().to_list()
        for i in hits:
            out.setdefault(i, []).append(field)
    return {i: sorted(found, key=lambda f: order[f.key]) for i, found in out.items()}
