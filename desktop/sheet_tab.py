"""One open sheet: the table (frozen 姓名/公民身份号码 columns), the findings panel and the record
view, with its own undo stack. Edits go: model.edit_requested (or a paste, a clear, deleted rows)
-> EditCommand on the undo stack -> SheetSession.apply (stored in the workspace, affected rows
re-validated) -> repaint those rows. Drawing hints and deleted rows and the option dropdowns are
the delegate's (desktop.cell_delegate); copy/paste, row actions and the right-click menu live in
desktop.clipboard, desktop.row_actions and desktop.context_menu."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (QLabel, QMessageBox, QSizePolicy, QSplitter, QTabWidget, QVBoxLayout,
                               QWidget)

from desktop.bulk_fix_dialog import BulkFixDialog
from desktop.cell_delegate import CellDelegate
from desktop.column_widths import ColumnWidths
from desktop.context_menu import TableMenu, install as install_menu
from desktop.find_replace_dialog import FindReplaceDialog
from desktop.finding_entry import EntryWords
from desktop.findings_panel import FindingsPanel
from desktop.frozen_view import FrozenTableView
from desktop.navigation import next_finding_cell
from desktop.record_view import RecordView
from desktop.table_filter import filtered_records
from desktop.table_model import SheetTableModel
from desktop.undo import EditCommand
from intake.edits import EditBatch, RowBatch
from intake.errors import MopaiError
from intake.forms import load_form
from intake.session import SheetSession
from validators.engine import TableValidator
from validators.findings import Finding

NOTICE_STYLE = "QLabel { background: #e8f0fb; border: 1px solid #a9c1e3; padding: 4px 8px; }"


class SheetTab(QWidget):
    findings_changed = Signal()
    filter_applied = Signal()
    message = Signal(str)               # a line for the status bar
    edited = Signal(object)             # the records an applied or reverted batch touched

    def __init__(self, session: SheetSession, township: str = "", settings=None, parent=None):
        super().__init__(parent)
        self.session = session
        self.table = session.table
        self.form = load_form(self.table.form)
        self.township = township or self.table.reporting_unit or ""
        self.undo_stack = QUndoStack(self)
        self.check_options = None       # () -> CheckOptions: checked unlike the window's (the county's sheets)
        self.model = SheetTableModel(self.table, lambda: self.session.findings, session.is_edited, self)
        self.model.edit_requested.connect(self.request_edit)
        self.view = FrozenTableView()
        self.view.setModel(self.model)
        self.view.set_frozen_count(self.model.n_lead)
        self.view.setSortingEnabled(True)
        self.view.setItemDelegate(CellDelegate(self, self.view))
        self.view.frozen.setItemDelegate(CellDelegate(self, self.view.frozen))
        self.widths = ColumnWidths(self.view, self.model, self.form, settings, self)
        self.menu: TableMenu | None = None
        self.notice = QLabel()
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.setWordWrap(True)
        self.notice.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.notice.hide()
        self.panel = FindingsPanel(EntryWords(self.form, self.table.row_numbers))
        self.record_view = RecordView(self.form, self.table)
        self.side = QTabWidget()
        self.side.addTab(self.panel, "问题列表")
        self.side.addTab(self.record_view, "整行查看")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)
        self.panel.finding_activated.connect(self.go_to)
        self.panel.filter_changed.connect(self.apply_filter)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.panel.set_findings(self.session.findings)
        self._restore_undo_history()

    # --- labels ----------------------------------------------------------------------------------
    @property
    def title(self) -> str:
        """The tab's text: township and source file."""
        if self.township:
            return f"{self.township}（{self.table.source.name}）"
        return self.table.source.name

    @property
    def description(self) -> str:
        sheet = f"，工作表“{self.table.sheet}”" if self.table.sheet else ""
        return f"{self.form.short}：{self.table.source}{sheet}，共 {self.table.n_rows} 行"

    def show_notice(self, text: str) -> None:
        """A line above the table (e.g. 示例表格按西湖区检查)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def tell(self, text: str) -> None:
        self.message.emit(text)

    def install_actions(self, table_actions, record_view_action) -> None:
        """The window's table actions: shortcuts in this table and its right-click menu."""
        self.menu = install_menu(self, table_actions, record_view_action)

    # --- editing ---------------------------------------------------------------------------------
    def _restore_undo_history(self) -> None:
        """Edits and deleted rows kept in the workspace from an earlier session can be undone."""
        for batch in self.session.workspace.history(self.session.sheet_id):
            self.undo_stack.push(EditCommand(self, batch, already_applied=True))
        self.undo_stack.setClean()

    def request_edit(self, record: int, field: str, value: object) -> None:
        label = self.form.field(field).label if self.form.has(field) else field
        batch = self.session.edit(record, field, value, f"修改 第{self.table.row_numbers[record]}行 {label}")
        if batch.edits and batch.edits[0].old != batch.edits[0].new:
            self.push_batch(batch)

    def bulk_fix(self) -> None:
        """The bulk fixes dialog, opened on the kind selected in the findings panel."""
        dialog = BulkFixDialog(self.session, self.form, self)
        if self.panel.selected_code:
            dialog.select_code(self.panel.selected_code)
        if dialog.exec() and dialog.batch:
            self.push_batch(dialog.batch)

    def find_replace(self) -> None:
        """Find and replace, in the column of the current cell."""
        current = self.view.currentIndex()
        field = self.model.field_at(current.column()) if current.isValid() else None
        dialog = FindReplaceDialog(self.session, self.form, field, self)
        if dialog.exec() and dialog.batch:
            self.push_batch(dialog.batch)

    def push_batch(self, batch: EditBatch | RowBatch) -> None:
        if batch:
            self.undo_stack.push(EditCommand(self, batch))

    def apply_batch(self, batch: EditBatch | RowBatch) -> None:
        self._changed(lambda: self.session.apply(batch), batch)

    def revert_batch(self, batch: EditBatch | RowBatch) -> None:
        self._changed(lambda: self.session.revert(batch), batch)

    def _changed(self, action, batch: EditBatch | RowBatch) -> None:
        try:
            affected = action()
        except MopaiError as exc:
            QMessageBox.warning(self, "无法修改", exc.message)
            return
        self.refresh_rows(affected | batch.rows)
        self.edited.emit(affected)

    def refresh_rows(self, records) -> None:
        for row in self.model.records_changed(records):
            self.view.verticalHeader().updateSection(row)
        self.panel.set_findings(self.session.findings)
        self._show_current_record()
        self.findings_changed.emit()

    def use_validator(self, validator: TableValidator) -> None:
        """Findings from a new check of the same cells (settings changed): repaint everything."""
        self.session.validator = validator
        self.model.beginResetModel()
        self.model.endResetModel()
        self.apply_filter()
        self.refresh_rows(())

    # --- navigation ---------------------------------------------------------------------------------
    def go_to(self, record: int, field: str | None) -> None:
        """Select the cell of a finding (clearing the filter if it hides the row)."""
        row = self.model.row_of(record)
        if row is None:
            self.panel.reset_filters()
            self.apply_filter()
            row = self.model.row_of(record)
            if row is None:
                return
        column = self.model.column_of(field)
        index = self.model.index(row, column if column is not None else 0)
        self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        self.view.setFocus()

    def next_problem(self, backwards: bool = False) -> bool:
        current = self.view.currentIndex()
        target = next_finding_cell(self.model, self.session.findings,
                                   current.row() if current.isValid() else -1,
                                   current.column() if current.isValid() else -1, backwards)
        if target is None:
            return False
        self.go_to(*target)
        return True

    def focus_search(self) -> None:
        self.side.setCurrentWidget(self.panel)
        self.panel.search.setFocus()
        self.panel.search.selectAll()

    def current_record(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.record_at(index.row()) if index.isValid() else None

    def _current_changed(self, *_args) -> None:
        self._show_current_record()

    def _show_current_record(self) -> None:
        record = self.current_record()
        deleted = record is not None and self.session.is_deleted(record)
        self.record_view.show_record(record, self.session.findings, deleted)

    # --- filtering -------------------------------------------------------------------------------
    def apply_filter(self) -> None:
        self.model.set_filter(filtered_records(self.panel.filter_mode, self.panel.selected_code,
                                               self.panel.search_text, self.session.findings, self.table))
        self.filter_applied.emit()
