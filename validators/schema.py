"""The form template compiled into a pandera (polars backend) schema.

Each check is a strict, vectorised test of "this cell is surely fine": a cell that passes it gets
no finding from `check_cell`, and the engine builds its fact directly (validators.bulk); a cell
that fails is handed to `check_cell` for the precise code, message and suggestion. Checks are
named by kind (`id.format`, `date.iso`, `option.member`, `phone.plain`, `name.plain`,
`address.canonical`, `text.clean`) so failure cases map back to cells.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

import pandera.polars as pa
import polars as pl

from validators import address_heads, formula_errors
from validators.form import Field, FormTemplate

ID_CHECK_CHARS = "10X98765432"
MOBILE = r"^1[3-9][0-9]{9}$"
# written as validators.phone normalises it: a mobile, or a landline of area code (0 + 2-3 digits)
# and 7-8 digits with or without its hyphen (10-12 digits in all: always a valid one)
PLAIN_PHONE = MOBILE + r"|^0[0-9]{2,3}-[0-9]{7,8}$|^0[0-9]{9,11}$"
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


def id_check_char(c: pl.Expr) -> pl.Expr:
    """The MOD 11-2 check character of the first 17 characters (null unless digits): they are
    read in base 13, as idnumber.calc_check_char does (13 ≡ 2 mod 11; 13**17 < 2**63, taken
    mod 11 before doubling)."""
    total = c.str.slice(0, 17).str.to_integer(base=13, strict=False)
    return pl.lit(list(ID_CHECK_CHARS)).list.get(total % 11 * 2 % 11, null_on_oob=True)


def id_ok(c: pl.Expr) -> pl.Expr:
    """18 characters, 17 digits + digit/X, MOD 11-2 checksum right, a real birth date in it, not
    ending in 000 (check_cell warns about those: an Excel number that happened to pass)."""
    shape = c.str.contains(r"^[0-9]{17}[0-9X]$")
    expected = id_check_char(c)
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


class ExprCheck:
    """A check as one polars expression on a text column: True where the cell is surely fine
    (blank cells count as fine). `helpers` are columns the test reads, computed beforehand
    (used twice in one expression a column would be computed twice). pandera calls it with
    its PolarsData; the bulk run's executor (`failing_cells`) takes `helper_columns` and
    `expression` of every check and evaluates them all in one query."""

    def __init__(self, kind: str, test: Callable[..., pl.Expr],
                 helpers: dict[str, Callable[[pl.Expr], pl.Expr]] | None = None):
        self.kind, self.test, self.helpers = kind, test, helpers or {}

    def helper_columns(self, key: str) -> dict[str, pl.Expr]:
        return {key + suffix: make(pl.col(key)) for suffix, make in self.helpers.items()}

    def expression(self, key: str) -> pl.Expr:
        c = pl.col(key)
        helped = [pl.col(key + suffix) for suffix in self.helpers]
        return _blank(c) | self.test(c, *helped).fill_null(False)

    def __call__(self, data) -> pl.LazyFrame:
        return data.lazyframe.with_columns(**self.helper_columns(data.key)).select(self.expression(data.key))


def _check(kind: str, test: Callable[[pl.Expr], pl.Expr]) -> pa.Check:
    return pa.Check(ExprCheck(kind, test), name=kind)


HEAD = "__head_length"      # the address check's helper column: validators.address_heads.N


def checks_for(field: Field) -> list[pa.Check]:
    if field.type == "id":
        return [_check("id.format", id_ok)]
    if field.type == "date":
        return [_check("date.iso", date_ok)]
    if field.type in ("choice", "multi") and field.options:
        return [_check("option.member", member_ok(field.options))]
    if field.type == "phone":
        return [_check("phone.plain", lambda c: c.str.contains(PLAIN_PHONE))]
    if field.type == "name":
        return [_check("name.plain", lambda c: c.str.contains(PLAIN_NAME))]
    if field.type in ("text", "relation"):
        return [_check("text.clean", lambda c: c.str.contains(CLEAN_TEXT) & ~c.str.contains(FORMULA_ERROR))]
    if field.type == "address":
        address = ExprCheck("address.canonical", lambda c, n: address_heads.canonical(c, n),
                            {HEAD: address_heads.head_length})
        return [pa.Check(address, name="address.canonical")]
    return []


def has_fast_check(field: Field) -> bool:
    return bool(checks_for(field))


_SCHEMAS: dict[tuple[int, tuple[str, ...]], tuple[FormTemplate, pa.DataFrameSchema]] = {}


def compile_schema(form: FormTemplate, present: Iterable[str]) -> pa.DataFrameSchema:
    """One nullable text Column per present field that has a vectorised check; compiled once
    per form and set of present fields (every sheet of that shape reuses it)."""
    present = tuple(sorted(set(present)))
    hit = _SCHEMAS.get((id(form), present))
    if hit is not None and hit[0] is form:
        return hit[1]
    columns = {f.key: pa.Column(pl.Utf8, checks=checks_for(f), nullable=True, required=True)
               for f in form.fields if f.key in present and has_fast_check(f)}
    schema = pa.DataFrameSchema(columns, strict=False, name=form.key)
    _SCHEMAS[(id(form), present)] = (form, schema)
    return schema


def schema_checks(schema: pa.DataFrameSchema) -> list[tuple[str, ExprCheck]]:
    """(column, check) of every check the schema declares, in column order."""
    return [(key, check._check_fn) for key, column in schema.columns.items() for check in column.checks]


def expressions(schema: pa.DataFrameSchema) -> tuple[dict[str, pl.Expr], dict[str, pl.Expr]]:
    """(helper columns, one boolean expression per checked column: True where every check of
    that column passes): evaluate the helpers first, then the rest, in one query."""
    checks = schema_checks(schema)
    helpers = {name: e for key, check in checks for name, e in check.helper_columns(key).items()}
    oks: dict[str, pl.Expr] = {}
    for key, check in checks:
        oks[key] = oks[key] & check.expression(key) if key in oks else check.expression(key)
    return helpers, oks


def failing_cells(schema: pa.DataFrameSchema, frame: pl.DataFrame) -> dict[str, set[int]]:
    """The failing record indices per field (only fields with some): every declared check
    evaluated in one polars query (pandera's own validate gives the same cells, with one
    query per check and column: `pandera_failing_cells`)."""
    helpers, oks = expressions(schema)
    passed = frame.lazy().with_columns(**helpers).select(**oks)
    found = passed.select(pl.all().not_().arg_true().implode()).collect().row(0, named=True)
    return {key: set(indices) for key, indices in found.items() if indices}


def pandera_failing_cells(schema: pa.DataFrameSchema, frame: pl.DataFrame) -> dict[str, set[int]]:
    """failing_cells as pandera's lazy validation reports them (failure cases by column)."""
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases.filter(pl.col("index").is_not_null())
        out: dict[str, set[int]] = {}
        for key, idx in cases.group_by("column").agg(pl.col("index")).iter_rows():
            out[key] = set(idx)
        return out
    return {}
