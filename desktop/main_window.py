"""The main window: a welcome page or the open pages in tabs, menus and toolbar, a progress strip
with 取消 in the status bar. Opening runs in a worker thread; the window never waits for it.

Pages: SheetTabs (one township sheet each) and the county's page (desktop.county, 县级 →
县级汇总). `current_tab()` / `sheet_tabs()` only ever return SheetTabs, sheet actions are enabled
only on one, a page with an `undo_stack` joins the undo group, a page with `release()` is told
before it closes.
Which handler each action calls is in desktop.window_wiring.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStackedWidget, QTabWidget

from desktop import county_notice, recent_files, sample, window_size
from desktop.actions import build_actions, build_menus, build_toolbar
from desktop.dropping import accept_files, dropped_paths
from desktop.dialog_folders import Purpose
from desktop.file_dialogs import documents_folder, open_file_names
from desktop.loading import CheckOptions
from desktop.opener import SheetOpener
from desktop.progress import ProgressStrip
from desktop.recheck import recheck_open_sheets
from desktop.settings import SHEET_SPLITTER, WINDOW_GEOMETRY, WINDOW_STATE, AppSettings
from desktop.settings_dialog import SettingsDialog
from desktop.sheet_tab import SheetTab
from desktop.status_line import status_text
from desktop.welcome import WelcomePage
from desktop.window_wiring import connect_actions
from desktop.worker import WorkerThread
from intake.workspace import Workspace
from validators.run_support import collect_and_freeze

SAMPLE = sample.SAMPLE
ABOUT = ("摸排助手：流动儿童、留守儿童登记表的离线检查、修正与导出工具。\n"
         "依据《关于做好流动儿童和留守儿童监测摸排和统计分析工作的通知》（民发〔2024〕17号）。\n"
         "所有数据只保存在本机，不会上传。按 F1 查看使用说明。")
FILE_FILTER = "登记表 (*.xlsx *.xlsm *.xls *.et *.csv);;所有文件 (*)"


def _collect_soon(*_args) -> None:
    """A closed sheet's widgets hold its session in reference cycles: collect once it is gone."""
    QTimer.singleShot(0, collect_and_freeze)


class MainWindow(QMainWindow):
    sheets_opened = Signal(list)        # the new SheetTabs
    sheets_rechecked = Signal(list)     # SheetTabs checked again under new settings
    open_failed = Signal(str)
    open_cancelled = Signal()
    export_done = Signal(str)           # the written file
    settings_changed = Signal()         # 设置 changed the county or the reference date

    def __init__(self, settings: AppSettings, workspace: Workspace, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.workspace = workspace
        self.setWindowTitle("摸排助手")
        self.setAcceptDrops(True)
        self.undo_group = QUndoGroup(self)
        self.actions = build_actions(self, self.undo_group)
        build_menus(self, self.actions)
        self.toolbar = build_toolbar(self, self.actions)
        self.welcome = WelcomePage()
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.setMovable(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)
        self.progress = ProgressStrip()
        self.opener = SheetOpener(workspace, self.check_options, self.progress, self)
        self.opener.opened.connect(self._opened)
        self.opener.failed.connect(self.open_failed)
        self.opener.cancelled.connect(self._cancelled)
        self.open_failed.connect(lambda _message: setattr(self, "_focus_path", None))
        self.sheets_rechecked.connect(lambda tabs: [self._show_notice(t) for t in tabs if t in self.sheet_tabs()])
        self._focus_path: Path | None = None       # the file `mopai A B` should show: A
        self._to_remember: set[Path] = set()         # asked for, into the recent files once open
        self.counts = QLabel()
        self.counts.setContentsMargins(0, 0, 8, 0)
        self.statusBar().addPermanentWidget(self.counts)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().setSizeGripEnabled(False)
        connect_actions(self)
        self._refresh_recent()
        self._sheet_changed()
        self.maximise = window_size.place(self, settings.get(WINDOW_GEOMETRY))
        self.restoreState(settings.get(WINDOW_STATE))

    def show_fitted(self) -> None:
        window_size.show_fitted(self, self.maximise)

    # --- the current page ----------------------------------------------------------------------
    def current_tab(self) -> SheetTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, SheetTab) else None

    def sheet_tabs(self) -> list[SheetTab]:
        return [w for w in (self.tabs.widget(i) for i in range(self.tabs.count())) if isinstance(w, SheetTab)]

    def with_tab(self, action) -> None:
        tab = self.current_tab()
        if tab is not None:
            action(tab)

    def _sheet_changed(self, *_args) -> None:
        tab = self.current_tab()
        self.stack.setCurrentWidget(self.tabs if self.tabs.count() else self.welcome)
        for action in self.actions.sheet_actions:
            action.setEnabled(tab is not None)
        page = self.tabs.currentWidget()
        self.undo_group.setActiveStack(getattr(page, "undo_stack", None))
        self.update_counts()

    def update_counts(self) -> None:
        self.counts.setText(status_text(self.current_tab()))

    # --- opening -------------------------------------------------------------------------------
    def check_options(self) -> CheckOptions:
        return CheckOptions(as_of=self.settings.fixed_reference_date, county=self.settings.county_code)

    def choose_files(self) -> None:
        recent = self.settings.recent_files()
        folder = str(Path(recent[0]).parent if recent else documents_folder())    # never the start folder
        paths = open_file_names(self, Purpose.OPEN, "打开登记表", folder, FILE_FILTER)
        if paths:
            self.open_files(paths)

    def open_sample(self) -> None:
        """The bundled sample, checked against its own county (desktop.sample)."""
        if not SAMPLE.is_file():
            QMessageBox.warning(self, "找不到示例表格", f"示例表格“{SAMPLE.name}”不在安装目录中，请重新安装摸排助手")
            return
        self._focus_path = SAMPLE.resolve()
        self.opener.open_path(SAMPLE, options=sample.sample_options(SAMPLE, self.check_options()))

    def open_files(self, paths: list[str], remember: bool = True) -> None:
        """Open files; the first one's tab is shown when it arrives, whichever opens first."""
        if paths:
            self._focus_path = Path(paths[0]).resolve()
        for path in paths:
            if remember:                # into 最近打开的文件 once it has opened (a wrong file never)
                self._to_remember.add(Path(path).resolve())
            self.open_path(Path(path))

    def open_path(self, path: Path, password: str | None = None) -> WorkerThread:
        return self.opener.open_path(path, password)

    def open_stored(self, sheet_ids: list[int]) -> None:
        self.opener.open_stored(sheet_ids)

    @property
    def jobs(self) -> list[WorkerThread]:
        return self.opener.jobs

    def _opened(self, sessions) -> None:
        self._remember_opened(sessions)
        tabs = []
        open_ids = {t.session.sheet_id: t for t in self.sheet_tabs()}
        for session in sessions:
            if session.sheet_id in open_ids:          # already open (same file opened again)
                tabs.append(open_ids[session.sheet_id])
                continue
            tabs.append(self._add_tab(session))
        new = [t for t in tabs if t.session.sheet_id not in open_ids]
        self._focus(tabs)
        self._save_open_sheets()
        self._sheet_changed()
        if new:
            self.statusBar().showMessage(f"已打开 {len(new)} 张表格", 5000)
        self.sheets_opened.emit(new)

    def _remember_opened(self, sessions) -> None:
        sources = {Path(s.table.source).resolve() for s in sessions} & self._to_remember
        for source in sources:
            self.settings.add_recent_file(str(source))
        self._to_remember -= sources
        if sources:
            self._refresh_recent()

    def _add_tab(self, session) -> SheetTab:
        tab = SheetTab(session, settings=self.settings)
        tab.install_actions(self.actions.table_actions, self.actions.record_view)
        self._show_notice(tab)
        tab.findings_changed.connect(self.update_counts)
        tab.filter_applied.connect(self.update_counts)
        tab.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        tab.splitter.restoreState(self.settings.get(SHEET_SPLITTER))
        tab.splitter.splitterMoved.connect(
            lambda *_a, t=tab: self.settings.set(SHEET_SPLITTER, t.splitter.saveState()))
        self.tabs.addTab(tab, tab.title)
        self.tabs.setTabToolTip(self.tabs.count() - 1, tab.description)
        self.undo_group.addStack(tab.undo_stack)
        return tab

    def _focus(self, tabs: list[SheetTab]) -> None:
        """Show the tab of the file asked for first; other files opening meanwhile do not take
        its place (`mopai A B` shows A, however long A takes to read)."""
        if not tabs:
            return
        wanted = self._focus_path
        if wanted is None:
            self.tabs.setCurrentWidget(tabs[0])
            return
        mine = [t for t in tabs if Path(t.table.source).resolve() == wanted]
        if mine:
            self.tabs.setCurrentWidget(mine[0])
            self._focus_path = None

    def _cancelled(self) -> None:
        self.statusBar().showMessage("已取消", 5000)
        self.open_cancelled.emit()

    def close_tab(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is None:
            return
        if getattr(page, "undo_stack", None) is not None:
            self.undo_group.removeStack(page.undo_stack)
        if callable(getattr(page, "release", None)):
            page.release()
        self.tabs.removeTab(index)
        page.deleteLater()
        self._save_open_sheets()
        self._sheet_changed()
        page.destroyed.connect(_collect_soon)         # then its objects are garbage (run_support)

    def _save_open_sheets(self) -> None:
        self.settings.set_open_sheets([t.session.sheet_id for t in self.sheet_tabs()])

    def _refresh_recent(self) -> None:
        recent_files.refresh(self)

    # --- requests from a second start (desktop.single_instance) -------------------------------
    def handle_request(self, files: list[str], open_the_sample: bool) -> None:
        if open_the_sample:
            self.open_sample()
        if files:
            self.open_files(files)
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    # --- dialogs -------------------------------------------------------------------------------
    def bulk_fix(self) -> None:
        self.with_tab(lambda tab: tab.bulk_fix())

    def find_replace(self) -> None:
        self.with_tab(lambda tab: tab.find_replace())

    def edit_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() and dialog.save():
            self.recheck_open_sheets()
            self.settings_changed.emit()

    def recheck_open_sheets(self):
        """Check the open sheets again under new settings, staying on the same tab."""
        work = recheck_open_sheets(self)
        for tab in self.sheet_tabs():
            self._show_notice(tab)
        return work

    def _show_notice(self, tab: SheetTab) -> None:
        """The sample's own county, or a sheet wholly outside the county (not on the county's desk,
        whose sheets carry its own line)."""
        if tab.check_options is None:
            tab.show_notice(county_notice.for_tab(self.workspace, tab.session, self.settings.county_code))

    def about(self) -> None:
        QMessageBox.about(self, "关于摸排助手", ABOUT)

    # --- drag and drop, closing -------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        accept_files(event)

    def dropEvent(self, event) -> None:
        paths = dropped_paths(event)
        if paths:
            self.open_files(paths)

    def closeEvent(self, event) -> None:
        for page in [self.tabs.widget(i) for i in range(self.tabs.count())]:
            if callable(getattr(page, "release", None)):
                page.release()
        self.opener.cancel_all()
        for tab in self.sheet_tabs():
            tab.widths.save()
        self.settings.set(WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(WINDOW_STATE, self.saveState())
        super().closeEvent(event)
