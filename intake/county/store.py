"""The county's tables in the workspace (intake.workspace_migrate, version 2), written through
the workspace's one locked connection. A received file and all its sheets are stored in one
transaction: a crash leaves the file wholly in or wholly out.
"""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime

from intake.county.intake_job import SheetCounts, TableResult
from intake.workspace import Workspace


def now() -> str:
    return datetime.now().isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class FileRow:
    id: int
    file_hash: str
    name: str              # the file's name (basename), as received
    path: str
    received_at: str
    message: str | None    # an unreadable file's one-line reason


@dataclass(frozen=True)
class SheetRow:
    sheet_id: int
    file_id: int
    form: str
    sheet: str
    reporting_unit: str | None     # the 填报单位 line
    n_rows: int
    n_edits: int                   # cell edits and row marks (deleted/restored rows) in force
    fill_line: str | None
    latest_row_date: str | None
    counts: SheetCounts
    checked: dict                  # {"as_of", "county", "edits"}: what the counts were computed for
    towns: dict[str, int]          # township code -> rows naming it
    places: dict[str, int]         # county code -> rows in it
    unit_cell: str | None          # the 填报单位 column's common value


WRITTEN = "county_written"      # workspace decision kind: content hash -> name of a file the desk wrote

_SHEETS_SQL = (
    "SELECT c.sheet_id, c.file_id, s.form, s.sheet, s.reporting_unit, s.n_rows,"
    " (SELECT COUNT(*) FROM edits e WHERE e.sheet_id = s.id AND e.undone = 0)"
    " + (SELECT COUNT(*) FROM row_marks r WHERE r.sheet_id = s.id AND r.undone = 0),"
    " c.fill_line, c.latest_row_date, c.n_errors, c.n_warnings, c.n_hints, c.rows_with_errors,"
    " c.checked, c.towns FROM county_sheets c JOIN sheets s ON s.id = c.sheet_id ORDER BY c.sheet_id")


class CountyStore:
    def __init__(self, workspace: Workspace):
        self.workspace = workspace

    # --- files and sheets ------------------------------------------------------------------------
    def add_file(self, file_hash: str, name: str, path: str, tables: list[TableResult],
                 checked: dict, message: str | None = None) -> tuple[int, list[int]]:
        """Store a received file (an unreadable one: no tables, a message) and its sheets."""
        ws = self.workspace
        with ws.writing() as conn:
            conn.execute("DELETE FROM county_files WHERE file_hash = ? AND message IS NOT NULL", [file_hash])
            file_id = conn.execute(
                "INSERT INTO county_files (file_hash, name, path, received_at, message) VALUES (?, ?, ?, ?, ?)",
                [file_hash, name, path, now(), message]).lastrowid
            sheet_ids = []
            for t in tables:
                sheet_id = ws.import_table(t.table, file_hash=file_hash, cells=t.cells, conn=conn)
                c = t.counts
                conn.execute(
                    "INSERT INTO county_sheets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [sheet_id, file_id, t.fill_line, t.latest_row_date, c.n_errors, c.n_warnings,
                     c.n_hints, c.rows_with_errors, json.dumps(checked),
                     json.dumps({"towns": t.towns, "places": t.places, "unit_cell": t.unit_cell})])
                self._write_keys(conn, sheet_id, t.keys)
                sheet_ids.append(sheet_id)
        return file_id, sheet_ids

    def update_sheet(self, sheet_id: int, counts: SheetCounts, checked: dict, keys: bytes | None) -> None:
        """New counts and keys after the sheet was edited or checked in another context."""
        with self.workspace.writing() as conn:
            conn.execute("UPDATE county_sheets SET n_errors = ?, n_warnings = ?, n_hints = ?,"
                         " rows_with_errors = ?, checked = ? WHERE sheet_id = ?",
                         [counts.n_errors, counts.n_warnings, counts.n_hints, counts.rows_with_errors,
                          json.dumps(checked), sheet_id])
            self._write_keys(conn, sheet_id, keys)

    @staticmethod
    def _write_keys(conn, sheet_id: int, keys: bytes | None) -> None:
        """keys: intake.county.keys.keys_blob (None: keep the stored ones)."""
        if keys is not None:
            conn.execute("INSERT OR REPLACE INTO county_keys (sheet_id, key, vals) VALUES (?, 'frame', ?)",
                         [sheet_id, keys])

    def files(self) -> list[FileRow]:
        rows = self.workspace.query("SELECT id, file_hash, name, path, received_at, message"
                                    " FROM county_files ORDER BY id")
        return [FileRow(*r) for r in rows]

    def has_files(self) -> bool:
        return bool(self.workspace.query("SELECT 1 FROM county_files LIMIT 1"))

    def remember_written(self, file_hash: str, name: str) -> None:
        """A file this county desk wrote (upload or return file), by its content."""
        self.workspace.set_decision(WRITTEN, file_hash, name)

    def written_name(self, file_hash: str) -> str | None:
        """The name a file of this content was written under by this desk, if it was."""
        return self.workspace.decision(WRITTEN, file_hash)

    def readable_file(self, file_hash: str) -> FileRow | None:
        rows = self.workspace.query("SELECT id, file_hash, name, path, received_at, message FROM county_files"
                                    " WHERE file_hash = ? AND message IS NULL", [file_hash])
        return FileRow(*rows[0]) if rows else None

    def sheets(self) -> list[SheetRow]:
        out = []
        for r in self.workspace.query(_SHEETS_SQL):
            towns = json.loads(r[14] or "{}")
            out.append(SheetRow(*r[:9], SheetCounts(*r[9:13]), json.loads(r[13]),
                                towns.get("towns", {}), towns.get("places", {}), towns.get("unit_cell")))
        return out

    def row_numbers(self, sheet_id: int) -> list[int]:
        rows = self.workspace.query("SELECT row_numbers FROM sheets WHERE id = ?", [sheet_id])
        return json.loads(rows[0][0] or "[]") if rows else []

    def deleted_rows(self, sheet_id: int) -> set[int]:
        """Records the clerk deleted (issue 14): left out of the county's counts and matching."""
        return self.workspace.deleted_rows(sheet_id)

    def keys(self, sheet_id: int) -> bytes | None:
        rows = self.workspace.query("SELECT vals FROM county_keys WHERE sheet_id = ? AND key = 'frame'", [sheet_id])
        return rows[0][0] if rows else None

    # --- the county's own settings -----------------------------------------------------------------
    def salt(self) -> str:
        """A random secret of this workspace: group keys hash ID numbers with it, so a key
        shown or logged reveals nothing about the ID."""
        rows = self.workspace.query("SELECT value FROM meta WHERE key = 'county_salt'")
        if rows:
            return rows[0][0]
        with self.workspace.writing() as conn:
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('county_salt', ?)", [secrets.token_hex(16)])
        return self.workspace.query("SELECT value FROM meta WHERE key = 'county_salt'")[0][0]
