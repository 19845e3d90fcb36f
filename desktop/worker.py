"""Long work (reading, validating, exporting) off the GUI thread.

A `Worker` runs one plain function `job(progress, cancelled)` in its own QThread and reports
through signals only: it never touches a widget. `progress(done, total)` is throttled so a 100k-row
read does not flood the event loop; `cancelled()` returns True once the user pressed 取消.
"""
from __future__ import annotations

import logging
import threading
import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from intake.errors import Cancelled, MopaiError

log = logging.getLogger(__name__)

Job = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]
PROGRESS_INTERVAL = 0.05   # seconds between two progress signals


class Worker(QObject):
    progress = Signal(int, int)     # done, total
    finished = Signal(object)       # the job's result
    failed = Signal(str)            # a Chinese message for the user
    cancelled = Signal()

    def __init__(self, job: Job):
        super().__init__()
        self._job = job
        self._cancel = threading.Event()
        self._last_progress = 0.0
        self.error: MopaiError | None = None     # the error behind `failed`, when it was one of ours

    def cancel(self) -> None:
        """Thread-safe: may be called from the GUI thread while the job runs."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _report(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_progress >= PROGRESS_INTERVAL:
            self._last_progress = now
            self.progress.emit(int(done), int(total))

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(self._report, self.is_cancelled)
        except Cancelled:
            self.cancelled.emit()
        except MopaiError as exc:
            self.error = exc
            self.failed.emit(exc.message)
        except MemoryError:
            self.failed.emit("内存不足，无法完成。请关闭其他程序后重试，或把表格拆成几个文件")
        except Exception:  # noqa: BLE001 - the user gets a message, the log gets the traceback
            log.error("worker failed:\n%s", traceback.format_exc())
            self.failed.emit("处理时发生意外错误，请把日志文件发给技术支持人员")
        else:
            if self.is_cancelled():
                self.cancelled.emit()
            else:
                self.finished.emit(result)


class WorkerThread(QObject):
    """Owns a QThread and a Worker; the thread quits when the worker ends, whatever the end.

    Its own signals relay the worker's into the GUI thread (this object lives there), so plain
    Python callables connected to them run in the GUI thread, never in the worker's.
    """

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()                # after any of finished / failed / cancelled

    def __init__(self, job: Job, parent: QObject | None = None):
        super().__init__(parent)
        self.thread = QThread()
        self.worker = Worker(job)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self.progress)
        self.worker.finished.connect(self.finished)
        self.worker.failed.connect(self.failed)
        self.worker.cancelled.connect(self.cancelled)
        for signal in (self.worker.finished, self.worker.failed, self.worker.cancelled):
            # direct: QThread.quit is thread-safe, and a queued quit would wait for the GUI thread
            # (a GUI thread blocked in wait() would then never see the thread end)
            signal.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.thread.finished.connect(self.ended)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel()

    def wait(self, ms: int = 30000) -> bool:
        return self.thread.wait(ms)

    @property
    def running(self) -> bool:
        return self.thread.isRunning()
