"""Export menu actions: ask where to save, then run the export issue's function in a worker with
progress. The functions live in intake.export (upload file, return file, error report)."""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtWidgets import QFileDialog, QMessageBox

if TYPE_CHECKING:
    from desktop.main_window import MainWindow
    from desktop.sheet_tab import SheetTab

# kind -> (dialog title, default file name suffix, file filter)
KINDS = {
    "upload": ("导出上报文件", "上报", "Excel 工作簿 (*.xlsx)"),
    "return": ("导出退回文件", "退回", "Excel 工作簿 (*.xlsx)"),
    "report": ("导出问题清单", "问题清单", "Excel 工作簿 (*.xlsx)"),
}


def export_function(kind: str) -> Callable | None:
    """The intake.export function for a kind, or None when it is not available."""
    try:
        module = importlib.import_module("intake.export")
    except ImportError:
        return None
    names = {"upload": ("write_upload", "export_upload"), "return": ("write_return", "export_return"),
             "report": ("write_error_report", "export_error_report", "write_report")}[kind]
    return next((getattr(module, n) for n in names if hasattr(module, n)), None)


def default_target(tab: "SheetTab", kind: str) -> Path:
    source = tab.table.source
    return source.with_name(f"{source.stem}_{KINDS[kind][1]}.xlsx")


def export(window: "MainWindow", kind: str) -> None:
    tab = window.current_tab()
    if tab is None:
        return
    function = export_function(kind)
    title, _suffix, file_filter = KINDS[kind]
    if function is None:
        QMessageBox.information(window, title, "这个版本还不能导出该文件，请更新摸排助手")
        return
    path, _ = QFileDialog.getSaveFileName(window, title, str(default_target(tab, kind)), file_filter)
    if not path:
        return
    run_export(window, tab, kind, Path(path), function)


def run_export(window: "MainWindow", tab: "SheetTab", kind: str, target: Path, function: Callable):
    from desktop.worker import WorkerThread
    session = tab.session

    def job(progress, cancelled):
        return function(session, target, progress=progress, cancelled=cancelled)

    work = WorkerThread(job, window)
    work.finished.connect(lambda _r: window.statusBar().showMessage(f"已导出：{target}", 10000))
    work.failed.connect(lambda message: QMessageBox.warning(window, KINDS[kind][0], message))
    work.ended.connect(lambda: window.jobs.remove(work) if work in window.jobs else None)
    window.jobs.append(work)
    window.progress.track(work, f"正在{KINDS[kind][0]}")
    work.start()
    return work
