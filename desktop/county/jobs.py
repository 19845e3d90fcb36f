"""Long county work in a worker thread (desktop.worker), shown in the window's progress strip
with 取消: making the desk over a stored workspace, receiving files, writing the upload and
return files.

The desk is not thread-safe, so while a job runs the page is busy: its county actions are
disabled, its undo stack leaves the window's undo group (Ctrl+Z cannot reach the desk), and
edits of the county's sheets in their tabs are told to the desk once the job has ended.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from desktop.worker import WorkerThread

DeskJob = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class DeskJobs(QObject):
    busy_changed = Signal(bool)

    def __init__(self, start: Callable[[DeskJob, str], WorkerThread], parent: QObject | None = None):
        """start: runs a job with the progress strip (the window's SheetOpener.start)."""
        super().__init__(parent)
        self._start = start
        self.current: WorkerThread | None = None
        self.text = ""                              # what the running job is doing

    @property
    def busy(self) -> bool:
        return self.current is not None

    def run(self, job: DeskJob, text: str, done: Callable[[Any], None],
            failed: Callable[[str], None] | None = None,
            cancelled: Callable[[], None] | None = None) -> WorkerThread | None:
        """Start `job` unless another county job runs (None then). After `cancel()` (the page
        closes or makes its desk again) none of the handlers runs: the job was given up."""
        if self.busy:
            return None
        work = self._start(job, text)
        self.current, self.text = work, text
        self.busy_changed.emit(True)
        # the job has returned when any of these arrives: the desk is free before the handler runs
        work.finished.connect(lambda result: self._end(work, done, result))
        work.failed.connect(lambda message: self._end(work, failed, message))
        work.cancelled.connect(lambda: self._end(work, cancelled))
        work.ended.connect(lambda: self._free(work))
        return work

    def _end(self, work: WorkerThread, handler, *args) -> None:
        if self.current is not work:        # given up by cancel()
            return
        self._free(work)
        if handler is not None:
            handler(*args)

    def _free(self, work: WorkerThread) -> None:
        if self.current is work:
            self.current = None
            self.busy_changed.emit(False)

    def cancel(self) -> None:
        if self.current is not None:
            work = self.current
            work.cancel()
            work.wait()
            self._free(work)
