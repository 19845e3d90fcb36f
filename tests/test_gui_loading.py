"""Reading and validating run in a worker thread: the window keeps handling events, progress
arrives while a larger sheet loads, and 取消 stops the load without storing anything."""
from __future__ import annotations

from PySide6.QtCore import QTimer

from test_gui_helpers import child_id, liudong_record, make_window, write_xlsx_fast

N_ROWS = 2000


def _many_records(n: int) -> list[dict]:
    return [liudong_record(name=f"孩子{i % 97}", id_number=child_id("20150302", f"{i % 1000:03d}"))
            for i in range(n)]


def test_event_loop_keeps_running_while_a_large_sheet_loads(qtbot, tmp_path):
    path = write_xlsx_fast(tmp_path / "大表.xlsx", _many_records(N_ROWS))
    window = make_window(qtbot, tmp_path)
    ticks, progress = [], []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(window.progress.isVisible()))
    timer.start()
    with qtbot.waitSignal(window.sheets_opened, timeout=60000) as blocker:
        window.open_files([str(path)])
        window.jobs[0].progress.connect(lambda done, total: progress.append((done, total)))
        assert window.progress.isVisible()            # progress strip with 取消 is shown at once
    timer.stop()
    tab = blocker.args[0][0]
    assert tab.model.rowCount() == N_ROWS
    assert len(progress) >= 2 and progress[-1][0] == progress[-1][1]
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    assert sum(ticks) >= 3                            # the timer ticked while the load ran
    qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=5000)
    window.workspace.close()


def test_cancel_stops_loading_and_stores_nothing(qtbot, tmp_path):
    path = write_xlsx_fast(tmp_path / "大表.xlsx", _many_records(300))
    window = make_window(qtbot, tmp_path)
    with qtbot.waitSignal(window.open_cancelled, timeout=60000):
        window.open_files([str(path)])
        window.progress.cancel_button.click()
    qtbot.waitUntil(lambda: not window.jobs, timeout=10000)
    assert window.tabs.count() == 0
    assert window.workspace.sheets() == []
    assert window.stack.currentWidget() is window.welcome
    window.workspace.close()


def test_unreadable_file_gives_a_chinese_message(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"this is not a workbook")
    window = make_window(qtbot, tmp_path)
    with qtbot.waitSignal(window.open_failed, timeout=30000) as blocker:
        window.open_files([str(bad)])
    message = blocker.args[0]
    assert shown == [message]
    assert "坏文件.xlsx" in message and "Traceback" not in message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    window.workspace.close()


def test_every_file_is_read_in_a_child_process(qtbot, tmp_path, monkeypatch):
    """A native reader's crash must not close the window: every file, small or large, is read
    in a child process (intake.reader.isolated), with the same result as reading in-process."""
    from desktop import loading
    from intake.checking import check_file
    from test_gui_helpers import finding_keys, open_and_wait

    calls = []
    original = loading.read_tables_isolated
    monkeypatch.setattr(loading, "read_tables_isolated",
                        lambda *a, **k: calls.append(a) or original(*a, **k))
    path = write_xlsx_fast(tmp_path / "村乙.xlsx", _many_records(20))
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, path, timeout=60000)[0]
    assert calls
    expected = check_file(path)[0]
    assert tab.table.data.values == expected.table.data.values
    assert tab.table.row_numbers == expected.table.row_numbers
    assert finding_keys(tab.session.findings.all()) == finding_keys(expected.findings.all())
    window.workspace.close()


def test_cancel_ends_the_reader_child_process(qtbot, tmp_path, monkeypatch):
    import multiprocessing

    path = write_xlsx_fast(tmp_path / "村丙.xlsx", _many_records(200))
    window = make_window(qtbot, tmp_path)
    with qtbot.waitSignal(window.open_cancelled, timeout=60000):
        window.open_files([str(path)])
        qtbot.waitUntil(lambda: bool(multiprocessing.active_children()), timeout=10000)
        window.progress.cancel_button.click()
    qtbot.waitUntil(lambda: not window.jobs, timeout=10000)
    assert not multiprocessing.active_children()
    assert window.tabs.count() == 0 and window.workspace.sheets() == []
    window.workspace.close()
