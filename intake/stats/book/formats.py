"""Cell formats and sizes of the statistics workbook (one place for its look)."""
from __future__ import annotations

FONT = "宋体"
ROW_PX = 20                      # default row height in pixels (15 pt)
DEFAULT_COLUMN = 8.43            # a column's width when none is set (64 pixels)
COLUMN_PX = 64
CHART_WIDTH = 560
SOURCE_LINE_PT = 13              # the source row's height per line (9 pt text)
GAP_ROWS = 2


def formats(book) -> dict:
    base = {"font_name": FONT, "font_size": 10.5, "valign": "vcenter"}

    def f(**kw):
        return book.add_format({**base, **kw})
    return {
        "title": f(bold=True, font_size=16),
        "source": f(font_size=9, font_color="#595959", text_wrap=True, valign="top"),
        "table_title": f(bold=True, font_size=12),
        "header": f(bold=True, bg_color="#DDEBF7", border=1, align="center", text_wrap=True),
        "label": f(border=1),
        "count": f(border=1, num_format="0"),
        "share": f(border=1, num_format="0.0%"),
        "masked": f(border=1, align="right", font_color="#7F7F7F"),
        "total_label": f(border=1, bold=True, bg_color="#F2F2F2"),
        "total_count": f(border=1, bold=True, bg_color="#F2F2F2", num_format="0"),
        "total_share": f(border=1, bold=True, bg_color="#F2F2F2", num_format="0.0%"),
        "total_masked": f(border=1, bold=True, bg_color="#F2F2F2", align="right"),
        "note": f(font_size=9, font_color="#595959", italic=True),
        "sentence": f(font_size=11, text_wrap=True, valign="top"),
        "link": f(font_color="#0563C1", underline=1),
        "plain": f(),
    }


def text_width(text: str) -> int:
    """Excel column width units: a CJK character counts 2."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(text))


A4_LANDSCAPE_IN = (11.69, 8.27)
MARGINS_IN = (0.5, 0.6)          # left/right, top/bottom
# width over height of what a page prints: a block this many times wider than tall fills it
PAGE_RATIO = (A4_LANDSCAPE_IN[0] - 2 * MARGINS_IN[0]) / (A4_LANDSCAPE_IN[1] - 2 * MARGINS_IN[1])


def units_px(units: float) -> float:
    """A column width in Excel units, in pixels (8.43 units are 64 pixels)."""
    return units * 7 + 5


def page_setup(sheet, title_rows: int = 2) -> None:
    """A4 landscape, one page wide, the title and source rows repeated, no gridlines."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, title_rows - 1)
    sheet.hide_gridlines(2)
    sheet.set_margins(left=MARGINS_IN[0], right=MARGINS_IN[0], top=MARGINS_IN[1], bottom=MARGINS_IN[1])
    sheet.set_footer("&C第 &P 页，共 &N 页")
