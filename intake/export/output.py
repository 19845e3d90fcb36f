"""What every export shares: safe targets, atomic writes (temporary files only beside the
target, intake.atomic), optional password protection, progress and cancelling."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from intake.atomic import atomic_path, check_target, scratch_dir
from intake.errors import Cancelled, WriteError

Progress = Callable[[int, int], None]
OPEN_ELSEWHERE = "无法写入“{name}”：文件正在被Excel或WPS打开，请先关闭它再导出，或换一个文件名"


def lock_files(target: Path) -> list[Path]:
    """The owner files Excel/WPS (~$name) and LibreOffice (.~lock.name#) keep beside an open file."""
    name = target.name
    candidates = {"~$" + name, "~$" + name[2:], f".~lock.{name}#"}
    return [target.parent / c for c in candidates if c != "~$"]


def check_output(target: str | os.PathLike, protected: Iterable[Path] = ()) -> Path:
    """Refuse the input file and a file another program holds open; returns the target Path."""
    target = Path(target)
    check_target(target, [Path(p) for p in protected])
    if target.exists() and any(p.exists() for p in lock_files(target)):
        raise WriteError(OPEN_ELSEWHERE.format(name=target.name))
    return target


@contextmanager
def output_file(target: str | os.PathLike, protected: Iterable[Path] = (),
                password: str | None = None) -> Iterator[Path]:
    """A temporary path that replaces `target` when the block succeeds (intake.atomic); with
    `password` the finished .xlsx is encrypted (intake.export.protect) before it replaces it.
    openpyxl's own temporary files go beside it too (intake.export.openpyxl_temp); a writer
    with a temp-folder option gives it `writer_tmpdir(tmp)`. Stale temporary files a killed
    export left in the folder are removed first (intake.atomic)."""
    from intake.export.openpyxl_temp import temp_files_in
    from intake.export.protect import encrypt_file
    protected = [Path(p) for p in protected]
    target = check_output(target, protected)
    try:
        with atomic_path(target, protected) as tmp:
            with temp_files_in(scratch_dir(tmp)):
                yield tmp
            if password:
                encrypt_file(tmp, password)
    except PermissionError as exc:
        folder = target.parent if str(target.parent) else Path(".")
        if not os.access(folder, os.W_OK):
            raise WriteError(f"没有权限在文件夹“{folder}”中保存文件，请换一个文件夹") from exc
        raise WriteError(OPEN_ELSEWHERE.format(name=target.name)) from exc
    except OSError as exc:
        raise WriteError(f"无法写入“{target.name}”：{exc.strerror or exc}，请检查磁盘空间和文件夹权限") from exc


def writer_tmpdir(tmp: Path) -> str:
    """The folder a writer keeps its own temporary files in (xlsxwriter's `tmpdir`): beside
    the output, removed with it (intake.atomic.scratch_dir)."""
    return str(scratch_dir(tmp))


class Steps:
    """Calls progress(done, total) now and then, and raises Cancelled when cancelled() says so."""

    def __init__(self, total: int, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None, every: int = 2000):
        self.total, self.progress, self.cancelled, self.every = max(total, 1), progress, cancelled, every
        self.done = 0
        self._next = 0
        self._tell()

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.done >= self._next:
            self._tell()

    def _tell(self) -> None:
        self._next = self.done + self.every
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)

    def finish(self) -> None:
        self.done = self.total
        self._tell()
