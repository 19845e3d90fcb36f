"""What the versions pane under the board asks for, done on the page: correct a file's township
(desk.set_township) and make an older version current again (desk.make_current) - both undoable
commands on the page's stack -, mark versions and parts or remove a file (parts_actions), show a resubmission's changes, export a return file, open the
sheet in a tab."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from desktop.county import parts_actions
from desktop.county.diff_dialog import DiffDialog
from desktop.county.exports import export_return
from desktop.county.texts import form_name, how_text
from desktop.county.township_dialog import ReasonDialog, TownshipDialog
from intake.county.resubmissions import resubmissions
from intake.county.state import SheetMeta

if TYPE_CHECKING:
    from desktop.county.page import CountyPage


def connect(page: "CountyPage") -> None:
    pane = page.board.files
    pane.correct_township.connect(lambda meta: correct_township(page, meta))
    pane.make_current.connect(lambda meta: make_current(page, meta))
    pane.show_diff.connect(lambda meta: show_diff(page, meta))
    pane.export_return.connect(lambda meta: export_return(page, meta))
    pane.mark_version.connect(lambda meta: parts_actions.mark_version(page, meta))
    pane.mark_part.connect(lambda meta: parts_actions.mark_part(page, meta))
    pane.remove_file.connect(lambda meta: parts_actions.remove_file(page, meta))
    pane.open_sheet.connect(lambda meta: page.link.open_record(meta.info.sheet_id, None))
    page.board.table.doubleClicked.connect(lambda index: _open_line(page, index.row()))


def correct_township(page: "CountyPage", meta: SheetMeta) -> None:
    desk = page.desk
    dialog = TownshipDialog(desk.county, meta.file.name, meta.township.name, how_text(meta.township.how), page)
    if not dialog.exec():
        return
    name, reason = dialog.chosen()
    if name and name != meta.township.name:
        page.push(desk.set_township(meta.file.id, name, reason))


def make_current(page: "CountyPage", meta: SheetMeta) -> None:
    text = (f"把“{meta.file.name}”设为{meta.township.name or '该乡镇'}{form_name(meta.info.form)}的当前版本？"
            "现在的当前版本将不再计入汇总（它仍保留，随时可以再设回来）。")
    dialog = ReasonDialog("设为当前版本", text, page)
    if dialog.exec():
        page.push(page.desk.make_current(meta.file.id, meta.info.form, dialog.text()))


def show_diff(page: "CountyPage", meta: SheetMeta) -> None:
    desk = page.desk
    found = next((r for r in resubmissions(desk, meta.version.chain) if r.new_file_id == meta.file.id), None)
    if found is None:
        QMessageBox.information(page, "新旧版本的变化", "这是该乡镇这张表的第一个版本，没有可以比较的上一版本。")
        return
    dialog = DiffDialog(found, desk.records.table(found.old_sheet_id), desk.records.table(found.new_sheet_id), page)
    dialog.open()
    page.dialog = dialog


def _open_line(page: "CountyPage", row: int) -> None:
    line = page.board.model.line_at(row)
    if line is not None and line.sheet_ids:
        page.link.open_record(line.sheet_ids[0], None)
