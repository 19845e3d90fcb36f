"""The return file: the township's own workbook sent back with every problem marked.

Same sheets, header rows, column order and widths (openpyxl normal mode; .xls/.csv sources are
rebuilt as .xlsx), error cells red and warning cells amber with a comment carrying the message,
a 问题说明 column at the end of each table, and a first sheet 问题汇总 counting problems by
kind. The summary sheet has no header row the reader could take for a registration table, and
the reader leaves the unmapped 问题说明 column alone, so the corrected file imports as before.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from openpyxl.styles import Alignment, Font

from intake.errors import WriteError
from intake.export.output import Progress, Steps, output_file
from intake.export.protect import check_password
from intake.export.return_print import set_print_layout, set_summary_layout
from intake.export.return_marks import (DELETED_FILL, EDITED_FILL, ERROR_FILL, NO_FILL, WARNING_FILL,
                                        mark_sheet)
from intake.severity_words import WORD
from intake.export.source_book import load_source, sheet_title
from validators.codes import CODES
from validators.findings import Severity

SUMMARY_SHEET = "问题汇总"


@dataclass
class ReturnSummary:
    path: Path
    rows: int = 0
    rows_with_errors: int = 0
    rows_with_warnings: int = 0        # warnings only

    def lines(self) -> list[str]:
        return [f"退回文件已写入：{self.path}（共{self.rows}行，{self.rows_with_errors}行有错误需要修改，"
                f"{self.rows_with_warnings}行只有警告）"]
HOW_TO = ("红色单元格是错误，必须改正；黄色单元格是警告，请核实（确认无误可不改）；"
          "绿色单元格是乡镇已修改的内容（批注里有原来的内容），请核对是否改对；"
          "灰色划线的行已被乡镇删除，不会上报；只有批注、没有颜色的单元格是提示：写法不同但意思明确，可不改。"
          "把鼠标停在单元格上可以看到具体说明；每张表最后的“问题说明”列列出了这一行的全部问题。"
          "改好后直接把本文件发回即可，不用删除本页和“问题说明”列。")
LEGEND = (("错误", ERROR_FILL, "必须改正"), ("警告", WARNING_FILL, "请核实，确认无误可不改"),
          ("乡镇已修改", EDITED_FILL, "乡镇在摸排助手中改过的内容，批注里有原来的内容"),
          ("已删除", DELETED_FILL, "乡镇删除的行，不会上报"),
          ("提示", NO_FILL, "只有批注：写法不同但意思明确，可不改"))


def write_return(checked: Sequence, target: str | os.PathLike, *, password: str | None = None,
                 protected: Iterable[Path] = (), progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None,
                 output_password: str | None = None) -> ReturnSummary:
    """checked: the CheckedSheet-like objects of ONE source file (.table, .findings);
    password: the source's open password; output_password: protect the return file with it."""
    sources = {Path(c.table.source) for c in checked}
    if len(sources) != 1:
        raise ValueError("write_return takes the sheets of exactly one source file")
    source = sources.pop()
    if Path(target).suffix.lower() != ".xlsx":
        raise WriteError(f"退回文件只能保存为.xlsx文件，“{Path(target).name}”不是")
    check_password(Path(target), output_password)
    protected = [*protected, source]
    steps = Steps(sum(c.table.n_rows for c in checked) + 1, progress, cancelled, every=500)
    book = load_source(source, password)
    returned_before = SUMMARY_SHEET in book.sheetnames
    for sheet in checked:
        name = sheet_title(sheet.table.sheet)
        if name not in book.sheetnames:
            raise WriteError(f"原文件中找不到工作表“{name}”，无法生成退回文件")
        mark_sheet(book[name], sheet.table, sheet.findings, steps.step, returned_before,
                   _edits_of(sheet), _deleted_of(sheet))
        set_print_layout(book[name], sheet.table)
    _summary_sheet(book, checked, source)
    steps.finish()
    with output_file(target, protected, output_password) as tmp:
        book.save(tmp)
    return _summary(Path(target), checked)


def _edits_of(sheet) -> dict[tuple[int, str], str | None]:
    """The clerk's edits when `sheet` is an open session (intake.session.SheetSession):
    (index, field) → the value as imported. A plain checked sheet has none."""
    edited = getattr(sheet, "edited_cells", None)
    if edited is None:
        return {}
    return {key: sheet.original(*key) for key in edited()}


def _deleted_of(sheet) -> frozenset[int]:
    """The rows the clerk deleted when `sheet` is an open session; a plain checked sheet has none."""
    return frozenset(getattr(sheet, "deleted_rows", None) or ())


def _rows_with_warnings(findings) -> int:
    """Rows with a warning and no error (hints alone do not count)."""
    errors = set(findings.rows_with_errors())
    return len({f.index for f in findings.warnings} - errors)


def _summary(path: Path, checked: Sequence) -> ReturnSummary:
    summary = ReturnSummary(path)
    for sheet in checked:
        bad = len(sheet.findings.rows_with_errors())
        summary.rows += sheet.table.n_rows
        summary.rows_with_errors += bad
        summary.rows_with_warnings += _rows_with_warnings(sheet.findings)
    return summary


def _summary_sheet(book, checked: Sequence, source: Path) -> None:
    if SUMMARY_SHEET in book.sheetnames:
        book.remove(book[SUMMARY_SHEET])      # a file returned before: count afresh
    ws = book.create_sheet(SUMMARY_SHEET, 0)
    for other in book.worksheets:
        other.sheet_view.tabSelected = False
    ws.sheet_view.tabSelected = True
    book.active = 0
    set_summary_layout(ws)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 18, 36
    ws.column_dimensions["C"].width, ws.column_dimensions["D"].width = 10, 10
    ws.append(["退回修改说明"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"原文件：{source.name}"])
    for sheet in checked:
        fs, n = sheet.findings, sheet.table.n_rows
        bad = len(fs.rows_with_errors())
        deleted = _deleted_of(sheet)
        ws.append([f"工作表“{sheet_title(sheet.table.sheet)}”：共{n}行，其中{bad}行有错误，"
                   f"{_rows_with_warnings(fs)}行只有警告" + (f"，乡镇删除了{len(deleted)}行" if deleted else "")])
    ws.append([HOW_TO])
    ws.cell(row=ws.max_row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4)
    ws.row_dimensions[ws.max_row].height = 110
    ws.append([])
    for name, fill, meaning in LEGEND:
        ws.append([name, meaning])
        ws.cell(row=ws.max_row, column=1).fill = fill
    ws.append([])
    ws.append(["工作表", "问题类型", "严重程度", "数量"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for sheet_name, code, n in _counts(checked):
        spec = CODES.get(code)
        severity = spec.severity if spec else Severity.ERROR
        ws.append([sheet_name, spec.title if spec else code, WORD[severity], n])
        ws.cell(row=ws.max_row, column=3).fill = SEVERITY_FILL[severity]


SEVERITY_FILL = {Severity.ERROR: ERROR_FILL, Severity.WARNING: WARNING_FILL, Severity.HINT: NO_FILL}
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.HINT: 2}


def _rank(code: str) -> int:
    spec = CODES.get(code)
    return SEVERITY_ORDER[spec.severity] if spec else 0


def _counts(checked: Sequence) -> list[tuple[str, str, int]]:
    """(sheet, code, count): errors first, then the most frequent."""
    rows = []
    for sheet in checked:
        counts = Counter(f.code for f in sheet.findings.all())
        for code, n in counts.items():
            rows.append((sheet_title(sheet.table.sheet), code, n))
    return sorted(rows, key=lambda r: (_rank(r[1]), -r[2], r[1]))
