"""Generate every file the reader tests read: no binary fixtures, each file is built here.

A SheetSpec lists cell values row by row (Excel row 1 first); 1-based merges, hidden rows and
columns. Writers: .xlsx/.xlsm (xlsxwriter: formulas keep a cached value), .xls (xlwt, BIFF8),
CSV in any encoding, HTML saved as ".xls", and an encrypted .xlsx (msoffcrypto-tool).
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

LIUDONG_HEADER = ["序号", "姓名", "性别", "出生日期", "民族", "公民身份号码", "是否登记户口", "户籍地址",
                  "现居住地", "共同居住人", "居住登记", "居住类型", "离开户籍地日期", "来现居住地日期",
                  "监护情况", "父亲姓名", "父亲联系方式", "备注"]
LIUSHOU_HEADER = ["序号", "姓名", "性别", "出生日期", "公民身份号码", "户籍地址", "父母双方同时外出",
                  "父母一方外出、另一方无监护能力", "有无受委托监护人", "受委托照顾人姓名",
                  "受委托照顾人与儿童关系", "受委托照顾人联系方式"]
INSTRUCTIONS = [["填表说明"], ["1. 每名儿童填一行。"], ["2. 身份证号请设为文本格式。"]]
CODE_LIST = [["代码", "民族"], ["01", "汉族"], ["02", "蒙古族"]]


@dataclass(frozen=True)
class Formula:
    text: str
    cached: Any


@dataclass
class SheetSpec:
    name: str
    rows: list[list[Any]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    hidden: bool = False            # the whole sheet hidden


def child_id(area: str = "110101", born: str = "20150302", seq: str = "001") -> str:
    """A generated (not real) 18-digit ID with a correct GB 11643 check digit."""
    body = area + born + seq
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(body, weights))
    return body + "10X98765432"[total % 11]


def liudong_row(i: int) -> list[Any]:
    born = date(2015, 3, 1 + i % 28)
    return [i, f"王小{'明红刚丽'[i % 4]}", "男" if i % 2 else "女", born, "汉族",
            child_id("411602", born.strftime("%Y%m%d"), f"{(2 * i + i % 2) % 1000:03d}"), "是",
            "河南省周口市川汇区人民路1号", "浙江省杭州市西湖区文三路2号", "父母双方", "办理居住证",
            "出租房屋", "2020-01-01", "2020-02-01", "较好", "王大山", "13800138000", None]


def liushou_row(i: int) -> list[Any]:
    born = date(2014, 5, 1 + i % 28)
    return [i, f"李小{'云雨'[i % 2]}", "女", born, child_id("411602", born.strftime("%Y%m%d"), f"{2 * i % 1000:03d}"),
            "河南省周口市川汇区人民路3号", "是", "否", "有", "李奶奶", "奶奶", "13900139000"]


def write_xlsx(path: Path, sheets: list[SheetSpec], macro: bool = False) -> Path:
    import xlsxwriter
    plain = path.with_name(path.stem + "_plain.xlsx") if macro else path
    book = xlsxwriter.Workbook(str(plain))
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    stamps = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for spec in sheets:
        ws = book.add_worksheet(spec.name)
        merged_cells = _merged_cells(spec)
        for r, row in enumerate(spec.rows):
            for c, value in enumerate(row):
                if (r + 1, c + 1) not in merged_cells:
                    _write_xlsx_cell(ws, r, c, value, dates, stamps)
        for r1, c1, r2, c2 in spec.merges:
            ws.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, None)
            _write_xlsx_cell(ws, r1 - 1, c1 - 1, _at(spec, r1, c1), dates, stamps)
        for r in spec.hidden_rows:
            ws.set_row(r - 1, None, None, {"hidden": True})
        for c in spec.hidden_cols:
            ws.set_column(c - 1, c - 1, 12, None, {"hidden": True})
        if spec.hidden:
            ws.hide()
    book.close()
    if macro:
        _make_macro_enabled(plain, path)
    return path


def _merged_cells(spec: SheetSpec) -> set[tuple[int, int]]:
    return {(r, c) for r1, c1, r2, c2 in spec.merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}


def _at(spec: SheetSpec, r: int, c: int) -> Any:
    row = spec.rows[r - 1] if r <= len(spec.rows) else []
    return row[c - 1] if c <= len(row) else None


def _write_xlsx_cell(ws, r: int, c: int, value: Any, dates, stamps) -> None:
    if value is None:
        return
    if isinstance(value, Formula):
        ws.write_formula(r, c, value.text, None, value.cached)
    elif isinstance(value, datetime):
        ws.write_datetime(r, c, value, stamps if value.time() != datetime.min.time() else dates)
    elif isinstance(value, date):
        ws.write_datetime(r, c, datetime(value.year, value.month, value.day), dates)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value)
    else:
        ws.write_string(r, c, str(value))


def _make_macro_enabled(src: Path, dst: Path) -> None:
    """An .xlsm: the same package with the macro-enabled workbook content type."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
            zout.writestr(item, data)
    src.unlink()


def write_xls(path: Path, sheets: list[SheetSpec]) -> Path:
    import xlwt
    book = xlwt.Workbook(encoding="utf-8")
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for spec in sheets:
        ws = book.add_sheet(spec.name, cell_overwrite_ok=True)
        merged_cells = _merged_cells(spec)
        for r, row in enumerate(spec.rows):
            for c, value in enumerate(row):
                if (r + 1, c + 1) not in merged_cells and value is not None:
                    _write_xls_cell(ws, r, c, value, dates)
        for r1, c1, r2, c2 in spec.merges:
            value = _at(spec, r1, c1)
            ws.write_merge(r1 - 1, r2 - 1, c1 - 1, c2 - 1, value, dates if isinstance(value, date) else xlwt.Style.default_style)
        for r in spec.hidden_rows:
            ws.row(r - 1).hidden = True
        for c in spec.hidden_cols:
            ws.col(c - 1).hidden = True
    book.save(str(path))
    return path


def _write_xls_cell(ws, r: int, c: int, value: Any, dates) -> None:
    if isinstance(value, (date, datetime)):
        ws.write(r, c, value, dates)
    else:
        ws.write(r, c, value)


def write_csv(path: Path, rows: list[list[Any]], encoding: str = "utf-8", bom: bool = False) -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([["" if v is None else str(v) for v in row] for row in rows])
    data = buf.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def write_html(path: Path, rows: list[list[Any]], merges: list[tuple[int, int, int, int]] = (),
               encoding: str = "gb18030", hidden_rows: set[int] = frozenset()) -> Path:
    """What WPS and web systems save as ".xls": an HTML table (merges as rowspan/colspan)."""
    spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in merges}
    covered = _merged_cells(SheetSpec("", rows, list(merges))) - set(spans)
    lines = [f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">',
             "</head><body><table border=1>"]
    for r, row in enumerate(rows, start=1):
        style = ' style="display:none"' if r in hidden_rows else ""
        cells = []
        for c, value in enumerate(row, start=1):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            text = "" if value is None else str(value).replace("\n", "<br>")
            cells.append(f'<td rowspan="{rs}" colspan="{cs}">{text}</td>')
        lines.append(f"<tr{style}>{''.join(cells)}</tr>")
    lines.append("</table></body></html>")
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


def encrypt_xlsx(plain: Path, out: Path, password: str) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile
    with plain.open("rb") as src, out.open("wb") as dst:
        OOXMLFile(src).encrypt(password, dst)
    return out


def liudong_sheet(n: int = 3, name: str = "流动儿童") -> SheetSpec:
    return SheetSpec(name, [LIUDONG_HEADER] + [liudong_row(i) for i in range(1, n + 1)])


def liushou_sheet(n: int = 2, name: str = "留守儿童") -> SheetSpec:
    return SheetSpec(name, [LIUSHOU_HEADER] + [liushou_row(i) for i in range(1, n + 1)])
