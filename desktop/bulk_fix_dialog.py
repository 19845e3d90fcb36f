"""The bulk fixes dialog: choose a kind of finding that has certain fixes, see how many cells would
change and which (row, column, old -> new), then apply them as one undoable batch."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QLabel, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout)

from intake import bulk_fix
from intake.edits import EditBatch
from intake.session import SheetSession
from intake.table import SheetTable
from validators.form import FormTemplate

MAX_PREVIEW_LINES = 2000


class BulkFixDialog(QDialog):
    def __init__(self, session: SheetSession, form: FormTemplate, parent=None):
        super().__init__(parent)
        self.session = session
        self.form = form
        self.batch: EditBatch | None = None
        self.setWindowTitle("批量修正")
        self.resize(720, 520)
        findings = self.session.findings.all()
        self.kinds = bulk_fix.fixable(findings, session.table.data)
        intro = QLabel("以下几类问题有确定的改法（如日期写法、“汉”改为“汉族”、全角数字、多余空格）。"
                       "选择一类，核对下面的修改清单，确认后一次改完；改错了可以用“撤销”（Ctrl+Z）恢复。")
        intro.setWordWrap(True)
        self.kind = QComboBox()
        for k in self.kinds:
            self.kind.addItem(f"{k.title}（{k.cells} 个单元格）", k.code)
        self.summary = QLabel()
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["行号", "列", "原来的内容", "改为"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        for col, width in enumerate((70, 160, 200)):
            self.list.setColumnWidth(col, width)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("全部修正")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.kind.currentIndexChanged.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.kind)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.refresh()

    def select_code(self, code: str) -> bool:
        index = self.kind.findData(code)
        if index >= 0:
            self.kind.setCurrentIndex(index)
        return index >= 0

    def refresh(self) -> None:
        code = self.kind.currentData()
        self.list.clear()
        if code is None:
            self.batch = None
            self.summary.setText("当前表格没有可以批量修正的问题。")
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        self.batch = bulk_fix.preview(self.session.findings.with_code(code), code, self.session.table.data)
        self.summary.setText(self.batch.summary())
        self.list.addTopLevelItems(preview_items(self.batch, self.session.table, self.form))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.batch))


def preview_items(batch: EditBatch, table: SheetTable, form: FormTemplate) -> list[QTreeWidgetItem]:
    items = []
    for e in batch.edits[:MAX_PREVIEW_LINES]:
        label = form.field(e.field).label if form.has(e.field) else e.field
        item = QTreeWidgetItem([str(table.row_numbers[e.index]), label, e.old or "（空）", e.new or "（空）"])
        item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        items.append(item)
    if len(batch.edits) > MAX_PREVIEW_LINES:
        items.append(QTreeWidgetItem(["", "", f"……另有 {len(batch.edits) - MAX_PREVIEW_LINES} 处", ""]))
    return items
