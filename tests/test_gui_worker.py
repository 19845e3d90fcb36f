"""The worker thread: results, Chinese failures, cancel, and a thread that ends without the GUI
thread's help (closing the window waits for it)."""
from __future__ import annotations

import time

from desktop.worker import WorkerThread
from intake.errors import ReadError


def _run(qtbot, job, signal_name: str):
    work = WorkerThread(job)
    with qtbot.waitSignal(getattr(work, signal_name), timeout=10000) as blocker:
        work.start()
    assert work.wait(2000)
    return work, blocker.args


def test_result_arrives_in_the_gui_thread(qtbot):
    def job(progress, cancelled):
        for i in range(3):
            progress(i + 1, 3)
        return "完成"
    _, args = _run(qtbot, job, "finished")
    assert args == ["完成"]


def test_errors_become_messages(qtbot):
    def bad_file(progress, cancelled):
        raise ReadError("文件已损坏，请重新导出")

    def bug(progress, cancelled):
        raise KeyError("internal")
    work, args = _run(qtbot, bad_file, "failed")
    assert args == ["文件已损坏，请重新导出"] and isinstance(work.worker.error, ReadError)
    _, args = _run(qtbot, bug, "failed")
    assert "意外错误" in args[0] and "KeyError" not in args[0]


def test_cancel_and_the_thread_ends_while_the_gui_thread_waits(qtbot):
    def slow(progress, cancelled):
        while not cancelled():
            time.sleep(0.01)
        return None
    work = WorkerThread(slow)
    work.start()
    time.sleep(0.05)
    work.cancel()
    started = time.monotonic()
    assert work.wait(5000)                    # no event processing needed for the thread to quit
    assert time.monotonic() - started < 2
    with qtbot.waitSignal(work.cancelled, timeout=5000):
        pass
