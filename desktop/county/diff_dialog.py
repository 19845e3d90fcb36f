"""A resubmission's changes (intake.county.resubmissions): the children added, removed and
changed between two versions of a township's sheet, each changed field as old → new. A child
is named by name, birth date and a masked ID number (never the full number); its Excel row in
each version says where to look."""
from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QDialog, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from desktop.county.texts import INFO_STYLE, MUTED_TEXT, form_name, masked_value
from desktop.dialog_buttons import close_only
from intake.county.resubmissions import Resubmission
from intake.forms import load_form
from intake.table import SheetTable

MAX_SHOWN = 2000      # per section: a township re-sending a whole new sheet lists its first children


def child_text(table: SheetTable, index: int) -> str:
    values = table.data.values
    name = (values.get("name") or [None] * table.n_rows)[index] or "（无姓名）"
    birth = (values.get("birth_date") or [None] * table.n_rows)[index]
    number = masked_value(table.form, "id_number", (values.get("id_number") or [None] * table.n_rows)[index])
    return "  ".join(x for x in (name, birth or "", number) if x)


def diff_summary(r: Resubmission) -> str:
    d = r.diff
    return (f"{r.township or '未识别乡镇'} {form_name(r.form)}：“{r.new}”与上一版本“{r.old}”相比，"
            f"新增 {len(d.added)} 人，减少 {len(d.removed)} 人，信息有变化 {len(d.changed)} 人"
            "（按身份证号对应；没有身份证号的按姓名和出生日期）。")


class DiffDialog(QDialog):
    def __init__(self, r: Resubmission, old: SheetTable, new: SheetTable, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("新旧版本的变化")
        self.label = label = QLabel(diff_summary(r))
        label.setWordWrap(True)
        label.setStyleSheet(INFO_STYLE)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["儿童", "旧版本", "新版本"])
        self.tree.headerItem().setToolTip(1, r.old)
        self.tree.headerItem().setToolTip(2, r.new)
        self.tree.setUniformRowHeights(True)
        form = load_form(new.form)
        self._section(f"新增 {len(r.diff.added)} 人", [
            [child_text(new, c.new_index), "", f"第{new.row_numbers[c.new_index]}行"] for c in r.diff.added])
        self._section(f"减少 {len(r.diff.removed)} 人", [
            [child_text(old, c.old_index), f"第{old.row_numbers[c.old_index]}行", ""] for c in r.diff.removed])
        changed = self._section(f"信息有变化 {len(r.diff.changed)} 人", [])
        for c in r.diff.changed[:MAX_SHOWN]:
            item = QTreeWidgetItem([child_text(new, c.new_index), f"第{old.row_numbers[c.old_index]}行",
                                    f"第{new.row_numbers[c.new_index]}行"])
            for ch in c.changes:
                label_of = form.field(ch.field).label if form.has(ch.field) else ch.field
                item.addChild(QTreeWidgetItem([f"    {label_of}", masked_value(new.form, ch.field, ch.old) or "（空）",
                                               masked_value(new.form, ch.field, ch.new) or "（空）"]))
            changed.addChild(item)
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        buttons = close_only(self)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(860, 520)
        header.resizeSection(0, 300)
        header.resizeSection(1, 260)

    def _section(self, title: str, rows: list[list[str]]) -> QTreeWidgetItem:
        top = QTreeWidgetItem([title])
        font = QFont()
        font.setBold(True)
        top.setFont(0, font)
        self.tree.addTopLevelItem(top)
        for row in rows[:MAX_SHOWN]:
            top.addChild(QTreeWidgetItem(row))
        if len(rows) > MAX_SHOWN:
            more = QTreeWidgetItem([f"…另有 {len(rows) - MAX_SHOWN} 人未列出"])
            more.setForeground(0, MUTED_TEXT)
            top.addChild(more)
        return top
