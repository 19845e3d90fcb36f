"""The register workbook (intake.export.xlsx_stream, rows streamed): the register sheet and the
removed sheet, each with the title, the confidentiality line and the source line above a frozen
header (and the first columns) with an autofilter (each reason's column filters by reason), ID
numbers as text, dates as dates, a 是 dropdown on the reason the county marks itself, A4
landscape with the header row and the first columns printed on every page."""
from __future__ import annotations

from datetime import date, datetime

from xlsxwriter.utility import xl_col_to_name

from intake.export.xlsx_print import PageSetup
from intake.export.xlsx_stream import StreamBook, Style, serial, shown_width
from intake.export.xlsx_validation import ListValidation
from intake.register.definitions import REMOVED_ON, REMOVED_WHY, RegisterDef
from intake.stats.book.formats import FONT, text_width

HEADER_ROW = 3                      # 0-based: the header is the sheet's 4th row
DROPDOWN_SPARE = 500                # rows below the last child that keep the dropdown
WIDTHS = {"公民身份号码": 21, "户籍地址": 34, "现居住地": 34, "关爱原因": 22, "帮扶措施": 30, "备注": 24,
          "来源": 30, "跟进日期": 12, "联系电话": 15, REMOVED_WHY: 30, REMOVED_ON: 12}
KEPT = {"fill": "#FFF9E5", "border": True, "border_color": "#E0D6B0"}


# the book's default style, as the register had it from xlsxwriter: Calibri 11 sets the rows'
# height and the columns' character width (with 等线, not on every PC, LibreOffice falls back to a
# CJK font and makes every row taller)
NORMAL = Style(font="Calibri", size=11)


def formats(book: StreamBook) -> dict[str, int]:
    base = {"font": FONT, "size": 10, "vcenter": True}

    def f(**kw) -> int:
        return book.style(**{**base, **kw})
    return {"title": f(bold=True, size=16), "warning": f(bold=True, color="#C00000"),
            "source": f(size=9, color="#595959"),
            "header": f(bold=True, fill="#DDEBF7", border=True, center=True),
            "cell": f(), "text": f(text=True), "date": f(num_format="yyyy-mm-dd"),
            "kept": f(**KEPT), "kept_date": f(**KEPT, num_format="yyyy-mm-dd"),
            "number": f(num_format="0"), "flag": f(center=True), "plain": f()}


def _cell(value: object, f: dict, kept: bool, is_date: bool) -> tuple[object, int]:
    """The value as written and its style."""
    style = f["kept_date" if kept and is_date else "kept" if kept else "date" if is_date else "cell"]
    if isinstance(value, str):
        return value, (f["flag"] if value == "是" else f["text"]) if not kept and not is_date else style
    if isinstance(value, datetime | date):
        return serial(value), f["kept_date" if kept else "date"]
    if isinstance(value, bool):
        return "是" if value else "否", style
    if isinstance(value, int | float):
        return value, f["kept"] if kept else f["number"]
    return str(value), f["text"] if not kept and not is_date else style


def _page(rdef: RegisterDef) -> PageSetup:
    return PageSetup(landscape=True, paper=9, scale=80, footer="&C第 &P 页，共 &N 页",
                     title_rows=(HEADER_ROW + 1, HEADER_ROW + 1), title_cols=(1, rdef.frozen_columns))


def write_sheet(book: StreamBook, f: dict, name: str, rdef: RegisterDef, headers: list[str], lines: list[dict],
                title: str, source: str, typed: set[str]) -> None:
    dates = {c.header for c in rdef.columns if c.date} | {REMOVED_ON}
    flags = {c.header for c in rdef.columns if c.derived == "flag"}
    columns = [f["kept_date" if h in typed and h in dates else "kept" if h in typed else
                 "text" if h == "公民身份号码" else "flag" if h in flags else "cell"] for h in headers]
    widths = [shown_width(7 if h in flags else WIDTHS.get(h, max(6, min(16, text_width(h) + 2)))) for h in headers]
    first, last = HEADER_ROW + 2, HEADER_ROW + 1 + max(len(lines), 1) + DROPDOWN_SPARE     # 1-based rows
    dropdowns = [ListValidation(f"{xl_col_to_name(c)}{first}:{xl_col_to_name(c)}{last}", ("是",),
                                title=h, prompt="符合时选“是”")
                 for c, h in enumerate(headers) if h in rdef.county_noted]
    sheet = book.add_sheet(name, widths, columns, freeze_rows=HEADER_ROW + 1, freeze_cols=rdef.frozen_columns,
                           autofilter=True, filter_row=HEADER_ROW + 1, rows=HEADER_ROW + 1 + len(lines),
                           validations=dropdowns, page=_page(rdef))
    blank = [None] * (len(headers) - 1)
    for r, (text, style) in enumerate(((title, "title"), (rdef.warning, "warning"), (source, "source"))):
        sheet.styled_row([text, *blank], [f[style]] + [f["plain"]] * len(blank),   # not the county columns' colour
                         height=26 if r == 0 else None)
    sheet.row(headers, [f["header"]] * len(headers), height=30)
    shape = [(h, h in typed, h in dates) for h in headers]
    for line in lines:
        values, styles = [], []
        for h, kept, is_date in shape:
            value = line.get(h)
            if value is None or value == "":
                values.append(None)                        # blank: the column's format colours it
                styles.append(0)
                continue
            if isinstance(value, datetime) and not is_date and h == "出生日期":
                value = value.date().isoformat()
            value, style = _cell(value, f, kept, is_date)
            values.append(value)
            styles.append(style)
        sheet.row(values, styles)
