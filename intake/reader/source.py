"""Open the input file once, turning OS errors into one clear Chinese message that names the
real cause: missing, a folder, no permission, locked by another program, or another OS error."""
from __future__ import annotations

import errno
from pathlib import Path

from intake.errors import ReadError
from intake.privacy import quote

LOCKED = "文件正被其他程序占用（可能在Excel或WPS中打开），请关闭后重试"
NO_PERMISSION = ("没有读取这个文件的权限。请把它复制到自己的文件夹（如桌面）后再打开，"
                 "或请电脑管理员开放读取权限")
MISSING = "找不到文件“{path}”，请检查文件名和位置（文件可能已被移动、改名或删除）"
FOLDER = "“{path}”是一个文件夹，不是文件。请打开文件夹，选择其中要检查的登记表文件"
HEAD_BYTES = 8192
_WINDOWS_LOCKED = (32, 33)      # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


def source_error(path: Path, exc: OSError) -> ReadError:
    """The ReadError for an OS error met while opening or reading the input file."""
    shown = quote(str(path), 200)
    if isinstance(exc, FileNotFoundError):
        return ReadError(MISSING.format(path=shown))
    if isinstance(exc, IsADirectoryError) or path.is_dir():
        return ReadError(FOLDER.format(path=shown))
    name = quote(path.name, 120)
    if getattr(exc, "winerror", None) in _WINDOWS_LOCKED or exc.errno in (errno.EBUSY, errno.ETXTBSY):
        return ReadError(f"无法打开“{name}”：{LOCKED}")
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return ReadError(f"无法打开“{name}”：{NO_PERMISSION}")
    return ReadError(f"无法打开“{name}”：{exc.strerror or exc}")


def check_readable(path: Path) -> None:
    """ReadError unless `path` is an existing file this user may read (before long work)."""
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        raise source_error(path, exc) from exc


def read_head(path: Path) -> bytes:
    """The first bytes of the file (for sniffing); every failure is a ReadError."""
    try:
        with open(path, "rb") as fh:
            return fh.read(HEAD_BYTES)
    except OSError as exc:
        raise source_error(path, exc) from exc


def read_all(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise source_error(path, exc) from exc
