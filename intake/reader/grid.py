"""A raw cell grid: one sheet's cells as the file holds them, before any layout is found.

Cell values are what the format gives: str, int, float, bool, datetime/date/time, timedelta or
None. Rows and columns are addressed by their Excel numbers (1-based).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
    _top_merges: dict | None = field(default=None, repr=False, compare=False)

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max(map(len, self.rows), default=0)

    def rectangular(self) -> "Grid":
        """Pad short rows with None so every row has n_cols cells (CSV and HTML rows are ragged)."""
        width = self.n_cols
        for cells in self.rows:
            if len(cells) < width:
                cells.extend([None] * (width - len(cells)))
        return self

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


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
