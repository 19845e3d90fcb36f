"""The folder each kind of open/save dialog starts in: the folder of the clerk's last accepted
choice for that purpose (kept in the app's settings under folders/<purpose>), or the default
the caller proposes when there is none or it is gone (a USB stick removed, a folder deleted).

The settings are the ones of the dialog's parent or its window (MainWindow, CountyPage and
StatsView carry `settings`); a dialog with neither remembers nothing."""
from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from desktop.settings import AppSettings


class Purpose(StrEnum):
    """What a dialog is for; each remembers its own folder."""
    OPEN = "open"                  # 打开登记表
    EXPORT = "export"              # a sheet's exports (annotated, clean, problem list, CSV…)
    TEMPLATE = "template"          # 新建空白模板
    PRINT = "print"                # 文件 → 打印 to a PDF file
    ADD_FILES = "add_files"        # 县级汇总: 添加文件 / 添加文件夹
    UPLOAD = "upload"              # 县级汇总: the upload file
    RETURN = "return"              # 县级汇总: one township's return file, or all of them
    LOG = "log"                    # 县级汇总: the decision log
    STATS = "stats"                # 统计: workbook, register, chart picture
    DEPT_LIST = "dept_list"        # 部门比对: the list sent to a department
    DEPT_ANSWER = "dept_answer"    # 部门比对: a department's answer
    DEPT_REPORT = "dept_report"    # 部门比对: the reconciliation report


def settings_of(parent) -> AppSettings | None:
    for widget in (parent, parent.window() if parent is not None else None):
        settings = getattr(widget, "settings", None)
        if isinstance(settings, AppSettings):
            return settings
    return None


def _key(purpose: Purpose) -> str:
    return f"folders/{Purpose(purpose).value}"


def remembered(settings: AppSettings | None, purpose: Purpose) -> Path | None:
    """The folder last chosen for `purpose`, if it still exists."""
    if settings is None:
        return None
    raw = settings.get_raw(_key(purpose))
    folder = Path(raw) if raw else None
    return folder if folder is not None and folder.is_dir() else None


def start_folder(settings: AppSettings | None, purpose: Purpose, default: str | Path) -> str:
    folder = remembered(settings, purpose)
    return str(folder) if folder is not None else str(default)


def remember(settings: AppSettings | None, purpose: Purpose, folder: str | Path) -> None:
    if settings is not None and str(folder):
        settings.set_raw(_key(purpose), str(Path(folder)))
