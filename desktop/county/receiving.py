"""Jobs of the county page that change what the desk holds, run as county jobs (desktop.county.jobs):
making the desk over the workspace (the matching of everything received before: about a second
for 200,000 rows, more when sheets must be checked again for another date or county) and adding
files and folders (desk.add_paths: each file read and checked in a child process). A cancelled
add keeps the files stored so far (each file goes in whole or not at all)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.county.context import DeskContext
from desktop.county.received_dialog import received_dialog
from desktop.dialog_folders import Purpose
from desktop.file_dialogs import open_file_names, open_folder_name
from intake.county.desk import CountyDesk
from intake.errors import Cancelled
from intake.workspace import Workspace

if TYPE_CHECKING:
    from desktop.county.page import CountyPage

FILE_FILTER = "登记表 (*.xlsx *.xlsm *.xls *.et *.csv);;所有文件 (*)"


def make_desk_job(workspace: Workspace, ctx: DeskContext):
    """The desk, closed again (its child processes stopped) when the page gave it up meanwhile."""
    def job(progress, cancelled) -> CountyDesk:
        desk = CountyDesk(workspace, as_of=ctx.as_of, county=ctx.county)
        if cancelled():
            desk.close()
            raise Cancelled()
        return desk
    return job


def add_paths(page: "CountyPage", paths: list[str]) -> None:
    desk = page.desk
    if desk is None or not paths or page.jobs.busy:
        return

    def job(progress, cancelled):
        try:
            return desk.add_paths(paths, progress=progress, cancelled=cancelled)
        except Cancelled:
            desk.refresh()              # the files stored before 取消 are counted
            raise

    def done(received) -> None:
        page.refresh()
        page.received = received_dialog(received, desk.snapshot, page)
        page.received_done.emit(received)

    def cancelled() -> None:
        page.refresh()
        page.tell("已取消添加；取消前已收到的文件保留在汇总中")

    names = "、".join(Path(p).name for p in paths[:2]) + ("等" if len(paths) > 2 else "")
    page.jobs.run(job, f"正在收取“{names}”中的登记表", done, page.failed, cancelled)


def choose_folder(page: "CountyPage") -> None:
    folder = open_folder_name(page, Purpose.ADD_FILES, "添加文件夹：选择乡镇报来的文件所在的文件夹", page.last_folder())
    if folder:
        add_paths(page, [folder])


def choose_files(page: "CountyPage") -> None:
    paths = open_file_names(page, Purpose.ADD_FILES, "添加文件：选择乡镇报来的登记表", page.last_folder(), FILE_FILTER)
    if paths:
        add_paths(page, paths)
