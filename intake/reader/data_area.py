"""The data rows under a header: merged cells filled, non-record rows skipped, cells converted
to text column by column (in chunks, with progress and cancelling)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from intake.errors import Cancelled
from intake.reader.cells import convert_column
from intake.reader.grid import Grid
from intake.reader.merged import fill_merged
from intake.reader.row_filter import rows_to_keep
from intake.table import ImportNote

CHUNK_ROWS = 5000


@dataclass
class DataArea:
    row_numbers: list[int]
    cells: dict[int, list[str | None]]          # sheet column → text of each kept row
    numeric: dict[int, set[int]]                # sheet column → indices of number cells
    notes: list[ImportNote] = field(default_factory=list)


def read_data(grid: Grid, first_row: int, headers: dict[int, tuple[str, str]],
              tick: Callable[[int], None], cancelled: Callable[[], bool] | None,
              mapped: set[int] | None = None) -> DataArea:
    """Rows first_row.. of the header columns (`headers`: col → (text, display)); `mapped`: the
    columns mapped to a form field (a repeated header is recognised on those only)."""
    cols = list(headers)
    notes = fill_merged(grid, first_row, cols, {c: d for c, (_, d) in headers.items()})
    cells: dict[int, list[str | None]] = {c: [] for c in cols}
    numeric: dict[int, set[int]] = {c: set() for c in cols}
    headerless: set[int] = set()
    for start in range(first_row, grid.n_rows + 1, CHUNK_ROWS):
        if cancelled is not None and cancelled():
            raise Cancelled()
        chunk = grid.rows[start - 1:start - 1 + CHUNK_ROWS]
        by_col = list(zip(*chunk))            # rows are rectangular (Grid.rectangular)
        for c in cols:
            column = by_col[c - 1] if c <= len(by_col) else (None,) * len(chunk)
            cells[c].extend(convert_column(column, start - first_row, numeric[c]))
        headerless.update(_filled_other_columns(by_col, headers, headerless))
        tick(len(chunk))
    keep, skipped = rows_to_keep([cells[c] for c in cols], [t for t, _ in headers.values()], first_row,
                                 [mapped is None or c in mapped for c in cols])
    n = max(0, grid.n_rows - first_row + 1)
    if len(keep) < n:
        cells = {c: [v[i] for i in keep] for c, v in cells.items()}
        where = {old: new for new, old in enumerate(keep)}
        numeric = {c: {where[i] for i in s if i in where} for c, s in numeric.items()}
    notes += skipped + [_headerless_note(c) for c in sorted(headerless)]
    return DataArea([first_row + i for i in keep], cells, numeric, notes)


def _filled_other_columns(by_col: list[tuple], headers: dict, known: set[int]) -> set[int]:
    found = set()
    for index, column in enumerate(by_col):
        c = index + 1
        if c in headers or c in known:
            continue
        if any(v is not None and v != "" and not (isinstance(v, str) and v.isspace()) for v in column):
            found.add(c)
    return found


def _headerless_note(col: int) -> ImportNote:
    return ImportNote("read.headerless_column", f"第{_letters(col)}列有数据但没有表头，已忽略；"
                      "如果这一列需要检查，请补上表头", None, col)


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out
