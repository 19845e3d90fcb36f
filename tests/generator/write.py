"""write_xlsx(): a generated sheet as an .xlsx file in one of three layouts.

plain            the header row on row 1, data from row 2
title_rows       the form's title, a 填报单位/填报日期 line, then the header row
two_row_header   title, 填报 line, a row of section groups (儿童基本信息, 父亲 …) and the labels

engine: "openpyxl" (shared strings; the default for small sheets), "xlsxwriter" (constant_memory,
inline strings; the default for big ones) or "xlsxwriter-shared" (shared strings as Excel writes
them, but every cell held in memory until the end).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from generator.sheet import GeneratedSheet
from intake.forms import load_form

BIG = 5000


@dataclass(frozen=True)
class WrittenLayout:
    header_rows: tuple[int, ...]
    first_data_row: int

    def excel_row(self, index: int) -> int:
        return self.first_data_row + index


def write_xlsx(path: str | Path, sheet: GeneratedSheet, layout: str = "plain",
               id_as_number: bool = False, engine: str | None = None) -> WrittenLayout:
    top = _top_rows(sheet, layout)
    body = [_numeric_ids(sheet, row) if id_as_number else row for row in sheet.rows]
    engine = engine or ("xlsxwriter" if len(sheet.rows) > BIG else "openpyxl")
    if engine.startswith("xlsxwriter"):
        _write_xlsxwriter(Path(path), top, body, constant_memory=engine == "xlsxwriter")
    else:
        _write_openpyxl(Path(path), top, body, layout != "plain")
    header_rows = tuple(range(len(top) - (2 if layout == "two_row_header" else 1) + 1, len(top) + 1))
    return WrittenLayout(header_rows, len(top) + 1)


def _top_rows(sheet: GeneratedSheet, layout: str) -> list[list[object]]:
    if layout == "plain":
        return [list(sheet.headers)]
    form = load_form(sheet.form)
    title = [form.title] + [None] * (len(sheet.headers) - 1)
    d = sheet.as_of
    line = [f"填报单位（盖章）：{sheet.reporting_unit}", None, None, None, None, None,
            f"填报日期：{d.year}年{d.month}月{d.day}日"]
    line += [None] * (len(sheet.headers) - len(line))
    if layout == "title_rows":
        return [title, line, list(sheet.headers)]
    if layout != "two_row_header":
        raise ValueError(f"unknown layout {layout}")
    groups, labels = [], []
    for key, header in zip(sheet.fields, sheet.headers):
        group = form.field(key).group if key else ""
        groups.append(group if not groups or group != _last_group(groups) else None)
        labels.append(header[len(group):] if group in ("父亲", "母亲") and header.startswith(group)
                      else header)
    return [title, line, groups, labels]


def _last_group(groups: list[object]) -> object:
    return next((g for g in reversed(groups) if g is not None), None)


def _numeric_ids(sheet: GeneratedSheet, row: list[object]) -> list[object]:
    out = list(row)
    c = sheet.col("id_number") - 1
    if isinstance(out[c], str) and out[c].isdigit() and len(out[c]) == 18:
        out[c] = float(f"{int(out[c]):.15g}")
    return out


def _write_openpyxl(path: Path, top: list[list[object]], body: list[list[object]],
                    titled: bool) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in top + body:
        ws.append(row)
    width = len(top[-1])
    if titled:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=min(width, 20))
        ws.cell(1, 1).font = Font(size=16, bold=True)
        ws.cell(1, 1).alignment = Alignment(horizontal="center")
    for cell in ws[len(top)]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for c in range(1, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 12
    ws.freeze_panes = ws.cell(len(top) + 1, 3)
    for row in ws.iter_rows(min_row=len(top) + 1):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    wb.save(path)


def _write_xlsxwriter(path: Path, top: list[list[object]], body: list[list[object]],
                      constant_memory: bool) -> None:
    import xlsxwriter
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    ws = wb.add_worksheet("Sheet1")
    day_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    time_fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    for r, row in enumerate(top + body):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, datetime):
                ws.write_datetime(r, c, value, time_fmt)
            elif isinstance(value, date):
                ws.write_datetime(r, c, datetime(value.year, value.month, value.day), day_fmt)
            elif isinstance(value, (int, float)):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, str(value))
    wb.close()
