"""Atomic writes: every output goes to a temporary file in the target folder, then replaces the
target in one rename, so a crash or a full disk never leaves a half-written file.
The input file is never written: writing over it is refused.

Temporary files (ID numbers are in them) follow one rule, whatever writes them:
- only beside the target: `.NAME.mopai-PID-TOKEN.tmp` (hidden, 0600 like the output), and
  `scratch_dir(tmp)` (`….tmp.d`, 0700) for a writer that needs a folder of its own temp files
  (xlsxwriter's constant_memory `tmpdir`, openpyxl's worksheet files); never in $TMPDIR;
- removed on any failure (an exception, a cancel);
- a process killed mid-write leaves at most these, which `sweep()` removes once their process
  has ended: the app at start-up (every folder in the journal of writes in progress, kept in
  the data folder) and every write before it writes into a folder (the CLI's included).
"""
from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from intake.errors import WriteError

TAG = ".mopai-"
_TEMP = re.compile(r"^\..+\.mopai-(\d+)-[0-9a-z]+\.tmp(?:\.d)?$")
STALE_SECONDS = 2 * 24 * 3600       # older than this: stale even if its process id is reused
JOURNAL = "pending-writes"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_target(target: Path, protected: Iterable[Path] = ()) -> None:
    """Refuse a target that is one of the protected (input) files."""
    for p in protected:
        if Path(p).resolve() == target.resolve() or _same_file(Path(p), target):
            raise WriteError(f"不能覆盖原始文件“{target.name}”，请换一个文件名保存")


def temp_path(target: Path) -> Path:
    """A fresh temporary name beside `target`, of this module's pattern."""
    return target.with_name(f".{target.name}{TAG}{os.getpid()}-{secrets.token_hex(4)}.tmp")


def scratch_dir(tmp: Path) -> Path:
    """A private folder beside `tmp` for a writer's own temporary files; removed with `tmp`."""
    folder = tmp.with_name(tmp.name + ".d")
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


@contextmanager
def atomic_path(target: str | os.PathLike, protected: Iterable[Path] = ()) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target` atomically.

    Usage: `with atomic_path(out, protected=[src]) as tmp: workbook.save(tmp)`.
    """
    target = Path(target)
    check_target(target, protected)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise WriteError(f"文件夹“{folder}”不存在，请先选择一个存在的文件夹")
    sweep(folder)               # what a killed write left here before
    tmp = temp_path(target)
    os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    entry = _journal_add(tmp)
    _set_hidden(tmp, True)
    try:
        yield tmp
        _set_hidden(tmp, False)
        _replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(tmp.with_name(tmp.name + ".d"), ignore_errors=True)
        if entry is not None:
            entry.unlink(missing_ok=True)


def _replace(tmp: Path, target: Path) -> None:
    try:
        os.replace(tmp, target)
    except PermissionError as exc:
        raise WriteError(f"无法写入“{target.name}”：文件可能正在被Excel或WPS打开，请关闭后再试") from exc
    except OSError as exc:
        raise WriteError(f"无法写入“{target.name}”：{exc.strerror or exc}") from exc


def write_text_atomic(target: str | os.PathLike, text: str, encoding: str = "utf-8",
                      protected: Iterable[Path] = ()) -> None:
    with atomic_path(target, protected) as tmp:
        tmp.write_text(text, encoding=encoding, newline="")


# --- stale temporary files -------------------------------------------------------------------

def sweep(folder: str | os.PathLike) -> list[Path]:
    """Remove this module's temporary files in `folder` whose process has ended (or that are
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


def _journal_add(tmp: Path) -> Path | None:
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


def _set_hidden(path: Path, hidden: bool) -> None:
    """The dot hides the file elsewhere; Windows needs its hidden attribute (cleared again before
    the rename, or the output itself would be hidden)."""
    if sys.platform != "win32":
        return
    try:  # pragma: no cover - Windows only
        import ctypes
        ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x2 if hidden else 0x80)
    except Exception:       # noqa: BLE001 - cosmetic only
        pass
