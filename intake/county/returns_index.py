"""The index workbook of the townships' return files written at once (intake.county.returns):
one line per return file - township, form, the received file, the return file, how many
problems and how many send-backs - then the files with nothing to send back."""
from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from intake.county.return_names import forms_text

HEADER = ("乡镇（街道）", "表格", "收到的文件", "退回文件", "错误和警告", "县级和部门退回")
WIDTHS = (30, 20, 34, 40, 12, 16)


def write_index(summary, target: Path) -> None:
    """target: a path in the returns' staging folder (written once, moved with the others)."""
    book = Workbook()
    ws = book.active
    ws.title = "退回文件清单"
    ws.append(["退回文件清单"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"已为 {len(summary.written)} 个乡镇文件导出退回文件，{len(summary.skipped)} 个文件没有需要退回的问题。"
               "请把每个退回文件发给对应的乡镇（街道）。"])
    ws.append(list(HEADER))
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for w in summary.written:
        town = w.township if w.listed else f"{w.township}（不是本县的乡镇）"
        ws.append([town, forms_text(list(w.forms)), w.file, w.target.name, w.problems, w.send_backs])
    if summary.skipped:
        ws.append([])
        ws.append(["没有需要退回的问题的文件："])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
        for name in summary.skipped:
            ws.append(["", "", name])
    for i, width in enumerate(WIDTHS):
        ws.column_dimensions["ABCDEF"[i]].width = width
    ws.cell(row=2, column=1).alignment = Alignment(wrap_text=False)
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(target)
    os.chmod(target, 0o600)          # as every other output (intake.atomic)
