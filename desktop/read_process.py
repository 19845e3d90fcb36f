"""Read a large workbook in a child process, so the window keeps responding.

Reading 100k rows holds Python's GIL for about 2 s in all (turning calamine's cells into Python
values and the header/cell conversion; calamine's own parse releases it): run in a thread, it
would make the window stutter for that long. The child
process runs intake.reader.read_tables and sends the tables back over a pipe one column at a
time (each message unpickles in a few milliseconds); 取消 terminates the child at once.
Small files are read in the calling thread: starting a process costs about a second.
"""
from __future__ import annotations

import multiprocessing
import time
from pathlib import Path
from typing import Callable

from intake import errors
from intake.errors import Cancelled, MopaiError, ReadError
from intake.table import SheetTable

PROCESS_MIN_BYTES = 1_000_000      # ~5000 rows; below this the GIL is held for under 0.1 s
POLL_SECONDS = 0.05
PROGRESS_INTERVAL = 0.05


def read_tables_responsive(path: Path, *, password: str | None, progress: Callable[[int, int], None],
                           cancelled: Callable[[], bool]) -> list[SheetTable]:
    """intake.reader.read_tables, in a child process for large files."""
    try:
        large = path.stat().st_size >= PROCESS_MIN_BYTES
    except OSError:
        large = False
    if not large:
        from intake.reader import read_tables
        return read_tables(path, password=password, progress=progress, cancelled=cancelled)
    return read_in_process(path, password=password, progress=progress, cancelled=cancelled)


def read_in_process(path: Path, *, password: str | None, progress: Callable[[int, int], None],
                    cancelled: Callable[[], bool]) -> list[SheetTable]:
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_main, args=(str(path), password, sender), daemon=True)
    child.start()
    sender.close()
    try:
        return _receive(receiver, child, progress, cancelled)
    finally:
        if child.is_alive():
            child.terminate()
        child.join(5)
        receiver.close()


def _receive(receiver, child, progress, cancelled) -> list[SheetTable]:
    tables: list[SheetTable] = []
    while True:
        if cancelled():
            raise Cancelled()
        if not receiver.poll(POLL_SECONDS):
            if not child.is_alive() and not receiver.poll():
                raise ReadError("读取文件时出错（读取程序意外退出），请确认文件完整后重试")
            continue
        try:
            kind, payload = receiver.recv()
        except EOFError:
            raise ReadError("读取文件时出错（读取程序意外退出），请确认文件完整后重试") from None
        if kind == "progress":
            progress(*payload)
        elif kind == "table":
            tables.append(payload)
        elif kind == "column":
            n, key, values = payload
            tables[n].data.values[key] = values
        elif kind == "extra":
            n, col, values = payload
            tables[n].extra[col] = values
        elif kind == "error":
            raise _error(*payload)
        elif kind == "done":
            return tables


def _error(name: str, message: str, wrong_password: bool) -> MopaiError:
    if name == "PasswordRequired":
        return errors.PasswordRequired(message, wrong_password=wrong_password)
    cls = getattr(errors, name, None)
    return cls(message) if isinstance(cls, type) and issubclass(cls, MopaiError) else ReadError(message)


def _child_main(path: str, password: str | None, sender) -> None:
    """Runs in the child process."""
    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - last[0] >= PROGRESS_INTERVAL:
            last[0] = now
            sender.send(("progress", (done, total)))

    try:
        from intake.reader import read_tables
        tables = read_tables(Path(path), password=password, progress=report)
        for n, table in enumerate(tables):
            values, extra = table.data.values, table.extra
            table.data.values, table.extra = {}, {}
            sender.send(("table", table))
            for key, column in values.items():
                sender.send(("column", (n, key, column)))
            for col, column in extra.items():
                sender.send(("extra", (n, col, column)))
        sender.send(("done", None))
    except MopaiError as exc:
        sender.send(("error", (type(exc).__name__, exc.message, getattr(exc, "wrong_password", False))))
    except Exception:  # noqa: BLE001 - the parent shows a Chinese message
        sender.send(("error", ("ReadError", f"文件“{Path(path).name}”无法读取，请确认它是完整的登记表文件", False)))
    finally:
        sender.close()
