"""Edits acknowledged to the user survive the app being killed (SIGKILL: no cleanup at all)."""
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from intake.opening import open_stored
from intake.workspace import Workspace
from workspacekit import make_table, sample_records

TESTS = Path(__file__).resolve().parent
CHILD = r"""
import sys, time
from intake.edits import EditBatch, single
from intake.workspace import Workspace
ws = Workspace(sys.argv[1])
sheet_id = int(sys.argv[2])
old = ["张三", "李 四", "王五", "赵六"]
for i, name in enumerate(["甲一", "乙二", "丙三", "丁四"]):
    ws.record_batch(sheet_id, single(i, "name", old[i], name))      # what SheetSession.apply stores
    print("ACK", i, flush=True)
undo = single(0, "sex", "男", "女")
ws.record_batch(sheet_id, undo)
ws.mark_undone(sheet_id, undo)                                       # what SheetSession.revert stores
print("ACK undo", flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_edits_survive_a_killed_process(tmp_path):
    path = tmp_path / "ws.sqlite"
    with Workspace(path) as w:
        sheet_id = w.import_table(make_table(sample_records()))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS.parent), str(TESTS)])}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(sheet_id)],
                             stdout=subprocess.PIPE, text=True, env=env)
    try:
        acks = [child.stdout.readline().strip() for _ in range(5)]
        assert acks == ["ACK 0", "ACK 1", "ACK 2", "ACK 3", "ACK undo"]
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    with Workspace(path) as w:
        session = open_stored(w, sheet_id)
        assert session.table.data.values["name"] == ["甲一", "乙二", "丙三", "丁四"]
        assert session.table.data.values["sex"][0] == "男"
        assert session.is_edited(1, "name") and session.original(1, "name") == "李 四"
        assert not session.is_edited(0, "sex")
        assert not [f for f in session.findings.all() if f.field == "name"]
