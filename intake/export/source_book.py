"""The township's own workbook as an openpyxl Workbook, for the return file.

An .xlsx (also an encrypted one, decrypted in memory) is loaded as it is, keeping sheets,
header rows, column widths, merges and styles. An .xls, CSV or HTML file is rebuilt from the
reader's grids: same sheets, cells, merges, widths and hidden rows and columns.
"""
from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.workbook import Workbook

from intake.reader import sniff as kinds
from intake.reader.crypto import decrypt, is_encrypted
from intake.reader.grid import Grid
from intake.reader.source import read_all, read_head
from intake.export.upload import display_width
from intake.reader.workbook import read_grids

CSV_SHEET = "登记表"
EXCEL_CELL_LIMIT = 32_767


def load_source(path: Path, password: str | None = None) -> Workbook:
    opened = _as_xlsx(path, password)
    if opened is not None:
        try:
            return openpyxl.load_workbook(opened)
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
            pass        # a workbook openpyxl cannot parse: rebuild it from the reader's grids
    return rebuild(read_grids(path, password))


def _as_xlsx(path: Path, password: str | None) -> Path | BytesIO | None:
    kind = kinds.sniff(read_head(path))
    if kind == kinds.XLSX:
        return path
    if kind == kinds.OLE:
        data = read_all(path)
        if is_encrypted(data):
            plain = decrypt(data, password, path.name)
            if kinds.sniff(plain.getvalue()[:8192]) == kinds.XLSX:
                return plain
    return None


def sheet_title(name: str) -> str:
    """The sheet name a table's `sheet` gets in the return file (CSV tables have none)."""
    return name or CSV_SHEET


def rebuild(grids: list[Grid]) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    for grid in grids:
        ws = book.create_sheet(sheet_title(grid.name)[:31])
        for r, cells in enumerate(grid.rows, start=1):
            for c, value in enumerate(cells, start=1):
                if value is not None and value != "":
                    _put(ws, r, c, value)
        for first_row, first_col, last_row, last_col in grid.merged:
            ws.merge_cells(start_row=first_row, start_column=first_col,
                           end_row=last_row, end_column=last_col)
        for col, width in {**fitted_widths(grid), **grid.widths}.items():
            ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width = width
        for col in grid.hidden_cols:
            ws.column_dimensions[openpyxl.utils.get_column_letter(col)].hidden = True
        for row in grid.hidden_rows:
            ws.row_dimensions[row].hidden = True
        if grid.hidden_sheet:
            ws.sheet_state = "hidden"
    return book


def fitted_widths(grid: Grid, low: float = 8, high: float = 60) -> dict[int, float]:
    """Column widths from the longest text of each column (a CSV or HTML source has none of its
    own), so ID numbers, dates and addresses show whole in Excel. Lines with few cells (the title,
    the 填报单位/填报日期 line, a 填表人 footer) do not widen their columns."""
    longest: dict[int, str] = {}
    enough = max(3, max((len(r) for r in grid.rows), default=0) // 3)
    for cells in grid.rows:
        filled = [(c, str(v)) for c, v in enumerate(cells, start=1) if v is not None and v != ""]
        if len(filled) < enough:
            continue
        for c, text in filled:
            if len(text) > len(longest.get(c, "")):
                longest[c] = text
    return {c: max(low, min(high, display_width(text) + 2)) for c, text in longest.items()}
def cell_safe(value):
    """Text a worksheet cell can hold: the control characters XML forbids (\\x00 …) written as
    visible escapes (openpyxl refuses them), at most Excel's 32,767 characters."""
    if not isinstance(value, str):
        return value
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group(0)):02x}", value)
    return value if len(value) <= EXCEL_CELL_LIMIT else value[:EXCEL_CELL_LIMIT - 20] + f"…(共 {len(value)} 字)"


def _put(ws, row: int, col: int, value) -> None:
    cell = ws.cell(row=row, column=col, value=cell_safe(value))
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"        # text that looks like a formula stays text
