"""Atomic writes: every output goes to a temporary file in the target folder, then replaces the
target in one rename, so a crash or a full disk never leaves a half-written file.
The input file is never written: writing over it is refused."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from intake.errors import WriteError


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
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix + ".tmp", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        _replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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
