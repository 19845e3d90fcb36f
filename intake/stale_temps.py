"""Stale temporary files of intake.atomic: `sweep(folder)` removes the ones whose writing
process has ended (a kill mid-write), `sweep_journal()` does so in every folder the journal of
writes in progress (in the data folder) names — the app calls it at start-up."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import time
from pathlib import Path

TAG = ".mopai-"
_TEMP = re.compile(r"^\..+\.mopai-(\d+)-[0-9a-z]+\.tmp(?:\.d)?$")
STALE_SECONDS = 2 * 24 * 3600       # older than this: stale even if its process id is reused
JOURNAL = "pending-writes"


def sweep(folder: str | os.PathLike) -> list[Path]:
    """Remove intake.atomic's temporary files in `folder` whose process has ended (or that are
    older than STALE_SECONDS); returns what was removed. Never raises."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = _TEMP.match(entry.name)
        if m is None:
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
            if _alive(int(m.group(1))) and not old:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue        # in use (Windows) or not ours to remove: left alone
    return removed


def sweep_journal() -> list[Path]:
    """At start-up: sweep every folder a write was in progress in when a process ended."""
    removed = []
    folder = _journal_dir(create=False)
    if folder is None:
        return removed
    for entry in list(folder.glob("*.txt")):
        try:
            tmp = Path(entry.read_text("utf-8"))
        except OSError:
            continue
        pid = _TEMP.match(tmp.name)
        if pid is not None and _alive(int(pid.group(1))):
            continue
        removed += sweep(tmp.parent)
        entry.unlink(missing_ok=True)
    return removed


def _journal_dir(create: bool = True) -> Path | None:
    from intake.paths import data_dir, private_dir
    folder = data_dir() / JOURNAL
    if create:
        return private_dir(folder)
    return folder if folder.is_dir() else None


def journal_add(tmp: Path) -> Path | None:
    """Note the write in progress (only its path), so a start-up after a kill finds it."""
    try:
        folder = _journal_dir()
        if folder is None or tmp.parent.resolve() == folder.resolve():
            return None
        entry = folder / (hashlib.sha1(str(tmp).encode("utf-8", "surrogatepass")).hexdigest() + ".txt")
        entry.write_text(str(tmp.resolve()), encoding="utf-8", errors="surrogatepass")
        return entry
    except OSError:
        return None         # the journal only helps the sweep; the write goes on without it


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True         # another user's process
    except OSError:
        return False
    return True


def _alive_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes
    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)      # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259
    finally:
        kernel32.CloseHandle(handle)
