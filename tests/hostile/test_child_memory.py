"""The memory guard on the reader children (intake.child_memory): a child that passes the limit
is ended by the parent with one Chinese message (no traceback), the parent carries on, nothing
is left in $TMPDIR; a normal read is watched and unaffected; the Windows reading is simulated."""
from __future__ import annotations

import ctypes
import logging
import sys
import time
from pathlib import Path

import pytest
import readerfiles as rf
from conftest import digest, leftovers
from test_hostile_read import _one_chinese_line, _validate

from intake import child_memory, process_memory
from intake.child_pool import ChildPool, JobFailed
from intake.county.receive import _failure
from intake.errors import ReadError
from intake.reader.isolated import read_isolated, read_tables_isolated

TEST_LIMIT = 300 << 20          # far above a reader child's ~70 MB, far below memkit's 1.5 GB stop
WORDS = ["内存", "上限（约300 MB）", "空白单元格", "已损坏", "Excel或WPS", "删除", "另存为.xlsx"]


MEASURED = child_memory.limit_bytes            # measured once: cleared around each test


@pytest.fixture(autouse=True)
def _fresh_limit():
    MEASURED.cache_clear()
    yield
    MEASURED.cache_clear()


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr(child_memory, "limit_bytes", lambda: TEST_LIMIT)


@pytest.fixture
def sheet(tmp_path) -> Path:
    return rf.write_xlsx(tmp_path / "村里.xlsx", [rf.liudong_sheet(20)])


def test_a_reader_child_past_the_limit_is_ended_with_the_message(sheet, small_limit, private_tmp, caplog):
    before, folder = digest(sheet), sorted(p.name for p in sheet.parent.iterdir())
    started = time.monotonic()
    with caplog.at_level(logging.INFO), pytest.raises(ReadError) as raised:
        read_isolated("memkit:hog_reader", sheet, {})       # allocates until it is stopped
    message = raised.value.message
    assert message.startswith("读取“村里.xlsx”需要的内存超过了") and all(w in message for w in WORDS), message
    assert time.monotonic() - started < 30
    assert "ended by the parent" in caplog.text and not any(r.exc_info for r in caplog.records)
    assert digest(sheet) == before and sorted(p.name for p in sheet.parent.iterdir()) == folder
    assert leftovers(private_tmp) == []
    assert read_tables_isolated(sheet)[0].n_rows == 20                   # the parent reads on


def test_the_command_gives_one_line_and_exit_2(sheet, private_tmp, capfd, monkeypatch):
    """`mopai validate` as a clerk runs it, with a limit below any child's start-up memory."""
    monkeypatch.setattr(child_memory, "limit_bytes", lambda: 1 << 20)
    code, out, err = _validate([str(sheet)], capfd)
    line = _one_chinese_line(err, out)
    assert code == 2 and out == "" and "需要的内存超过了" in line and "约1 MB" in line
    assert leftovers(private_tmp) == []


def test_a_normal_read_is_watched_and_unaffected(sheet, private_tmp, monkeypatch):
    seen = []
    real = child_memory.watchdog
    monkeypatch.setattr(child_memory, "watchdog", lambda pid: seen.append(real(pid)) or seen[-1])
    tables = read_tables_isolated(sheet)
    assert tables[0].n_rows == 20
    assert child_memory.limit_bytes() >= 2 << 30
    assert seen and 0 < seen[0].peak < seen[0].limit            # it did read the child's memory


def test_a_pool_child_past_the_limit_fails_its_job_only(small_limit, private_tmp):
    with ChildPool(workers=1) as pool:
        out = dict(pool.run("memkit:hog_job", [((n,), {}) for n in range(3)]))
        assert out[0] == 0 and out[2] == 4
        assert isinstance(out[1], JobFailed) and out[1].memory and out[1].crashed
        assert dict(pool.run("memkit:hog_job", [((3,), {})])) == {0: 9}      # replaced, runs on
    message = _failure(Path("东街.xlsx"), out[1])
    assert message.startswith("读取“东街.xlsx”需要的内存超过了") and all(w in message for w in WORDS)
    assert leftovers(private_tmp) == []


def test_the_limit_is_a_share_of_physical_memory_within_floor_and_cap():
    cfg, gb = child_memory._config(), child_memory.GB
    assert 0 < cfg["share_of_physical"] < 1 and cfg["floor_gb"] < cfg["cap_gb"]
    assert child_memory.limit_for(8 * gb) == int(8 * gb * cfg["share_of_physical"])      # 4.8 GB
    assert child_memory.limit_for(2 * gb) == int(cfg["floor_gb"] * gb)
    assert child_memory.limit_for(256 * gb) == int(cfg["cap_gb"] * gb)


def test_no_guard_where_resident_memory_cannot_be_read(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert process_memory.resident_bytes(1) is None
    assert child_memory.limit_bytes() is None and child_memory.watchdog(1) is None


class FakeKernel32:
    """kernel32 as the Windows code calls it: fills the structures passed by reference."""
    HANDLE = 0x2A4

    def __init__(self, alive: int, working_set: int, physical: int, info_fails: bool = False):
        self.alive, self.working_set, self.physical, self.info_fails = alive, working_set, physical, info_fails
        self.calls: list[tuple] = []

    def OpenProcess(self, access, inherit, pid):
        self.calls.append(("open", access, inherit, pid))
        return self.HANDLE if pid == self.alive else None       # HANDLE restype: NULL is None

    def K32GetProcessMemoryInfo(self, handle, counters, size):
        self.calls.append(("info", handle, size))
        assert counters._obj.cb == size == ctypes.sizeof(process_memory.ProcessMemoryCounters)
        counters._obj.WorkingSetSize = self.working_set
        return 0 if self.info_fails else 1

    def CloseHandle(self, handle):
        self.calls.append(("close", handle))
        return 1

    def GlobalMemoryStatusEx(self, status):
        assert status._obj.dwLength == ctypes.sizeof(process_memory.MemoryStatusEx)
        status._obj.ullTotalPhys = self.physical
        return 1


@pytest.fixture
def windows(monkeypatch):
    def install(**kw) -> FakeKernel32:
        fake = FakeKernel32(**kw)
        monkeypatch.setattr(sys, "platform", "win32")
        monkeypatch.setattr(process_memory, "_kernel32", lambda: fake)
        return fake
    return install


def test_windows_structures_have_the_win64_layout():
    assert ctypes.sizeof(process_memory.ProcessMemoryCounters) == 72
    assert ctypes.sizeof(process_memory.MemoryStatusEx) == 64


def test_windows_working_set_of_the_child(windows):
    fake = windows(alive=4242, working_set=5 << 30, physical=8 << 30)
    assert process_memory.resident_bytes(4242) == 5 << 30
    assert fake.calls[0] == ("open", process_memory.PROCESS_QUERY_LIMITED_INFORMATION, False, 4242)
    assert fake.calls[-1] == ("close", FakeKernel32.HANDLE)
    assert process_memory.physical_memory() == 8 << 30
    assert child_memory.limit_bytes() == child_memory.limit_for(8 << 30)
    assert child_memory.watchdog(4242).over()                  # 5 GB > 4.8 GB on an 8 GB PC


def test_windows_gone_child_or_failed_reading_is_no_reading(windows):
    fake = windows(alive=4242, working_set=1 << 30, physical=8 << 30)
    assert process_memory.resident_bytes(77) is None
    assert [c[0] for c in fake.calls] == ["open"]               # nothing opened, nothing to close
    fake = windows(alive=4242, working_set=1 << 30, physical=8 << 30, info_fails=True)
    assert process_memory.resident_bytes(4242) is None
    assert [c[0] for c in fake.calls] == ["open", "info", "close"]
    assert not child_memory.watchdog(77).over()
