"""The blank template: an intake workbook that follows the form and prevents common errors.

Sheet 1 (the form): a title row, the labels as the importer expects them on row 2, a dropdown
on every option column fed from the hidden 选项 sheet (an inline list is cut at 255
characters), ID and phone columns formatted as text, date columns with date validation and an
input hint, frozen header and sensible widths. Sheet 2 填写说明: how to fill each column.
The 选项 sheet lists one field per row, so no row of it looks like a registration header.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Callable

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from intake.export.output import Progress, Steps, output_file, writer_tmpdir
from intake.export.template_help import GENERAL, hint, instruction_rows, short
from intake.forms import load_form
from validators.form import Field, FormTemplate

LISTS_SHEET = "选项"
HELP_SHEET = "填写说明"
HEADER_ROW = 1                  # 0-based: row 2 in Excel
ROWS = 10_000                   # rows prepared with validations and formats
WIDTHS = {"id": 21, "phone": 16, "date": 12, "address": 36, "name": 10, "multi": 22, "choice": 12}


def write_template(form_key: str, target: str | os.PathLike, *, progress: Progress | None = None,
                   cancelled: Callable[[], bool] | None = None) -> Path:
    """progress/cancelled as for the other exports (the template takes well under a second)."""
    form = load_form(form_key)
    steps = Steps(1, progress, cancelled)
    with output_file(target) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_numbers": False, "strings_to_formulas": False,
                                              "tmpdir": writer_tmpdir(tmp)})
        sheet = book.add_worksheet(form.title[:31])
        help_sheet = book.add_worksheet(HELP_SHEET)
        lists = book.add_worksheet(LISTS_SHEET)
        sources = _write_lists(lists, form)
        lists.hide()
        _write_form_sheet(book, sheet, form, sources)
        _write_help(book, help_sheet, form)
        sheet.activate()
        steps.finish()
        book.close()
    return Path(target)


def _write_lists(ws, form: FormTemplate) -> dict[str, str]:
    """One row per option field: label, then its options. Returns field key -> range formula."""
    sources = {}
    row = 0
    for f in form.fields:
        if not f.options:
            continue
        ws.write_string(row, 0, f.label)
        for c, option in enumerate(f.options, start=1):
            ws.write_string(row, c, option)
        first = xl_rowcol_to_cell(row, 1, row_abs=True, col_abs=True)
        last = xl_rowcol_to_cell(row, len(f.options), row_abs=True, col_abs=True)
        sources[f.key] = f"='{LISTS_SHEET}'!{first}:{last}"
        row += 1
    return sources


def _write_form_sheet(book, ws, form: FormTemplate, sources: dict[str, str]) -> None:
    title = book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    header = book.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter",
                              "text_wrap": True, "bg_color": "#DDEBF7"})
    text = book.add_format({"num_format": "@"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    ws.merge_range(0, 0, 0, len(form.fields) - 1, form.title, title)
    ws.set_row(0, 30)
    ws.set_row(HEADER_ROW, 36)
    for c, f in enumerate(form.fields):
        fmt = text if f.type in ("id", "phone") else day if f.type == "date" else None
        ws.set_column(c, c, _width(f), fmt)
        ws.write_string(HEADER_ROW, c, f.label, header)
        rule = _validation(f, sources.get(f.key))
        if rule:
            ws.data_validation(HEADER_ROW + 1, c, HEADER_ROW + ROWS, c, rule)
    ws.freeze_panes(HEADER_ROW + 1, 0)


def _width(f: Field) -> float:
    if f.key == "seq":
        return 6
    return max(WIDTHS.get(f.type, 14), min(24, len(f.label) * 1.6))


def _validation(f: Field, source: str | None) -> dict | None:
    message = short(hint(f))
    if f.type == "date":
        return {"validate": "date", "criteria": "between", "minimum": date(1900, 1, 1),
                "maximum": date(2099, 12, 31), "input_title": "填写日期",
                "input_message": short(message + "。"), "error_title": "日期不对",
                "error_message": "请填写有效日期，写成2015-03-02这样的格式"}
    if source is None:
        return {"validate": "any", "input_title": short(f.label, 32), "input_message": message} \
            if message else None
    strict = f.type == "choice" and not f.free_text
    return {"validate": "list", "source": source, "input_title": short(f.label, 32),
            "input_message": message, "error_type": "stop" if strict else "information",
            "error_title": "不是列表中的选项",
            "error_message": short("请从下拉列表中选择。" + ("" if strict else "多个选项用“、”分隔。"))}


def _write_help(book, ws, form: FormTemplate) -> None:
    bold = book.add_format({"bold": True, "font_size": 14})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    ws.set_column(0, 0, 26)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 2, 90, wrap)
    ws.write_string(0, 0, f"{form.title}填写说明（{form.version}）", bold)
    row = 1
    for line in GENERAL:
        ws.write_string(row, 0, line)
        row += 1
    row += 1
    ws.write_string(row, 0, "各列怎么填", bold)
    for label, need, how in instruction_rows(form):
        row += 1
        ws.write_string(row, 0, label)
        ws.write_string(row, 1, need)
        ws.write_string(row, 2, how)
