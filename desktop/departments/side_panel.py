"""One difference, side by side: the record's compared fields beside the department's answer
(the line of the difference highlighted), what is known about it, and the decisions — the same
flow as the county's conflict queue: decide, then the next open difference comes up."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from intake.departments.model import (ACCEPT, ACTION_ZH, KEEP, KIND_ZH, MISSED, MISSED_ACTION_ZH, REOPEN,
                                      SEND_BACK, Difference)

DIFFERS = QBrush(QColor("#ffe2a8"))


class SidePanel(QWidget):
    decided = Signal(str, object, str)          # action, the value to accept (or None), reason
    step = Signal(int)                          # -1 previous, +1 next
    open_record = Signal(object)                # the Difference whose record to show in its sheet

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.lines = QTableWidget(0, 3)
        self.lines.setHorizontalHeaderLabels(["项目", "登记表", "部门"])
        self.lines.verticalHeader().hide()
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.value = QComboBox()
        self.value.setToolTip("部门的回复可以对应登记表的几个选项时，选择采用哪一个")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("处理说明（可不填）")
        self.reason.setToolTip("写下为什么这样处理，例如：已电话核实。会记入县级日志和比对报告")
        self.buttons = {a: QPushButton(ACTION_ZH[a]) for a in (ACCEPT, KEEP, SEND_BACK, REOPEN)}
        self.previous, self.next = QPushButton("上一条"), QPushButton("下一条")
        self.show_record = QPushButton("打开登记表中的这一行")
        self._build()
        self._diff: Difference | None = None
        self.show_difference(None)

    def _build(self) -> None:
        shown = QVBoxLayout()
        shown.setContentsMargins(0, 0, 0, 0)
        for part in (self.title, self.note, self.lines):
            shown.addWidget(part)
        actions = QVBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(QLabel("采用的值："))
        actions.addWidget(self.value)
        actions.addWidget(self.reason)
        for action, button in self.buttons.items():
            actions.addWidget(button)
            button.clicked.connect(lambda _=False, a=action: self._decide(a))
        walk = QHBoxLayout()
        walk.addWidget(self.previous)
        walk.addWidget(self.next)
        actions.addLayout(walk)
        actions.addWidget(self.show_record)
        actions.addStretch(1)
        self.previous.clicked.connect(lambda: self.step.emit(-1))
        self.next.clicked.connect(lambda: self.step.emit(1))
        self.show_record.clicked.connect(lambda: self._diff and self.open_record.emit(self._diff))
        side = QWidget()
        side.setLayout(actions)
        side.setFixedWidth(230)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(shown, 1)
        layout.addWidget(side)
        self._value_label = actions.itemAt(0).widget()

    def show_difference(self, d: Difference | None, lines=()) -> None:
        self._diff = d
        self.lines.setRowCount(0)
        for button in self.buttons.values():
            button.setVisible(d is not None)
        self.value.setVisible(False)
        self._value_label.setVisible(False)
        self.show_record.setEnabled(bool(d and d.child))
        if d is None:
            self.title.setText("请在上面的列表中选择一处差异")
            self.note.setText("")
            return
        self.title.setText(f"<b>{KIND_ZH[d.kind]}</b>　{d.township or '未识别乡镇'}"
                           + (f"　{d.child.file} 第{d.child.row}行" if d.child else ""))
        self.note.setText(_note(d))
        for line in lines:
            self._add_line(line)
        words = MISSED_ACTION_ZH if d.kind == MISSED else ACTION_ZH
        for action, button in self.buttons.items():
            button.setText(words.get(action, ACTION_ZH[action]))
            button.setVisible(action in d.actions or (action == REOPEN and d.decision is not None))
        self.buttons[ACCEPT].setEnabled(bool(d.proposed) and d.current)
        if ACCEPT in d.actions and len(d.proposed) > 1:
            self.value.clear()
            self.value.addItems(list(d.proposed))
            self.value.setVisible(True)
            self._value_label.setVisible(True)

    def _add_line(self, line) -> None:
        r = self.lines.rowCount()
        self.lines.insertRow(r)
        for c, text in enumerate((line.label, line.sheet, line.dept)):
            item = QTableWidgetItem(text)
            if line.differs:
                item.setBackground(DIFFERS)
            self.lines.setItem(r, c, item)

    def _decide(self, action: str) -> None:
        value = self.value.currentText() if action == ACCEPT and self.value.isVisible() else None
        self.decided.emit(action, value, self.reason.text().strip())
        self.reason.clear()


def _note(d: Difference) -> str:
    parts = [d.note] if d.note else []
    if d.decision is not None:
        parts.append(f"已决定：{(MISSED_ACTION_ZH if d.kind == MISSED else ACTION_ZH)[d.decision.action]}"
                     + (f"（{d.decision.reason}）" if d.decision.reason else "") + f"，{d.decision.at[:16].replace('T', ' ')}")
    if d.stale is not None:
        parts.append(f"曾决定“{ACTION_ZH.get(d.stale.action, d.stale.action)}”，但登记表或部门的数据已变，请重新确认")
    if d.kind == "field" and len(d.proposed) > 1:
        parts.append("部门的回复可以对应几个选项，采用前请选择一个")
    return "\n".join(parts)
