"""The right-click menu of a sheet's table and of its row numbers: 复制、粘贴、清除内容、删除行、
恢复行、查看整行、只看此类问题. Right-clicking a cell outside the selection selects it first, as in
Excel. The menu reuses the window's actions (same shortcuts, same handlers); 只看此类问题 filters
the table to the rows with the clicked cell's kind of problem."""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop.finding_entry import kind_title
from desktop.findings_panel import FILTER_KIND
from desktop.row_actions import selection_state

if TYPE_CHECKING:
    from desktop.sheet_tab import SheetTab


class TableMenu:
    """Builds the menu for one tab; `actions`: copy, paste, clear, delete rows, restore rows,
    record view (the window's QActions)."""

    def __init__(self, tab: "SheetTab", actions: Sequence[QAction]):
        self.tab = tab
        self.copy, self.paste, self.clear, self.delete_rows, self.restore_rows, self.record_view = actions

    def for_cell(self, index: QModelIndex) -> QMenu:
        view = self.tab.view
        if index.isValid() and not view.selectionModel().isSelected(index):
            view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return self._menu(index)

    def for_row(self, row: int) -> QMenu:
        view = self.tab.view
        if not any(r.top() <= row <= r.bottom() for r in view.selectionModel().selection()):
            view.selectRow(row)
        return self._menu(QModelIndex())

    def _menu(self, index: QModelIndex) -> QMenu:
        menu = QMenu(self.tab)
        menu.addActions([self.copy, self.paste, self.clear])
        menu.addSeparator()
        can_delete, can_restore = selection_state(self.tab)
        self.delete_rows.setEnabled(can_delete)
        self.restore_rows.setEnabled(can_restore)
        menu.addActions([self.delete_rows, self.restore_rows])
        menu.addSeparator()
        whole_row = menu.addAction("查看整行", self.record_view.trigger)
        whole_row.setShortcut(self.record_view.shortcut())
        self._kind_entries(menu, index)
        menu.aboutToHide.connect(self._enable_row_actions)
        return menu

    def _enable_row_actions(self) -> None:
        self.delete_rows.setEnabled(True)
        self.restore_rows.setEnabled(True)

    def _kind_entries(self, menu: QMenu, index: QModelIndex) -> None:
        tab = self.tab
        codes: list[str] = []
        if index.isValid():
            record = tab.model.record_at(index.row())
            found = tab.session.findings.for_cell(record, tab.model.field_at(index.column()))
            codes = list(dict.fromkeys(f.code for f in found))
        if not codes:
            menu.addAction("只看此类问题").setEnabled(False)
            return
        for code in codes:
            menu.addAction(f"只看此类问题：{kind_title(code)}", lambda c=code: only_kind(tab, c))


def only_kind(tab: "SheetTab", code: str) -> None:
    """Filter the table to the rows with this kind of problem (as the problem list's filter)."""
    tab.side.setCurrentWidget(tab.panel)
    tab.panel.select_kind(code)
    tab.panel.mode.setCurrentIndex(FILTER_KIND)
    tab.apply_filter()


def show_at(menu: QMenu, widget, pos: QPoint) -> None:
    menu.popup(widget.mapToGlobal(pos))


def install(tab: "SheetTab", table_actions: Sequence[QAction], record_view_action: QAction) -> TableMenu:
    """The window's copy/paste/clear/row actions on a tab's table: their shortcuts work there,
    and the right-click menu of the cells and of the row numbers offers them."""
    view = tab.view
    view.addActions(list(table_actions))
    menu = TableMenu(tab, [*table_actions, record_view_action])
    for widget in (view, view.frozen):
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(
            lambda pos, w=widget: show_at(menu.for_cell(w.indexAt(pos)), w.viewport(), pos))
    header = view.verticalHeader()
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(
        lambda pos: show_at(menu.for_row(header.logicalIndexAt(pos)), header, pos))
    return menu
