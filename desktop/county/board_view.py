"""汇总情况: the coverage board (who has sent what, rows, errors, open conflicts) over the versions
pane of the selected line, with a filter and a line for files the county could not read."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QSplitter,
                               QTableView, QVBoxLayout, QWidget)

from desktop.county.board_model import COLUMNS, FILTERS, BoardModel
from desktop.county.files_pane import FilesPane, versions_of
from intake.county.board import BoardLine
from intake.county.state import Snapshot


# the widest text each column usually holds (the file column stretches)
WIDEST = ("双河口街道（非本县）", "流动儿童", "未报送", "", "20000", "2000", "2000", "2025年12月31日", "2", "200")


NO_COUNTY = ("还没有指定本县，所以看不出哪些乡镇还没有报送：请在“设置”中选择本县"
             "（用命令行汇总时加 --county 县代码）；也可以直接添加文件，本县将按多数行的地址判断")


def board_summary(lines: list[BoardLine]) -> str:
    listed = [b for b in lines if b.listed]
    towns = {b.township for b in listed}
    silent = {b.township for b in listed if not b.received}
    none_at_all = {t for t in towns if all(not b.received for b in listed if b.township == t)}
    others = sum(len(b.files) for b in lines if not b.listed)
    if not towns:
        return NO_COUNTY + (f"。已收到的 {others} 个文件按识别出的乡镇列在下面。" if others else "。")
    parts = [f"本县 {len(towns)} 个乡镇（街道）", f"{len(towns) - len(none_at_all)} 个已报送"]
    if none_at_all:
        parts.append(f"{len(none_at_all)} 个一张表也没有报送")
    partly = len(silent - none_at_all)
    if partly:
        parts.append(f"{partly} 个只报送了一张表")
    if others:
        parts.append(f"另有 {others} 个文件不属于本县乡镇或无法识别乡镇")
    return "，".join(parts) + "。"


class BoardView(QWidget):
    unreadable_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = BoardModel(self)
        self.filter = QComboBox()
        self.filter.addItems(FILTERS)
        self.filter.currentIndexChanged.connect(self._filter)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.unreadable = QLabel()
        self.unreadable.setTextFormat(Qt.TextFormat.RichText)
        self.unreadable.linkActivated.connect(lambda _link: self.unreadable_requested.emit())
        self.unreadable.hide()
        top = QHBoxLayout()
        top.addWidget(self.filter)
        top.addWidget(self.summary, 1)
        top.addWidget(self.unreadable)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        for column, sample in enumerate(WIDEST):       # fixed once: a refresh measures nothing
            if column != 3:
                text = max(sample, COLUMNS[column], key=metrics.horizontalAdvance)
                header.resizeSection(column, metrics.horizontalAdvance(text) + 18)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_versions())
        self.files = FilesPane()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.files)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        self.splitter = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.snapshot: Snapshot | None = None

    def show_board(self, lines: list[BoardLine], snapshot: Snapshot) -> None:
        """Fill the board, keeping the selected line (by township and form)."""
        current = self.selected_line()
        self.snapshot = snapshot
        self.model.set_lines(lines)
        self.summary.setText(board_summary(lines))
        bad = [f for f in snapshot.files if f.message]
        self.unreadable.setText(f'<a href="#">{len(bad)} 个文件无法读取</a>')
        self.unreadable.setVisible(bool(bad))
        self.select(current)

    def select(self, line: BoardLine | None) -> None:
        row = next((r for r, b in enumerate(self.model.lines)
                    if line is not None and (b.township, b.code, b.form) == (line.township, line.code, line.form)), None)
        if row is None and self.model.lines and self.table.currentIndex().row() < 0:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._show_versions()

    def selected_line(self) -> BoardLine | None:
        index = self.table.currentIndex()
        return self.model.line_at(index.row()) if index.isValid() else None

    def _filter(self, mode: int) -> None:
        current = self.selected_line()
        self.model.set_mode(mode)
        self.select(current)

    def _show_versions(self) -> None:
        line = self.selected_line()
        if self.snapshot is None:
            return
        names = {f.id: f.name for f in self.snapshot.files}
        self.files.show_versions(line, versions_of(self.snapshot, line), names)
