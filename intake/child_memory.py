"""A memory limit for the reader children, kept by the parent (not by the child itself).

A hostile or absurd file (a sheet whose cells expand to tens of GB in calamine) would make a
reader child take the whole machine's memory before the system ends something, maybe the wrong
program. The parent already polls each child every 50 ms (intake.reader.isolated,
intake.child_pool); there it calls `Watchdog.over()`, which reads the child's resident memory
(intake.process_memory) at most every CHECK_SECONDS and says when it passed `limit_bytes()`;
the parent then kills the child and gives `too_much_memory(name)`.

The limit is data (templates/reader.toml [memory]): a share of the physical memory, with a
floor and a cap. Where resident memory cannot be read (not Linux or Windows) there is no guard.
RLIMIT_AS is not used: polars and the Rust allocators reserve large virtual ranges they never
touch, so an address-space limit would refuse honest files.
"""
from __future__ import annotations

import time
import tomllib
from functools import lru_cache

from intake import process_memory
from templates import TEMPLATES_DIR

CONFIG = TEMPLATES_DIR / "reader.toml"
CHECK_SECONDS = 0.05
GB = 1 << 30

TOO_MUCH_MEMORY = ("读取“{name}”需要的内存超过了这台电脑能安全使用的上限（约{limit}），为免电脑卡死，已停止读取。"
                   "这通常是因为工作表的使用区域里有几百万个设置了格式的空白单元格（例如整行整列设了边框、"
                   "底色或数据验证），或者文件已损坏。请用Excel或WPS打开它，删除表格下面和右边多余的空白行列，"
                   "另存为.xlsx后再打开；仍然不行时，请让报送单位重新导出")


def size_text(n: int) -> str:
    return f"{n / GB:.1f} GB" if n >= GB else f"{n / (1 << 20):.0f} MB"


def too_much_memory(name: str, limit: int | None = None) -> str:
    """The clerk's message for a child ended for passing the limit."""
    limit = limit if limit is not None else limit_bytes()
    return TOO_MUCH_MEMORY.format(name=name, limit=size_text(limit or 0))


@lru_cache(maxsize=1)
def _config() -> dict:
    with open(CONFIG, "rb") as fh:
        return tomllib.load(fh)["memory"]


def limit_for(physical: int) -> int:
    """The limit on a machine with this much physical memory (bytes)."""
    cfg = _config()
    share = int(physical * float(cfg["share_of_physical"]))
    return max(int(float(cfg["floor_gb"]) * GB), min(int(float(cfg["cap_gb"]) * GB), share))


@lru_cache(maxsize=1)
def limit_bytes() -> int | None:
    """The limit on this machine (measured once), None when there is no guard here."""
    physical = process_memory.physical_memory()
    if not physical or not process_memory.rss_supported():
        return None
    return limit_for(physical)


class Watchdog:
    """Watches one child process against the limit (a reading at most every CHECK_SECONDS)."""

    def __init__(self, pid: int, limit: int) -> None:
        self.pid, self.limit = pid, limit
        self.peak = 0
        self._next = 0.0

    def over(self) -> bool:
        now = time.monotonic()
        if now < self._next:
            return False
        self._next = now + CHECK_SECONDS
        rss = process_memory.resident_bytes(self.pid) or 0
        self.peak = max(self.peak, rss)
        return rss > self.limit


def watchdog(pid: int | None) -> Watchdog | None:
    """A watchdog for a started child, or None when there is no guard on this platform."""
    limit = limit_bytes()
    return Watchdog(pid, limit) if limit is not None and pid is not None else None
