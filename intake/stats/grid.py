"""A table as the grid of cells every output shows: the header, one line per row, then the
合计 line (rows that add up) or the 儿童总数 line (a multiple choice: rows do not add up). Counts
are ints, shares floats (0.125 = 12.5 %), masked cells their mask text ("<5", "*"), a hidden
share None. The workbook writes it, the window draws it, the clipboard copies it."""
from __future__ import annotations

from dataclasses import dataclass

from intake.stats.definitions import Labels
from intake.stats.masking import NONE, Masked
from intake.stats.table import StatTable

Cell = int | float | str | None
CHILDREN = "儿童总数"


@dataclass(frozen=True)
class Grid:
    header: tuple[str, ...]
    lines: tuple[tuple[Cell, ...], ...]       # the last one is the 合计 / 儿童总数 line
    share_column: int                         # index of the 占比 column
    count_columns: tuple[int, ...]            # the series' columns (what charts plot)

    @property
    def body(self) -> tuple[tuple[Cell, ...], ...]:
        return self.lines[:-1]


def _shown(masked: Masked, key: tuple, value: int) -> int | str:
    return masked.text(key) or value


def grid(t: StatTable, labels: Labels, masked: Masked = NONE) -> Grid:
    several = t.has_total_column
    header = (t.definition.category_label or "项目", *t.series, *((labels.total,) if several else ()), labels.share)
    lines = []
    for i, row in enumerate(t.counts):
        cells: list[Cell] = [t.rows[i], *(_shown(masked, ("c", i, j), n) for j, n in enumerate(row))]
        total_key = ("r", i) if several else ("c", i, 0)
        if several:
            cells.append(_shown(masked, total_key, t.row_total(i)))
        cells.append(None if masked.text(total_key) else t.share(i))
        lines.append(tuple(cells))
    lines.append(_last_line(t, labels, masked))
    n = len(t.series)
    return Grid(header, tuple(lines), len(header) - 1, tuple(range(1, n + 1)))


def _last_line(t: StatTable, labels: Labels, masked: Masked) -> tuple[Cell, ...]:
    grand = _shown(masked, ("g",), t.children)
    share = 1.0 if t.children else None
    if t.exclusive:
        if t.has_total_column:
            columns = [_shown(masked, ("k", j), n) for j, n in enumerate(t.column_totals)]
            return (labels.total, *columns, grand, share)
        return (labels.total, grand, share)
    blanks = [None] * (len(t.series) - 1 + (1 if t.has_total_column else 0))
    return (CHILDREN, grand, *blanks, share)


def tsv(g: Grid, title: str = "", lines: tuple[str, ...] = ()) -> str:
    """Tab-separated text as Excel/WPS put it on the clipboard (shares as 12.5%)."""
    def cell(c: Cell) -> str:
        if c is None:
            return ""
        if isinstance(c, float):
            return f"{c * 100:.1f}%"
        return str(c)
    rows = [[title]] if title else []
    rows += [list(g.header)] + [[cell(c) for c in line] for line in g.lines]
    rows += [[text] for text in lines]
    return "\r\n".join("\t".join(r) for r in rows) + "\r\n"
