"""Limits that keep a damaged or hostile file from exhausting memory before anything is read.

A sheet is read as a rectangle from A1 to its last used cell, so one stray cell at XFD1048576
makes a 17-billion-cell grid (python-calamine then aborts the whole process). The used area is
therefore checked before reading: a sheet whose data sits in a normal table with a few stray
cells far away (beyond ROW_GAP blank rows or COL_GAP blank columns) is read without them, and
the clerk is told; a sheet whose real data area is still larger than MAX_CELLS is refused.
"""
from __future__ import annotations

from typing import Iterable

from intake.errors import ReadError
from intake.privacy import quote
from intake.table import ImportNote

MAX_CELLS = 20_000_000       # rows x columns from A1 (a 100k x 45 sheet is 4.5 million)
MAX_ROWS, MAX_COLS = 1_048_576, 16_384      # Excel's own grid
ROW_GAP, COL_GAP = 1_000, 100               # this much blank space ends the data area
MAX_LISTED = 3

TOO_LARGE = ("“{name}”的工作表“{sheet}”使用区域异常（到 {ref}，约{cells}个单元格），超出了能读取的范围。"
             "请在Excel中删除表格右边和下面多余的行列（或把表格分成几个文件）后另存，再打开")
FAR_CELLS = ("工作表中有{n}个单元格远离表格（{refs}），和表格之间隔着大片空白，已忽略；"
             "如果其中有要登记的内容，请把它移到表格中")


def column_letters(col: int) -> str:
    """1 → A, 27 → AA, 16384 → XFD."""
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def cell_ref(row: int, col: int) -> str:
    return f"{column_letters(col)}{row}"


def data_end(used: Iterable[int], gap: int) -> int:
    """The last row (or column) of the data area from 1: where the first gap wider than `gap`
    begins, counting from the top (or left) edge. `used`: the numbers holding a value."""
    last = 0
    for n in sorted(set(used)):
        if n - last > gap:
            break
        last = n
    return last


def approx(cells: int) -> str:
    """A cell count the clerk can read: 1.7亿, 3200万, 45万, 8000."""
    if cells >= 100_000_000:
        return f"{cells / 100_000_000:.1f}亿"
    if cells >= 10_000:
        return f"{round(cells / 10_000)}万"
    return str(cells)


class AreaTooLarge(ReadError):
    """A sheet's data area is too large; `named(file name)` gives the message with the file."""

    def __init__(self, rows: int, cols: int, sheet: str, name: str = ""):
        self.rows, self.cols, self.sheet = rows, cols, sheet
        super().__init__(TOO_LARGE.format(name=name, sheet=quote(sheet), ref=cell_ref(rows, cols),
                                          cells=approx(rows * cols)))

    def named(self, name: str) -> "AreaTooLarge":
        return AreaTooLarge(self.rows, self.cols, self.sheet, name)


def check_area(rows: int, cols: int, sheet: str, name: str = "") -> None:
    """AreaTooLarge when a data area of rows x cols (from A1) is too large to read."""
    if rows > MAX_ROWS or cols > MAX_COLS or rows * cols > MAX_CELLS:
        raise AreaTooLarge(rows, cols, sheet, name)


def far_cells_note(far: list[tuple[int, int]]) -> ImportNote:
    """The note naming the stray cells left out (far: (row, col) of each)."""
    far = sorted(far)
    refs = "、".join(cell_ref(r, c) for r, c in far[:MAX_LISTED]) + ("等" if len(far) > MAX_LISTED else "")
    return ImportNote("read.far_cells", FAR_CELLS.format(n=len(far), refs=refs), far[0][0], far[0][1])
