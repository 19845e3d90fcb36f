"""What is selected in a sheet's table, in view rows/columns and in records/fields.

Selections are read as ranges (QItemSelectionRange), never as a list of indexes: a clerk may
select whole columns of a 100k-row sheet.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from PySide6.QtWidgets import QTableView

from desktop.table_model import SheetTableModel


@dataclass(frozen=True)
class Block:
    """A rectangle of view cells, inclusive."""
    top: int
    left: int
    bottom: int
    right: int

    @property
    def rows(self) -> range:
        return range(self.top, self.bottom + 1)

    @property
    def columns(self) -> range:
        return range(self.left, self.right + 1)

    @property
    def size(self) -> int:
        return len(self.rows) * len(self.columns)


def blocks(view: QTableView) -> list[Block]:
    """The selected rectangles; the current cell when nothing is selected."""
    found = [Block(r.top(), r.left(), r.bottom(), r.right()) for r in view.selectionModel().selection()
             if r.isValid()]
    if not found:
        current = view.currentIndex()
        if current.isValid():
            found = [Block(current.row(), current.column(), current.row(), current.column())]
    return found


def bounding(parts: list[Block]) -> Block | None:
    if not parts:
        return None
    return Block(min(b.top for b in parts), min(b.left for b in parts),
                 max(b.bottom for b in parts), max(b.right for b in parts))


def cells(view: QTableView, model: SheetTableModel) -> Iterator[tuple[int, str]]:
    """(record, field) of every selected cell of a mapped column (unmapped columns are skipped)."""
    for block in blocks(view):
        keys = [(c, model.field_at(c)) for c in block.columns]
        for row in block.rows:
            record = model.record_at(row)
            for _c, key in keys:
                if key is not None:
                    yield record, key


def records(view: QTableView, model: SheetTableModel) -> list[int]:
    """The records of every row with a selected cell, in view order."""
    rows = sorted({row for block in blocks(view) for row in block.rows})
    return [model.record_at(row) for row in rows if row < model.rowCount()]
