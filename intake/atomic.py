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

import os
import secrets
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from intake.errors import WriteError
from intake.stale_temps import JOURNAL, TAG, journal_add, sweep, sweep_journal

__all__ = ["JOURNAL", "atomic_path", "check_target", "scratch_dir", "sweep", "sweep_journal",
           "temp_path", "write_text_atomic"]


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
    entry = journal_add(tmp)
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
