"""Merged cells in the data area: every cell of a range gets the top-left value, with a note."""
from __future__ import annotations

from intake.privacy import quote
from intake.reader.grid import Grid, cell_text
from intake.table import ImportNote


def fill_merged(grid: Grid, first_row: int, cols: list[int], names: dict[int, str]) -> list[ImportNote]:
    """Give every cell of a merged range in the data area its top-left value (and say so).

    One-row merges are left alone (the value belongs to the first column), and so are ranges
    across most of the table (a note or footer line, not data)."""
    notes = []
    wanted = set(cols)
    for r1, c1, r2, c2 in grid.merged:
        if r1 < first_row or r2 == r1 or not wanted.intersection(range(c1, c2 + 1)):
            continue
        if 2 * (c2 - c1 + 1) > len(cols):
            continue
        value = grid.value(r1, c1)
        for r in range(r1, min(r2, grid.n_rows) + 1):
            cells = grid.rows[r - 1]
            if len(cells) < c2:
                cells.extend([None] * (c2 - len(cells)))
            for c in range(c1, c2 + 1):
                cells[c - 1] = value
        where = f"第{r1}行" if r1 == r2 else f"第{r1}–{r2}行"
        col_names = "、".join(f"“{names[c]}”" for c in range(c1, c2 + 1) if c in names)
        notes.append(ImportNote("read.merged_cells", f"{where}{col_names}列是合并单元格，已把“"
                                f"{quote(cell_text(value))}”填入其中每个格子，请核对是否正确", r1, c1))
    return notes
