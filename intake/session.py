"""An open sheet in a workspace: its SheetTable, its TableValidator and its stored record.

`SheetSession.apply(batch)` checks the batch still fits the cells, stores it in the workspace
(durable before anything changes in memory), then sets each cell through
`TableValidator.set_value`, which re-validates the edited rows and the rows sharing their ID
numbers; it returns the affected record indices so the GUI repaints just those rows.
`revert(batch)` does the opposite. Both are what a QUndoCommand's redo()/undo() call.

To open a file or a stored sheet as sessions (in a worker thread), see intake.opening.
"""
from __future__ import annotations

from intake.edits import CellEdit, EditBatch, single
from intake.errors import MopaiError
from intake.table import SheetTable
from intake.workspace import Workspace
from validators.engine import TableValidator
from validators.finding_set import FindingSet

# A batch editing more cells than this share of the rows re-runs the whole sheet instead of
# re-validating cell by cell (100k rows: ~0.7 ms an edit through set_value, a full run ~0.5 ms a
# row on generated data; benchmarks/workspace.py --bulk).
FULL_RUN_SHARE = 0.75


class StaleEdit(MopaiError):
    """The batch was built against cell values that have changed since (preview is outdated)."""


class SheetSession:
    def __init__(self, workspace: Workspace, sheet_id: int, table: SheetTable,
                 validator: TableValidator):
        self.workspace = workspace
        self.sheet_id = sheet_id
        self.table = table
        self.validator = validator
        self._original: dict[tuple[int, str], str | None] = {}
        for e in workspace.edits(sheet_id):          # edits re-applied when the sheet was loaded
            self._original.setdefault((e.index, e.field), e.old)

    # --- reading -------------------------------------------------------------------------------
    @property
    def findings(self) -> FindingSet:
        return self.validator.findings

    def value(self, index: int, field: str) -> str | None:
        return self.table.data.get(field, index)

    def original(self, index: int, field: str) -> str | None:
        """The cell as imported from the file."""
        return self._original.get((index, field), self.value(index, field))

    def is_edited(self, index: int, field: str) -> bool:
        key = (index, field)
        return key in self._original and self._original[key] != self.value(index, field)

    def edited_cells(self) -> set[tuple[int, str]]:
        return {k for k in self._original if self.is_edited(*k)}

    def edit(self, index: int, field: str, value: str | None, label: str | None = None) -> EditBatch:
        """A batch for one typed cell (not applied: push it on the undo stack, which applies it)."""
        new = None if value is None or value == "" else value
        return single(index, field, self.value(index, field), new, label)

    # --- changing ---------------------------------------------------------------------------------
    def apply(self, batch: EditBatch) -> set[int]:
        """Store and apply a batch; returns every re-validated record index."""
        self._check(batch.edits)
        self.workspace.record_batch(self.sheet_id, batch)
        for e in batch.edits:
            self._original.setdefault((e.index, e.field), e.old)
        return self._set(batch.edits)

    def revert(self, batch: EditBatch) -> set[int]:
        """Undo a batch applied before; returns every re-validated record index."""
        undo = [e.inverse() for e in reversed(batch.edits)]
        self._check(undo)
        self.workspace.mark_undone(self.sheet_id, batch)
        return self._set(undo)

    def _check(self, edits: list[CellEdit] | tuple[CellEdit, ...]) -> None:
        """Refuse edits to unknown cells, and edits whose old value is not the cell's value."""
        for e in edits:
            if e.field not in self.table.data.values:
                label = next((f.label for f in self.validator.form.fields if f.key == e.field), e.field)
                raise MopaiError(f"表格中没有“{label}”这一列，无法修改")
            if not 0 <= e.index < self.table.n_rows:
                raise MopaiError(f"表格中没有第{e.index + 1}条记录，无法修改")
        current: dict[tuple[int, str], str | None] = {}
        for e in edits:                                  # a batch may touch a cell twice
            key = (e.index, e.field)
            have = current.get(key, self.value(e.index, e.field))
            if have != e.old:
                raise StaleEdit("表格内容在预览之后已经改变，请重新预览后再修改")
            current[key] = e.new

    def _set(self, edits: list[CellEdit] | tuple[CellEdit, ...]) -> set[int]:
        if len(edits) > FULL_RUN_SHARE * self.table.n_rows:
            for e in edits:
                self.table.data.set(e.field, e.index, e.new)
            self.validator.run()
            return set(range(self.table.n_rows))
        affected: set[int] = set()
        for e in edits:
            affected |= self.validator.set_value(e.index, e.field, e.new)
        return affected

