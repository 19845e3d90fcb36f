"""The main window: a welcome page or the open sheets in tabs, menus and toolbar, a progress strip
with 取消 in the status bar. Opening runs in a worker thread; the window never waits for it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import (QFileDialog, QLabel, QMainWindow, QMessageBox, QStackedWidget,
                               QTabWidget)

from desktop import export_actions
from desktop.actions import build_actions, build_menus, build_toolbar
from desktop.loading import CheckOptions
from desktop.opener import SheetOpener
from desktop.progress import ProgressStrip
from desktop.settings import SHEET_SPLITTER, WINDOW_GEOMETRY, WINDOW_STATE, AppSettings
from desktop.settings_dialog import SettingsDialog
from desktop.sheet_tab import SheetTab
from desktop.welcome import WelcomePage
from desktop.worker import WorkerThread
from intake.workspace import Workspace
from validators.run_support import collect_and_freeze
from resources import RESOURCES_DIR

SAMPLE = RESOURCES_DIR / "samples" / "sample_liudong.xlsx"
ABOUT = ("摸排助手：流动儿童、留守儿童登记表的离线检查、修正与导出工具。\n"
         "依据《关于做好流动儿童和留守儿童监测摸排和统计分析工作的通知》（民发〔2024〕17号）。\n"
         "所有数据只保存在本机，不会上传。")
FILE_FILTER = "登记表 (*.xlsx *.xlsm *.xls *.et *.csv);;所有文件 (*)"


def _collect_soon(*_args) -> None:
    """A closed sheet's widgets hold its session in reference cycles: collect once it is gone."""
    QTimer.singleShot(0, collect_and_freeze)


class MainWindow(QMainWindow):
    sheets_opened = Signal(list)        # the new SheetTabs
    open_failed = Signal(str)
    open_cancelled = Signal()
    export_done = Signal(str)           # the written file

    def __init__(self, settings: AppSettings, workspace: Workspace, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.workspace = workspace
        self.setWindowTitle("摸排助手")
        self.setAcceptDrops(True)
        self.undo_group = QUndoGroup(self)
        self.actions = build_actions(self, self.undo_group)
        build_menus(self, self.actions)
        build_toolbar(self, self.actions)
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
        self.counts = QLabel()
        self.statusBar().addPermanentWidget(self.counts)
        self.statusBar().addPermanentWidget(self.progress)
        self._connect()
        self._refresh_recent()
        self._sheet_changed()
        self.resize(1280, 800)
        self.restoreGeometry(settings.get(WINDOW_GEOMETRY))
        self.restoreState(settings.get(WINDOW_STATE))

    def _connect(self) -> None:
        a = self.actions
        a.open.triggered.connect(self.choose_files)
        a.sample.triggered.connect(self.open_sample)
        a.close_sheet.triggered.connect(lambda: self.close_tab(self.tabs.currentIndex()))
        a.quit.triggered.connect(self.close)
        a.bulk_fix.triggered.connect(self.bulk_fix)
        a.find_replace.triggered.connect(self.find_replace)
        a.next_problem.triggered.connect(lambda: self._with_tab(lambda t: t.next_problem()))
        a.previous_problem.triggered.connect(lambda: self._with_tab(lambda t: t.next_problem(True)))
        a.record_view.triggered.connect(lambda: self._with_tab(lambda t: t.side.setCurrentWidget(t.record_view)))
        a.search.triggered.connect(lambda: self._with_tab(lambda t: t.focus_search()))
        a.settings.triggered.connect(self.edit_settings)
        a.about.triggered.connect(self.about)
        a.export_upload.triggered.connect(lambda: export_actions.export(self, "upload"))
        a.export_return.triggered.connect(lambda: export_actions.export(self, "return"))
        a.export_report.triggered.connect(lambda: export_actions.export(self, "report"))
        self.welcome.open_requested.connect(self.choose_files)
        self.welcome.sample_requested.connect(self.open_sample)
        self.welcome.recent_requested.connect(lambda p: self.open_files([p]))
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._sheet_changed)

    # --- the current sheet ---------------------------------------------------------------------
    def current_tab(self) -> SheetTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, SheetTab) else None

    def sheet_tabs(self) -> list[SheetTab]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def _with_tab(self, action) -> None:
        tab = self.current_tab()
        if tab is not None:
            action(tab)

    def _sheet_changed(self, *_args) -> None:
        tab = self.current_tab()
        self.stack.setCurrentWidget(self.tabs if self.tabs.count() else self.welcome)
        for action in self.actions.sheet_actions:
            action.setEnabled(tab is not None)
        self.undo_group.setActiveStack(tab.undo_stack if tab else None)
        self._update_counts()

    def _update_counts(self) -> None:
        tab = self.current_tab()
        if tab is None:
            self.counts.setText("")
            return
        f = tab.session.findings
        self.counts.setText(f"{tab.description}　　错误 {f.n_errors} 个，提醒 {f.n_warnings} 个")

    # --- opening -------------------------------------------------------------------------------
    def check_options(self) -> CheckOptions:
        return CheckOptions(as_of=self.settings.fixed_reference_date, county=self.settings.county_code)

    def choose_files(self) -> None:
        recent = self.settings.recent_files()
        folder = str(Path(recent[0]).parent) if recent else ""
        paths, _ = QFileDialog.getOpenFileNames(self, "打开登记表", folder, FILE_FILTER)
        if paths:
            self.open_files(paths)

    def open_sample(self) -> None:
        if not SAMPLE.is_file():
            QMessageBox.warning(self, "找不到示例表格", f"示例表格“{SAMPLE.name}”不在安装目录中，请重新安装摸排助手")
            return
        self.open_files([str(SAMPLE)], remember=False)

    def open_files(self, paths: list[str], remember: bool = True) -> None:
        for path in paths:
            if remember:
                self.settings.add_recent_file(str(Path(path).resolve()))
            self.open_path(Path(path))
        self._refresh_recent()

    def open_path(self, path: Path, password: str | None = None) -> WorkerThread:
        return self.opener.open_path(path, password)

    def open_stored(self, sheet_ids: list[int]) -> None:
        self.opener.open_stored(sheet_ids)

    @property
    def jobs(self) -> list[WorkerThread]:
        return self.opener.jobs

    def _opened(self, sessions) -> None:
        tabs = []
        open_ids = {t.session.sheet_id: t for t in self.sheet_tabs()}
        for session in sessions:
            if session.sheet_id in open_ids:          # already open (same file opened again)
                self.tabs.setCurrentWidget(open_ids[session.sheet_id])
                continue
            tab = SheetTab(session)
            tab.findings_changed.connect(self._update_counts)
            tab.splitter.restoreState(self.settings.get(SHEET_SPLITTER))
            tab.splitter.splitterMoved.connect(
                lambda *_a, t=tab: self.settings.set(SHEET_SPLITTER, t.splitter.saveState()))
            self.tabs.addTab(tab, tab.title)
            self.tabs.setTabToolTip(self.tabs.count() - 1, tab.description)
            self.undo_group.addStack(tab.undo_stack)
            tabs.append(tab)
        if tabs:
            self.tabs.setCurrentWidget(tabs[0])
        self._save_open_sheets()
        self._sheet_changed()
        if tabs:
            self.statusBar().showMessage(f"已打开 {len(tabs)} 张表格", 5000)
        self.sheets_opened.emit(tabs)

    def _cancelled(self) -> None:
        self.statusBar().showMessage("已取消", 5000)
        self.open_cancelled.emit()

    def close_tab(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if tab is None:
            return
        self.undo_group.removeStack(tab.undo_stack)
        self.tabs.removeTab(index)
        tab.deleteLater()
        self._save_open_sheets()
        self._sheet_changed()
        tab.destroyed.connect(_collect_soon)          # then its objects are garbage (run_support)

    def _save_open_sheets(self) -> None:
        self.settings.set_open_sheets([t.session.sheet_id for t in self.sheet_tabs()])

    def _refresh_recent(self) -> None:
        recent = self.settings.recent_files()
        self.welcome.set_recent(recent)
        menu = self.actions.recent_menu
        menu.clear()
        for path in recent:
            menu.addAction(Path(path).name, lambda p=path: self.open_files([p])).setToolTip(path)
        if recent:
            menu.addSeparator()
            menu.addAction("清除列表", self._clear_recent)
        menu.setEnabled(bool(recent))

    def _clear_recent(self) -> None:
        self.settings.clear_recent_files()
        self._refresh_recent()

    # --- dialogs -------------------------------------------------------------------------------
    def bulk_fix(self) -> None:
        self._with_tab(lambda tab: tab.bulk_fix())

    def find_replace(self) -> None:
        self._with_tab(lambda tab: tab.find_replace())

    def edit_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() and dialog.save():
            self.recheck_open_sheets()

    def recheck_open_sheets(self) -> None:
        """Validate the open sheets again under new settings (their edits are in the workspace)."""
        ids = [t.session.sheet_id for t in self.sheet_tabs()]
        while self.tabs.count():
            self.close_tab(0)
        self.open_stored(ids)

    def about(self) -> None:
        QMessageBox.about(self, "关于摸排助手", ABOUT)

    # --- drag and drop, closing -------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.open_files(paths)
            event.acceptProposedAction()

    def closeEvent(self, event) -> None:
        self.opener.cancel_all()
        self.settings.set(WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(WINDOW_STATE, self.saveState())
        super().closeEvent(event)
