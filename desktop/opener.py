"""Background jobs of the main window: opening files and stored sheets (with the password prompt
for encrypted workbooks) and any other long job such as an export. Each job runs in a
WorkerThread shown in the progress strip; finished jobs are dropped."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from desktop.loading import CheckOptions, open_file_job, open_stored_job
from desktop.progress import ProgressStrip
from desktop.worker import Job, WorkerThread
from intake.errors import PasswordRequired
from intake.workspace import Workspace


class SheetOpener(QObject):
    opened = Signal(object)         # list[SheetSession]
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, workspace: Workspace, options: Callable[[], CheckOptions],
                 progress: ProgressStrip, window: QWidget):
        super().__init__(window)
        self.workspace = workspace
        self.options = options
        self.progress = progress
        self.window = window
        self.jobs: list[WorkerThread] = []
        self.passwords: dict[Path, str] = {}    # source → its open password, in memory only
        self._asks: list[Callable[[], None]] = []     # dialogs waiting for the one on screen
        self._asking = False

    def start(self, job: Job, text: str) -> WorkerThread:
        """Run any job in a worker thread, with the progress strip and 取消."""
        work = WorkerThread(job, self)
        work.ended.connect(lambda: self._ended(work))
        self.jobs.append(work)
        self.progress.track(work, text)
        work.start()
        return work

    def _ended(self, work: WorkerThread) -> None:
        work.wait()
        if work in self.jobs:
            self.jobs.remove(work)

    def cancel_all(self) -> None:
        for work in list(self.jobs):
            work.cancel()
            work.wait()

    # --- opening ---------------------------------------------------------------------------------
    def open_sessions(self, job: Job, text: str) -> WorkerThread:
        """Run a job that returns SheetSessions; they open as tabs (`opened`) like any file."""
        work = self.start(job, text)
        work.finished.connect(self.opened)
        work.cancelled.connect(self.cancelled)
        return work

    def open_path(self, path: Path, password: str | None = None,
                  options: CheckOptions | None = None) -> WorkerThread:
        """options: instead of the window's (the sample is checked against its own county)."""
        job = open_file_job(path, self.workspace, options or self.options(), password)
        work = self.open_sessions(job, f"正在读取并检查“{path.name}”")
        if password:
            work.finished.connect(lambda _sessions: self.passwords.__setitem__(Path(path).resolve(), password))
        work.failed.connect(lambda message: self._open_failed(work, path, message, options))
        return work

    def open_stored(self, sheet_ids: list[int]) -> WorkerThread | None:
        if not sheet_ids:
            return None
        work = self.open_sessions(open_stored_job(sheet_ids, self.workspace, self.options()),
                                   "正在恢复上次打开的表格")
        work.failed.connect(lambda message: self._open_failed(work, None, message))
        return work

    def _open_failed(self, work: WorkerThread, path: Path | None, message: str,
                     options: CheckOptions | None = None) -> None:
        error = work.worker.error
        self.failed.emit(message)
        if path is not None and isinstance(error, PasswordRequired):
            self._ask(lambda: self._ask_password(path, message, error.wrong_password, options))
            return
        self._ask(lambda: QMessageBox.warning(self.window, "无法打开", message))

    def _ask_password(self, path: Path, message: str, wrong: bool, options: CheckOptions | None) -> None:
        if wrong:
            QMessageBox.warning(self.window, "无法打开", message)
        password, ok = QInputDialog.getText(self.window, "需要密码",
                                            f"“{path.name}”设置了打开密码，请输入密码：",
                                            QLineEdit.EchoMode.Password)
        if ok and password:
            self.open_path(path, password, options)

    def _ask(self, dialog: Callable[[], None]) -> None:
        """One dialog at a time, in the order the files ended: a file that fails while another's
        message or password prompt is on screen waits for it, so that no warning pops up over a
        prompt being typed into (and is closed unread by the next Enter)."""
        self._asks.append(dialog)
        if self._asking:
            return                      # the loop below, running under the open dialog, shows it next
        self._asking = True
        try:
            while self._asks:
                self._asks.pop(0)()
        finally:
            self._asking = False
