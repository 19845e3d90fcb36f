"""An open sheet in a workspace: its SheetTable, its TableValidator and its stored record.

`SheetSession.apply(batch)` checks the batch still fits the cells, stores it in the workspace
(durable before anything changes in memory), then sets each cell through
`TableValidator.set_value`, which re-validates the edited rows and the rows sharing their ID
numbers; it returns the affected record indices so the GUI repaints just those rows.
`revert(batch)` does the opposite. Both are what a QUndoCommand's redo()/undo() call.

`open_file(workspace, path, ...)` reads, validates and stores every table of a file (or resumes
the stored sheets when the workspace already holds the same file); `open_stored(workspace, id)`
reopens a stored sheet with its edits. Both take progress(done, total) and cancelled() and may run
in a worker thread (the Workspace serialises its connection); hand the sessions to the GUI thread.
"""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Callable

from intake.checking import check_file, validator_for
from intake.edits import CellEdit, EditBatch, single
from intake.errors import Cancelled, MopaiError, ReadError
from intake.table import SheetTable
from intake.workspace import Workspace
from validators.engine import Cancelled as EngineCancelled
from validators.engine import TableValidator
from validators.finding_set import FindingSet

# Above this many edits in one batch a full re-run is cheaper than re-validating cell by cell.
FULL_RUN_MIN = 5_000


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
        self._check(batch.edits, lambda e: e.old)
        self.workspace.record_batch(self.sheet_id, batch)
        for e in batch.edits:
            self._original.setdefault((e.index, e.field), e.old)
        return self._set(batch.edits)

    def revert(self, batch: EditBatch) -> set[int]:
        """Undo a batch applied before; returns every re-validated record index."""
        self._check(batch.edits, lambda e: e.new)
        self.workspace.mark_undone(self.sheet_id, batch)
        return self._set([e.inverse() for e in reversed(batch.edits)])

    def _check(self, edits, expected) -> None:
        for e in edits:
            if e.field not in self.table.data.values:
                raise MopaiError(f"表格中没有“{e.field}”这一列，无法修改")
            if not 0 <= e.index < self.table.n_rows:
                raise MopaiError(f"表格中没有第{e.index + 1}条记录，无法修改")
        current: dict[tuple[int, str], str | None] = {}
        for e in edits:                                  # a batch may touch a cell twice
            key = (e.index, e.field)
            have = current.get(key, self.value(e.index, e.field))
            if have != expected(e):
                raise StaleEdit("表格内容在预览之后已经改变，请重新预览后再修改")
            current[key] = e.new if expected(e) == e.old else e.old

    def _set(self, edits: list[CellEdit] | tuple[CellEdit, ...]) -> set[int]:
        if len(edits) >= FULL_RUN_MIN:
            for e in edits:
                self.table.data.set(e.field, e.index, e.new)
            self.validator.run()
            return set(range(self.table.n_rows))
        affected: set[int] = set()
        for e in edits:
            affected |= self.validator.set_value(e.index, e.field, e.new)
        return affected


# --- opening ---------------------------------------------------------------------------------------
Progress = Callable[[int, int], None]


def file_hash(path: str | Path) -> str:
    """SHA-256 of the file's bytes: the same file opened again is recognised by its content."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise ReadError(f"无法读取文件“{Path(path).name}”：{exc.strerror or exc}。"
                        "请确认文件存在并且没有被其他程序独占") from exc
    return digest.hexdigest()


def open_file(workspace: Workspace, path: str | Path, *, form: str | None = None,
              as_of: date | None = None, county: str | None = None, password: str | None = None,
              progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
              resume: bool = True) -> list[SheetSession]:
    """Every registration table of a file as a session. When `resume` and the workspace already
    holds a file with the same content, its stored sheets come back with all their edits;
    otherwise the file is read, validated and then stored. Raises ReadError / PasswordRequired /
    intake.errors.Cancelled (nothing is stored when cancelled)."""
    digest = file_hash(path)
    stored = workspace.find_sheets(digest) if resume else []
    if stored:
        return [open_stored(workspace, s.id, as_of=as_of, county=county,
                            progress=_part(progress, n, len(stored)), cancelled=cancelled)
                for n, s in enumerate(stored)]
    checked = check_file(path, form=form, as_of=as_of, county=county, password=password,
                         progress=progress, cancelled=cancelled)
    if cancelled is not None and cancelled():
        raise Cancelled()
    return [SheetSession(workspace, workspace.import_table(c.table, file_hash=digest), c.table, c.validator)
            for c in checked]


def open_stored(workspace: Workspace, sheet_id: int, *, as_of: date | None = None,
                county: str | None = None, progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None) -> SheetSession:
    """Reopen a stored sheet: its cells with every edit re-applied, validated afresh."""
    table = workspace.load_sheet(sheet_id)
    validator = validator_for(table, as_of=as_of, county=county)
    try:
        validator.run(progress=progress, cancelled=cancelled)
    except EngineCancelled:
        raise Cancelled() from None
    return SheetSession(workspace, sheet_id, table, validator)


def _part(progress: Progress | None, part: int, parts: int) -> Progress | None:
    if progress is None:
        return None
    return lambda done, total: progress(int((part + done / max(total, 1)) / parts * 1000), 1000)
