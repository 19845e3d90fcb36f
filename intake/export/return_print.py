"""How a return file's marked sheets print: the village prints the sheet it has to correct.

Registration sheets are 30-50 columns wide; printed as they come (portrait, 100 %) a 28-row
sheet spread over 13 pages, each holding a few columns of every row and no header. Here: A4
landscape, the header rows repeated on every page, the columns up to 姓名 repeated on every
page across, and scaled to fit a few pages wide (columns readable at no less than about 70 %),
as tall as it needs.
"""
from __future__ import annotations

from math import ceil

from openpyxl.utils import column_index_from_string, get_column_letter

# Characters of column width that fit across a landscape A4 page at 100 % (277 mm less the
# margins, about 1.9 mm a character in the default font), and the smallest scale still easy to
# read on paper: together, how many characters go on one page across.
CHARS_PER_PAGE = 140
MIN_SCALE = 0.7
DEFAULT_WIDTH = 8.43          # Excel's width of a column without its own
MAX_KEY_COLUMN = 5            # repeat columns up to 姓名 only when it is this near the left


def set_print_layout(ws, table) -> None:
    """Page setup of one marked sheet (openpyxl worksheet `ws`, intake.table.SheetTable)."""
    if table.header_rows:
        ws.print_title_rows = f"{min(table.header_rows)}:{max(table.header_rows)}"
    name_col = table.col_of("name")
    if name_col is not None and name_col <= MAX_KEY_COLUMN:
        ws.print_title_cols = f"A:{get_column_letter(name_col)}"
    setup = ws.page_setup
    setup.orientation, setup.paperSize = "landscape", ws.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = pages_across(ws), 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def pages_across(ws) -> int:
    """Pages wide the sheet needs so that no column prints smaller than MIN_SCALE."""
    widths = _widths(ws)
    width = sum(widths.get(col, DEFAULT_WIDTH) for col in range(1, (ws.max_column or 1) + 1))
    return max(1, ceil(width / (CHARS_PER_PAGE / MIN_SCALE)))


def _widths(ws) -> dict[int, float]:
    """Column number → its width (0 when hidden); a dimension may cover a range of columns."""
    widths: dict[int, float] = {}
    for dim in ws.column_dimensions.values():
        first = dim.min or column_index_from_string(dim.index)
        for col in range(first, (dim.max or first) + 1):
            widths[col] = 0.0 if dim.hidden else (dim.width or DEFAULT_WIDTH)
    return widths


def set_summary_layout(ws) -> None:
    """The 问题汇总 sheet: A4 portrait, one page wide (its explanation is one wide merged cell)."""
    setup = ws.page_setup
    setup.orientation, setup.paperSize = "portrait", ws.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
