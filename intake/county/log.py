"""The county's log: every decision and correction the clerk makes, as it is made.

Each entry is one command: `decide` (a group: keep / merge / not the same child / send back /
reopen), `township` (the clerk's township for a file) or `current` (which version of a
township's sheet is the current one), `relation` (two files of a township: a new version of the
other, or a separate part) or `remove` (a file taken out of the workspace). An entry is never deleted or rewritten: undo marks it
undone (with the time), redo marks it done again, so the log keeps what was decided, about
which records, why and when, and what was taken back. The state in force is, per target, the
latest entry not undone (`latest`). Writes are durable when the call returns.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from intake.county.store import now
from intake.workspace import Workspace

DECIDE, TOWNSHIP, CURRENT = "decide", "township", "current"
RELATION, REMOVE = "relation", "remove"      # two files: versions or parts; a file taken out


@dataclass(frozen=True)
class LogEntry:
    id: int
    at: str
    command: str
    target: str            # a group key, "file:<id>", "<township key>|<form>" or "pair:<id>|<id>|<form>"
    payload: dict[str, Any]
    reason: str | None
    undone: bool
    undone_at: str | None


class CountyLog:
    TABLE = "county_log"           # intake.departments keeps its own log the same way (dept_log)

    def __init__(self, workspace: Workspace):
        self.workspace = workspace

    def append(self, command: str, target: str, payload: dict[str, Any], reason: str | None = None) -> LogEntry:
        at = now()
        with self.workspace.writing() as conn:
            entry_id = conn.execute(
                f"INSERT INTO {self.TABLE} (at, command, target, payload, reason) VALUES (?, ?, ?, ?, ?)",
                [at, command, target, json.dumps(payload, ensure_ascii=False), reason]).lastrowid
        return LogEntry(entry_id, at, command, target, payload, reason, False, None)

    def set_undone(self, entry_id: int, undone: bool = True) -> None:
        with self.workspace.writing() as conn:
            conn.execute(f"UPDATE {self.TABLE} SET undone = ?, undone_at = ? WHERE id = ?",
                         [int(undone), now() if undone else None, entry_id])

    def entries(self, command: str | None = None, *, include_undone: bool = True) -> list[LogEntry]:
        """The log, oldest first."""
        where, params = [], []
        if command:
            where.append("command = ?")
            params.append(command)
        if not include_undone:
            where.append("undone = 0")
        sql = (f"SELECT id, at, command, target, payload, reason, undone, undone_at FROM {self.TABLE}"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id")
        return [LogEntry(i, at, c, t, json.loads(p), r, bool(u), ua)
                for i, at, c, t, p, r, u, ua in self.workspace.query(sql, params)]

    def latest(self, command: str) -> dict[str, LogEntry]:
        """target -> the latest entry of that command not undone."""
        out: dict[str, LogEntry] = {}
        for e in self.entries(command, include_undone=False):
            out[e.target] = e
        return out
