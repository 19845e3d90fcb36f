"""The usual confirmation of doubtful columns, for a department's answer: each column the core
matched only by likeness (AnswerFile.doubtful), and each the clerk confirmed for an earlier
answer (AnswerFile.recalled: to change it again), with the answer column it was taken for and
the choice of another, or of not using it. The choices are remembered for the department's
next answer (DepartmentDesk.confirm_columns)."""
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
        intro = QLabel(f"“{answer.path.name}”中这些列是按相似的列名认出的或按上次的确认对应的，请确认每一列是什么"
                       "（确认后会记住，下次读入这个部门的回复时照此对应）：")
        intro.setWordWrap(True)
        form = QFormLayout()
        columns = [a for a in profile.answer]
        self.shown = [*answer.doubtful, *answer.recalled]
        for d in self.shown:
            box = QComboBox()
            box.addItem(UNUSED, None)
            for a in columns:
                box.addItem(a.label, a.key)
            box.setCurrentIndex(max(0, box.findData(d.key)))
            how = f"把握{round(d.confidence * 100)}%" if d in answer.doubtful else "上次确认"
            form.addRow(f"“{quote(d.header)}”（{how}）", box)
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
        return any(box.currentData() != d.key for d in self.shown for box in [self.choices[(d.sheet, d.col)]])

    def chosen(self) -> dict[tuple[str, int], str | None]:
        """(sheet, column) -> the answer key chosen (None: not used)."""
        return {where: box.currentData() for where, box in self.choices.items()}

    def mapping(self) -> dict:
        """The mapping as read, with the clerk's choices."""
        return remapped(self.answer.mapping, self.chosen())
