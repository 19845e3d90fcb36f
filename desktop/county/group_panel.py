"""One group of the queue: what kind it is and why it was formed (WHY_ZH), the decision in force
or an earlier decision gone stale (shown, to confirm or change), the records side by side with
the differing fields highlighted, and the decision bar. A click on a record's column chooses it
(保留选中的记录); a double-click opens that record in its township's sheet."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.county.decision_bar import DecisionBar
from desktop.county.side_by_side import SideBySideModel
from desktop.county.texts import INFO_STYLE, NOTE_STYLE, STATUS_ZH, form_name
from intake.county.model import ACTION_ZH, KIND_ZH, WHY_ZH, Decision, Group, Occurrence


def decision_text(d: Decision, group: Group) -> str:
    numbers = {r: n + 1 for n, r in enumerate(group.refs)}
    what = ACTION_ZH[d.action]
    if d.keep is not None and d.keep in numbers:
        what += f"（以记录{numbers[d.keep]}为准" + (f"，{len(d.overrides)}项取自其他记录" if d.overrides else "") + "）"
    if d.sent_back and set(d.sent_back) != set(group.refs):
        what += "（退回" + "、".join(f"记录{numbers[r]}" for r in d.sent_back if r in numbers) + "所在乡镇）"
    when = d.at[:16].replace("T", " ")
    return f"{what}，{when}" + (f"，理由：{d.reason}" if d.reason else "")


def stale_text(d: Decision) -> str:
    return (f"注意：{d.at[:16].replace('T', ' ')} 对这组做过处理“{ACTION_ZH[d.action]}”，当时是 {len(d.refs)} 条记录；"
            "现在这组的记录有变化（有记录加入或离开，例如身份证号被修改或收到了新版本），原处理暂不生效。"
            "请核对后按“确认原处理”沿用，或重新处理。")


class GroupPanel(QWidget):
    open_record = Signal(object, object)        # Occurrence, field key (or None)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setStyleSheet(INFO_STYLE)
        self.stale = QLabel()
        self.stale.setWordWrap(True)
        self.stale.setStyleSheet(NOTE_STYLE)
        self.model = SideBySideModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.horizontalHeader().sectionClicked.connect(self.model.choose)
        self.table.horizontalHeader().sectionDoubleClicked.connect(lambda c: self._open(c, None))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.clicked.connect(lambda index: self.model.choose(index.column()))
        self.table.doubleClicked.connect(lambda index: self._open(index.column(), self.model.field_at(index.row())))
        self.only_differing = QCheckBox("只看不同的项目(&D)")
        self.only_differing.toggled.connect(self.model.show_only_differing)
        self.bar = DecisionBar()
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.only_differing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.why)
        layout.addWidget(self.state)
        layout.addWidget(self.stale)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.bar)
        self.group: Group | None = None
        self.show_group(None, [])

    def show_group(self, group: Group | None, records: list[tuple[Occurrence, dict]]) -> None:
        self.group = group
        self.model.set_group(group, records)
        self.bar.show_group(group)
        if group is None:
            self.title.setText("没有要处理的重复记录。" if not records else "")
            for label in (self.why, self.state, self.stale):
                label.hide()
            return
        self.title.setText(f"<b>{KIND_ZH[group.kind]}</b>（{form_name(group.form)}，{len(group.occurrences)} 条记录）"
                           f"　状态：{STATUS_ZH[group.status]}")
        self.why.setText("依据：" + "；".join(WHY_ZH.get(w, w) for w in group.why)
                         + (f"。不同的项目：{len(group.differs)} 项（黄色）" if group.differs else "。各项目都相同"))
        self.why.show()
        self.state.setText(f"已处理：{decision_text(group.decision, group)}" if group.decision else "")
        self.state.setVisible(group.decision is not None)
        self.stale.setText(stale_text(group.stale) if group.stale is not None and group.decision is None else "")
        self.stale.setVisible(group.stale is not None and group.decision is None)

    @property
    def chosen(self) -> Occurrence | None:
        return self.model.occurrence(self.model.chosen)

    def _open(self, column: int, field: str | None) -> None:
        o = self.model.occurrence(column)
        if o is not None:
            self.open_record.emit(o, field)
