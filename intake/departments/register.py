"""The register's side of a department check: the county's distinct children (after its
decisions, CountyDesk.children_keys) that a department gets, with the fields it is sent or
compared.

Only the fields asked for are read, column by column from the workspace with the sheet's edits
applied (a 200,000-child county: tens of milliseconds, where loading whole sheets takes
seconds), and kept per sheet until the sheet is edited. Option fields are given canonically
(intake.county.values.canonical: 户籍地医保 → 纳入户籍地医保), once per distinct text; text
fields (name, school) stay as written and are compared as text.
"""
from __future__ import annotations

from datetime import date

import polars as pl

from intake.county.values import canonical
from intake.departments.profile import Selection
from intake.forms import load_form
from intake.workspace import Workspace
from intake.workspace_schema import unpack_column

CHILD = ["sheet_id", "index", "form", "township", "file", "sheet", "row", "id", "birth"]
OPTION_TYPES = ("choice", "multi", "date")


class SheetColumns:
    """Some fields of each sheet, read from the workspace (edits applied) and kept until
    `forget(sheet_id)` (after an edit of that sheet)."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self._kept: dict[int, dict[str, list[str | None] | None]] = {}

    def forget(self, sheet_id: int | None = None) -> None:
        if sheet_id is None:
            self._kept.clear()
        else:
            self._kept.pop(sheet_id, None)

    def get(self, sheet_id: int, fields: list[str]) -> dict[str, list[str | None] | None]:
        kept = self._kept.setdefault(sheet_id, {})
        wanted = [f for f in fields if f not in kept]
        if wanted:
            kept.update(self._read(sheet_id, wanted))
        return {f: kept[f] for f in fields}

    def _read(self, sheet_id: int, fields: list[str]) -> dict[str, list[str | None] | None]:
        marks = ",".join("?" * len(fields))
        rows = self.workspace.query(f"SELECT slot, vals FROM cells WHERE sheet_id = ? AND slot IN ({marks})",
                                    [sheet_id, *(f"f:{f}" for f in fields)])
        out: dict[str, list[str | None] | None] = {f: None for f in fields}      # None: no such column
        out.update({slot[2:]: unpack_column(vals) for slot, vals in rows})
        edits = self.workspace.query(
            f"SELECT record, field, new FROM edits WHERE sheet_id = ? AND undone = 0 AND field IN ({marks})"
            " ORDER BY id", [sheet_id, *fields])
        for index, field, new in edits:
            if out.get(field) is not None:
                out[field][index] = new
        return out


def ages(birth: pl.Expr, as_of: date) -> pl.Expr:
    """Full years on `as_of` of an ISO birth date column (None when unknown)."""
    day = birth.str.to_date("%Y-%m-%d", strict=False)
    before = (day.dt.month() * 100 + day.dt.day()) > (as_of.month * 100 + as_of.day)
    return as_of.year - day.dt.year() - before.cast(pl.Int32)


def selected(keys: pl.DataFrame, selection: Selection, as_of: date) -> pl.DataFrame:
    """The children a department gets: its forms, its ages (a child whose age is unknown is sent:
    the department may know it)."""
    frame = keys.filter(pl.col("form").is_in(list(selection.forms)))
    if selection.age_lt is None and selection.age_gte is None:
        return frame
    age = ages(pl.col("birth"), as_of)
    keep = pl.lit(True)
    if selection.age_lt is not None:
        keep = keep & (age < selection.age_lt)
    if selection.age_gte is not None:
        keep = keep & (age >= selection.age_gte)
    return frame.filter(keep.fill_null(True))


def compared_fields(profile) -> list[str]:
    """The fields a reconciliation reads of the register (the ID cell as written included)."""
    p = profile
    return list(dict.fromkeys([*p.compared_fields, *filter(None, [p.absent.unless_field]), "id_number"]))


def with_fields(keys: pl.DataFrame, columns: SheetColumns, fields: list[str],
                merged: dict | None = None) -> pl.DataFrame:
    """`keys` (CHILD columns, in any order) with one Utf8 column per field; option and date
    fields canonical, text as written; a merged record's taken values in place."""
    keys = keys.select(CHILD)
    if keys.is_empty():
        return keys.with_columns(*(pl.lit(None, pl.Utf8).alias(f) for f in fields))
    parts = []
    for (sheet_id, form), part in keys.group_by("sheet_id", "form", maintain_order=True):
        values = columns.get(sheet_id, fields)
        index = part["index"].to_list()
        cols = {}
        for f in fields:
            column = values[f]
            raw = [column[i] for i in index] if column is not None else [None] * len(index)
            if merged:
                raw = [merged.get((sheet_id, i), {}).get(f, v) for i, v in zip(index, raw)]
            cols[f] = _canonical(form, f, raw)
        parts.append(part.with_columns(*(pl.Series(f, cols[f], pl.Utf8) for f in fields)))
    return pl.concat(parts)


def _canonical(form: str, key: str, raw: list[str | None]) -> list[str | None]:
    template = load_form(form)
    if not template.has(key) or template.field(key).type not in OPTION_TYPES:
        return [v.strip() or None if v is not None else None for v in raw]
    memo = {v: canonical(form, key, v) for v in set(raw)}
    return [memo[v] for v in raw]
