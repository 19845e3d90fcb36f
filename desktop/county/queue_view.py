"""重复与冲突: the conflict queue filtered by kind, township and status, a list of its groups and
the selected group's panel. 上一组 / 下一组 (Shift+F8 / F8) walk the filtered queue
(desk.neighbour, wrapping). The view reads the desk (through `desk()`); decisions go to the page
(`decision_requested`)."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QSplitter, QTableView, QVBoxLayout, QWidget)

from desktop.county.group_panel import GroupPanel
from desktop.county.queue_model import QueueModel
from desktop.county.texts import STATUS_ZH, UNKNOWN_TOWN
from intake.county.model import KIND_ZH, KINDS, OPEN, Group

STATUSES = (OPEN, "decided", "sent_back", None)


class QueueView(QWidget):
    decision_requested = Signal(str)
    open_record = Signal(object, object)        # Occurrence, field key

    def __init__(self, desk: Callable, parent=None):
        super().__init__(parent)
        self.desk = desk
        self.kind = QComboBox()
        self.kind.addItem("全部类型", None)
        for k in KINDS:
            self.kind.addItem(KIND_ZH[k], k)
        self.township = QComboBox()
        self.township.addItem("全部乡镇", None)
        self.status = QComboBox()
        for s in STATUSES:
            self.status.addItem(STATUS_ZH[s] if s else "全部状态", s)
        for combo in (self.kind, self.township, self.status):
            combo.currentIndexChanged.connect(lambda _n: self.refresh())
        self.count = QLabel()
        self.previous = QPushButton("上一组(&P)")
        self.next = QPushButton("下一组(&N)")
        self.previous.setToolTip("上一组（Shift+F8）")
        self.next.setToolTip("下一组（F8）")
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        for key, step in (("F8", 1), ("Shift+F8", -1)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.step(s))
        filters = QHBoxLayout()
        for label, combo in (("类型(&L)：", self.kind), ("乡镇(&X)：", self.township), ("状态(&Z)：", self.status)):
            text = QLabel(label)
            text.setBuddy(combo)
            filters.addWidget(text)
            filters.addWidget(combo)
        filters.addStretch(1)
        self.model = QueueModel(self)
        self.list = QTableView()
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(False)
        self.list.verticalHeader().hide()
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.list.doubleClicked.connect(self._open_first)
        nav = QHBoxLayout()
        nav.addWidget(self.count, 1)
        nav.addWidget(self.previous)
        nav.addWidget(self.next)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(nav)
        self.panel = GroupPanel()
        self.panel.bar.requested.connect(self.decision_requested)
        self.panel.open_record.connect(self.open_record)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)
        self._shown: Group | None = None
        self._sized = False

    # --- the queue --------------------------------------------------------------------------------
    def filters(self) -> dict:
        return {"kind": self.kind.currentData(), "township": self.township.currentData(),
                "status": self.status.currentData()}

    def set_townships(self, names: list[str]) -> None:
        """The township filter's choices (the board's townships, then the unrecognised)."""
        current = self.township.currentData()
        self.township.blockSignals(True)
        self.township.clear()
        self.township.addItem("全部乡镇", None)
        for name in names:
            self.township.addItem(name or UNKNOWN_TOWN, name)
        found = self.township.findData(current)
        self.township.setCurrentIndex(max(found, 0))
        self.township.blockSignals(False)

    def refresh(self, select: str | None = None) -> None:
        """Fill the list from the desk, selecting `select` (a group key), else the group
        selected before, else the first."""
        desk = self.desk()
        keep = select or (self.current_group().key if self.current_group() else None)
        groups = desk.groups(**self.filters()) if desk is not None else []
        self.model.set_groups(groups)
        self.count.setText(f"共 {len(groups)} 组")
        if groups and not self._sized:          # once: a refresh must not measure every line again
            self.list.resizeColumnsToContents()
            self._sized = True
        row = self.model.row_of(keep)
        self._select_row(row if row is not None else 0)

    def current_group(self) -> Group | None:
        index = self.list.currentIndex()
        return self.model.group_at(index.row()) if index.isValid() else None

    def select_key(self, key: str | None) -> None:
        row = self.model.row_of(key)
        if row is not None:
            self._select_row(row)

    def step(self, step: int) -> None:
        desk, current = self.desk(), self.current_group()
        if desk is None:
            return
        found = desk.neighbour(current.key if current else "", step, **self.filters())
        if found is not None:
            self.select_key(found.key)

    def next_key(self) -> str | None:
        """The group after the current one (to go on with once it is decided)."""
        desk, current = self.desk(), self.current_group()
        if desk is None or current is None:
            return None
        found = desk.neighbour(current.key, 1, **self.filters())
        return found.key if found is not None and found.key != current.key else None

    def _select_row(self, row: int) -> None:
        if self.model.rowCount() == 0:
            self._selected()
            return
        self.list.selectRow(min(row, self.model.rowCount() - 1))
        self._selected()          # the same row as before the refresh sends no signal

    def _selected(self) -> None:
        desk, group = self.desk(), self.current_group()
        if group is not None and group == self._shown:
            return
        self._shown = group
        if desk is None or group is None:
            self.panel.show_group(None, [])
            return
        group = desk.compared(group)
        self.panel.show_group(group, desk.side_by_side(group))

    def _open_first(self, index) -> None:
        group = self.model.group_at(index.row())
        if group is not None:
            self.open_record.emit(group.occurrences[0], None)
