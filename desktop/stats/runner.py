"""Computing the statistics off the GUI thread, bursts coalesced: `request()` (after every edit
or decision) restarts a short timer; when it fires, one job computes over a snapshot taken then;
a request while it runs is computed again once it is done (never two at a time).

A job runs in the runner's own worker thread, or through the host's `run(job, text, done,
failed)` (the county page's DeskJobs: the desk is not thread-safe, so the statistics wait their
turn among the page's jobs; `run` returning None means another job runs: tried again shortly)."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.worker import WorkerThread
from intake.stats.compute import compute
from intake.stats.inputs import stats_input

COALESCE_MS = 400
RETRY_MS = 1000
Run = Callable[[Callable, str, Callable[[Any], None], Callable[[str], None]], Any]


class StatsRunner(QObject):
    ready = Signal(object, object)      # StatsResult, ChildrenSet
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, source, run: Run | None = None, parent=None):
        super().__init__(parent)
        self.source = source
        self._run = run or self._own_thread
        self.work = None                # the job running (a WorkerThread or the host's handle)
        self._pending = False
        self.runs = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(COALESCE_MS)
        self.timer.timeout.connect(self._start)

    @property
    def busy(self) -> bool:
        return self.work is not None or self.timer.isActive()

    def request(self, now: bool = False) -> None:
        if now:
            self.timer.stop()
            self._start()
        else:
            self.timer.start()
            self.busy_changed.emit(True)

    def _start(self) -> None:
        if self.work is not None:
            self._pending = True
            return
        if not self.source.ready():
            return
        source, snap = self.source, self.source.snapshot()

        def job(_progress, _cancelled):
            children = source.children(snap)
            return compute(stats_input(children)), children
        handle = self._run(job, "正在统计", self._done, self._failed)
        if handle is None:              # the host runs another job: later
            self.timer.start(RETRY_MS)
            return
        self.runs += 1
        self.work = handle
        self.busy_changed.emit(True)

    def run_job(self, job, text: str, done, failed):
        """Another job over the same source (an export), run the way the statistics are: the
        host's handle, or None when the host is busy."""
        return self._run(job, text, done, failed)

    def _own_thread(self, job, _text, done, failed) -> WorkerThread:
        work = WorkerThread(job, self)
        work.finished.connect(done)
        work.failed.connect(failed)
        work.cancelled.connect(lambda: failed("已取消"))     # only when the view goes (stop)
        work.start()
        return work

    def _done(self, result) -> None:
        self._ended()
        self.ready.emit(*result)

    def _failed(self, message: str) -> None:
        self._ended()
        self.failed.emit(message)

    def _ended(self) -> None:
        done, self.work = self.work, None
        if isinstance(done, WorkerThread):
            done.ended.connect(done.deleteLater)
        if self._pending:
            self._pending = False
            self._start()
        else:
            self.busy_changed.emit(self.busy)

    def stop(self, ms: int = 30000) -> None:
        """Before the view goes: no new run; wait for its own thread (a host's job is the host's)."""
        self.timer.stop()
        self._pending = False
        if isinstance(self.work, WorkerThread):
            self.work.cancel()
            self.work.wait(ms)
