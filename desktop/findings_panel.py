"""The findings panel: every finding of the sheet grouped by kind (CODES[code].title) with counts,
a filter for the table (all rows / rows with errors / rows with the chosen kind) and a text search.

Groups are filled lazily when expanded (a 100k-row sheet can hold hundreds of thousands of
findings) and each group lists at most MAX_CHILDREN; the table filter shows all of them. After an
edit only the groups whose kind changed are refreshed (their count, and their list if it was open).
"""
from __future__ import annotations

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from desktop.finding_entry import EntryWords
from intake.severity_words import MEANING, WORD
from validators.codes import CODES
from validators.finding_set import FindingSet
from validators.findings import Severity

MAX_CHILDREN = 500
SEARCH_DELAY_MS = 300
CODE_ROLE = Qt.ItemDataRole.UserRole
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1

FILTER_ALL, FILTER_ERRORS, FILTER_FINDINGS, FILTER_KIND = range(4)
FILTER_LABELS = ("显示全部行", "只看有错误的行", "只看有问题的行", "只看所选类别的行")
SEVERITY_COLORS = {Severity.ERROR: QColor("#b3261e"), Severity.WARNING: QColor("#8a5a00"),
                   Severity.HINT: QColor("#5b7fa6")}
SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.HINT: 2}


def group_rank(code: str) -> int:
    """Groups in the list: errors, then warnings, then hints."""
    entry = CODES.get(code)
    return SEVERITY_RANK[entry.severity] if entry else 0


def summary_text(findings: FindingSet) -> str:
    if not findings:
        return "没有发现问题。"
    text = f"共 {findings.n_errors} 个错误、{findings.n_warnings} 个警告"
    if findings.n_hints:
        text += f"、{findings.n_hints} 个提示"
    return (text + f"，涉及 {findings.n_rows_with_findings} 行。"
            "错误必须改正，警告请核实；提示只是写法不同，可以批量修正。")


class FindingsPanel(QWidget):
    finding_activated = Signal(int, object)   # record index, field key (None = whole row)
    filter_changed = Signal()

    def __init__(self, words: EntryWords, parent=None):
        super().__init__(parent)
        self._words = words
        self._findings: FindingSet | None = None
        self._shown: dict[str, int] = {}      # code -> the FindingSet.revision its group shows
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.mode = QComboBox()
        self.mode.addItems(FILTER_LABELS)
        self.mode.setToolTip("筛选左侧表格中显示的行")
        self.search = QLineEdit()
        self.search.setPlaceholderText("在表格中搜索文字…")
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["问题类别", "数量"])
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)     # cut long entries at the end
        self.tree.itemExpanded.connect(self._fill_group)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.mode.currentIndexChanged.connect(self.filter_changed)
        # searching 100k rows takes a moment: filter once typing pauses, not at every key
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.filter_changed)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._search_now)
        row = QHBoxLayout()
        row.addWidget(self.mode)
        row.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)

    def reset_filters(self) -> None:
        """Show all rows again (without emitting filter_changed: the caller re-filters)."""
        for widget in (self.mode, self.search):
            widget.blockSignals(True)
        self.mode.setCurrentIndex(0)
        self.search.clear()
        for widget in (self.mode, self.search):
            widget.blockSignals(False)
        self._search_timer.stop()

    def _search_now(self) -> None:
        self._search_timer.stop()
        self.filter_changed.emit()

    # --- the filter the table should apply ---------------------------------------------------------
    @property
    def filter_mode(self) -> int:
        return self.mode.currentIndex()

    @property
    def search_text(self) -> str:
        return self.search.text().strip()

    @property
    def selected_code(self) -> str | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, CODE_ROLE)

    def select_kind(self, code: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, CODE_ROLE) == code:
                self.tree.setCurrentItem(item)
                return

    # --- contents -----------------------------------------------------------------------------
    def set_findings(self, findings: FindingSet) -> None:
        """Show these findings. The same set again (after an edit) refreshes only the kinds whose
        findings changed (FindingSet.revision), keeping expanded groups and the selection."""
        current = self.selected_code
        items = self._items()
        expanded = {code for code, item in items.items() if item.isExpanded()}
        self.tree.blockSignals(True)
        if findings is not self._findings:          # a new set (a full run): all groups anew
            self._findings, self._shown = findings, {}
            self.tree.clear()
        counts = findings.counts_by_code()
        changed = [c for c in set(counts) | set(self._shown)
                   if self._shown.get(c) != findings.revision(c)]
        for code in changed:
            self._refresh_group(code, counts.get(code, 0))
        if changed:
            self._reorder(counts)
        self.tree.blockSignals(False)
        for code, item in self._items().items():
            if code in expanded and not item.isExpanded():
                item.setExpanded(True)
        if current is not None and self.selected_code != current:
            self.select_kind(current)
        self.summary.setText(self._summary_text(findings))

    def _items(self) -> dict[str, QTreeWidgetItem]:
        tree = self.tree
        return {tree.topLevelItem(i).data(0, CODE_ROLE): tree.topLevelItem(i)
                for i in range(tree.topLevelItemCount())}

    def _refresh_group(self, code: str, count: int) -> None:
        item = self._items().get(code)
        self._shown[code] = self._findings.revision(code)
        if not count:
            self._shown.pop(code)
            if item is not None:
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
            return
        if item is None:
            self.tree.addTopLevelItem(self._group_item(code, count))
            return
        item.setText(1, str(count))
        item.setText(0, self._words.group_title(self._findings, code))
        if item.childCount():                      # filled before: fill again when shown
            item.takeChildren()
            if item.isExpanded():
                self._fill_group(item)

    def _reorder(self, counts: dict[str, int]) -> None:
        """Errors, warnings, hints, each by count (most first): move only when the order changed."""
        def key(c: str):
            return group_rank(c), -counts[c], c
        items = self._items()
        wanted = sorted(items, key=key)
        if wanted == list(items):
            return
        for code in wanted:            # the caller expands the groups that were open again
            item = items[code]
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
            self.tree.addTopLevelItem(item)

    @staticmethod
    def _summary_text(findings: FindingSet) -> str:
        return summary_text(findings)

    def _group_item(self, code: str, count: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem([self._words.group_title(self._findings, code), str(count)])
        item.setData(0, CODE_ROLE, code)
        entry = CODES.get(code)
        if entry is not None:
            item.setForeground(0, QBrush(SEVERITY_COLORS[entry.severity]))
            item.setToolTip(0, f"{WORD[entry.severity]}：{MEANING[entry.severity]}")
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        return item

    def group_count(self, code: str) -> int:
        item = self._items().get(code)
        return int(item.text(1)) if item is not None else 0

    def _fill_group(self, item: QTreeWidgetItem) -> None:
        if item.parent() is not None or item.childCount() or self._findings is None:
            return
        code = item.data(0, CODE_ROLE)
        shown = self._findings.with_code(code, MAX_CHILDREN)[:MAX_CHILDREN]
        field_in_title = bool(self._words.title_label(self._findings, code))
        for f in shown:
            child = QTreeWidgetItem([self._words.entry(f, field_in_title), ""])
            child.setData(0, CODE_ROLE, code)
            child.setData(0, FINDING_ROLE, (f.index, f.field))
            child.setToolTip(0, f.message + (f"\n建议改为：{f.suggestion}" if f.suggestion else ""))
            item.addChild(child)
        rest = self._findings.count(code) - len(shown)
        if rest > 0:
            more = QTreeWidgetItem([f"……还有 {rest} 条，请选“只看所选类别的行”在表格中查看", ""])
            more.setData(0, CODE_ROLE, code)
            item.addChild(more)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, FINDING_ROLE)
        if target is not None:
            self.finding_activated.emit(target[0], target[1])

    def _current_changed(self, *_args) -> None:
        if self.filter_mode == FILTER_KIND:
            self.filter_changed.emit()
