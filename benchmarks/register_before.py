"""Benchmark reference, not used by the app: the register's writer before it moved to
intake.export.xlsx_stream (main at 49fd108, intake/register/book.py), kept so that
benchmarks/register.py measures the old and the new writer in the same run.

The register workbook (xlsxwriter, rows streamed): the register sheet and the removed sheet,
each with the title, the confidentiality line and the source line above a frozen header with an
autofilter (each reason's column filters by reason), ID numbers as text, dates as dates, a
是 dropdown on the reason the county marks itself."""
from __future__ import annotations

from datetime import date, datetime

import xlsxwriter

from intake.register.definitions import REMOVED_ON, REMOVED_WHY, RegisterDef
from intake.stats.book.formats import FONT, text_width

HEADER_ROW = 3
WIDTHS = {"公民身份号码": 21, "户籍地址": 34, "现居住地": 34, "关爱原因": 22, "帮扶措施": 30, "备注": 24,
          "来源": 30, "跟进日期": 12, "联系电话": 15, REMOVED_WHY: 30, REMOVED_ON: 12}


def formats(book) -> dict:
    base = {"font_name": FONT, "font_size": 10, "valign": "vcenter"}

    def f(**kw):
        return book.add_format({**base, **kw})
    return {"title": f(bold=True, font_size=16), "warning": f(bold=True, font_color="#C00000"),
            "source": f(font_size=9, font_color="#595959"),
            "header": f(bold=True, bg_color="#DDEBF7", border=1, align="center", text_wrap=True),
            "cell": f(), "text": f(num_format="@"), "date": f(num_format="yyyy-mm-dd"),
            "kept": f(bg_color="#FFF9E5", border=1, border_color="#E0D6B0"),
            "kept_date": f(bg_color="#FFF9E5", border=1, border_color="#E0D6B0", num_format="yyyy-mm-dd"),
            "number": f(num_format="0"), "flag": f(align="center"), "plain": f()}


def _write(sheet, r: int, c: int, value: object, f: dict, kept: bool, is_date: bool) -> None:
    style = f["kept_date" if kept and is_date else "kept" if kept else "date" if is_date else "cell"]
    if value is None or value == "":
        return                                         # blank: the column's format colours it
    elif isinstance(value, str) and not kept and not is_date:
        sheet.write_string(r, c, value, f["flag"] if value == "是" else f["text"])
    elif isinstance(value, datetime | date):
        sheet.write_datetime(r, c, value if isinstance(value, datetime) else datetime(value.year, value.month, value.day),
                             f["kept_date" if kept else "date"])
    elif isinstance(value, bool):
        sheet.write_string(r, c, "是" if value else "否", style)
    elif isinstance(value, int | float):
        sheet.write_number(r, c, value, f["kept"] if kept else f["number"])
    else:
        sheet.write_string(r, c, str(value), f["text"] if not kept and not is_date else style)


def write_sheet(book, f: dict, name: str, rdef: RegisterDef, headers: list[str], lines: list[dict],
                title: str, source: str, typed: set[str]) -> None:
    sheet = book.add_worksheet(name)
    dates = {c.header for c in rdef.columns if c.date} | {REMOVED_ON}
    flags = {c.header for c in rdef.columns if c.derived == "flag"}
    for c, h in enumerate(headers):
        column = f["kept_date" if h in typed and h in dates else "kept" if h in typed else
                   "text" if h == "公民身份号码" else "flag" if h in flags else "cell"]
        width = 7 if h in flags else WIDTHS.get(h, max(6, min(16, text_width(h) + 2)))
        sheet.set_column(c, c, width, column)
    for r, (text, style) in enumerate(((title, "title"), (rdef.warning, "warning"), (source, "source"))):
        sheet.write(r, 0, text, f[style])
        for c in range(1, len(headers)):
            sheet.write_blank(r, c, None, f["plain"])       # not the county columns' colour
    sheet.set_row(0, 26)
    sheet.set_row(HEADER_ROW, 30)
    for c, h in enumerate(headers):
        sheet.write_string(HEADER_ROW, c, h, f["header"])
    for r, line in enumerate(lines, start=HEADER_ROW + 1):
        for c, h in enumerate(headers):
            value = line.get(h)
            if isinstance(value, datetime) and h not in dates:
                value = value.date().isoformat() if h == "出生日期" else value
            _write(sheet, r, c, value, f, h in typed, h in dates)
    last = HEADER_ROW + max(len(lines), 1)
    sheet.freeze_panes(HEADER_ROW + 1, rdef.frozen_columns)
    sheet.autofilter(HEADER_ROW, 0, HEADER_ROW + len(lines), len(headers) - 1)
    for c, h in enumerate(headers):
        if h in rdef.county_noted:
            sheet.data_validation(HEADER_ROW + 1, c, last + 500, c, {"validate": "list", "source": ["是"],
                                  "input_title": h, "input_message": "符合时选“是”"})
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.repeat_rows(HEADER_ROW, HEADER_ROW)
    sheet.repeat_columns(0, rdef.frozen_columns - 1)       # 序号, 乡镇, 姓名 on every page
    sheet.set_print_scale(80)
    sheet.set_footer("&C第 &P 页，共 &N 页")


def write_book_before(path, merged, rdef: RegisterDef, title: str, source: str) -> None:
    """What write_register wrote with xlsxwriter (constant_memory) before."""
    headers = [c.header for c in rdef.columns] + merged.extra_headers
    typed = {c.header for c in rdef.kept} | set(merged.extra_headers)
    book = xlsxwriter.Workbook(str(path), {"tmpdir": str(path.parent), "constant_memory": True})
    f = formats(book)
    seq = rdef.seq_header
    lines = [{**r.values, seq: i} for i, r in enumerate(merged.rows, start=1)]
    write_sheet(book, f, rdef.sheet, rdef, headers, lines, title, source, typed)
    removed = [{**v, seq: i} for i, v in enumerate(merged.removed, start=1)]
    write_sheet(book, f, rdef.removed_sheet, rdef, headers + [REMOVED_WHY, REMOVED_ON], removed,
                f"{title}（已移出）", source, typed)
    book.set_properties({"title": title, "comments": rdef.warning})
    book.close()
