"""Open the input file once, turning OS errors into one clear Chinese message."""
from __future__ import annotations

import errno
from pathlib import Path

from intake.errors import ReadError

LOCKED = "文件正被其他程序占用（可能在Excel或WPS中打开），请关闭后重试"
HEAD_BYTES = 8192


def read_head(path: Path) -> bytes:
    """The first bytes of the file (for sniffing); every failure is a ReadError."""
    try:
        with open(path, "rb") as fh:
            return fh.read(HEAD_BYTES)
    except FileNotFoundError as exc:
        raise ReadError(f"找不到文件“{path}”，请检查文件名和位置") from exc
    except IsADirectoryError as exc:
        raise ReadError(f"“{path}”是一个文件夹，请选择要检查的登记表文件") from exc
    except PermissionError as exc:
        raise ReadError(f"无法打开“{path.name}”：{LOCKED}") from exc
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EBUSY, errno.ETXTBSY):
            raise ReadError(f"无法打开“{path.name}”：{LOCKED}") from exc
        raise ReadError(f"无法打开“{path.name}”：{exc.strerror or exc}") from exc


def read_all(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError as exc:
        raise ReadError(f"无法打开“{path.name}”：{LOCKED}") from exc
    except OSError as exc:
        raise ReadError(f"无法打开“{path.name}”：{exc.strerror or exc}") from exc
