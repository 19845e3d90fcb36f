"""The differences of one department as a table: kind, township, file, row, field, the sheet's
value, the department's, status. Colours come from the kind and status codes, never from the
messages. The model holds the list it was given; `reset(diffs)` replaces it (a refresh after a
decision costs one pass over the department's differences, not over the register)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from intake.departments.model import KIND_ZH, MISSED, STATUS_ZH, Difference
from intake.forms import load_form

COLUMNS = ("类型", "乡镇（街道）", "文件", "行号", "项目", "登记表", "部门", "状态")
KIND_COLOURS = {"field": QColor("#fff4d6"), "not_known": QColor("#eef3fb"), "missed": QColor("#fde8e4"),
                "bad_id": QColor("#f1e9f7"), "no_id": QColor("#ececec")}
STATUS_COLOURS = {"open": QColor("#8a5a00"), "decided": QColor("#2e6b30"), "sent_back": QColor("#3c5a99")}
DIFF_ROLE = Qt.ItemDataRole.UserRole


def field_label(d: Difference) -> str:
    if d.kind == MISSED:
        return "疑似漏报（" + ("流动儿童" if d.form == "liudong" else "留守儿童") + "）"
    if d.field and d.child:
        return load_form(d.child.form).field(d.field).label
    return KIND_ZH[d.kind]


def status_text(d: Difference) -> str:
    text = STATUS_ZH[d.status]
    if d.stale is not None and d.status == "open":
        text += "（曾有决定，数据已变）"
    elif not d.current:
        text += "（现已一致）"
    return text


def cells(d: Difference) -> tuple:
    c = d.child
    dept = d.dept_value or ""
    if d.kind == MISSED and d.person:
        dept = d.person.name or ""
    return (KIND_ZH[d.kind], d.township or "未识别乡镇", c.file if c else "（部门记录）",
            c.row if c else (d.answer_row or ""), field_label(d), d.sheet_value or "", dept, status_text(d))


class DifferencesModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._diffs: list[Difference] = []

    def reset(self, diffs: list[Difference]) -> None:
        self.beginResetModel()
        self._diffs = list(diffs)
        self.endResetModel()

    def difference(self, row: int) -> Difference | None:
        return self._diffs[row] if 0 <= row < len(self._diffs) else None

    def row_of(self, key: str) -> int | None:
        return next((n for n, d in enumerate(self._diffs) if d.key == key), None)

    def rowCount(self, parent=QModelIndex()) -> int:       # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._diffs)

    def columnCount(self, parent=QModelIndex()) -> int:    # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):   # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        d = self.difference(index.row())
        if d is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            value = cells(d)[index.column()]
            return str(value) if value != "" else ""
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 0:
            return QBrush(KIND_COLOURS[d.kind])
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == len(COLUMNS) - 1:
            return QBrush(STATUS_COLOURS[d.status])
        if role == Qt.ItemDataRole.ToolTipRole:     # the kind column is often cut at 1366×768
            text = str(cells(d)[index.column()]) if index.column() == 0 else ""
            return "\n".join(t for t in (text, d.note) if t) or None
        if role == DIFF_ROLE:
            return d
        return None
