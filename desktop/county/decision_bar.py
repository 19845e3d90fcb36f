"""The decision buttons under a group's records, each with a mnemonic (Alt+letter), and the
reason field. The bar only says what the clerk asked for (`requested(action)`); the page makes
the core command and pushes it on its undo stack."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QMenu, QPushButton, QVBoxLayout, QWidget

from intake.county.model import DECIDED, OPEN, SENT_BACK, Group

KEEP, MERGE, NOT_SAME, SEND_BACK_ALL, SEND_BACK_ONE, REOPEN, CONFIRM, OPEN_RECORD = (
    "keep", "merge", "not_same", "send_back_all", "send_back_one", "reopen", "confirm", "open")

BUTTONS = (  # (action, text, tooltip)
    (KEEP, "保留选中的记录(&K)", "选中的记录计入并上报，同组其余记录不再计入"),
    (MERGE, "合并记录(&M)…", "逐项选择采用哪条记录的值，合并成一条记录上报"),
    (NOT_SAME, "不是同一儿童(&T)", "这几条记录是不同的儿童（例如双胞胎被抄错了身份证号），都计入"),
    (SEND_BACK_ALL, "退回乡镇核实(&B)", "退回有关乡镇核实：这些记录暂不上报，并列入乡镇的退回文件"),
    (REOPEN, "重新待定(&R)", "撤回对这组记录的处理，重新列为待处理"),
    (CONFIRM, "确认原处理(&C)", "记录有变化前对这组记录做过处理：按原来的处理确认"),
    (OPEN_RECORD, "在表格中打开(&O)", "在乡镇的表格中打开选中的记录，可以直接修改（也可以双击记录）"),
)


class DecisionBar(QWidget):
    requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("处理理由（记入处理记录，可不填）")
        self.reason.setClearButtonEnabled(True)
        reason_label = QLabel("理由(&Y)：")
        reason_label.setBuddy(self.reason)
        self.buttons: dict[str, QPushButton] = {}
        for action, text, tip in BUTTONS:
            button = QPushButton(text)
            button.setToolTip(tip)
            if action != SEND_BACK_ALL:              # that one opens its menu
                button.clicked.connect(lambda _c=False, a=action: self.requested.emit(a))
            self.buttons[action] = button
        menu = QMenu(self.buttons[SEND_BACK_ALL])
        for action, text in ((SEND_BACK_ALL, "退回所有记录所在的乡镇"), (SEND_BACK_ONE, "只退回选中记录所在的乡镇")):
            item = QAction(text, menu)
            item.triggered.connect(lambda _c=False, a=action: self.requested.emit(a))
            menu.addAction(item)
        self.buttons[SEND_BACK_ALL].setMenu(menu)
        reason_row = QHBoxLayout()
        reason_row.addWidget(reason_label)
        reason_row.addWidget(self.reason, 1)
        decide_row = QHBoxLayout()
        for action in (KEEP, MERGE, NOT_SAME, SEND_BACK_ALL):
            decide_row.addWidget(self.buttons[action])
        decide_row.addStretch(1)
        other_row = QHBoxLayout()
        for action in (REOPEN, CONFIRM):
            other_row.addWidget(self.buttons[action])
        other_row.addStretch(1)
        other_row.addWidget(self.buttons[OPEN_RECORD])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(reason_row)
        layout.addLayout(decide_row)
        layout.addLayout(other_row)

    def show_group(self, group: Group | None) -> None:
        has = group is not None
        several = has and len(group.occurrences) > 1
        for action in (KEEP, SEND_BACK_ALL, OPEN_RECORD):
            self.buttons[action].setEnabled(has)
        self.buttons[MERGE].setEnabled(several and bool(group.differs))
        self.buttons[NOT_SAME].setEnabled(several)
        self.buttons[REOPEN].setEnabled(has and group.status in (DECIDED, SENT_BACK))
        self.buttons[CONFIRM].setVisible(has and group.status == OPEN and group.stale is not None)

    def take_reason(self) -> str:
        text = self.reason.text().strip()
        self.reason.clear()
        return text
