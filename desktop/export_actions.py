"""Export menu actions: ask where to save, then run the export issue's function (intake.export:
upload file, return file, error report) for the current sheet in a worker with progress."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtWidgets import QMessageBox

from desktop.export_done import show_done
from desktop.file_dialogs import save_file_name, save_folder

if TYPE_CHECKING:
    from desktop.main_window import MainWindow
    from desktop.sheet_tab import SheetTab

# kind -> (dialog title, default file name suffix, file filter, intake.export function name)
KINDS = {
    "upload": ("导出上报文件", "上报", "Excel 工作簿 (*.xlsx)", "write_upload"),
    "return": ("导出退回文件", "退回", "Excel 工作簿 (*.xlsx)", "write_return"),
    "report": ("导出问题清单", "问题清单", "Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)", "write_report"),
}


def export_function(kind: str) -> Callable:
    from intake import export as exports
    return getattr(exports, KINDS[kind][3])


def default_target(tab: "SheetTab", kind: str) -> Path:
    """Beside the sheet's own file (the documents folder for the bundled sample)."""
    source = tab.table.source
    return save_folder(source) / f"{source.stem}_{KINDS[kind][1]}.xlsx"


def export(window: "MainWindow", kind: str) -> None:
    tab = window.current_tab()
    if tab is None:
        return
    title, _suffix, file_filter, _name = KINDS[kind]
    path = save_file_name(window, title, default_target(tab, kind), file_filter)
    if path:
        run_export(window, tab, kind, Path(path))


def run_export(window: "MainWindow", tab: "SheetTab", kind: str, target: Path):
    """Write in a worker; the sheet cannot be edited meanwhile (the writer reads its cells)."""
    function = export_function(kind)
    session, title = tab.session, KINDS[kind][0]

    def job(progress, cancelled):
        return function([session], target, progress=progress, cancelled=cancelled)

    tab.setEnabled(False)
    work = window.opener.start(job, f"正在{title}")
    work.finished.connect(lambda result: _done(window, title, target, result))
    work.failed.connect(lambda message: QMessageBox.warning(window, title, message))
    work.cancelled.connect(lambda: window.statusBar().showMessage(f"已取消{title}，没有写入任何文件", 10000))
    work.ended.connect(lambda: tab.setEnabled(True))
    return work


def _done(window: "MainWindow", title: str, target: Path, result) -> None:
    lines = getattr(result, "lines", None)
    detail = "\n".join(lines()) if callable(lines) else ""
    window.statusBar().showMessage(f"{title}完成：{target}", 15000)
    window.export_done.emit(str(target))
    show_done(window, title, target, detail)
