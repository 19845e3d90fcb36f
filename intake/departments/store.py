"""The department checks' tables in the workspace (intake.workspace_migrate, version 3),
written through the workspace's one locked connection; durable when a call returns.

- lists sent (`record_list`, `last_list`), answers read (`store_answer`: the records as one Arrow
  IPC blob, the column mapping and the reader's notes; `answer` gives the latest per department:
  a department's corrected answer replaces its earlier one);
- `DeptLog`: the county's decisions about differences, kept like the county's log
  (intake.county.log: entries never rewritten, undo marks them undone).
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass

import polars as pl

from intake.county.log import CountyLog
from intake.county.store import now
from intake.workspace import Workspace

ACCEPT_CMD, DECIDE_CMD = "accept", "decide"


class DeptLog(CountyLog):
    TABLE = "dept_log"


@dataclass(frozen=True)
class SentList:
    dept: str
    at: str
    path: str
    n_children: int
    encrypted: bool


@dataclass(frozen=True)
class StoredAnswer:
    id: int
    dept: str
    at: str
    file_name: str
    path: str
    file_hash: str
    n_records: int
    mapping: dict
    notes: list[str]
    records: pl.DataFrame


class DeptStore:
    def __init__(self, workspace: Workspace):
        self.workspace = workspace

    def record_list(self, dept: str, path: str, n_children: int, encrypted: bool) -> SentList:
        at = now()
        with self.workspace.writing() as conn:
            conn.execute("INSERT INTO dept_lists (dept, at, path, n_children, encrypted) VALUES (?, ?, ?, ?, ?)",
                         [dept, at, path, n_children, int(encrypted)])
        return SentList(dept, at, path, n_children, encrypted)

    def last_list(self, dept: str) -> SentList | None:
        rows = self.workspace.query("SELECT dept, at, path, n_children, encrypted FROM dept_lists WHERE dept = ?"
                                    " ORDER BY id DESC LIMIT 1", [dept])
        return SentList(*rows[0][:4], bool(rows[0][4])) if rows else None

    def store_answer(self, dept: str, file_name: str, path: str, file_hash: str, records: pl.DataFrame,
                     mapping: dict, notes: list[str]) -> int:
        buffer = io.BytesIO()
        records.write_ipc(buffer, compression="zstd")
        with self.workspace.writing() as conn:
            return conn.execute(
                "INSERT INTO dept_answers (dept, at, file_name, path, file_hash, n_records, mapping, notes, records)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [dept, now(), file_name, path, file_hash, records.height,
                 json.dumps({s: {str(c): k for c, k in m.items()} for s, m in mapping.items()}, ensure_ascii=False),
                 json.dumps(notes, ensure_ascii=False), buffer.getvalue()]).lastrowid

    def answer(self, dept: str) -> StoredAnswer | None:
        rows = self.workspace.query(
            "SELECT id, dept, at, file_name, path, file_hash, n_records, mapping, notes, records FROM dept_answers"
            " WHERE dept = ? ORDER BY id DESC LIMIT 1", [dept])
        if not rows:
            return None
        r = rows[0]
        mapping = {s: {int(c): k for c, k in m.items()} for s, m in json.loads(r[7] or "{}").items()}
        return StoredAnswer(*r[:7], mapping, json.loads(r[8] or "[]"), pl.read_ipc(io.BytesIO(r[9])))

    def answered(self, dept: str) -> tuple[str, str, int] | None:
        """(time, file name, records) of the latest answer, without reading its records."""
        rows = self.workspace.query("SELECT at, file_name, n_records FROM dept_answers WHERE dept = ?"
                                    " ORDER BY id DESC LIMIT 1", [dept])
        return tuple(rows[0]) if rows else None

    def answer_path(self, dept: str) -> str | None:
        rows = self.workspace.query("SELECT path FROM dept_answers WHERE dept = ? ORDER BY id DESC LIMIT 1", [dept])
        return rows[0][0] if rows else None

    def has_answer_file(self, dept: str, file_hash: str) -> bool:
        return bool(self.workspace.query("SELECT 1 FROM dept_answers WHERE dept = ? AND file_hash = ?",
                                         [dept, file_hash]))
