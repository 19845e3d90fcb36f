"""Copy, paste and clear on a sheet's table, as in Excel and WPS.

- Copy: the selected rectangle (several selections: their bounding rectangle) as tab-separated
  text (intake.paste.format_block), the cells as shown.
- Paste: a block copied in Excel/WPS (tab-separated text) goes to the current cell and the cells
  right of and below it; a single copied value fills every selected cell; a block pasted into one
  selected rectangle whose height and width are multiples of its own is repeated over it (else it
  is pasted once at the rectangle's top-left). All pasted cells are ONE EditBatch: validated like
  typed cells, stored at once, undone in one step. Columns the sheet does not check (unmapped)
  and rows past the end are skipped, and the status bar says so.
- Clear (Del): the selected cells become blank, one batch.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication

from desktop import selection
from intake.edits import EditBatch, batch_of
from intake.paste import format_block, parse_block

if TYPE_CHECKING:
    from desktop.sheet_tab import SheetTab


def copy_selection(tab: "SheetTab") -> int:
    """Put the selection on the clipboard; returns the number of cells copied."""
    area = selection.bounding(selection.blocks(tab.view))
    if area is None:
        return 0
    model = tab.model
    rows = [[model.value(model.record_at(r), c) for c in area.columns] for r in area.rows]
    QGuiApplication.clipboard().setText(format_block(rows))
    return area.size


def paste_batch(tab: "SheetTab", text: str) -> tuple[EditBatch, list[str]]:
    """The batch pasting `text` at the selection, and notes on what was left out."""
    grid = parse_block(text)
    parts = selection.blocks(tab.view)
    area = selection.bounding(parts)
    if not grid or area is None:
        return EditBatch("粘贴", ()), []
    model = tab.model
    if len(grid) == 1 and len(grid[0]) == 1 and area.size > 1:      # one value fills the selection
        changes = [(r, k, grid[0][0]) for r, k in selection.cells(tab.view, model)]
        return batch_of(tab.table.data, changes, f"粘贴 {len(changes)} 个单元格", "paste"), []
    if len(parts) == 1:
        grid = tiled(grid, len(area.rows), len(area.columns))
    changes, skipped_cols, past_end = [], set(), 0
    for dr, values in enumerate(grid):
        row = area.top + dr
        if row >= model.rowCount():
            past_end += 1
            continue
        record = model.record_at(row)
        for dc, value in enumerate(values):
            column = area.left + dc
            key = model.field_at(column) if column < model.columnCount() else None
            if key is None:
                skipped_cols.add(column)
                continue
            changes.append((record, key, value))
    notes = []
    if past_end:
        notes.append(f"有 {past_end} 行超出表格末尾，没有粘贴")
    if skipped_cols:
        notes.append(f"有 {len(skipped_cols)} 列超出表格或是不检查的列，没有粘贴")
    label = f"粘贴 {len(grid)} 行 {max(len(v) for v in grid)} 列"
    return batch_of(tab.table.data, changes, label, "paste"), notes


def tiled(grid: list[list[str]], height: int, width: int) -> list[list[str]]:
    """The block repeated over a height x width selection when both are multiples of its size
    (as Excel/WPS do); else the block as it is, pasted once at the top-left."""
    h, w = len(grid), len(grid[0])
    if any(len(values) != w for values in grid) or height % h or width % w or (height, width) == (h, w):
        return grid
    return [grid[r % h] * (width // w) for r in range(height)]


def paste_clipboard(tab: "SheetTab") -> EditBatch:
    batch, notes = paste_batch(tab, QGuiApplication.clipboard().text())
    tab.push_batch(batch)
    tab.tell("；".join(notes) if notes else (f"已{batch.label}" if batch else "没有需要粘贴的内容"))
    return batch


def clear_selection(tab: "SheetTab") -> EditBatch:
    changes = [(r, k, None) for r, k in selection.cells(tab.view, tab.model)]
    batch = batch_of(tab.table.data, changes, f"清除 {len(changes)} 个单元格", "clear")
    tab.push_batch(batch)
    return batch
