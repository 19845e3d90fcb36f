"""Computing the statistics off the GUI thread, bursts coalesced: `request()` (after every edit
or decision) restarts a short timer; when it fires, one worker computes over a snapshot taken
then; a request while it runs is computed again once it is done (never two at a time)."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.worker import WorkerThread
from intake.stats.compute import compute
from intake.stats.inputs import stats_input

COALESCE_MS = 400


class StatsRunner(QObject):
    ready = Signal(object, object)      # StatsResult, ChildrenSet
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, source, parent=None):
        super().__init__(parent)
        self.source = source
        self.work: WorkerThread | None = None
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
        source, snap = self.source, self.source.snapshot()

        def job(_progress, _cancelled):
            children = source.children(snap)
            return compute(stats_input(children)), children
        self.runs += 1
        self.work = WorkerThread(job, self)
        self.work.finished.connect(lambda result: self.ready.emit(*result))
        self.work.failed.connect(self.failed)
        self.work.ended.connect(self._ended)
        self.busy_changed.emit(True)
        self.work.start()

    def _ended(self) -> None:
        done, self.work = self.work, None
        if done is not None:
            done.deleteLater()
        if self._pending:
            self._pending = False
            self._start()
        else:
            self.busy_changed.emit(self.busy)

    def stop(self, ms: int = 30000) -> None:
        """Before the view goes: no new run, wait for the one running."""
        self.timer.stop()
        self._pending = False
        if self.work is not None:
            self.work.cancel()
            self.work.wait(ms)
