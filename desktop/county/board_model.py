"""The coverage board as a table: one line per township of the county and per form (desk.board()),
then the files of other or unrecognised townships. A township that sent nothing has a warm tint
and says 未报送; files of other townships a grey-blue one. A filter shows only some lines."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from desktop.county.list_model import ListTableModel
from desktop.county.texts import (MISSING_BRUSH, MISSING_TEXT, NOT_SENT, OTHER_BRUSH, SENT, date_text,
                                  form_name, township_text)
from intake.county.board import BoardLine

COLUMNS = ("乡镇（街道）", "表格", "报送情况", "文件", "行数", "有错误的行", "警告", "最近填报日期",
           "被替换的版本", "待处理的重复")
NUMERIC = {4, 5, 6, 8, 9}
FILTERS = ("全部乡镇", "只看未报送的", "只看有错误的", "只看有待处理重复的", "只看非本县或未识别的")
LINE_ROLE = Qt.ItemDataRole.UserRole


def keep(line: BoardLine, mode: int) -> bool:
    return (mode == 0 or (mode == 1 and line.listed and not line.received)
            or (mode == 2 and line.rows_with_errors > 0) or (mode == 3 and line.open_conflicts > 0)
            or (mode == 4 and not line.listed))


def _files(line: BoardLine) -> str:
    if not line.files:
        return ""
    return line.files[0] if len(line.files) == 1 else f"{line.files[0]} 等{len(line.files)}个部分"


def cell_text(line: BoardLine, column: int) -> str:
    if column == 0:
        return township_text(line.township, line.listed)
    if column == 1:
        return form_name(line.form)
    if column == 2:
        return SENT if line.received else NOT_SENT
    if not line.received and column != 8:
        return ""
    values = (None, None, None, _files(line), line.rows, line.rows_with_errors, line.warnings,
              date_text(line.last_fill_date) if line.last_fill_date else "—", line.replaced or "",
              line.open_conflicts or "")
    return str(values[column])


class BoardModel(ListTableModel):
    COLUMNS = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[BoardLine] = []
        self.mode = 0

    @property
    def lines(self) -> list[BoardLine]:
        return self.items

    def set_lines(self, lines: list[BoardLine]) -> None:
        self._all = lines
        self.set_items([b for b in lines if keep(b, self.mode)])

    def set_mode(self, mode: int) -> None:
        self.mode = mode
        self.set_lines(self._all)

    @property
    def all_lines(self) -> list[BoardLine]:
        return self._all

    def line_at(self, row: int) -> BoardLine | None:
        return self.item_at(row)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        line = self.line_at(index.row())
        if line is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(line, column)
        if role == LINE_ROLE:
            return line
        if role == Qt.ItemDataRole.BackgroundRole:
            if not line.listed:
                return OTHER_BRUSH
            return None if line.received else MISSING_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and not line.received:
            return MISSING_TEXT
        if role == Qt.ItemDataRole.FontRole and column == 2 and not line.received:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(line)
        return None


def tooltip(line: BoardLine) -> str:
    if not line.listed:
        return "这个文件的乡镇不是本县的乡镇（街道），或无法识别。可以在下方“更正乡镇…”指定。"
    if not line.received:
        return f"{line.township}还没有报送{form_name(line.form)}登记表"
    parts = [f"文件：{'、'.join(line.files)}", f"错误 {line.errors} 个，警告 {line.warnings} 个，提示 {line.hints} 个"]
    if line.replaced:
        parts.append(f"有 {line.replaced} 个旧版本已被新文件替换")
    return "\n".join(parts)
