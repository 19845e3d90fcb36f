"""The bulk run's pass over every column at once, in polars (two queries for the whole sheet,
whatever its size: on a township's 2,000-row sheet the fixed cost of a query is what counts).

For each column it gives the blank cells, the cells the schema's checks fail (validators.schema:
check_cell explains them, validators.bulk), the clean cells (not blank, passed, and for an ID
column not a number cell), and what the facts of clean cells are built from: the birth date and
the sex digit in an ID number, the date of a date cell, the county path and township word of an
address (validators.address_heads).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from validators import address_heads, bulk_explain, township_words
from validators.form import FormTemplate
from validators.schema import HEAD, compile_schema, expressions, has_fast_check

BLANK, OK, NUMBER = "|blank", "|ok", "|number"
BIRTH, ODD, DAY, PATH, TOWN = "|birth", "|odd", "|day", "|path", "|town"
DERIVED = (BIRTH, ODD, DAY, PATH, TOWN, bulk_explain.EXPECTED, bulk_explain.DIGITS)


@dataclass
class ColumnPass:
    text: pl.Series                   # the cells as text (null: blank)
    blank: pl.Series                  # True where the cell is blank
    failing: list[int]                # not blank, and a check failed (check_cell decides)
    clean_rows: pl.Series             # not blank, every check passed, not an ID's number cell
    derived: dict[str, pl.Series] = field(default_factory=dict)   # by suffix (DERIVED)
    same: dict[str, list[int]] = field(default_factory=dict)  # address: earlier address column ->
                                                              # rows where both hold the same text
    _clean: list[int] | None = field(default=None, repr=False)

    def get(self, suffix: str) -> pl.Series:
        return self.derived[suffix]

    @property
    def has_clean(self) -> bool:
        return len(self.clean_rows) > 0

    @property
    def clean(self) -> list[int]:
        """clean_rows as a list, made on first use: most columns only ask has_clean (a
        100k-row sheet's clean indices as Python ints cost half a second over all columns)."""
        if self._clean is None:
            self._clean = self.clean_rows.to_list()
        return self._clean


def _blank(c: pl.Expr) -> pl.Expr:
    return (c.is_null() | (c.str.strip_chars() == "")).fill_null(True)


def _derived(kind: str, key: str) -> dict[str, pl.Expr]:
    """The columns clean cells' facts are built from (computed for every cell; only clean
    cells use them), and the classes of failing cells explained column-wise
    (validators.bulk_explain)."""
    c = pl.col(key)
    if kind == "id":
        birth = c.str.slice(6, 8).str.to_date("%Y%m%d", strict=False)
        return {BIRTH: birth, ODD: c.str.slice(16, 1).cast(pl.Int32, strict=False) % 2 == 1,
                **bulk_explain.columns(kind, key, birth)}
    if kind == "phone":
        return bulk_explain.columns(kind, key)
    if kind == "date":
        return {DAY: c.str.to_date("%Y-%m-%d", strict=False)}
    if kind == "address":
        n = pl.col(key + HEAD)
        detail = c.str.slice(n).str.replace_all("[\u200b\ufeff]", "")
        return {PATH: pl.when(n > 0).then(c.str.slice(0, n)),
                TOWN: pl.when(n > 0).then(detail.str.extract(township_words.TOWN_WORD, 1))}
    return {}


def run(form: FormTemplate, keys: list[str], values: dict[str, list], numeric: dict[str, set[int]],
        given: dict[str, pl.Series] | None = None) -> dict[str, ColumnPass]:
    """The pass over the columns `keys` (present in `values`); numeric: the number cells;
    given: polars text columns of the same cells the caller has already (the reader's)."""
    n = len(values[keys[0]]) if keys else 0
    given = given or {}
    text = {k: given[k].alias(k) if k in given and len(given[k]) == n else pl.Series(k, values[k], dtype=pl.Utf8)
            for k in keys}
    numbers = [_mask(numeric[k], n).alias(k + NUMBER) for k in keys
               if form.field(k).type == "id" and numeric.get(k)]
    plan = _plan(form, tuple(keys), tuple(m.name for m in numbers))
    frame = pl.DataFrame([*text.values(), *numbers]).lazy()
    done = frame.with_columns(**plan.helpers).select(*plan.first).collect()
    lists = pl.concat([done, frame.select(*plan.addresses).collect()], how="horizontal").select(*plan.second)
    pairs = plan.pairs
    out = {}
    for k in keys:
        derived = {s: done[k + s] for s in DERIVED if k + s in done.columns}
        out[k] = ColumnPass(text[k], done[k + BLANK], _cell(lists, k + FAILING).to_list(), _cell(lists, k + CLEAN),
                            derived, {b: _cell(lists, f"{a}{SAME}{b}").to_list() for a, b in pairs if a == k})
    return out


@dataclass(frozen=True)
class _Plan:
    """The two queries' expressions for one form and set of columns (polars expressions are
    immutable: built once per shape, every sheet of that shape reuses them)."""
    helpers: dict[str, pl.Expr]
    first: tuple[pl.Expr, ...]
    second: tuple[pl.Expr, ...]
    addresses: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]


_PLANS: dict[tuple, tuple[FormTemplate, _Plan]] = {}


def _plan(form: FormTemplate, keys: tuple[str, ...], numbers: tuple[str, ...]) -> _Plan:
    hit = _PLANS.get((id(form), keys, numbers))
    if hit is not None and hit[0] is form:
        return hit[1]
    checked = [k for k in keys if has_fast_check(form.field(k))]
    helpers, oks = expressions(compile_schema(form, checked))
    first = (*(_blank(pl.col(k)).alias(k + BLANK) for k in keys),
             *(e.alias(k + OK) for k, e in oks.items()),
             *(pl.col(m) for m in numbers),
             *(e.alias(k + suffix) for k in checked for suffix, e in _derived(form.field(k).type, k).items()))
    columns = [*(k + BLANK for k in keys), *(k + OK for k in oks), *numbers]
    addresses = tuple(k for k in keys if form.field(k).type == "address")
    pairs = tuple((a, b) for n, a in enumerate(addresses) for b in addresses[:n])
    second = (*_index_lists(list(keys), set(oks), columns),
              *((pl.col(a) == pl.col(b)).fill_null(False).arg_true().implode().alias(f"{a}{SAME}{b}")
                for a, b in pairs))
    plan = _Plan(helpers, first, second, addresses, pairs)
    if len(_PLANS) > 64:
        _PLANS.clear()
    _PLANS[(id(form), keys, numbers)] = (form, plan)
    return plan


def _cell(one_row: pl.DataFrame, name: str) -> pl.Series:
    """The list in a one-row list column, as a Series (not as Python ints)."""
    return one_row.get_column(name)[0]


FAILING, CLEAN, SAME = "|failing", "|clean", "|same|"


def _index_lists(keys: list[str], checked: set[str], columns: list[str]) -> list[pl.Expr]:
    """The failing and the clean record indices of each column, as one-row list columns."""
    exprs = []
    for k in keys:
        blank = pl.col(k + BLANK)
        if k in checked:
            ok = pl.col(k + OK)
            clean = ~blank & ok & (~pl.col(k + NUMBER) if k + NUMBER in columns else True)
            exprs += [(~ok).arg_true().implode().alias(k + FAILING), clean.arg_true().implode().alias(k + CLEAN)]
        else:                   # no vectorised check: check_cell sees every cell
            exprs += [(~blank).arg_true().implode().alias(k + FAILING),
                      pl.lit(pl.Series([], dtype=pl.UInt32)).implode().alias(k + CLEAN)]
    return exprs


def _mask(indices: set[int], n: int) -> pl.Series:
    flags = [False] * n
    for i in indices:
        flags[i] = True
    return pl.Series(flags, dtype=pl.Boolean)
