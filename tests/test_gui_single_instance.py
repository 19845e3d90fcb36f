"""One window per workspace: a second start hands its files to the running window and exits;
a lock and a socket left behind by a crashed window do not stop the next start."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.single_instance import SingleInstance, parse_request, request_text, server_name
from intake import paths
from test_gui_helpers import make_window, sample_records, write_xlsx

ROOT = Path(__file__).resolve().parents[1]


def _second_start(*args: str) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "desktop", *args], env=env, cwd=str(ROOT),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_second_start_hands_its_file_to_the_running_window(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    instance = SingleInstance(paths.data_dir())
    assert instance.claim() and instance.listen()
    instance.request.connect(window.handle_request)
    path = write_xlsx(tmp_path / "村丙.xlsx", sample_records())
    with qtbot.waitSignal(window.sheets_opened, timeout=60000) as blocker:
        second = _second_start(str(path))
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60000)
    out, err = second.communicate()
    assert second.returncode == 0, err.decode("utf-8", "replace")[-2000:]
    tab = blocker.args[0][0]
    assert tab.table.source == path and window.current_tab() is tab
    # the second start opened no workspace of its own (it would be data_dir()/workspace.sqlite)
    assert not (paths.data_dir() / "workspace.sqlite").exists()
    assert instance.lock.isLocked()
    instance.release()
    window.workspace.close()


def test_a_stale_lock_and_socket_after_a_crash_do_not_block_the_next_start(qtbot, tmp_path):
    data = paths.data_dir()
    crashed = subprocess.run(
        [sys.executable, "-c",
         "import os, sys\n"
         "from PySide6.QtCore import QCoreApplication, QLockFile\n"
         "from PySide6.QtNetwork import QLocalServer\n"
         "app = QCoreApplication([])\n"
         f"lock = QLockFile({str(data / 'instance.lock')!r}); lock.setStaleLockTime(0)\n"
         "assert lock.tryLock(100)\n"
         f"server = QLocalServer(); assert server.listen({server_name(data)!r})\n"
         "print(server.fullServerName(), flush=True)\n"
         "os._exit(0)\n"],                                  # dies holding both: as kill -9 would
        capture_output=True, text=True, timeout=60, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert crashed.returncode == 0, crashed.stderr
    socket_path = crashed.stdout.strip()
    assert (data / "instance.lock").exists()
    if sys.platform != "win32":
        assert os.path.exists(socket_path)                 # a socket nobody listens on
        probe = socket.socket(socket.AF_UNIX)
        with pytest.raises(OSError):
            probe.connect(socket_path)
        probe.close()
    instance = SingleInstance(data)
    assert instance.claim()                                  # the dead process's lock is stale
    assert instance.listen()                                 # the old socket is replaced
    instance.release()


def test_requests_carry_absolute_paths_and_bad_ones_are_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files, sample = parse_request(request_text(["村甲.xlsx"], True))
    assert files == [str(tmp_path / "村甲.xlsx")] and sample
    assert parse_request(b"not json") is None
    other = server_name(tmp_path / "other")
    assert other != server_name(paths.data_dir()) and other.startswith("mopai-")
