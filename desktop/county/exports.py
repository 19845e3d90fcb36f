"""The county's exports, each in a county job with progress and 取消 and followed by
打开所在文件夹 (desktop.export_done): the merged upload file (desk.write_upload) and a
township's return file for one received file (desk.write_return, with the county's send-backs),
and every township's return file at once into a chosen folder (desk.write_returns)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from desktop.export_done import show_done
from desktop.dialog_folders import Purpose
from desktop.file_dialogs import open_folder_name, save_file_name, save_folder
from intake.county.state import SheetMeta
from validators import divisions

if TYPE_CHECKING:
    from desktop.county.page import CountyPage

XLSX = "Excel 工作簿 (*.xlsx)"
UPLOAD_TITLE, RETURN_TITLE, RETURNS_TITLE = "导出县级上报文件", "导出退回文件", "导出全部退回文件"


def received_folder(page: "CountyPage") -> Path | None:
    files = [f for f in page.desk.snapshot.files if f.message is None]
    return Path(files[-1].path) if files else None


def export_upload(page: "CountyPage") -> None:
    desk = page.desk
    if desk is None or page.jobs.busy:
        return
    county = divisions.get(desk.county) if desk.county else None
    name = f"{county.name if county else '县级'}汇总上报.xlsx"
    path = save_file_name(page, Purpose.UPLOAD, UPLOAD_TITLE, save_folder(received_folder(page)) / name, XLSX)
    if not path:
        return
    target = Path(path)
    protected = [Path(f.path) for f in desk.snapshot.files]

    def job(progress, cancelled):
        return desk.write_upload(target, protected=protected, progress=progress, cancelled=cancelled)
    page.jobs.run(job, f"正在{UPLOAD_TITLE}", lambda summary: _done(page, UPLOAD_TITLE, target, summary.lines()),
                  lambda message: QMessageBox.warning(page, UPLOAD_TITLE, message),
                  lambda: page.tell(f"已取消{UPLOAD_TITLE}，没有写入任何文件"))


def export_return(page: "CountyPage", meta: SheetMeta) -> None:
    desk = page.desk
    if desk is None or page.jobs.busy:
        return
    source = Path(meta.file.path)
    default = save_folder(source) / f"{Path(meta.file.name).stem}_退回.xlsx"
    path = save_file_name(page, Purpose.RETURN, RETURN_TITLE, default, XLSX)
    if not path:
        return
    target, file_id = Path(path), meta.file.id

    def job(progress, cancelled):
        return desk.write_return(file_id, target, progress=progress, cancelled=cancelled)
    page.jobs.run(job, f"正在{RETURN_TITLE}", lambda result: _done(page, RETURN_TITLE, target, _lines(result)),
                  lambda message: QMessageBox.warning(page, RETURN_TITLE, message),
                  lambda: page.tell(f"已取消{RETURN_TITLE}，没有写入任何文件"))


def export_returns(page: "CountyPage") -> None:
    """Choose a folder, write there every township's return file that has something to send
    back (a county job), then 打开所在文件夹 with a one-line summary."""
    desk = page.desk
    if desk is None or page.jobs.busy:
        return
    received = received_folder(page)
    start = save_folder(received.parent if received else None)
    chosen = open_folder_name(page, Purpose.RETURN, f"{RETURNS_TITLE}：选择保存退回文件的文件夹", str(start))
    if not chosen:
        return
    folder = Path(chosen)

    def job(progress, cancelled):
        return desk.write_returns(folder, progress=progress, cancelled=cancelled)
    page.jobs.run(job, f"正在{RETURNS_TITLE}", lambda summary: _returns_done(page, summary),
                  lambda message: QMessageBox.warning(page, RETURNS_TITLE, message),
                  lambda: page.tell(f"已取消{RETURNS_TITLE}，没有写入任何文件"))


def _returns_done(page: "CountyPage", summary) -> None:
    line = summary.lines()[0]
    if summary.index is None:
        page.tell(f"{RETURNS_TITLE}：没有需要退回的问题")
        box = QMessageBox(QMessageBox.Icon.Information, RETURNS_TITLE,
                          f"{line}。\n所有文件都没有错误、警告或退回的记录，没有写入任何文件。", parent=page.window())
        box.open()
        return
    page.tell(f"{RETURNS_TITLE}完成：{summary.folder}")
    page.export_done.emit(str(summary.index))
    show_done(page.window(), RETURNS_TITLE, summary.index,
              f"{line}。\n每个退回文件的名字是“乡镇_表格_退回.xlsx”，请发给对应的乡镇（街道）；"
              f"“{summary.index.name}”列出了每个文件的问题数。", saved_in=summary.folder)


def _lines(result) -> list[str]:
    lines = getattr(result, "lines", None)
    return lines() if callable(lines) else []


def _done(page: "CountyPage", title: str, target: Path, lines: list[str]) -> None:
    """The done box names the full path once (its first line); the summary names the file."""
    page.tell(f"{title}完成：{target}")
    page.export_done.emit(str(target))
    show_done(page.window(), title, target, "\n".join(lines))
