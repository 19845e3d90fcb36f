"""An open sheet in a workspace: its SheetTable, its TableValidator and its stored record.

`SheetSession.apply(batch)` checks the batch still fits the cells, stores it in the workspace
(durable before anything changes in memory), then sets each cell through
`TableValidator.set_value`, which re-validates the edited rows and the rows sharing their ID
numbers; it returns the affected record indices so the GUI repaints just those rows.
`revert(batch)` does the opposite. Both are what a QUndoCommand's redo()/undo() call. A batch
is either cell edits (EditBatch) or deleted/restored rows (RowBatch, from `delete_rows` /
`restore_rows`): a deleted row keeps its cells, leaves the check (TableValidator.set_excluded)
and the upload file, and is listed in the return file.
A large batch (a bulk fix of thousands of cells) re-runs the whole sheet instead when that is
expected to be quicker, judged from the measured time of set_value calls and of full runs. Such a
batch can take seconds on 100k rows: the GUI may apply it in a worker thread (with `progress`)
and push the undo command as already applied, keeping edits of that sheet blocked meanwhile.

To open a file or a stored sheet as sessions (in a worker thread), see intake.opening.
"""
from __future__ import annotations

import time
from typing import Callable

from intake.checking import validator_for
from intake.edits import CellEdit, EditBatch, RowBatch, single
from intake.errors import Cancelled, MopaiError
from intake.table import SheetTable
from intake.workspace import Workspace
from validators.engine import Cancelled as EngineCancelled
from validators.engine import TableValidator
from validators.finding_set import FindingSet

# Starting guesses, replaced by measurements as the session runs (benchmarks/workspace.py --bulk:
# 0.25-0.7 ms a set_value; a full run 0.05-0.5 ms a row depending on how many cells fail).
EDIT_SECONDS = 0.0005
ROW_SECONDS = 0.0003
Progress = Callable[[int, int], None]


class StaleEdit(MopaiError):
    """The batch was built against cell values that have changed since (preview is outdated)."""


class SheetSession:
    def __init__(self, workspace: Workspace, sheet_id: int, table: SheetTable,
                 validator: TableValidator, *, run_seconds: float | None = None):
        """run_seconds: how long validator.run() took on this sheet, when known."""
        self.workspace = workspace
        self.sheet_id = sheet_id
        self.table = table
        self.validator = validator
        self._run_seconds = run_seconds if run_seconds is not None else ROW_SECONDS * table.n_rows
        self._edit_seconds = EDIT_SECONDS
        self._original: dict[tuple[int, str], str | None] = {}
        for e in workspace.edits(sheet_id):          # edits re-applied when the sheet was loaded
            self._original.setdefault((e.index, e.field), e.old)
        self._deleted: set[int] = workspace.deleted_rows(sheet_id)
        validator.set_excluded(self._deleted)       # a no-op when opening.open_stored did it

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

    @property
    def deleted_rows(self) -> frozenset[int]:
        """Record indices of the rows the clerk deleted (left out of the check and the upload)."""
        return frozenset(self._deleted)

    def is_deleted(self, index: int) -> bool:
        return index in self._deleted

    def delete_rows(self, indices, label: str | None = None) -> RowBatch:
        """A batch deleting the rows not deleted yet (not applied: push it on the undo stack)."""
        todo = tuple(i for i in indices if i not in self._deleted)
        return RowBatch(label or self._rows_label("删除", todo), todo, True)

    def restore_rows(self, indices, label: str | None = None) -> RowBatch:
        todo = tuple(i for i in indices if i in self._deleted)
        return RowBatch(label or self._rows_label("恢复", todo), todo, False)

    def _rows_label(self, verb: str, indices: tuple[int, ...]) -> str:
        rows = [str(self.table.row_numbers[i]) for i in sorted(indices)[:3]]
        more = f"等{len(indices)}行" if len(indices) > 3 else "行"
        return f"{verb} 第{'、'.join(rows)}{more}"

    def edit(self, index: int, field: str, value: str | None, label: str | None = None) -> EditBatch:
        """A batch for one typed cell (not applied: push it on the undo stack, which applies it)."""
        new = None if value is None or value == "" else value
        return single(index, field, self.value(index, field), new, label)

    def rechecked(self, *, as_of=None, county: str | None = None, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None) -> TableValidator:
        """A fresh check of the same cells under other settings (not installed: assign it to
        `validator` when it is done, so a cancelled check leaves the session as it was). The
        cells must not change meanwhile. Raises intake.errors.Cancelled."""
        validator = validator_for(self.table, as_of=as_of, county=county)
        validator.set_excluded(self._deleted)
        started = time.perf_counter()
        try:
            validator.run(progress=progress, cancelled=cancelled)
        except EngineCancelled:
            raise Cancelled() from None
        self._run_seconds = time.perf_counter() - started
        return validator

    # --- changing ---------------------------------------------------------------------------------
    def apply(self, batch: EditBatch | RowBatch, progress: Progress | None = None) -> set[int]:
        """Store and apply a batch; returns every re-validated record index."""
        if isinstance(batch, RowBatch):
            self._check_rows(batch.indices, not batch.deleted)
            self.workspace.record_row_batch(self.sheet_id, batch)
            return self._mark_rows(batch.indices, batch.deleted)
        self._check(batch.edits)
        self.workspace.record_batch(self.sheet_id, batch)
        for e in batch.edits:
            self._original.setdefault((e.index, e.field), e.old)
        return self._set(batch.edits, progress)

    def revert(self, batch: EditBatch, progress: Progress | None = None) -> set[int]:
        """Undo a batch applied before; returns every re-validated record index."""
        if isinstance(batch, RowBatch):
            self._check_rows(batch.indices, batch.deleted)
            self.workspace.mark_undone(self.sheet_id, batch)
            return self._mark_rows(batch.indices, not batch.deleted)
        undo = [e.inverse() for e in reversed(batch.edits)]
        self._check(undo)
        self.workspace.mark_undone(self.sheet_id, batch)
        return self._set(undo, progress)

    def _check_rows(self, indices: tuple[int, ...], deleted: bool) -> None:
        """Refuse a row batch whose rows are not in the state it was built against."""
        for i in indices:
            if not 0 <= i < self.table.n_rows:
                raise MopaiError(f"表格中没有第{i + 1}条记录，无法删除或恢复")
            if (i in self._deleted) != deleted:
                raise StaleEdit("这一行已经被删除或恢复过了，请刷新后再试")

    def _mark_rows(self, indices: tuple[int, ...], deleted: bool) -> set[int]:
        if deleted:
            self._deleted.update(indices)
        else:
            self._deleted.difference_update(indices)
        return self.validator.set_excluded(indices, deleted) | set(indices)

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

    def _set(self, edits: list[CellEdit] | tuple[CellEdit, ...], progress: Progress | None) -> set[int]:
        if len(edits) * self._edit_seconds > self._run_seconds:
            return self._full_run(edits, progress)
        affected: set[int] = set()
        started = time.perf_counter()
        for n, e in enumerate(edits, 1):
            affected |= self.validator.set_value(e.index, e.field, e.new, self._number_cell(e))
            if progress is not None and (n % 500 == 0 or n == len(edits)):
                progress(n, len(edits))
        if edits:
            per_edit = (time.perf_counter() - started) / len(edits)
            self._edit_seconds = 0.8 * self._edit_seconds + 0.2 * per_edit
        return affected

    def _number_cell(self, e: CellEdit) -> bool:
        """An edit (an undo) that puts back the imported value of a cell Excel stored as a number."""
        key = (e.index, e.field)
        return (self.table.data.was_number_cell(e.field, e.index)
                and key in self._original and e.new == self._original[key])

    def _full_run(self, edits, progress: Progress | None) -> set[int]:
        for e in edits:
            self.table.data.set(e.field, e.index, e.new, self._number_cell(e))
        started = time.perf_counter()
        self.validator.run(progress=progress)
        self._run_seconds = time.perf_counter() - started
        return set(range(self.table.n_rows))
