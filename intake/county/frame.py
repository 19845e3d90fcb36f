"""Distinct children as a polars frame of canonical values: what statistics (intake.stats), the
department checks and the window compute over.

`children_frame(records, children, fields, raw=())`: one row per ChildRef with its sheet_id,
index, form, township, file, sheet and row, and one Utf8 column per field holding the canonical
value (intake.county.values.canonical: 汉族, 2015-03-02, 、-joined options; None when blank), or
for the fields in `raw` the cell as written (blank: None): the statistics read ID numbers and
addresses as written and resolve them column-wise (intake.stats.places), as canonical values
of 200,000 distinct addresses take seconds. A merged record's field values replace its own.
`records` is anything with `table(sheet_id) -> SheetTable` (the desk's Records; a single
sheet's, intake.stats.sheet_children). Each sheet is read once; canonical values are computed
once per distinct text.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Collection, Sequence

import polars as pl

from intake.county.children import ChildRef
from intake.county.values import Records, canonical
from intake.forms import load_form

META = {"sheet_id": pl.Int64, "index": pl.Int64, "form": pl.Utf8, "township": pl.Utf8,
        "file": pl.Utf8, "sheet": pl.Utf8, "row": pl.Int64}


def children_frame(records: Records, children: Sequence[ChildRef],
                   fields: Sequence[str] | None = None, raw: Collection[str] = ()) -> pl.DataFrame:
    forms = list(dict.fromkeys(c.form for c in children))
    if fields is None:
        fields = list(dict.fromkeys(f.key for form in forms for f in load_form(form).fields))
    columns: dict[str, list] = {k: [] for k in META}
    columns.update({k: [] for k in fields})
    by_sheet: dict[int, list[ChildRef]] = defaultdict(list)
    for c in children:
        by_sheet[c.sheet_id].append(c)
    for sheet_id, kids in by_sheet.items():
        values = records.table(sheet_id).data.values
        for k in META:
            columns[k] += [getattr(c, k) for c in kids]
        for k in fields:
            column = values.get(k)
            cells = [c.overrides.get(k, column[c.index] if column else None) if c.overrides
                     else (column[c.index] if column else None) for c in kids]
            columns[k] += _as_written(cells) if k in raw else _canonical_column(kids[0].form, k, cells)
    schema = {**META, **{k: pl.Utf8 for k in fields}}
    return pl.DataFrame(columns, schema=schema)


def _canonical_column(form: str, key: str, raw: list[str | None]) -> list[str | None]:
    if not load_form(form).has(key):
        return raw
    mapping = {v: canonical(form, key, v) for v in set(raw)}
    return [mapping[v] for v in raw]


def _as_written(cells: list[str | None]) -> list[str | None]:
    return [v if v is None or v.strip() else None for v in cells]
