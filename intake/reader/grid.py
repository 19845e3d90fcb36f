"""A raw cell grid: one sheet's cells as the file holds them, before any layout is found.

Cell values are what the format gives: str, int, float, bool, datetime/date/time, timedelta or
None. Rows and columns are addressed by their Excel numbers (1-based).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
        for m in self.merged:
            if m[0] <= row <= m[2] and m[1] <= col <= m[3]:
                return m
        return None


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
