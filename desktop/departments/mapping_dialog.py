"""The usual confirmation of doubtful columns, for a department's answer: each column the core
matched only by likeness (AnswerFile.doubtful), with the answer column it was taken for and the
choice of another, or of not using it."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout)

from intake.departments.answer_read import remapped
from intake.privacy import quote

UNUSED = "（不使用这一列）"


class MappingDialog(QDialog):
    def __init__(self, answer, profile, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"核对{profile.name}回复的列")
        self.answer, self.profile = answer, profile
        self.choices: dict[tuple[str, int], QComboBox] = {}
        intro = QLabel(f"“{answer.path.name}”中这些列是按相似的列名认出的，请确认每一列是什么：")
        intro.setWordWrap(True)
        form = QFormLayout()
        columns = [a for a in profile.answer]
        for d in answer.doubtful:
            box = QComboBox()
            box.addItem(UNUSED, None)
            for a in columns:
                box.addItem(a.label, a.key)
            box.setCurrentIndex(max(0, box.findData(d.key)))
            form.addRow(f"“{quote(d.header)}”（把握{round(d.confidence * 100)}%）", box)
            self.choices[(d.sheet, d.col)] = box
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def changed(self) -> bool:
        return any(box.currentData() != d.key for d in self.answer.doubtful
                   for box in [self.choices[(d.sheet, d.col)]])

    def mapping(self) -> dict:
        """The mapping as read, with the clerk's choices."""
        return remapped(self.answer.mapping, {where: box.currentData() for where, box in self.choices.items()})
