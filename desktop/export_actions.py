"""Export menu actions: ask where to save, then run the export issue's function (intake.export:
upload file, return file, error report) for the current sheet in a worker with progress.

A source with an open password keeps its protection: the exported file gets the same password
unless the clerk says otherwise (the password is known from opening the file in this session,
or asked for; it is never stored)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from desktop.export_done import show_done
from desktop.dialog_folders import Purpose
from desktop.file_dialogs import save_file_name, save_folder
from intake.errors import MopaiError

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
    path = save_file_name(window, Purpose.EXPORT, title, default_target(tab, kind), file_filter)
    if not path:
        return
    protection = ask_protection(window, tab, Path(path))
    if protection is not None:
        run_export(window, tab, kind, Path(path), *protection)


KEEP = ("原文件“{name}”设置了打开密码。\n\n导出的文件也用同一个密码保护吗？（推荐：文件里有儿童的身份证号）\n"
        "选“否”则导出的文件不设密码。")
CSV_PLAIN = ("原文件“{name}”设置了打开密码，但CSV文件不能加密。\n\n仍然保存为不加密的CSV文件吗？"
             "（选“否”后可改为保存.xlsx文件，它会用同一个密码保护）")


def ask_protection(window: "MainWindow", tab: "SheetTab", target: Path) -> tuple[str | None, str | None] | None:
    """(source password, output password) for an export; None when the clerk cancelled.
    A source without a password gives (None, None)."""
    from intake.reader.crypto import decrypt, file_is_encrypted
    from intake.reader.source import read_all
    source = Path(tab.table.source)
    try:
        if not file_is_encrypted(source):
            return None, None
    except MopaiError:
        return None, None           # the source is gone: the export says so if it needs it
    password = window.opener.passwords.get(source.resolve())
    while password is None:
        text, ok = QInputDialog.getText(window, "需要密码", f"原文件“{source.name}”设置了打开密码，"
                                        "导出时需要它，请输入：", QLineEdit.EchoMode.Password)
        if not ok:
            return None
        try:
            decrypt(read_all(source), text, source.name)
            password = window.opener.passwords[source.resolve()] = text
        except MopaiError as exc:
            QMessageBox.warning(window, "密码不正确", exc.message)
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    if target.suffix.lower() == ".csv":
        answer = QMessageBox.question(window, "导出", CSV_PLAIN.format(name=source.name), yes | no, no)
        return (password, None) if answer == yes else None
    answer = QMessageBox.question(window, "导出", KEEP.format(name=source.name), yes | no, yes)
    return password, (password if answer == yes else None)


def run_export(window: "MainWindow", tab: "SheetTab", kind: str, target: Path,
               source_password: str | None = None, output_password: str | None = None):
    """Write in a worker; the sheet cannot be edited meanwhile (the writer reads its cells)."""
    function = export_function(kind)
    session, title = tab.session, KINDS[kind][0]
    options = {"output_password": output_password}
    if kind == "return":
        options["password"] = source_password       # the return file re-reads the source

    def job(progress, cancelled):
        return function([session], target, progress=progress, cancelled=cancelled, **options)

    tab.setEnabled(False)
    work = window.opener.start(job, f"正在{title}")
    locked = "导出的文件已设置打开密码" + ("（与原文件相同）" if output_password == source_password else "") \
        if output_password else ""
    work.finished.connect(lambda result: _done(window, title, target, result, locked))
    work.failed.connect(lambda message: QMessageBox.warning(window, title, message))
    work.cancelled.connect(lambda: window.statusBar().showMessage(f"已取消{title}，没有写入任何文件", 10000))
    work.ended.connect(lambda: tab.setEnabled(True))
    return work


def _done(window: "MainWindow", title: str, target: Path, result, locked: str = "") -> None:
    lines = getattr(result, "lines", None)
    detail = "\n".join([*(lines() if callable(lines) else []), *([locked] if locked else [])])
    window.statusBar().showMessage(f"{title}完成：{target}", 15000)
    window.export_done.emit(str(target))
    show_done(window, title, target, detail)
