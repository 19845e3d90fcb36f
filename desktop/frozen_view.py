"""A table view whose first columns stay put while the rest scroll (the Qt "frozen column"
example): a second QTableView over the same model and selection model is laid over the left edge
and shows only the frozen columns; the two scroll together vertically.

Horizontal scrolling moves whole columns (desktop.column_scroll): the first scrolled column
always starts right at the frozen columns' edge, so they never cover part of its text. Keys as in
Excel: Enter moves down (Shift+Enter up), also after typing in a cell.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QFrame, QHeaderView, QTableView

from desktop.column_scroll import ColumnSnap

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def configure_table(view: QTableView) -> None:
    view.setAlternatingRowColors(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                         | QAbstractItemView.EditTrigger.EditKeyPressed
                         | QAbstractItemView.EditTrigger.AnyKeyPressed)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultSectionSize(110)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)


class _FrozenPart(QTableView):
    """The overlay showing the frozen columns; an edit committed with Enter moves down."""

    committed = Signal(int)          # the editor's close hint

    def closeEditor(self, editor, hint) -> None:
        super().closeEditor(editor, hint)
        self.committed.emit(int(hint.value if hasattr(hint, "value") else hint))


class FrozenTableView(QTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.frozen = _FrozenPart(self)
        self._n_frozen = 0
        configure_table(self)
        configure_table(self.frozen)
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setStyleSheet("QTableView { border: none; border-right: 2px solid #7a8fa8; }")
        self.frozen.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().stackUnder(self.frozen)
        self.snap = ColumnSnap(self)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.verticalHeader().sectionResized.connect(self._row_resized)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.committed.connect(self._after_edit)

    @property
    def n_frozen(self) -> int:
        return self._n_frozen

    def frozen_width(self) -> int:
        return sum(self.columnWidth(c) for c in range(self._n_frozen))

    def setModel(self, model: QAbstractItemModel) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        self.frozen.setSortingEnabled(self.isSortingEnabled())
        model.layoutChanged.connect(self._refresh_columns)
        model.modelReset.connect(self._refresh_columns)
        self._refresh_columns()

    def set_frozen_count(self, n: int) -> None:
        self._n_frozen = n
        self._refresh_columns()

    def setSortingEnabled(self, enable: bool) -> None:
        """Enable header-click sorting without sorting now (the sheet keeps its own row order)."""
        for view in (self, self.frozen):
            view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        super().setSortingEnabled(enable)
        self.frozen.setSortingEnabled(enable)
        if enable:
            self.frozen.horizontalHeader().sortIndicatorChanged.connect(self._frozen_sorted)

    def _frozen_sorted(self, column: int, order: Qt.SortOrder) -> None:
        self.horizontalHeader().setSortIndicator(column, order)

    def _refresh_columns(self) -> None:
        model = self.model()
        if model is None:
            return
        for col in range(model.columnCount()):
            self.frozen.setColumnHidden(col, col >= self._n_frozen)
            if col < self._n_frozen:
                self.frozen.setColumnWidth(col, self.columnWidth(col))
        self.frozen.setVisible(self._n_frozen > 0)
        self._update_geometry()

    def _section_resized(self, index: int, _old: int, new: int) -> None:
        if index < self._n_frozen:
            self.frozen.setColumnWidth(index, new)
            self._update_geometry()

    def _row_resized(self, index: int, _old: int, new: int) -> None:
        self.frozen.setRowHeight(index, new)

    def edit(self, index: QModelIndex, trigger=None, event=None):
        """A cell under the frozen columns is edited in the frozen view, where it can be seen."""
        if trigger is None:                       # the edit(index) slot
            trigger = QAbstractItemView.EditTrigger.AllEditTriggers
        if index.isValid() and index.column() < self._n_frozen:
            return self.frozen.edit(index, trigger, event)
        return super().edit(index, trigger, event)

    # --- keys as in Excel -------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        if event.key() in ENTER_KEYS and self.state() != QAbstractItemView.State.EditingState:
            self.move_down(up=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor, hint) -> None:
        super().closeEditor(editor, hint)
        self._after_edit(int(hint.value if hasattr(hint, "value") else hint))

    def _after_edit(self, hint: int) -> None:
        """Enter in an editor commits it (SubmitModelCache): then go down, as Excel does."""
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache.value:
            self.move_down()
            self.setFocus()

    def move_down(self, up: bool = False) -> None:
        current = self.currentIndex()
        model = self.model()
        if not current.isValid() or model is None:
            return
        row = max(0, min(model.rowCount() - 1, current.row() + (-1 if up else 1)))
        self.setCurrentIndex(model.index(row, current.column()))

    # --- geometry ---------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_geometry()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        snap = getattr(self, "snap", None)          # called while the view is being set up
        if snap is not None:
            snap.extend_range()

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        if not index.isValid() or self.model() is None:
            return
        if index.column() >= self._n_frozen:
            super().scrollTo(index, hint)
            self.snap.reveal(index.column())
        else:
            row_index = self.model().index(index.row(), self._n_frozen)
            super().scrollTo(row_index if row_index.isValid() else index, hint)

    def _update_geometry(self) -> None:
        width = self.frozen_width()
        self.frozen.setGeometry(self.verticalHeader().width() + self.frameWidth(), self.frameWidth(),
                                width, self.viewport().height() + self.horizontalHeader().height())
