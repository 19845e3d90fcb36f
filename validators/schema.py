"""The form template compiled into a pandera (polars backend) schema.

Each check is a strict, vectorised test of "this cell is surely fine": a cell that passes it gets
no finding from `check_cell`, and the engine builds its fact directly (validators.bulk); a cell
that fails is handed to `check_cell` for the precise code, message and suggestion. Checks are
named by kind (`id.format`, `date.iso`, `option.member`, `phone.mobile`, `name.plain`,
`address.canonical`, `text.clean`) so failure cases map back to cells.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

import pandera.polars as pa
import polars as pl

from validators import address_heads, formula_errors
from validators.form import Field, FormTemplate

ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
ID_CHECK_CHARS = "10X98765432"
MOBILE = r"^1[3-9][0-9]{9}$"
_HAN = r"[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}]"
PLAIN_NAME = f"^{_HAN}{{2,5}}$|^{_HAN}{{1,10}}·{_HAN}{{1,10}}(·{_HAN}{{1,10}})?$"
# words separated by single spaces: what text.clean_text leaves unchanged (Python's \s also
# takes \x1c-\x1f, which Rust's does not: excluded explicitly)
CLEAN_TEXT = r"^[^\s\x1c-\x1f]+( [^\s\x1c-\x1f]+)*$"
ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# an Excel error value (validators.formula_errors) is never clean text: check_cell reports it
FORMULA_ERROR = "(?i)^\\s*[#＃](?:" + "|".join(
    re.escape(e[1:]) for e in formula_errors.ERRORS) + ")\\s*$"


def _blank(c: pl.Expr) -> pl.Expr:
    return c.is_null() | (c.str.strip_chars() == "")


def id_ok(c: pl.Expr) -> pl.Expr:
    """18 characters, 17 digits + digit/X, MOD 11-2 checksum right, a real birth date in it, not
    ending in 000 (check_cell warns about those: an Excel number that happened to pass)."""
    shape = c.str.contains(r"^[0-9]{17}[0-9X]$")
    total = pl.sum_horizontal([c.str.slice(i, 1).cast(pl.Int32, strict=False) * w
                               for i, w in enumerate(ID_WEIGHTS)])
    expected = pl.lit(list(ID_CHECK_CHARS)).list.get(total % 11, null_on_oob=True)
    birth = c.str.slice(6, 8).str.to_date("%Y%m%d", strict=False)
    return (shape & (c.str.slice(17, 1) == expected) & birth.is_not_null()
            & (birth.dt.year() >= 1900) & ~c.str.ends_with("000"))


def date_ok(c: pl.Expr) -> pl.Expr:
    parsed = c.str.to_date("%Y-%m-%d", strict=False)
    year = parsed.dt.year()
    return c.str.contains(ISO_DATE) & parsed.is_not_null() & (year >= 1900) & (year <= 2100)


def member_ok(options: Iterable[str]) -> Callable[[pl.Expr], pl.Expr]:
    allowed = list(options)
    return lambda c: c.is_in(allowed)


def _check(kind: str, test: Callable[[pl.Expr], pl.Expr]) -> pa.Check:
    def run(data) -> pl.LazyFrame:
        c = pl.col(data.key)
        return data.lazyframe.select(_blank(c) | test(c).fill_null(False))
    return pa.Check(run, name=kind)


def _address_check(data) -> pl.LazyFrame:
    c, n = pl.col(data.key), pl.col(address_heads.N)
    return data.lazyframe.with_columns(address_heads.head_length(c).alias(address_heads.N)).select(
        _blank(c) | address_heads.canonical(c, n))


def checks_for(field: Field) -> list[pa.Check]:
    if field.type == "id":
        return [_check("id.format", id_ok)]
    if field.type == "date":
        return [_check("date.iso", date_ok)]
    if field.type in ("choice", "multi") and field.options:
        return [_check("option.member", member_ok(field.options))]
    if field.type == "phone":
        return [_check("phone.mobile", lambda c: c.str.contains(MOBILE))]
    if field.type == "name":
        return [_check("name.plain", lambda c: c.str.contains(PLAIN_NAME))]
    if field.type in ("text", "relation"):
        return [_check("text.clean", lambda c: c.str.contains(CLEAN_TEXT) & ~c.str.contains(FORMULA_ERROR))]
    if field.type == "address":
        return [pa.Check(_address_check, name="address.canonical")]
    return []


def has_fast_check(field: Field) -> bool:
    return bool(checks_for(field))


def compile_schema(form: FormTemplate, present: Iterable[str]) -> pa.DataFrameSchema:
    """One nullable text Column per present field that has a vectorised check."""
    present = set(present)
    columns = {f.key: pa.Column(pl.Utf8, checks=checks_for(f), nullable=True, required=True)
               for f in form.fields if f.key in present and has_fast_check(f)}
    return pa.DataFrameSchema(columns, strict=False, name=form.key)


def failing_cells(schema: pa.DataFrameSchema, frame: pl.DataFrame) -> dict[str, set[int]]:
    """Validate lazily (one pass, every failure) and return the failing record indices per field."""
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases.filter(pl.col("index").is_not_null())
        out: dict[str, set[int]] = {}
        for key, idx in cases.group_by("column").agg(pl.col("index")).iter_rows():
            out[key] = set(idx)
        return out
    return {}
