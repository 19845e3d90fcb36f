"""StatsView: the statistics of a source (desktop.stats.source) by topic: 概览 (the headline
sentences), then each topic's tables with their charts. Recomputed in a worker after every
change (desktop.stats.runner), the chosen topic kept. One setting, shared with the exports:
counts from 1 to 4 shown as "<5" (intake.stats.masking; on by default, as exported statistics
are what gets published)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QListWidget, QMessageBox, QPushButton,
                               QScrollArea, QSplitter, QVBoxLayout, QWidget)

from desktop.settings import Setting
from desktop.stats import export
from desktop.stats.blocks import OverviewPage, TableBlock
from desktop.stats.runner import StatsRunner
from intake.stats.headline import sections
from intake.stats.masking import NONE, mask

MASKED = Setting("stats/masked", bool, True)
OVERVIEW = "概览"


class StatsView(QWidget):
    message = Signal(str)          # a line for the status bar

    def __init__(self, source, settings=None, parent=None, run=None):
        """run: how to run a job (desktop.stats.runner: the county page's DeskJobs.run)."""
        super().__init__(parent)
        self.source, self.settings = source, settings
        self.result = self.children = self.export_work = None
        self.blocks: list[TableBlock] = []
        self.status = QLabel("正在统计…")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.masked = QCheckBox("小于5的人数显示为“<5”（导出时同样处理）")
        self.masked.setChecked(bool(settings.get(MASKED)) if settings is not None else True)
        self.masked.setToolTip("1至4名儿童的格子可能让人认出具体儿童；公开或上报的统计表建议保持勾选")
        self.masked.toggled.connect(self._mask_toggled)
        self.export_book = QPushButton("导出统计工作簿…")
        self.export_register = QPushButton("导出重点关爱台账…")
        for b in (self.export_book, self.export_register):
            b.setEnabled(False)
        self.export_book.clicked.connect(lambda: export.export_workbook(self))
        self.export_register.clicked.connect(lambda: export.export_register(self))
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.masked)
        bar.addWidget(self.export_book)
        bar.addWidget(self.export_register)
        self.topics = QListWidget()
        self.topics.setMaximumWidth(150)
        self.topics.currentTextChanged.connect(self._show_topic)
        self.page = QScrollArea()
        self.page.setWidgetResizable(True)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.topics)
        split.addWidget(self.page)
        split.setStretchFactor(1, 1)
        split.setSizes([140, 1200])
        self.topics.setMinimumWidth(110)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.runner = StatsRunner(source, run, self)
        self.runner.ready.connect(self._ready)
        self.runner.failed.connect(self._failed)
        self.runner.busy_changed.connect(self._busy)
        source.changed.connect(self.data_changed)
        self.runner.request(now=True)

    @property
    def title(self) -> str:
        return f"统计：{self.source.title}"

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def data_changed(self) -> None:
        self.runner.request()

    refresh = data_changed          # the county page calls refresh() when shown and after a change

    def _busy(self, busy: bool) -> None:
        if busy:
            self.status.setText("正在统计…" if self.result is None else "数据有变化，正在重新统计…")

    def _failed(self, message: str) -> None:
        self.status.setText(f"统计失败：{message}")

    def _ready(self, result, children) -> None:
        self.result, self.children = result, children
        self.status.setText(result.source.line(result.as_of))
        for b in (self.export_book, self.export_register):
            b.setEnabled(True)
        current = self.topics.currentItem().text() if self.topics.currentItem() else OVERVIEW
        self.topics.blockSignals(True)
        self.topics.clear()
        self.topics.addItems([OVERVIEW, *result.topics])
        self.topics.blockSignals(False)
        names = [self.topics.item(i).text() for i in range(self.topics.count())]
        self.topics.setCurrentRow(names.index(current) if current in names else 0)
        self._show_topic(self.topics.currentItem().text())

    def _mask_toggled(self, on: bool) -> None:
        if self.settings is not None:
            self.settings.set(MASKED, on)
        if self.topics.currentItem() is not None:
            self._show_topic(self.topics.currentItem().text())

    def show_topic(self, topic: str) -> None:
        items = self.topics.findItems(topic, Qt.MatchFlag.MatchExactly)
        if items:
            self.topics.setCurrentItem(items[0])

    def _show_topic(self, topic: str) -> None:
        if self.result is None or not topic:
            return
        scroll = self.page.verticalScrollBar().value()
        masked = self.masked.isChecked()
        line = self.result.source.line(self.result.as_of)
        if topic == OVERVIEW:
            self.blocks = []
            self.page.setWidget(OverviewPage(sections(self.result, masked), line))
            return
        page = QWidget()
        layout = QVBoxLayout(page)
        self.blocks = []
        for t in self.result.topic_tables(topic):
            block = TableBlock(t, self.result.stats.labels, mask(t, self.result.stats.masking) if masked else NONE, line)
            block.copied.connect(self.message)
            block.save_requested.connect(lambda b: export.save_chart(self, b))
            layout.addWidget(block)
            self.blocks.append(block)
        layout.addStretch(1)
        self.page.setWidget(page)
        self.page.verticalScrollBar().setValue(scroll)

    def closeEvent(self, event) -> None:
        self.stop()
        super().closeEvent(event)

    def stop(self) -> None:
        """No thread of this view outlives it (the window closes a page with deleteLater)."""
        self.runner.stop()
        work = getattr(self, "export_work", None)
        if work is not None and getattr(work, "running", False):
            work.wait()

    def deleteLater(self) -> None:      # noqa: N802 - Qt's name
        self.stop()
        super().deleteLater()

    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)
