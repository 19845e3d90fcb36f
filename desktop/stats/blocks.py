"""The pieces of a topic page: one table with its chart beside it (TableBlock: 复制表格 puts
it on the clipboard tab-separated, as Excel/WPS paste it; 保存图片 writes the chart as PNG),
and the 概览 page's sentences."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from desktop.stats.chart_view import ChartView
from desktop.stats.grid_model import GridModel
from intake.stats.chart_data import ALL_MASKED_NOTE, all_masked, chart_data
from intake.stats.grid import grid, tsv
from intake.stats.masking import Masked
from intake.stats.table import StatTable

MAX_TABLE_ROWS = 18


class TableBlock(QFrame):
    save_requested = Signal(object)          # the ChartView to save
    copied = Signal(str)                     # a line for the status bar

    def __init__(self, t: StatTable, labels, masked: Masked, source_line: str, parent=None):
        super().__init__(parent)
        self.table = t
        self.grid = grid(t, labels, masked)
        self.notes = tuple(n for n in (t.definition.note, masked.masking.note if masked.hidden else "",
                                       ALL_MASKED_NOTE if all_masked(t, masked) else "") if n)
        self.source_line = source_line
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(f"<b>{html.escape(t.title)}</b>")
        copy = QPushButton("复制表格")
        copy.setToolTip("复制这张表（可直接粘贴到Excel或WPS）")
        copy.clicked.connect(self.copy)
        self.view = self._table_view()
        data = chart_data(t, masked)
        self.chart = ChartView(data) if data is not None else None
        save = QPushButton("保存图片…")
        save.setEnabled(self.chart is not None)
        save.clicked.connect(lambda: self.save_requested.emit(self))
        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(copy)
        head.addWidget(save)
        body = QHBoxLayout()
        body.addWidget(self.view, 0, Qt.AlignmentFlag.AlignTop)
        if self.chart is not None:
            body.addWidget(self.chart, 1, Qt.AlignmentFlag.AlignTop)
        else:
            body.addStretch(1)          # no chart: the table stays on the left, as the others
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(body)
        for note in self.notes:
            label = QLabel(note)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setStyleSheet("color: #595959;")
            layout.addWidget(label)

    def _table_view(self) -> QTableView:
        view = QTableView()
        view.setModel(GridModel(self.grid, view))
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.resizeColumnsToContents()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        width = sum(header.sectionSize(c) for c in range(len(self.grid.header))) + 2 * view.frameWidth() + 2
        rows = min(len(self.grid.lines), MAX_TABLE_ROWS)
        height = header.height() + sum(view.rowHeight(r) for r in range(rows)) + 2 * view.frameWidth() + 2
        view.setFixedWidth(width + (view.verticalScrollBar().sizeHint().width() if rows < len(self.grid.lines) else 0))
        view.setFixedHeight(height)
        return view

    def text(self) -> str:
        return tsv(self.grid, self.table.title, self.notes + (self.source_line,))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.copied.emit(f"已复制“{self.table.title}”，可以粘贴到Excel或WPS")

    def default_png(self, folder: Path) -> Path:
        return folder / f"{self.table.title}.png"


class OverviewPage(QWidget):
    """The headline sentences, in paragraphs, and the source line."""

    def __init__(self, paragraphs: list[list[str]], source_line: str, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        for part in paragraphs:
            label = QLabel("<br>".join(html.escape(line) for line in part))
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setStyleSheet("font-size: 11pt; line-height: 150%;")
            layout.addWidget(label)
        source = QLabel(source_line)
        source.setTextFormat(Qt.TextFormat.PlainText)
        source.setWordWrap(True)
        source.setStyleSheet("color: #595959;")
        layout.addWidget(source)
        layout.addStretch(1)
