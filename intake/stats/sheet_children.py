"""Distinct children of single sheets (a township's own statistics and register), made the way
the county desk makes them: the same ChildRefs (intake.county.children.distinct_frame with no
decisions: one child per usable ID number, a record without one its own child) and the same
frame builder (intake.county.frame.children_frame), over the sheets' tables in memory.

`SheetData(sheet_id, table, deleted)`: a sheet as a SheetSession or a CheckedSheet holds it;
`snapshot(session)` copies the cells a worker thread may read while the clerk goes on editing.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

import polars as pl

from intake.county.children import ChildRef, distinct_frame
from intake.county.township import Evidence, detect
from intake.stats.population import compact_id
from intake.table import SheetTable
from validators.data import RecordColumns

USABLE_ID = r"^(?:[0-9]{17}[0-9X]|[0-9]{15})$"


@dataclass(frozen=True)
class SheetData:
    sheet_id: int
    table: SheetTable
    deleted: frozenset[int] = frozenset()


class SheetRecords:
    """The `records` of intake.county.frame.children_frame for sheets held in memory."""

    def __init__(self, sheets: Sequence[SheetData]):
        self._tables = {s.sheet_id: s.table for s in sheets}

    def table(self, sheet_id: int) -> SheetTable:
        return self._tables[sheet_id]


def snapshot(session, fields: Sequence[str] | None = None) -> SheetData:
    """A copy of a SheetSession's cells (all, or `fields`), safe to read in another thread."""
    values = session.table.data.values
    keys = [k for k in (fields or values) if k in values]
    data = RecordColumns({k: list(values[k]) for k in keys},
                         {k: set(v) for k, v in session.table.data.numeric.items() if k in keys})
    return SheetData(session.sheet_id, replace(session.table, data=data), session.deleted_rows)


def township_of(table: SheetTable, county: str | None) -> str:
    """The sheet's township as the county would see it: its 填报单位, else its file name."""
    units = tuple(u for u in (table.reporting_unit,) if u)
    return detect(Evidence(units, _unit_cells(table), {}, table.source.name), county).name


def _unit_cells(table: SheetTable) -> tuple[str, ...]:
    cells = [v.strip() for v in table.data.values.get("reporting_unit", ()) if v and v.strip()]
    return (max(set(cells), key=cells.count),) if cells else ()


def _ids(table: SheetTable) -> pl.Series:
    raw = table.data.values.get("id_number") or [None] * table.n_rows
    numbers = table.data.numeric.get("id_number", set())
    ids = pl.DataFrame({"id_number": raw}, schema={"id_number": pl.Utf8}).select(compact_id())["id_number"]
    usable = ids.str.contains(USABLE_ID).fill_null(False) & ~pl.Series(
        [i in numbers for i in range(table.n_rows)] if numbers else [False] * table.n_rows)
    return pl.select(pl.when(usable).then(ids)).to_series()


def live_frame(sheets: Sequence[SheetData], county: str | None) -> pl.DataFrame:
    """The sheets' rows that count (deleted rows left out), as the desk's live frame."""
    parts = []
    for s in sheets:
        t = s.table
        frame = pl.DataFrame({"sheet_id": [s.sheet_id] * t.n_rows, "index": list(range(t.n_rows)),
                              "id": _ids(t), "row": t.row_numbers},
                             schema={"sheet_id": pl.Int64, "index": pl.Int64, "id": pl.Utf8, "row": pl.Int64})
        frame = frame.with_columns(form=pl.lit(t.form), township=pl.lit(township_of(t, county)),
                                   file=pl.lit(t.source.name), sheet=pl.lit(t.sheet))
        parts.append(frame.filter(~pl.col("index").is_in(list(s.deleted))) if s.deleted else frame)
    return pl.concat(parts) if parts else pl.DataFrame()


def sheet_children(sheets: Sequence[SheetData], county: str | None, form: str) -> list[ChildRef]:
    live = live_frame([s for s in sheets if s.table.form == form], county)
    if live.is_empty():
        return []
    frame = distinct_frame(live, [])
    cols = frame.select("sheet_id", "index", "form", "township", "file", "sheet", "row").iter_rows()
    return [ChildRef(s, i, f, t, fl, sh, r) for s, i, f, t, fl, sh, r in cols]
