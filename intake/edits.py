"""Edit records: what the clerk changed, as plain data.

A `CellEdit` is one cell's change (record index, field key, old value, new value). An `EditBatch`
is what one user action changed — a typed cell, a bulk fix, a find-and-replace — and is the unit of
undo/redo: the GUI's QUndoCommand wraps one batch and calls `SheetSession.apply(batch)` in redo()
and `SheetSession.revert(batch)` in undo(). Each batch has a stable `id` so the workspace can mark
the same stored edits undone and done again.

A `RowBatch` deletes or restores whole rows (a child who does not belong to this sheet): the
row stays in the workspace, marked deleted, is left out of the check and of the upload file and
is listed in the return file. It is undone and redone like an EditBatch (same `id`, `label`,
`rows`); `SheetSession.apply` / `revert` take either kind.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class CellEdit:
    index: int            # 0-based record index
    field: str            # field key
    old: str | None       # the value before the edit (None = blank)
    new: str | None       # the value after the edit (None = blank)

    def inverse(self) -> "CellEdit":
        return CellEdit(self.index, self.field, self.new, self.old)


@dataclass(frozen=True)
class EditBatch:
    label: str                                  # Chinese, shown in the undo menu: 修改 姓名 / 批量修正：日期写法不规范
    edits: tuple[CellEdit, ...]
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    kind: str = "edit"                          # edit | bulk:<code> | replace

    def __post_init__(self) -> None:
        object.__setattr__(self, "edits", tuple(self.edits))

    def __len__(self) -> int:
        return len(self.edits)

    def __bool__(self) -> bool:
        return bool(self.edits)

    def __iter__(self):
        return iter(self.edits)

    @property
    def rows(self) -> set[int]:
        """The records this batch touches."""
        return {e.index for e in self.edits}

    @property
    def cells(self) -> set[tuple[int, str]]:
        return {(e.index, e.field) for e in self.edits}

    def summary(self) -> str:
        """A plain Chinese line for a preview dialog: how many cells in how many rows change."""
        if not self.edits:
            return "没有需要修改的单元格"
        return f"将修改{len(self.edits)}个单元格（涉及{len(self.rows)}行）"


@dataclass(frozen=True)
class RowBatch:
    label: str                                  # Chinese: 删除 第12行 / 恢复 第12、15行
    indices: tuple[int, ...]                    # 0-based record indices
    deleted: bool                               # True: the rows are deleted; False: restored
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def __post_init__(self) -> None:
        object.__setattr__(self, "indices", tuple(sorted(set(self.indices))))

    @property
    def kind(self) -> str:
        return "delete_rows" if self.deleted else "restore_rows"

    @property
    def edits(self) -> tuple[CellEdit, ...]:
        """No cell changes (code that walks a batch's cell edits sees none)."""
        return ()

    @property
    def rows(self) -> set[int]:
        return set(self.indices)

    def __len__(self) -> int:
        return len(self.indices)

    def __bool__(self) -> bool:
        return bool(self.indices)


def batch_of(values, changes, label: str, kind: str = "edit") -> EditBatch:
    """One undo step setting several cells: `changes` are (index, field, new value) and
    `values` the sheet's RecordColumns (the old values); a blank new value is None, and cells
    whose value would not change are left out."""
    edits = []
    seen: set[tuple[int, str]] = set()
    for index, key, new in changes:
        new = blank_to_none(new)
        old = values.get(key, index)
        if (index, key) in seen or old == new:
            continue
        seen.add((index, key))
        edits.append(CellEdit(index, key, old, new))
    return EditBatch(label, tuple(edits), kind=kind)


def single(index: int, field: str, old: str | None, new: str | None, label: str | None = None) -> EditBatch:
    """A batch of one typed cell."""
    return EditBatch(label or "修改单元格", (CellEdit(index, field, old, new),))


def blank_to_none(value: str | None) -> str | None:
    """Edits store a blank cell as None, never as ''."""
    return None if value is None or value == "" else value
