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
from intake.export.return_marks import ERROR_FILL, WARNING_FILL, mark_sheet, to_mark
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
HOW_TO = ("红色单元格是错误，必须改正；黄色单元格是警告，请核实（确认无误可不改）。"
          "把鼠标停在单元格上可以看到具体说明；每张表最后的“问题说明”列列出了这一行的全部问题。"
          "改好后直接把本文件发回即可，不用删除本页和“问题说明”列。")


HINTS_NOTE = ("另有{n}处只是写法与表格要求不同（如日期写成2022.7.27、民族写成“汉”），已能正确识别，"
              "上报时会自动改为规范写法，表中不标颜色，无需修改。")


def write_return(checked: Sequence, target: str | os.PathLike, *, password: str | None = None,
                 protected: Iterable[Path] = (), progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ReturnSummary:
    """checked: the CheckedSheet-like objects of ONE source file (.table, .findings)."""
    sources = {Path(c.table.source) for c in checked}
    if len(sources) != 1:
        raise ValueError("write_return takes the sheets of exactly one source file")
    source = sources.pop()
    if Path(target).suffix.lower() != ".xlsx":
        raise WriteError(f"退回文件只能保存为.xlsx文件，“{Path(target).name}”不是")
    protected = [*protected, source]
    steps = Steps(sum(c.table.n_rows for c in checked) + 1, progress, cancelled, every=500)
    book = load_source(source, password)
    returned_before = SUMMARY_SHEET in book.sheetnames
    for sheet in checked:
        name = sheet_title(sheet.table.sheet)
        if name not in book.sheetnames:
            raise WriteError(f"原文件中找不到工作表“{name}”，无法生成退回文件")
        mark_sheet(book[name], sheet.table, sheet.findings, steps.step, returned_before,
                   _edits_of(sheet))
    _summary_sheet(book, checked, source)
    steps.finish()
    with output_file(target, protected) as tmp:
        book.save(tmp)
    return _summary(Path(target), checked)


def _edits_of(sheet) -> dict[tuple[int, str], str | None]:
    """The clerk's edits when `sheet` is an open session (intake.session.SheetSession):
    (index, field) → the value as imported. A plain checked sheet has none."""
    edited = getattr(sheet, "edited_cells", None)
    if edited is None:
        return {}
    return {key: sheet.original(*key) for key in edited()}


def _summary(path: Path, checked: Sequence) -> ReturnSummary:
    summary = ReturnSummary(path)
    for sheet in checked:
        bad = len(sheet.findings.rows_with_errors())
        summary.rows += sheet.table.n_rows
        summary.rows_with_errors += bad
        summary.rows_with_warnings += _rows_with_marks(sheet.findings) - bad
    return summary


def _rows_with_marks(findings) -> int:
    """Rows the return file marks (errors or warnings; a row with hints only is not marked)."""
    return sum(1 for i in findings.rows_with_findings() if to_mark(findings.for_row(i)))


def _hints(findings) -> int:
    return sum(f.severity is Severity.HINT for f in findings.all())


def _summary_sheet(book, checked: Sequence, source: Path) -> None:
    if SUMMARY_SHEET in book.sheetnames:
        book.remove(book[SUMMARY_SHEET])      # a file returned before: count afresh
    ws = book.create_sheet(SUMMARY_SHEET, 0)
    for other in book.worksheets:
        other.sheet_view.tabSelected = False
    ws.sheet_view.tabSelected = True
    book.active = 0
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 18, 36
    ws.column_dimensions["C"].width, ws.column_dimensions["D"].width = 10, 10
    ws.append(["退回修改说明"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"原文件：{source.name}"])
    for sheet in checked:
        fs, n = sheet.findings, sheet.table.n_rows
        bad = len(fs.rows_with_errors())
        ws.append([f"工作表“{sheet_title(sheet.table.sheet)}”：共{n}行，其中{bad}行有错误，"
                   f"{_rows_with_marks(fs) - bad}行只有警告"])
    hints = sum(_hints(sheet.findings) for sheet in checked)
    if hints:
        _wrapped_line(ws, HINTS_NOTE.format(n=hints), 36)
    ws.append([HOW_TO])
    ws.cell(row=ws.max_row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4)
    ws.row_dimensions[ws.max_row].height = 75
    ws.append([])
    ws.append(["工作表", "问题类型", "严重程度", "数量"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for sheet_name, code, n in _counts(checked):
        spec = CODES.get(code)
        hint = spec is not None and spec.severity is Severity.HINT
        ws.append([sheet_name, spec.title if spec else code,
                   "错误" if _is_error(code) else "提示" if hint else "警告", n])
        if not hint:
            ws.cell(row=ws.max_row, column=3).fill = ERROR_FILL if _is_error(code) else WARNING_FILL


def _wrapped_line(ws, text: str, height: float) -> None:
    ws.append([text])
    ws.cell(row=ws.max_row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4)
    ws.row_dimensions[ws.max_row].height = height


def _is_error(code: str) -> bool:
    spec = CODES.get(code)
    return spec is None or spec.severity.value == "error"


def _counts(checked: Sequence) -> list[tuple[str, str, int]]:
    """(sheet, code, count): errors first, then the most frequent."""
    rows = []
    for sheet in checked:
        counts = Counter(f.code for f in sheet.findings.all())
        for code, n in counts.items():
            rows.append((sheet_title(sheet.table.sheet), code, n))
    return sorted(rows, key=lambda r: (_rank(r[1]), -r[2], r[1]))


def _rank(code: str) -> int:
    """Errors first, then warnings, hints last."""
    spec = CODES.get(code)
    return 0 if _is_error(code) else 2 if spec.severity is Severity.HINT else 1
