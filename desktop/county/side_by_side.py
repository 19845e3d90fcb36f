"""A group's records side by side (desk.side_by_side): one row per field, one column per
record, the fields whose values differ (group.differs) tinted and bold, listed first (after the
name, ID number and birth date), the others below them.

ID numbers: shown in full here and only here on the county page, because comparing them is the
decision (one digit off, two digits swapped, another order code); tooltips, the queue, the
board, messages and the log never hold them (masked as 4113**********1234).
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.county.texts import CHOSEN_BRUSH, DIFFERS_BRUSH, form_name, masked_value, short_where, where
from intake.county.model import Group, Occurrence
from intake.forms import load_form

HIDDEN = {"seq"}
ALWAYS = ("name", "id_number", "birth_date")       # kept when only the differing fields are shown


def field_rows(group: Group) -> list[tuple[str, str]]:
    """(field key, label): 姓名, 公民身份号码, 出生日期, then the fields that differ, then the
    others; each part in the first record's form order, then fields only the other form has."""
    seen: dict[str, str] = {}
    for form in dict.fromkeys(o.form for o in group.occurrences):
        for f in load_form(form).fields:
            if f.key not in HIDDEN:
                seen.setdefault(f.key, f.label)
    differs = set(group.differs or ())
    rank = {k: (0 if k in ALWAYS else 1 if k in differs else 2) for k in seen}
    return sorted(seen.items(), key=lambda kv: rank[kv[0]])       # stable: form order within a part


class SideBySideModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.group: Group | None = None
        self.records: list[tuple[Occurrence, dict]] = []
        self.fields: list[tuple[str, str]] = []
        self._all: list[tuple[str, str]] = []
        self.differs: set[str] = set()
        self.chosen = 0                      # the record column chosen (保留这一条)
        self.only_differing = False

    def set_group(self, group: Group | None, records: list[tuple[Occurrence, dict]]) -> None:
        self.beginResetModel()
        self.group, self.records = group, records
        self._all = field_rows(group) if group is not None else []
        self.differs = set(group.differs or ()) if group is not None else set()
        self.chosen = 0
        self._select_rows()
        self.endResetModel()

    def show_only_differing(self, only: bool) -> None:
        self.beginResetModel()
        self.only_differing = only
        self._select_rows()
        self.endResetModel()

    def choose(self, column: int) -> None:
        if 0 <= column < len(self.records):
            self.chosen = column
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(len(self.records) - 1, 0))
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _select_rows(self) -> None:
        self.fields = [(k, label) for k, label in self._all
                       if not self.only_differing or k in self.differs or k in ALWAYS]

    def occurrence(self, column: int) -> Occurrence | None:
        return self.records[column][0] if 0 <= column < len(self.records) else None

    def field_at(self, row: int) -> str | None:
        return self.fields[row][0] if 0 <= row < len(self.fields) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.fields)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.records)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and section < len(self.fields):
                return self.fields[section][1]
            if role == Qt.ItemDataRole.FontRole and section < len(self.fields) and self.fields[section][0] in self.differs:
                return _bold()
            return None
        o = self.occurrence(section)
        if o is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            mark = "✔ " if section == self.chosen else ""
            return f"{mark}记录{section + 1}（{form_name(o.form)}）\n{short_where(o)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{where(o)}\n双击在表格中打开这一行"
        if role == Qt.ItemDataRole.FontRole and section == self.chosen:
            return _bold()
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.fields) or index.column() >= len(self.records):
            return None
        key = self.fields[index.row()][0]
        o, values = self.records[index.column()]
        value = values.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            return value if key in values else "（此表无此项）"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{short_where(o)}：{masked_value(o.form, key, value) or '（空）'}"
        if role == Qt.ItemDataRole.BackgroundRole:
            if key in self.differs:
                return DIFFERS_BRUSH
            return CHOSEN_BRUSH if index.column() == self.chosen else None
        if role == Qt.ItemDataRole.FontRole and key in self.differs:
            return _bold()
        return None


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
