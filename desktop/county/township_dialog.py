"""Correct the township of a received file: one of the county's townships (乡镇/街道 from the
division table) or a name typed in, with a reason for the log. Small dialogs that ask for a
reason (restoring a version) live here too."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.dialog_buttons import ok_cancel
from validators.townships import townships_of

REASON_HINT = "理由（记入处理记录，可不填）"


class TownshipDialog(QDialog):
    def __init__(self, county: str | None, file_name: str, current: str, how: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("更正乡镇")
        intro = QLabel(f"文件“{file_name}”现在算作：{current or '未识别乡镇'}（{how}）。\n请选择或输入它实际所属的乡镇（街道）：")
        intro.setWordWrap(True)
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.addItems([d.name for d in townships_of(county)] if county else [])
        self.name.setCurrentText(current)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(REASON_HINT)
        form = QFormLayout()
        form.addRow("乡镇（街道）(&T)：", self.name)
        form.addRow("理由(&R)：", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.resize(480, 200)

    def chosen(self) -> tuple[str, str]:
        return self.name.currentText().strip(), self.reason.text().strip()


class ReasonDialog(QDialog):
    """A question with a reason field (设为当前版本)."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(text)
        label.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(REASON_HINT)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(ok_cancel(self))
        self.resize(480, 170)

    def text(self) -> str:
        return self.reason.text().strip()
