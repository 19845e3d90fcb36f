"""The county page (县级汇总), a page of the main window beside the township sheets. It holds one
CountyDesk over the app's workspace, checked with the user's county and the county's reference
date (desktop.county.context), and its own undo stack in the window's undo group.

Sub-views in `views` (a QTabWidget): 汇总情况 (the coverage board), 重复与冲突 (the conflict
queue), then the views made over each desk by `add_view_factory(title, make)` (部门比对,
desktop.county.departments_hook; 统计): `make(page)` returns the widget once the desk is made
(and again when it is made anew for another county or date). A sub-view reads `page.desk`, may
have `refresh()` (called when it is shown and after every change while it is shown) and its own
`undo_stack` (the window's undo group takes it while the sub-view is shown), runs its long work
through `page.jobs`, is told of sheet edits by `sheet_edited(sheet_id, records)`, and is disabled
while a county job runs (it must not call the desk then: the desk is not thread-safe).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QTabWidget, QVBoxLayout, QWidget

from desktop.county import board_actions, receiving
from desktop.county.board_view import BoardView
from desktop.county.commands import rebuild
from desktop.county.context import DeskContext, ask_context, current_context
from desktop.county.exports import export_returns, export_upload
from desktop.county.header import CountyHeader
from desktop.county.jobs import DeskJobs
from desktop.county.page_commands import PageCommands
from desktop.county.queue_view import QueueView
from desktop.county.received_dialog import unreadable_dialog
from desktop.county.sheet_link import SheetLink
from desktop.dropping import accept_files, dropped_paths
from desktop.file_dialogs import documents_folder
from desktop.settings import COUNTY_AS_OF
from validators.townships import townships_of

TITLE = "县级汇总"


class CountyPage(PageCommands, QWidget):
    desk_ready = Signal()
    refreshed = Signal()
    received_done = Signal(list)        # what desk.add_paths said
    export_done = Signal(str)
    message = Signal(str)               # a line for the status bar
    sheet_edited = Signal(int, object)  # a sheet's edits told to the desk: sheet id, records (None: any)

    def __init__(self, main_window, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.main_window, self.settings, self.context = main_window, main_window.settings, ctx
        self.undo_group = main_window.undo_group
        self.desk = None
        self.county_stack = QUndoStack(self)       # the county's decisions and corrections
        self.jobs = DeskJobs(main_window.opener.start, self)
        self.jobs.busy_changed.connect(self._busy)
        self.header = CountyHeader()
        self.board = BoardView()
        self.queue = QueueView(lambda: self.desk)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(self.board, "汇总情况")
        self.views.addTab(self.queue, "重复与冲突")
        self.views.currentChanged.connect(self._view_changed)
        self.link = SheetLink(self, main_window)
        self._dirty: set[int] = set()
        self._wanted = False                       # a refresh asked for while a job ran
        self._factories: list = []                 # (title, make) of the views made over each desk
        self._made: list[QWidget] = []
        self._select: str | None = None
        self.received = self.dialog = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.views, 1)
        self._connect()
        self.setAcceptDrops(True)
        self.start(ctx)

    def _connect(self) -> None:
        h = self.header
        h.add_folder.connect(lambda: receiving.choose_folder(self))
        h.add_files.connect(lambda: receiving.choose_files(self))
        h.export_upload.connect(lambda: export_upload(self))
        h.export_returns.connect(lambda: export_returns(self))
        h.change_date.connect(self.change_date)
        self.board.unreadable_requested.connect(
            lambda: unreadable_dialog([f for f in self.desk.snapshot.files if f.message], self))
        board_actions.connect(self)
        self.queue.decision_requested.connect(self.decide)
        self.queue.open_record.connect(lambda o, field: self.link.open_record(o.ref.sheet_id, o.ref.index, field))

    # --- the desk --------------------------------------------------------------------------------
    def start(self, ctx: DeskContext) -> None:
        self.context = ctx
        self.header.show_context(ctx, ctx.county, False)
        self.jobs.run(receiving.make_desk_job(self.main_window.workspace, ctx), "正在打开县级汇总",
                      self._desk_made, self.failed)

    def _desk_made(self, desk) -> None:
        self.desk = desk
        self.header.show_context(self.context, desk.county, desk.county_inferred)
        rebuild(self.county_stack, self.run_command, desk.logged_commands())
        for title, make in self._factories:
            self._make_view(title, make)
        self.link.link()
        self.refresh()
        self.desk_ready.emit()

    def check_options(self):
        """How the county's sheets are checked (a tab's check_options)."""
        return (current_context(self.settings) or self.context).options

    def restart(self, ctx: DeskContext) -> None:
        """Another county or date: a new desk (its sheets are checked again in the children)."""
        self.release()
        self.county_stack.clear()
        self.start(ctx)

    def change_date(self) -> None:
        ctx = ask_context(self.settings, self, change=True)
        if ctx is not None and ctx != self.context:
            self.restart(ctx)

    def settings_changed(self) -> None:
        ctx = current_context(self.settings)
        if ctx is None:                      # the fixed date was dropped: the county keeps its date
            self.settings.set(COUNTY_AS_OF, self.context.as_of.isoformat())
            ctx = current_context(self.settings)
        if (ctx.county, ctx.as_of) != (self.context.county, self.context.as_of):
            self.restart(ctx)
        elif self.desk is not None:
            self.context = ctx
            self.header.show_context(ctx, self.desk.county, self.desk.county_inferred)

    def release(self) -> None:
        """Before the page closes (or the desk is made again): stop its job, close the desk."""
        self.jobs.cancel()
        self.link.timer.stop()
        self.link.unlink_all()
        for view in self._made:
            self.views.removeTab(self.views.indexOf(view))
            view.deleteLater()
        self._made = []
        if self.desk is not None:
            self.desk.close()
            self.desk = None

    # --- sub-views and undo stacks ------------------------------------------------------------------
    def add_view(self, widget: QWidget, title: str) -> int:
        """A sub-view that lives as long as the page (it reads `page.desk` when refreshed)."""
        return self.views.addTab(widget, title)

    def add_view_factory(self, title: str, make) -> None:
        """A sub-view made over each desk: make(page) -> widget."""
        self._factories.append((title, make))
        if self.desk is not None:
            self._make_view(title, make)

    def _make_view(self, title: str, make) -> None:
        view = make(self)
        self._made.append(view)
        self.views.addTab(view, title)
        if getattr(view, "undo_stack", None) is not None and not self.jobs.busy:
            self.undo_group.addStack(view.undo_stack)

    @property
    def undo_stack(self) -> QUndoStack:
        """The stack Ctrl+Z works on: the shown sub-view's own, else the county's."""
        own = getattr(self.views.currentWidget(), "undo_stack", None)
        return own if own is not None else self.county_stack

    def _stacks(self) -> list[QUndoStack]:
        return [self.county_stack, *(v.undo_stack for v in self._made if getattr(v, "undo_stack", None))]

    def _view_changed(self, n: int) -> None:
        if self.main_window.tabs.currentWidget() is self and not self.jobs.busy:
            self.undo_group.setActiveStack(self.undo_stack)
        self._refresh_view(n)

    # --- showing ---------------------------------------------------------------------------------

    def refresh(self, select: str | None = None, besides: QWidget | None = None) -> None:
        """After any change: the header, then the view shown (the others when they are shown);
        besides: a view that is up to date already (the one that made the change)."""
        if select is not None:
            self._select = select
        if self.desk is None or self.jobs.busy:
            self._wanted = self.desk is not None        # done when the job ends
            return
        self._wanted = False
        self.header.show_state(self.desk)
        self._dirty = {n for n in range(self.views.count()) if self.views.widget(n) is not besides}
        self._refresh_view(self.views.currentIndex())
        self.refreshed.emit()

    def mark_stale(self, kind: type) -> None:
        """The views of this kind are refreshed when next shown (a change only they show)."""
        self._dirty |= {n for n in range(self.views.count()) if isinstance(self.views.widget(n), kind)}

    def _refresh_view(self, n: int) -> None:
        if n not in self._dirty or self.desk is None or self.jobs.busy:
            return
        self._dirty.discard(n)
        view = self.views.widget(n)
        if view is self.board:
            self.board.show_board(self.desk.board(), self.desk.snapshot)
        elif view is self.queue:
            self.queue.set_townships(self._townships())
            self.queue.refresh(self._select)
            self._select = None
        elif callable(getattr(view, "refresh", None)):
            view.refresh()

    def _townships(self) -> list[str]:
        listed = [d.name for d in townships_of(self.desk.county)] if self.desk.county else []
        others = sorted({t.name for t in self.desk.snapshot.towns.values()} - set(listed))
        return listed + others

    def _busy(self, busy: bool) -> None:
        for button in self.header.actions:
            button.setEnabled(not busy)
        self.board.files.setEnabled(not busy)
        for n in range(self.views.count()):
            if self.views.widget(n) is not self.board:
                self.views.widget(n).setEnabled(not busy)
        if busy:
            for stack in self._stacks():
                self.undo_group.removeStack(stack)
            self.header.show_busy(f"{self.jobs.text}……进度见窗口底部，可以随时取消；完成前县级汇总的操作暂不可用。")
            return
        for stack in self._stacks():
            self.undo_group.addStack(stack)
        if self._wanted:
            self.refresh()
        elif self.desk is not None:
            self.header.show_state(self.desk)
        if self.main_window.tabs.currentWidget() is self:
            self.undo_group.setActiveStack(self.undo_stack)
        self.link.tell_desk()         # edits made meanwhile (each job's own handler refreshes)

    # --- messages, folders, dropping ---------------------------------------------------------------
    def tell(self, text: str) -> None:
        self.message.emit(text)

    def failed(self, message: str) -> None:
        QMessageBox.warning(self, TITLE, message)

    def last_folder(self) -> str:
        files = [f for f in self.desk.snapshot.files] if self.desk is not None else []
        return str(Path(files[-1].path).parent) if files else str(documents_folder())

    def dragEnterEvent(self, event) -> None:
        accept_files(event)

    def dropEvent(self, event) -> None:
        paths = dropped_paths(event)
        if paths and (self.desk is None or self.jobs.busy):
            self.tell("县级汇总正忙，请稍候再拖入文件")
        elif paths:
            receiving.add_paths(self, paths)
