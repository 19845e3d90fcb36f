"""A raw cell grid: one sheet's cells as the file holds them, before any layout is found.

Cell values are what the format gives: str, int, float, bool, datetime/date/time, timedelta or
None. Rows and columns are addressed by their Excel numbers (1-based).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from intake.reader import limits
from intake.table import ImportNote

TOP_ROWS = 40          # merges in these rows are indexed (headers are found in the first 30)
Merge = tuple[int, int, int, int]   # (first_row, first_col, last_row, last_col), 1-based, inclusive


@dataclass
class Grid:
    name: str
    rows: list[list[Any]]                   # rows[i] is Excel row i + 1
    merged: list[Merge] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    widths: dict[int, float] = field(default_factory=dict)
    hidden_sheet: bool = False
    typed: bool = True                      # False: every cell is text (CSV, HTML)
    notes: list[ImportNote] = field(default_factory=list)   # e.g. stray far cells left out
    _top_merges: dict | None = field(default=None, repr=False, compare=False)

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max(map(len, self.rows), default=0)

    def rectangular(self) -> "Grid":
        """Pad short rows with None so every row has n_cols cells (CSV and HTML rows are ragged).

        A grid too large to pad (a stray cell far from the table) is first cut to its data area
        (intake.reader.limits); ReadError when even that is too large."""
        width = self.n_cols
        if len(self.rows) * width > limits.MAX_CELLS:
            self.trim_to_data()
            width = self.n_cols
        for cells in self.rows:
            if len(cells) < width:
                cells.extend([None] * (width - len(cells)))
        return self

    def trim_to_data(self) -> None:
        """Drop rows and cells beyond the data area (limits.data_end), with a note naming them."""
        used_rows, used_cols = [], set()
        for r, cells in enumerate(self.rows, start=1):
            filled = [c for c, v in enumerate(cells, start=1) if not is_blank(v)]
            if filled:
                used_rows.append(r)
                used_cols.update(filled)
        end_row = limits.data_end(used_rows, limits.ROW_GAP)
        end_col = limits.data_end(used_cols, limits.COL_GAP)
        limits.check_area(end_row, end_col, self.name)
        far = []
        for r, cells in enumerate(self.rows, start=1):
            first = 1 if r > end_row else end_col + 1
            far += [(r, c) for c, v in enumerate(cells[first - 1:], start=first) if not is_blank(v)]
        del self.rows[end_row:]
        for cells in self.rows:
            del cells[end_col:]
        if far:
            self.notes.append(limits.far_cells_note(far))

    def value(self, row: int, col: int) -> Any:
        if row < 1 or row > len(self.rows):
            return None
        cells = self.rows[row - 1]
        return cells[col - 1] if 0 < col <= len(cells) else None

    def text(self, row: int, col: int) -> str:
        """The cell as trimmed text ('' for blank), for reading headers and labels."""
        return cell_text(self.value(row, col))

    def merge_at(self, row: int, col: int) -> Merge | None:
        """The merged range holding a cell near the top (where headers are), else None."""
        if self._top_merges is None:
            self._top_merges = {}
            for m in self.merged:
                if m[0] <= TOP_ROWS:
                    for r in range(m[0], min(m[2], TOP_ROWS) + 1):
                        for c in range(m[1], min(m[3], m[1] + 500) + 1):
                            self._top_merges.setdefault((r, c), m)
        if row <= TOP_ROWS:
            return self._top_merges.get((row, col))
        return next((m for m in self.merged if m[0] <= row <= m[2] and m[1] <= col <= m[3]), None)


def grid_from_cells(name: str, cells: dict[int, dict[int, Any]], **kwargs: Any) -> Grid:
    """A Grid from sparse cells (row → col → value, 1-based), for readers that meet cells by
    position (HTML, Excel 2003 XML): far stray cells are cut off before anything is padded."""
    n_rows = max(cells, default=0)
    n_cols = max((max(row) for row in cells.values() if row), default=0)
    notes = []
    if n_rows * n_cols > limits.MAX_CELLS:
        used = [(r, c) for r, row in cells.items() for c, v in row.items() if not is_blank(v)]
        n_rows = limits.data_end((r for r, _ in used), limits.ROW_GAP)
        n_cols = limits.data_end((c for _, c in used), limits.COL_GAP)
        limits.check_area(n_rows, n_cols, name)
        far = [(r, c) for r, c in used if r > n_rows or c > n_cols]
        if far:
            notes.append(limits.far_cells_note(far))
    rows: list[list[Any]] = [[None] * n_cols for _ in range(n_rows)]
    for r, row in cells.items():
        if r <= n_rows:
            for c, v in row.items():
                if c <= n_cols:
                    rows[r - 1][c - 1] = v
    return Grid(name=name, rows=rows, notes=notes, **kwargs)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
