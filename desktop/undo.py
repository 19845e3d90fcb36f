"""Undo/redo: one QUndoCommand per core EditBatch (a typed cell, a bulk fix, a replace).

The command does not change cells itself: redo() hands the batch to the sheet (which applies it
through the session, writes it to the workspace and re-validates the affected rows) and undo()
asks the sheet to revert it. Batches restored from the workspace at start-up are pushed with
`already_applied=True` so the first redo() does not apply them twice.
"""
from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from intake.edits import EditBatch


class BatchTarget(Protocol):
    def apply_batch(self, batch: EditBatch) -> None: ...
    def revert_batch(self, batch: EditBatch) -> None: ...


class EditCommand(QUndoCommand):
    def __init__(self, target: BatchTarget, batch: EditBatch, already_applied: bool = False):
        super().__init__(batch.label)
        self.target = target
        self.batch = batch
        self._skip_redo = already_applied

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.target.apply_batch(self.batch)

    def undo(self) -> None:
        self.target.revert_batch(self.batch)
