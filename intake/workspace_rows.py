"""Deleted rows in the workspace: the `row_marks` table behind `Workspace.deleted_rows`.

A clerk deletes a row when the child does not belong on the sheet (moved away, registered by
another township, entered twice). The row is never removed: its cells stay in the workspace, it
is marked deleted, and every part that builds on the sheet leaves it out — the check (no findings,
its ID no longer a duplicate), the upload file, the county's merge — while the return file lists
it. Marks are written as they are made and undone like edits (same batch ids), so a deletion
survives a restart and can still be undone.

Workspace inherits these methods; they use its lock, its connection and `_writing()`.
"""
from __future__ import annotations

from intake.edits import RowBatch


class RowMarks:
    """Mixin of intake.workspace.Workspace: deleting and restoring rows."""

    def record_row_batch(self, sheet_id: int, batch: RowBatch) -> None:
        """Store a deletion or restoration as done; durable when this returns. A batch stored
        before (redo after undo) is marked done again instead of being stored twice."""
        with self._writing() as conn:
            cur = conn.execute("UPDATE row_marks SET undone = 0 WHERE batch = ? AND sheet_id = ?",
                               [batch.id, sheet_id])
            if cur.rowcount:
                return
            at = self._now()
            conn.executemany(
                "INSERT INTO row_marks (sheet_id, record, deleted, at, batch, label, undone)"
                " VALUES (?, ?, ?, ?, ?, ?, 0)",
                [(sheet_id, i, int(batch.deleted), at, batch.id, batch.label) for i in batch.indices])

    def deleted_rows(self, sheet_id: int) -> set[int]:
        """The record indices (0-based, as in SheetTable) of the sheet's deleted rows."""
        state: dict[int, int] = {}
        for record, deleted, *_ in self._row_marks(sheet_id):
            state[record] = deleted
        return {record for record, deleted in state.items() if deleted}

    def row_batches(self, sheet_id: int) -> list[tuple[str, RowBatch]]:
        """(time, batch) of every deletion and restoration in effect, oldest first."""
        grouped: dict[str, tuple[str, list[int], int, str]] = {}
        for record, deleted, at, batch, label in self._row_marks(sheet_id):
            grouped.setdefault(batch, (at, [], deleted, label or ""))[1].append(record)
        return [(at, RowBatch(label, tuple(records), bool(deleted), id=batch))
                for batch, (at, records, deleted, label) in grouped.items()]

    def _row_marks(self, sheet_id: int) -> list[tuple]:
        sql = ("SELECT record, deleted, at, batch, label FROM row_marks"
               " WHERE sheet_id = ? AND undone = 0 ORDER BY id")
        with self._lock:
            return self.db.execute(sql, [sheet_id]).fetchall()
