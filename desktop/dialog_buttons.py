"""The button rows of the app's small dialogs, with Chinese texts (Qt's own would follow the
system's language): 确定 / 取消 (or another word for 确定), or 关闭 alone."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

B = QDialogButtonBox.StandardButton


def ok_cancel(dialog: QDialog, ok_text: str = "确定") -> QDialogButtonBox:
    buttons = QDialogButtonBox(B.Ok | B.Cancel)
    buttons.button(B.Ok).setText(ok_text)
    buttons.button(B.Cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def close_only(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(B.Close)
    buttons.button(B.Close).setText("关闭")
    buttons.rejected.connect(dialog.reject)
    return buttons
