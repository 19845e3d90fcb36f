"""The departments, one line each: the list sent (when, how many children), the answer read
(file, records) and the differences still open — what the county checks first every morning."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from intake.departments.model import Summary

COLUMNS = ("部门", "核对名单", "回复", "待处理")
OPEN_COLOUR, DONE_COLOUR = QColor("#8a5a00"), QColor("#2e6b30")


def _when(at: str | None) -> str:
    return at[5:16].replace("T", " ") if at else ""


def sent_text(s: Summary) -> str:
    return f"已发送 {s.sent_children}人" if s.sent_at else "未发送"


def answer_text(s: Summary) -> str:
    return f"已回复 {s.answer_records}条" if s.answered_at else "未回复"


def open_text(s: Summary) -> str:
    if not s.answered_at:
        return ""
    return f"{s.open}处" if s.open else "无"


class DepartmentList(QTableWidget):
    department_chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(COLUMNS)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self._keys: list[str] = []
        self.itemSelectionChanged.connect(self._chosen)

    def show_summaries(self, summaries: list[Summary]) -> None:
        current = self.current()
        self.blockSignals(True)
        self.setRowCount(len(summaries))
        self._keys = [s.dept for s in summaries]
        for r, s in enumerate(summaries):
            for c, text in enumerate((s.name, sent_text(s), answer_text(s), open_text(s))):
                item = QTableWidgetItem(text)
                if c == 3 and s.answered_at:
                    item.setForeground(QBrush(OPEN_COLOUR if s.open else DONE_COLOUR))
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setToolTip(_tooltip(s))
                self.setItem(r, c, item)
        if current in self._keys:
            self.selectRow(self._keys.index(current))
        self.blockSignals(False)

    def select(self, dept: str) -> None:
        """Select a department's line (department_chosen follows, also when it was selected)."""
        if dept in self._keys:
            if self.current() == dept:
                self.department_chosen.emit(dept)
            else:
                self.selectRow(self._keys.index(dept))

    def current(self) -> str | None:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        return self._keys[rows[0].row()] if rows and rows[0].row() < len(self._keys) else None

    def _chosen(self) -> None:
        key = self.current()
        if key:
            self.department_chosen.emit(key)


def detail_text(s: Summary, checks: str) -> str:
    """The chosen department in a few lines (under the list)."""
    lines = [f"<b>{s.name}</b>　核对：{checks}",
             f"核对名单：{sent_text(s)}" + (f"，{_when(s.sent_at)}" if s.sent_at else "")]
    if s.answered_at:
        lines.append(f"回复：{s.answer_file}，{s.answer_records}条，{_when(s.answered_at)}读入")
        lines.append(f"差异：待处理 {s.open}，已处理 {s.decided}，已退回乡镇 {s.sent_back}")
    else:
        lines.append("回复：尚未读入（收到回复后点“读入部门回复…”）")
    return "<br>".join(lines)


def _tooltip(s: Summary) -> str:
    lines = [f"{s.name}：{sent_text(s)}" + (f"（{_when(s.sent_at)}）" if s.sent_at else "")
             + f"，{answer_text(s)}" + (f"（{_when(s.answered_at)}读入）" if s.answered_at else "")]
    if s.answer_file:
        lines.append(f"回复文件：{s.answer_file}")
    if s.answered_at:
        lines.append(f"待处理 {s.open}，已处理 {s.decided}，已退回乡镇 {s.sent_back}")
    return "\n".join(lines)
