"""What the versions pane asks about a township's files of one form beyond a restore: say that
two files are a new version and an old one of the same list (desk.set_relation, same), or two
separate parts of the township's submission (not same), or take a file received by mistake
out of the county's work (desk.remove_file). Each is an undoable command on the page's stack,
with a reason for the log; removing asks first."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from desktop.county.texts import form_name
from desktop.county.township_dialog import REASON_HINT, ReasonDialog
from desktop.dialog_buttons import ok_cancel
from intake.county.state import SheetMeta

if TYPE_CHECKING:
    from desktop.county.page import CountyPage


class VersionOfDialog(QDialog):
    """Which other file of the township holds the same list as this one."""

    def __init__(self, meta: SheetMeta, others: list[SheetMeta], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("标为新旧版本")
        label = QLabel(f"“{meta.file.name}”与下面哪个文件是同一份名单的新旧版本？\n"
                       "确定后只有较新的一份计入汇总，较旧的一份保留为旧版本。")
        label.setWordWrap(True)
        self.other = QComboBox()
        self.others = others
        self.other.addItems([m.file.name for m in others])
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(REASON_HINT)
        layout = QVBoxLayout(self)
        for widget in (label, self.other, self.reason, ok_cancel(self)):
            layout.addWidget(widget)
        self.resize(500, 190)

    def chosen(self) -> tuple[SheetMeta, str]:
        return self.others[self.other.currentIndex()], self.reason.text().strip()


def mark_version(page: "CountyPage", meta: SheetMeta) -> None:
    others = [m for m in page.board.files.metas if m.file.id != meta.file.id and m.info.form == meta.info.form]
    if not others:
        QMessageBox.information(page, "标为新旧版本", "该乡镇这张表只有这一个文件，没有可以对应的其他文件。")
        return
    dialog = VersionOfDialog(meta, others, page)
    if dialog.exec():
        other, reason = dialog.chosen()
        page.push(page.desk.set_relation(meta.file.id, other.file.id, meta.info.form, True, reason))


def part_partner(meta: SheetMeta, metas: list[SheetMeta]) -> SheetMeta | None:
    """The file this one is counted as a version of (the newer that replaced it, else the
    latest older one it replaced)."""
    if meta.version.replaced_by is not None:
        return next((m for m in metas if m.file.id == meta.version.replaced_by), None)
    return next((m for m in reversed(metas) if m.version.replaced_by == meta.file.id), None)


def mark_part(page: "CountyPage", meta: SheetMeta) -> None:
    other = part_partner(meta, page.board.files.metas)
    if other is None:
        return
    text = (f"“{meta.file.name}”与“{other.file.name}”不是同一份名单的新旧版本，而是"
            f"{meta.township.name or '该乡镇'}{form_name(meta.info.form)}登记表分开报送的两个部分？"
            "确定后两个文件都计入汇总。")
    dialog = ReasonDialog("标为单独的一部分", text, page)
    if dialog.exec():
        page.push(page.desk.set_relation(meta.file.id, other.file.id, meta.info.form, False, dialog.text()))


def remove_file(page: "CountyPage", meta: SheetMeta) -> None:
    text = (f"从县级汇总中移除文件“{meta.file.name}”？\n它的所有工作表将不再计入汇总、查重和上报文件。"
            "文件本身不会被删除；移除后可以用“撤销”（Ctrl+Z）恢复。")
    dialog = ReasonDialog("移除文件", text, page)
    dialog.setObjectName("remove_file_dialog")
    if dialog.exec():
        page.push(page.desk.remove_file(meta.file.id, dialog.text()))
