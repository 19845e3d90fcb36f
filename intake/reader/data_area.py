"""The data rows under a header: merged cells filled, blank and footer rows skipped, cells
converted to text column by column (in chunks, with progress and cancelling)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from intake.errors import Cancelled
from intake.reader.cells import convert_column
from intake.reader.grid import Grid, cell_text
from intake.table import ImportNote

CHUNK_ROWS = 5000
_FOOTER_WORDS = ("填表人", "审核人", "负责人", "制表人", "填报人")
_FOOTER_STARTS = ("注：", "注:", "说明：", "说明:", "填表说明", "合计", "总计", "以下空白")

Progress = Callable[[int, int], None]


@dataclass
class DataArea:
    row_numbers: list[int]
    cells: dict[int, list[str | None]]          # sheet column → text of each kept row
    numeric: dict[int, set[int]]                # sheet column → indices of number cells
    notes: list[ImportNote] = field(default_factory=list)


def read_data(grid: Grid, first_row: int, cols: list[int], names: dict[int, str],
              tick: Callable[[int], None], cancelled: Callable[[], bool] | None) -> DataArea:
    """Rows first_row.. of `cols`; `tick(n)` is called after every n rows converted."""
    notes = fill_merged(grid, first_row, cols, names)
    cells: dict[int, list[str | None]] = {c: [] for c in cols}
    numeric: dict[int, set[int]] = {c: set() for c in cols}
    for start in range(first_row, grid.n_rows + 1, CHUNK_ROWS):
        if cancelled is not None and cancelled():
            raise Cancelled()
        chunk = grid.rows[start - 1:start - 1 + CHUNK_ROWS]
        offset = start - first_row
        by_col = list(zip(*chunk))            # rows are rectangular (Grid.rectangular)
        for c in cols:
            column = by_col[c - 1] if c <= len(by_col) else (None,) * len(chunk)
            cells[c].extend(convert_column(column, offset, numeric[c]))
        tick(len(chunk))
    n = max(0, grid.n_rows - first_row + 1)
    keep = _rows_to_keep([cells[c] for c in cols], n)
    row_numbers = [first_row + i for i in keep]
    if len(keep) < n:
        cells = {c: [v[i] for i in keep] for c, v in cells.items()}
        where = {old: new for new, old in enumerate(keep)}
        numeric = {c: {where[i] for i in s if i in where} for c, s in numeric.items()}
    return DataArea(row_numbers, cells, numeric, notes)


def _rows_to_keep(columns: list[list[str | None]], n: int) -> list[int]:
    if not columns:
        return []
    width = len(columns)
    blanks = [row.count(None) for row in zip(*columns)]
    keep = [i for i, b in enumerate(blanks) if b < width]
    sparse = {i for i in keep if width - blanks[i] <= 4}        # footer candidates
    if sparse or (keep and keep[0] == 0):
        rows = {i: tuple(col[i] for col in columns) for i in sparse | {0}}
        keep = [i for i in keep if not (i in sparse and _is_footer(rows[i]))
                and not (i == 0 and _is_column_numbers(rows[0]))]
    return keep


def _is_footer(row: tuple[str | None, ...]) -> bool:
    filled = [v for v in row if v]
    if len(filled) > 4:
        return False
    return filled[0].lstrip().startswith(_FOOTER_STARTS) or any(w in v for v in filled for w in _FOOTER_WORDS)


def _is_column_numbers(row: tuple[str | None, ...]) -> bool:
    """A row 1, 2, 3 … under the header numbering the columns (the form prints one)."""
    filled = [v for v in row if v]
    return len(filled) >= 5 and all(v == str(i + 1) for i, v in enumerate(filled))


def fill_merged(grid: Grid, first_row: int, cols: list[int], names: dict[int, str]) -> list[ImportNote]:
    """Give every cell of a merged range in the data area its top-left value (and say so)."""
    notes = []
    wanted = set(cols)
    for r1, c1, r2, c2 in grid.merged:
        if r1 < first_row or r2 == r1 or not wanted.intersection(range(c1, c2 + 1)):
            continue            # one-row merges: the value belongs to the first column
        if 2 * (c2 - c1 + 1) > len(cols):
            continue            # a note or footer merged across the table, not data
        value = grid.value(r1, c1)
        for r in range(r1, r2 + 1):
            cells = grid.rows[r - 1] if r <= grid.n_rows else None
            if cells is None:
                continue
            if len(cells) < c2:
                cells.extend([None] * (c2 - len(cells)))
            for c in range(c1, c2 + 1):
                cells[c - 1] = value
        where = f"第{r1}行" if r1 == r2 else f"第{r1}–{r2}行"
        col_names = "、".join(f"“{names[c]}”" for c in range(c1, c2 + 1) if c in names)
        notes.append(ImportNote("read.merged_cells", f"{where}{col_names}列是合并单元格，已把“"
                                f"{cell_text(value)}”填入其中每个格子，请核对是否正确", r1, c1))
    return notes
