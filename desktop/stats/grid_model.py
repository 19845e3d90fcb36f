"""A statistics table (intake.stats.grid.Grid) as a read-only Qt model: counts right-aligned,
shares as 12.5%, masked cells grey, the 合计 / 儿童总数 line bold on grey."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from intake.stats.grid import Grid

TOTAL_BG = QBrush(QColor("#F2F2F2"))
MASKED_FG = QBrush(QColor("#7F7F7F"))


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value * 100:.1f}%"
    return str(value)


class GridModel(QAbstractTableModel):
    def __init__(self, grid: Grid, parent=None):
        super().__init__(parent)
        self.grid = grid
        self._bold = QFont()
        self._bold.setBold(True)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.grid.lines)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.grid.header)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.grid.header[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        value = self.grid.lines[index.row()][index.column()]
        last = index.row() == len(self.grid.lines) - 1
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and last:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole and last:
            return TOTAL_BG
        if role == Qt.ItemDataRole.ForegroundRole and isinstance(value, str) and index.column() > 0:
            return MASKED_FG
        return None
