"""The workspace database's tables, and SheetTable <-> rows conversion.

Tables
- `sheets`: one row per imported sheet: source path, file hash, sheet name, form, township
  (reporting_unit), import time, header rows, column mapping, Excel row numbers, notes (JSON).
- `cells`: the imported cells column by column: one row per (sheet, column) holding the column's
  values as one zlib-compressed blob (see pack_column; `slot` = 'f:<field key>' for mapped fields, 'x:<col>'
  for unmapped columns) and the indices of number cells. Imported cells are never rewritten:
  edits live in `edits` and are re-applied on load. Column blobs import and reload 100k rows far
  faster than one SQL row per record, and compression keeps a 100k x 45 sheet near 10 MB
  instead of 100+ MB (see benchmarks/workspace.py).
- `edits`: every cell edit, written as it is made: sheet, record index, field, old, new, time,
  batch id and label (one user action), undone flag.
- `row_marks`: rows deleted and restored (intake.edits.RowBatch), written as they are made: sheet,
  record index, deleted (1) or restored (0), time, batch id and label, undone flag. A record is
  deleted when its latest mark that is not undone says so; its cells stay in `cells`.
- `decisions`: the user's decisions (kind, key, JSON value), per sheet or workspace-wide (sheet 0).
- Version 2 (the county's desk, intake.county): `county_files` (each received file: content
  hash, name, path, time received, the one-line message of an unreadable file), `county_sheets`
  (a received sheet: its file, 填报日期 line and latest row date, finding counts, the context it
  was checked in, township evidence), `county_keys` (per sheet, packed like `cells`: the values
  the matching compares, one blob per key), `county_log` (every county decision and correction,
  with its undo flag; see intake.county.log).
- Version 3 (the department checks, intake.departments): `dept_lists` (each list sent to a
  department: when, where, how many children, encrypted or not), `dept_answers` (each answer
  read: file, content hash, the column mapping used, the reader's notes and the answer's records
  as one Arrow IPC blob), `dept_log` (every decision about a difference, as county_log: never
  rewritten, undo marks it undone).

intake.workspace_migrate brings an older workspace up to SCHEMA_VERSION.
"""
from __future__ import annotations

import json
import zlib
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Iterator

from intake.edits import CellEdit
from intake.table import ImportNote, SheetTable, SourceColumn
from validators.data import RecordColumns

SCHEMA_VERSION = 3

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS sheets (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, file_hash TEXT, sheet TEXT NOT NULL,
    form TEXT NOT NULL, form_reason TEXT, reporting_unit TEXT, report_date_text TEXT,
    imported_at TEXT NOT NULL, n_rows INTEGER NOT NULL, header_rows TEXT, columns TEXT,
    row_numbers TEXT, notes TEXT);
CREATE INDEX IF NOT EXISTS sheets_hash ON sheets (file_hash);
CREATE TABLE IF NOT EXISTS cells (
    sheet_id INTEGER NOT NULL REFERENCES sheets(id), slot TEXT NOT NULL, vals BLOB NOT NULL,
    numeric TEXT, PRIMARY KEY (sheet_id, slot));
CREATE TABLE IF NOT EXISTS edits (
    id INTEGER PRIMARY KEY, sheet_id INTEGER NOT NULL REFERENCES sheets(id), record INTEGER NOT NULL,
    field TEXT NOT NULL, old TEXT, new TEXT, at TEXT NOT NULL, batch TEXT NOT NULL, label TEXT,
    kind TEXT, undone INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS edits_sheet ON edits (sheet_id, undone);
CREATE INDEX IF NOT EXISTS edits_batch ON edits (batch);
CREATE TABLE IF NOT EXISTS row_marks (
    id INTEGER PRIMARY KEY, sheet_id INTEGER NOT NULL REFERENCES sheets(id), record INTEGER NOT NULL,
    deleted INTEGER NOT NULL, at TEXT NOT NULL, batch TEXT NOT NULL, label TEXT,
    undone INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS row_marks_sheet ON row_marks (sheet_id, undone);
CREATE TABLE IF NOT EXISTS decisions (
    sheet_id INTEGER NOT NULL DEFAULT 0, kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT,
    at TEXT NOT NULL, PRIMARY KEY (sheet_id, kind, key));
"""

@dataclass(frozen=True)
class SheetInfo:
    """One stored sheet, as listed in the workspace (no cells)."""
    id: int
    source: str
    file_hash: str | None
    sheet: str
    form: str
    reporting_unit: str | None
    imported_at: str
    n_rows: int
    n_edits: int


@dataclass(frozen=True)
class StoredEdit:
    index: int
    field: str
    old: str | None
    new: str | None
    at: str
    batch: str
    label: str | None
    undone: int
    kind: str | None = None

    def cell_edit(self) -> CellEdit:
        return CellEdit(self.index, self.field, self.old, self.new)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


SEP = "\x1f"      # unit separator: never in text a reader gives, checked on every column anyway


def pack_column(values: list[str | None]) -> bytes:
    """A column as one compressed blob: b'S' + JSON [n, blank indices] + newline + the cells
    joined by SEP (2-3 times faster than JSON both ways), or b'J' + JSON when a cell holds SEP."""
    body = SEP.join(["" if v is None else v for v in values])
    if body.count(SEP) != max(len(values) - 1, 0):
        raw = b"J" + _dumps(values).encode("utf-8")
    else:
        blanks = [i for i, v in enumerate(values) if v is None]
        raw = b"S" + _dumps([len(values), blanks]).encode("utf-8") + b"\n" + body.encode("utf-8")
    return zlib.compress(raw, 1)


def unpack_column(blob: bytes) -> list[str | None]:
    raw = zlib.decompress(blob)
    if raw[:1] == b"J":
        return json.loads(raw[1:])
    head, _, body = raw[1:].partition(b"\n")
    n, blanks = json.loads(head)
    values: list[str | None] = body.decode("utf-8").split(SEP) if n else []
    for i in blanks:
        values[i] = None
    return values


def sheet_row(table: SheetTable, file_hash: str | None, imported_at: str) -> dict[str, Any]:
    return {
        "source": str(table.source), "file_hash": file_hash, "sheet": table.sheet,
        "form": table.form, "form_reason": table.form_reason,
        "reporting_unit": table.reporting_unit, "report_date_text": table.report_date_text,
        "imported_at": imported_at, "n_rows": table.n_rows,
        "header_rows": _dumps(table.header_rows),
        "columns": _dumps([asdict(c) for c in table.columns]),
        "row_numbers": _dumps(table.row_numbers),
        "notes": _dumps([asdict(n) for n in table.notes]),
    }


def cell_rows(table: SheetTable) -> Iterator[tuple[str, bytes, str]]:
    """(slot, vals, numeric) for each column of the sheet."""
    for key, values in table.data.values.items():
        numeric = sorted(table.data.numeric.get(key, ()))
        yield f"f:{key}", pack_column(values), _dumps(numeric)
    for col, values in table.extra.items():
        yield f"x:{col}", pack_column(values), "[]"


def table_from_rows(sheet: dict[str, Any], cells: list[tuple[str, bytes, str | None]]) -> SheetTable:
    """Rebuild the imported SheetTable (before edits) from its `sheets` row and `cells` rows."""
    values: dict[str, list[str | None]] = {}
    numeric: dict[str, set[int]] = {}
    extra: dict[int, list[str | None]] = {}
    for slot, vals, num in cells:
        kind, _, name = slot.partition(":")
        if kind == "f":
            values[name] = unpack_column(vals)
            if num and num != "[]":
                numeric[name] = set(json.loads(num))
        else:
            extra[int(name)] = unpack_column(vals)
    return SheetTable(
        source=Path(sheet["source"]), sheet=sheet["sheet"], form=sheet["form"],
        form_reason=sheet["form_reason"] or "",
        header_rows=json.loads(sheet["header_rows"] or "[]"),
        columns=[_known(SourceColumn, c) for c in json.loads(sheet["columns"] or "[]")],
        row_numbers=json.loads(sheet["row_numbers"] or "[]"),
        data=RecordColumns(values, numeric),
        reporting_unit=sheet["reporting_unit"], report_date_text=sheet["report_date_text"],
        notes=[_known(ImportNote, n) for n in json.loads(sheet["notes"] or "[]")],
        extra=extra,
    )


def _known(cls: type, stored: dict[str, Any]) -> Any:
    """A dataclass from a stored dict, ignoring keys the class no longer has (older workspaces)."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in stored.items() if k in names})
