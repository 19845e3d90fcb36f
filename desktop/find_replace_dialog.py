"""Find and replace within one column: preview the cells that change, then apply as one batch."""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QLineEdit, QPushButton, QTreeWidget, QVBoxLayout)

from desktop.bulk_fix_dialog import preview_items
from intake.edits import EditBatch
from intake.errors import MopaiError
from intake.find_replace import replace_in_column
from intake.session import SheetSession
from validators.form import FormTemplate


class FindReplaceDialog(QDialog):
    def __init__(self, session: SheetSession, form: FormTemplate, current_field: str | None = None,
                 parent=None):
        super().__init__(parent)
        self.session = session
        self.form = form
        self.batch: EditBatch | None = None
        self.setWindowTitle("查找替换")
        self.resize(680, 520)
        self.column = QComboBox()
        for f in form.fields:
            if f.key in session.table.data.values:
                self.column.addItem(f.label, f.key)
        if current_field is not None and self.column.findData(current_field) >= 0:
            self.column.setCurrentIndex(self.column.findData(current_field))
        self.find = QLineEdit()
        self.replace = QLineEdit()
        self.whole = QCheckBox("整格匹配（查找内容为空时，可以填写这一列的所有空格）")
        self.preview_button = QPushButton("预览")
        self.summary = QLabel("输入查找内容后点“预览”，核对后再替换。")
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["行号", "列", "原来的内容", "改为"])
        self.list.setRootIsDecorated(False)
        form_layout = QFormLayout()
        form_layout.addRow("在这一列中：", self.column)
        form_layout.addRow("查找：", self.find)
        form_layout.addRow("替换为：", self.replace)
        form_layout.addRow("", self.whole)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("全部替换")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.preview)
        for widget in (self.find, self.replace):
            widget.textChanged.connect(self._invalidate)
        self.column.currentIndexChanged.connect(self._invalidate)
        self.whole.toggled.connect(self._invalidate)
        layout = QVBoxLayout(self)
        layout.addLayout(form_layout)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)

    def _invalidate(self, *_args) -> None:
        self.batch = None
        self.list.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def preview(self) -> None:
        self._invalidate()
        try:
            self.batch = replace_in_column(self.session.table.data, self.column.currentData(),
                                           self.find.text(), self.replace.text(),
                                           whole_cell=self.whole.isChecked(),
                                           label=f"查找替换（{self.column.currentText()}）："
                                                 f"“{self.find.text()}”→“{self.replace.text()}”")
        except MopaiError as exc:
            self.summary.setText(exc.message)
            return
        self.summary.setText(self.batch.summary())
        self.list.addTopLevelItems(preview_items(self.batch, self.session.table, self.form))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.batch))
