"""The workspace: a local SQLite database (through sqlite-utils) that keeps every imported sheet,
every edit and the user's decisions, so work survives a crash or a killed app.

- Many sheets (several villages' or townships' files), each with its source file, file hash,
  township and import time; `import_table` stores one, `sheets()` lists them, `load_sheet(id)`
  rebuilds its SheetTable with every edit re-applied. The original input file is never written.
- Edits are written as they are made: `record_batch` commits before it returns (WAL journal,
  synchronous=FULL), so an edit acknowledged to the user survives the process being killed.
- Threads: a Workspace is one connection ("one writer"). Calls are serialised by a lock, so the
  import worker thread and the GUI thread may both use the same object; keep one Workspace per
  database file per process. Tables: see intake.workspace_schema.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from datetime import datetime
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import sqlite_utils

from intake import workspace_migrate, workspace_schema as schema
from intake.edits import EditBatch, RowBatch
from intake.errors import MopaiError, WriteError
from intake.paths import data_dir, private_file
from intake.table import SheetTable
from intake.workspace_rows import RowMarks
from intake.workspace_schema import SheetInfo, StoredEdit
from validators.findings import Finding

__all__ = ["Workspace", "SheetInfo", "StoredEdit", "finding_key"]

DEFAULT_NAME = "workspace.sqlite"


def _now() -> str:
    return datetime.now().isoformat(timespec="milliseconds")


def _open_message(path: Path, exc: sqlite3.Error) -> str:
    if "locked" in str(exc):
        return f"工作区文件“{path.name}”正被另一个摸排助手窗口使用，请先关闭那个窗口再试"
    if isinstance(exc, sqlite3.OperationalError) and "unable to open" in str(exc):
        return f"无法打开工作区文件“{path}”：没有权限或文件夹不存在，请检查数据文件夹的设置"
    return (f"无法打开工作区文件“{path.name}”：文件已损坏或不是摸排助手的工作区。"
            "请换一个工作区文件，或联系技术人员")


def _sidecars(path: Path) -> list[Path]:
    """SQLite's -wal and -shm files (created with the database file's permissions)."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


class Workspace(RowMarks):
    _now = staticmethod(_now)

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else data_dir() / DEFAULT_NAME
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            for part in (self.path, *_sidecars(self.path)):     # 0600: the rows hold ID numbers
                if part == self.path or part.exists():
                    private_file(part)
            conn = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
            conn.execute("PRAGMA temp_store=MEMORY")      # no temp files with rows in $TMPDIR
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            workspace_migrate.migrate(conn)
        except sqlite3.Error as exc:
            raise MopaiError(_open_message(self.path, exc)) from exc
        except workspace_migrate.NewerWorkspace:
            raise MopaiError(f"工作区文件“{self.path.name}”是由更新版本的摸排助手创建的，"
                             "请升级摸排助手后再打开") from None
        except OSError as exc:
            raise MopaiError(f"无法创建工作区文件“{self.path}”：{exc.strerror or exc}。"
                             "请检查数据文件夹的权限和磁盘空间") from exc
        self.db = sqlite_utils.Database(conn)

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One locked transaction; a failed write becomes a WriteError with a Chinese message."""
        with self._lock:
            try:
                with self.db.conn:
                    yield self.db.conn
            except sqlite3.Error as exc:
                raise WriteError("无法保存到工作区：磁盘可能已满，或工作区文件正被其他程序占用。"
                                 "请腾出磁盘空间、关闭其他摸排助手窗口后再试") from exc

    def writing(self) -> Iterator[sqlite3.Connection]:
        """One locked transaction for a caller's own tables (intake.county): committed when the
        block ends, rolled back on failure; a failed write raises WriteError."""
        return self._writing()

    def query(self, sql: str, params: list | tuple = ()) -> list[tuple]:
        """Rows of one read, under the lock."""
        with self._lock:
            return self.db.execute(sql, list(params)).fetchall()

    @classmethod
    def open(cls, path: str | Path | None = None) -> "Workspace":
        return cls(path)

    def close(self) -> None:
        with self._lock:
            self.db.conn.close()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- sheets ----------------------------------------------------------------------------
    def import_table(self, table: SheetTable, *, file_hash: str | None = None,
                     cells: list[tuple[str, bytes, str]] | None = None,
                     conn: sqlite3.Connection | None = None) -> int:
        """Store an imported sheet (metadata and cells) in one transaction; returns its id.
        cells: the table's columns already packed (workspace_schema.cell_rows, e.g. by a child
        process), so `table` may come without its data. conn: a transaction of `writing()` the
        sheet joins (the county stores a file and its sheets together)."""
        row = schema.sheet_row(table, file_hash, _now())
        if cells is None:
            cells = list(schema.cell_rows(table))      # packed before taking the lock
        if conn is not None:
            return self._insert_sheet(conn, row, cells)
        with self._writing() as conn:     # one transaction: the sheet and all its cells, or nothing
            return self._insert_sheet(conn, row, cells)

    @staticmethod
    def _insert_sheet(conn: sqlite3.Connection, row: dict[str, Any], cells) -> int:
        cur = conn.execute(f"INSERT INTO sheets ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                           list(row.values()))
        sheet_id = cur.lastrowid
        conn.executemany("INSERT INTO cells (sheet_id, slot, vals, numeric) VALUES (?, ?, ?, ?)",
                         [(sheet_id, *c) for c in cells])
        return sheet_id

    def sheets(self) -> list[SheetInfo]:
        """Every stored sheet, oldest import first."""
        sql = ("SELECT s.id, s.source, s.file_hash, s.sheet, s.form, s.reporting_unit, s.imported_at,"
               " s.n_rows, (SELECT COUNT(*) FROM edits e WHERE e.sheet_id = s.id AND e.undone = 0)"
               " FROM sheets s ORDER BY s.id")
        with self._lock:
            return [SheetInfo(*row) for row in self.db.execute(sql).fetchall()]

    def sheet_info(self, sheet_id: int) -> SheetInfo:
        for info in self.sheets():
            if info.id == sheet_id:
                return info
        raise MopaiError(f"工作区中没有编号为{sheet_id}的表格")

    def find_sheets(self, file_hash: str) -> list[SheetInfo]:
        """Sheets imported earlier from a file with this content (to resume instead of re-import)."""
        return [s for s in self.sheets() if s.file_hash == file_hash]

    def load_sheet(self, sheet_id: int, *, with_edits: bool = True) -> SheetTable:
        """The stored sheet as a SheetTable, with every edit that is not undone re-applied."""
        with self._lock:                         # one consistent read; decoding happens unlocked
            rows = list(self.db["sheets"].rows_where("id = ?", [sheet_id]))
            if not rows:
                raise MopaiError(f"工作区中没有编号为{sheet_id}的表格")
            cells = self.db.execute("SELECT slot, vals, numeric FROM cells WHERE sheet_id = ? ORDER BY rowid",
                                    [sheet_id]).fetchall()
            edits = self.edits(sheet_id) if with_edits else []
        table = schema.table_from_rows(rows[0], cells)
        for e in edits:
            if e.field in table.data.values:
                table.data.set(e.field, e.index, e.new)
        return table

    def remove_sheet(self, sheet_id: int) -> None:
        with self._writing() as conn:
            for name in ("edits", "row_marks", "cells", "decisions", "county_keys", "county_sheets"):
                conn.execute(f"DELETE FROM {name} WHERE sheet_id = ?", [sheet_id])
            conn.execute("DELETE FROM sheets WHERE id = ?", [sheet_id])

    # --- edits -----------------------------------------------------------------------------
    def record_batch(self, sheet_id: int, batch: EditBatch) -> None:
        """Store a batch as done; durable when this returns. A batch stored before (redo after
        undo) is marked done again instead of being stored twice."""
        with self._writing() as conn:
            cur = conn.execute("UPDATE edits SET undone = 0 WHERE batch = ? AND sheet_id = ?",
                               [batch.id, sheet_id])
            if cur.rowcount:
                return
            at = _now()
            conn.executemany(
                "INSERT INTO edits (sheet_id, record, field, old, new, at, batch, label, kind, undone)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                [(sheet_id, e.index, e.field, e.old, e.new, at, batch.id, batch.label, batch.kind)
                 for e in batch.edits])

    def mark_undone(self, sheet_id: int, batch: EditBatch | RowBatch, undone: bool = True) -> None:
        """Mark a stored batch (cell edits or deleted rows) undone, or done again; durable when
        this returns."""
        table = "row_marks" if isinstance(batch, RowBatch) else "edits"
        with self._writing() as conn:
            conn.execute(f"UPDATE {table} SET undone = ? WHERE batch = ? AND sheet_id = ?",
                         [int(undone), batch.id, sheet_id])

    def edits(self, sheet_id: int, *, include_undone: bool = False) -> list[StoredEdit]:
        """The sheet's edits in the order they were made."""
        where = "" if include_undone else " AND undone = 0"
        sql = ("SELECT record, field, old, new, at, batch, label, undone, kind FROM edits"
               f" WHERE sheet_id = ?{where} ORDER BY id")
        with self._lock:
            return [StoredEdit(*row) for row in self.db.execute(sql, [sheet_id]).fetchall()]

    def batches(self, sheet_id: int) -> list[EditBatch]:
        """The batches in effect (not undone), oldest first: lets the GUI rebuild its undo stack."""
        grouped: dict[str, list[StoredEdit]] = {}
        for e in self.edits(sheet_id):
            grouped.setdefault(e.batch, []).append(e)
        return [EditBatch(es[0].label or "", tuple(e.cell_edit() for e in es), id=batch,
                          kind=es[0].kind or "edit") for batch, es in grouped.items()]

    def history(self, sheet_id: int) -> list[EditBatch | RowBatch]:
        """Every batch in effect, cell edits and deleted rows together, in the order they were
        made: the GUI rebuilds its undo stack from it."""
        started: dict[str, str] = {}
        for e in self.edits(sheet_id):
            started.setdefault(e.batch, e.at)
        timed = [(started[b.id], b) for b in self.batches(sheet_id)] + self.row_batches(sheet_id)
        return [b for _at, b in sorted(timed, key=lambda t: t[0])]     # stable on equal times

    # --- decisions ---------------------------------------------------------------------------
    def set_decision(self, kind: str, key: str, value: Any, sheet_id: int = 0) -> None:
        """Remember a user's decision (value: anything JSON can hold); sheet_id 0 = for the whole
        workspace. The latest decision for (sheet, kind, key) wins. Kinds in use:
        "acknowledged" (key: finding_key(f), value True/False: a warning the clerk has checked),
        "city_districts" (key: finding_key(f), value "纳入"/"不纳入"), "header" (key: the header
        text, value: the confirmed field key), "sheet_county" (key "county", value: the county
        code one sheet is checked against, intake.opening.set_sheet_county), "county_written" (key:
        the content hash of an upload or return file the county desk wrote, value: its name)."""
        with self._writing() as conn:
            conn.execute("INSERT OR REPLACE INTO decisions VALUES (?, ?, ?, ?, ?)",
                            [sheet_id, kind, key, json.dumps(value, ensure_ascii=False), _now()])

    def decision(self, kind: str, key: str, default: Any = None, sheet_id: int = 0) -> Any:
        with self._lock:
            row = self.db.execute("SELECT value FROM decisions WHERE sheet_id = ? AND kind = ? AND key = ?",
                                  [sheet_id, kind, key]).fetchone()
        return default if row is None else json.loads(row[0])

    def decisions(self, kind: str, sheet_id: int = 0) -> dict[str, Any]:
        """Every decision of one kind: key -> value."""
        with self._lock:
            rows = self.db.execute("SELECT key, value FROM decisions WHERE sheet_id = ? AND kind = ?",
                                   [sheet_id, kind]).fetchall()
        return {k: json.loads(v) for k, v in rows}



def finding_key(finding: Finding) -> str:
    """The decision key of one finding: '<record index>:<field or ->:<code>' (records are never
    inserted or removed, so the index stays valid for the sheet's life)."""
    return f"{finding.index}:{finding.field or '-'}:{finding.code}"
