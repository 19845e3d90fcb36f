"""Cell formats and sizes of the statistics workbook (one place for its look)."""
from __future__ import annotations

FONT = "宋体"
ROW_PX = 20                      # default row height in pixels (15 pt)
CHART_WIDTH = 560
GAP_ROWS = 2


def formats(book) -> dict:
    base = {"font_name": FONT, "font_size": 10.5, "valign": "vcenter"}

    def f(**kw):
        return book.add_format({**base, **kw})
    return {
        "title": f(bold=True, font_size=16),
        "source": f(font_size=9, font_color="#595959"),
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


def page_setup(sheet, title_rows: int = 2) -> None:
    """A4 landscape, one page wide, the title and source rows repeated, no gridlines."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, title_rows - 1)
    sheet.hide_gridlines(2)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.set_footer("&C第 &P 页，共 &N 页")
