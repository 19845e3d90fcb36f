"""A thin QAbstractTableModel over one sheet's cells (SheetTable.data.values).

Rows shown are a list of record indices (`visible`): sorting permutes it and filters shorten it,
so 100k rows sort in one Python `sorted` call instead of a proxy model calling data() a million
times. Colours and tooltips come from the sheet's FindingSet by finding code and severity; the
model never parses a message. Edits are not applied here: setData() emits `edit_requested` and the
owner turns it into an undoable batch; afterwards `records_changed()` repaints only those rows.
"""
from __future__ import annotations

from typing import Callable, Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from intake.table import SheetTable, SourceColumn
from validators.finding_set import FindingSet
from validators.findings import Finding, Severity

ERROR_BRUSH = QBrush(QColor("#f6b9b9"))
WARNING_BRUSH = QBrush(QColor("#fde3a7"))
EDITED_COLOR = QColor("#1a4fa0")
UNMAPPED_COLOR = QColor("#8a8a8a")
FROZEN_FIELDS = ("name", "id_number")   # shown first and kept in view while scrolling


def ordered_columns(table: SheetTable, lead: tuple[str, ...]) -> list[SourceColumn]:
    """The sheet's columns in sheet order, except the `lead` fields, which come first."""
    by_field = {c.field: c for c in table.columns if c.field}
    first = [by_field[k] for k in lead if k in by_field]
    rest = sorted((c for c in table.columns if c not in first), key=lambda c: c.col)
    return first + rest


def tooltip_for(findings: list[Finding]) -> str | None:
    """The cell's messages with their certain fixes, one finding a paragraph."""
    parts = []
    for f in findings:
        text = f.message
        if f.suggestion:
            text += f"\n建议改为：{f.suggestion}"
        parts.append(text)
    return "\n\n".join(parts) or None


def background_for(found: list[Finding]) -> QBrush | None:
    """Red for an error, amber for a warning; a cell with hints only gets no colour (its corner
    mark is drawn by desktop.cell_delegate)."""
    if not found:
        return None
    if any(f.is_error for f in found):
        return ERROR_BRUSH
    if any(f.severity is Severity.WARNING for f in found):
        return WARNING_BRUSH
    return None


class SheetTableModel(QAbstractTableModel):
    edit_requested = Signal(int, str, object)   # record index, field key, new value (str | None)

    def __init__(self, table: SheetTable, findings: Callable[[], FindingSet],
                 is_edited: Callable[[int, str], bool] = lambda i, k: False, parent=None):
        super().__init__(parent)
        self.table = table
        self._findings = findings
        self._is_edited = is_edited
        self.columns = ordered_columns(table, FROZEN_FIELDS)
        self.n_lead = sum(1 for c in self.columns[:len(FROZEN_FIELDS)] if c.field in FROZEN_FIELDS)
        self._visible: list[int] = list(range(table.n_rows))
        self._row_of: dict[int, int] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._edited_font = QFont()
        self._edited_font.setBold(True)
        self._edited_font.setItalic(True)

    # --- shape ----------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def record_at(self, row: int) -> int:
        return self._visible[row]

    def row_of(self, record: int) -> int | None:
        """The view row showing a record, None when filtered out."""
        if self._row_of is None:
            self._row_of = {r: i for i, r in enumerate(self._visible)}
        return self._row_of.get(record)

    def field_at(self, column: int) -> str | None:
        return self.columns[column].field

    def column_of(self, field: str | None) -> int | None:
        for i, c in enumerate(self.columns):
            if c.field == field and field is not None:
                return i
        return None

    def value(self, record: int, column: int) -> str | None:
        col = self.columns[column]
        if col.field is not None:
            return self.table.data.get(col.field, record)
        extra = self.table.extra.get(col.col)
        return extra[record] if extra is not None and record < len(extra) else None

    # --- data -----------------------------------------------------------------------------------
    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self._visible[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = self.value(record, column)
            return "" if value is None else value
        key = self.columns[column].field
        if key is None:
            return QBrush(UNMAPPED_COLOR) if role == Qt.ItemDataRole.ForegroundRole else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return background_for(self._findings().for_cell(record, key))
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_for(self._findings().for_cell(record, key))
        if role == Qt.ItemDataRole.FontRole and self._is_edited(record, key):
            return self._edited_font
        if role == Qt.ItemDataRole.ForegroundRole and self._is_edited(record, key):
            return QBrush(EDITED_COLOR)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].header
            if role == Qt.ItemDataRole.ToolTipRole:
                col = self.columns[section]
                return f"第{col.col}列：{col.header}" + ("" if col.field else "（未识别的列，只显示不检查）")
            return None
        if role == Qt.ItemDataRole.DisplayRole and section < len(self._visible):
            return str(self.table.row_numbers[self._visible[section]])
        if role == Qt.ItemDataRole.BackgroundRole and section < len(self._visible):
            if self._findings().has_errors(self._visible[section]):
                return ERROR_BRUSH
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.columns[index.column()].field is not None:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = self.columns[index.column()].field
        if key is None:
            return False
        record = self._visible[index.row()]
        new = None if value is None or str(value) == "" else str(value)
        if new == self.table.data.get(key, record):
            return False
        self.edit_requested.emit(record, key, new)
        return True

    # --- updates after edits --------------------------------------------------------------------
    def records_changed(self, records: Iterable[int]) -> list[int]:
        """Repaint the rows of these records (an edit and the rows it re-validated); returns the
        view rows, whose row-number header the view should repaint (headerDataChanged would
        repaint the whole table)."""
        last = self.columnCount() - 1
        rows = []
        for record in sorted(set(records)):
            row = self.row_of(record)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
                rows.append(row)
        return rows

    # --- sorting and filtering -------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        if self._sort is None or self._sort[0] < 0:
            self._visible.sort()
        else:
            column, order = self._sort
            reverse = order == Qt.SortOrder.DescendingOrder

            def key(record: int) -> tuple[bool, str]:
                value = self.value(record, column)
                return (value is None) != reverse, value or ""

            self._visible.sort(key=key, reverse=reverse)
        self._row_of = None

    def set_filter(self, records: Iterable[int] | None) -> None:
        """Show only these records (None: all), keeping the current sort."""
        self.beginResetModel()
        self._visible = list(range(self.table.n_rows)) if records is None else sorted(set(records))
        self._apply_sort()
        self.endResetModel()
