"""文件 → 打印: the problem list and the current view of the table, on A4 landscape with the Excel
row numbers (desktop.print_layout), printed (QPrintDialog) or previewed first
(QPrintPreviewDialog, whose own button prints). The current view is what the table shows: its
filter, its sort, its columns in order. A very long print asks first."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox

from desktop.hint_mark import HINT_COLOR, only_hints
from desktop.print_layout import CellStyle, PrintColumn, PrintTable, Printout, a4_landscape
from desktop.print_target import name_printer, propose_in_dialog, remember_file_folder
from desktop.table_model import background_for
from intake.export.error_report import report_lines
from intake.severity_words import ERROR_WORD, HINT_WORD, MEANING, WARNING_WORD
from validators.findings import Severity

if TYPE_CHECKING:
    from desktop.sheet_tab import SheetTab

ASK_ABOVE_PAGES = 100
WIDTH_CHARS = {"id": 19, "date": 11, "address": 30, "phone": 13, "name": 7, "choice": 9,
               "multi": 12, "relation": 7, "text": 10}
DELETED = CellStyle(QColor("#ececec"), strike=True)
HINTED = CellStyle(mark=HINT_COLOR)


def view_table(tab: "SheetTab") -> PrintTable:
    """The rows the table shows now, in its order, with 行号 and every column."""
    model, form, table = tab.model, tab.form, tab.table
    columns = [PrintColumn("行号", 5)]
    for source in model.columns:
        kind = form.field(source.field).type if source.field and form.has(source.field) else "text"
        columns.append(PrintColumn(source.header, max(WIDTH_CHARS[kind], min(len(source.header) * 2, 12))))
    findings = tab.session.findings

    def cell(row: int, column: int) -> str:
        record = model.record_at(row)
        if column == 0:
            return str(table.row_numbers[record]) + ("（删）" if tab.session.is_deleted(record) else "")
        return model.value(record, column - 1) or ""

    def style(row: int, column: int) -> CellStyle | None:
        record = model.record_at(row)
        if tab.session.is_deleted(record):
            return DELETED
        key = model.field_at(column - 1) if column else None
        if key is None:
            return None
        found = findings.for_cell(record, key)
        if only_hints(found):
            return HINTED
        brush = background_for(found)
        return CellStyle(brush.color()) if brush is not None else None

    shown = model.rowCount()
    note = (f"{tab.description}；打印 {shown} 行" + ("（已筛选）" if shown < table.n_rows else "")
            + f"；红色为错误，黄色为警告，右上角小三角为提示；{date.today().isoformat()} 打印")
    return PrintTable(f"{tab.form.short}登记表：{tab.title}", columns, shown, cell, style,
                      lead=1 + model.n_lead, note=note)


def findings_table(tab: "SheetTab") -> PrintTable:
    """Every finding of the sheet, one line each, the message wrapped: errors and warnings first,
    then the hints in their own section, each section under a heading that says what it means."""
    lines = list(report_lines([tab.session]))
    checks = [line for line in lines if line[5] != HINT_WORD]
    hints = [line for line in lines if line[5] == HINT_WORD]
    rows: list[tuple | str] = []
    if checks:
        rows += [f"{ERROR_WORD}和{WARNING_WORD} {len(checks)} 条：{ERROR_WORD}{MEANING[Severity.ERROR]}；"
                 f"{WARNING_WORD}{MEANING[Severity.WARNING]}", *checks]
    if hints:
        rows += [f"{HINT_WORD} {len(hints)} 条：{MEANING[Severity.HINT]}", *hints]
    columns = [PrintColumn("行号", 5), PrintColumn("列", 3), PrintColumn("表头", 11),
               PrintColumn("单元格内容", 16), PrintColumn("程度", 4), PrintColumn("问题类型", 17),
               PrintColumn("说明", 56, wrap=True), PrintColumn("建议改为", 14)]
    picks = (1, 2, 3, 4, 5, 7, 8, 9)
    styles = {ERROR_WORD: CellStyle(QColor("#f6b9b9")), WARNING_WORD: CellStyle(QColor("#fde3a7")), HINT_WORD: HINTED}

    def cell(row: int, column: int) -> str:
        line = rows[row]
        return "" if isinstance(line, str) else str(line[picks[column]] or "")

    def style(row: int, column: int) -> CellStyle | None:
        line = rows[row]
        return styles.get(line[5]) if column == 4 and not isinstance(line, str) else None

    def heading(row: int) -> str | None:
        return rows[row] if isinstance(rows[row], str) else None

    note = (f"{tab.description}；错误和警告共 {len(checks)} 条，提示 {len(hints)} 条"
            f"（红色为错误，黄色为警告，右上角小三角为提示）；{date.today().isoformat()} 打印")
    return PrintTable(f"问题清单：{tab.title}", columns, len(rows), cell, style, lead=1, note=note, heading=heading)


def new_printer() -> QPrinter:
    return a4_landscape(QPrinter(QPrinter.PrinterMode.HighResolution))


def _confirm_size(tab: "SheetTab", printout: Printout) -> bool:
    pages = len(printout.plan())
    if pages <= ASK_ABOVE_PAGES:
        return True
    answer = QMessageBox.question(tab, "打印", f"将打印 {pages} 页。表格很长时，可以先筛选"
                                  "（例如“只看有错误的行”）再打印。确定继续吗？")
    return answer == QMessageBox.StandardButton.Yes


def print_now(tab: "SheetTab", what: str) -> bool:
    """what: 'view' or 'findings'."""
    printer = new_printer()
    printout = Printout(view_table(tab) if what == "view" else findings_table(tab), printer)
    if not _confirm_size(tab, printout):
        return False
    target = name_printer(printer, tab, what)
    dialog = QPrintDialog(printer, tab)
    dialog.setWindowTitle("打印")
    propose_in_dialog(dialog, target)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    printout.paint(printer)
    remember_file_folder(tab, printer)
    return True


def preview(tab: "SheetTab", what: str) -> QPrintPreviewDialog | None:
    printer = new_printer()
    table = view_table(tab) if what == "view" else findings_table(tab)
    if not _confirm_size(tab, Printout(table, printer)):
        return None
    dialog = QPrintPreviewDialog(printer, tab)
    dialog.printer_ref = printer          # the dialog does not own its printer: keep it alive
    dialog.setWindowTitle(f"打印预览：{table.title}")
    dialog.paintRequested.connect(lambda p: Printout(table, p).paint(p))
    screen = tab.screen().availableGeometry() if tab.screen() else None
    if screen is not None:
        dialog.resize(int(screen.width() * 0.8), int(screen.height() * 0.85))
    dialog.open()
    return dialog
