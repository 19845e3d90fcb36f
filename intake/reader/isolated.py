"""Read a file in a child process, so that a crash in a native reader is a message, not the end
of the program (python-calamine aborts the process when it cannot allocate; a Rust panic or a
segfault in any native library would do the same).

`read_tables_isolated(path, password=, form=, progress=, cancelled=)` is
intake.reader.read_tables run in a fresh child process (spawn: the same on Windows and Linux,
safe beside Qt's threads). The child sends the tables back over a pipe one column at a time
(each message decodes in milliseconds, so a GUI thread stays responsive; intake.reader.transport:
equal cells cross as one object, and the table arrives with its polars text columns); its log
records come back too and are logged here (through the masking handlers). `cancelled()` ends the child at
once. A child that dies (abort, segfault, killed for memory) becomes one ReadError naming how;
one that passes the memory limit (intake.child_memory: a share of physical memory, watched
at each poll) is ended by the parent, with a ReadError saying the file needs too much memory.
Starting the child costs about 0.1-0.3 s. Any thread may call this; several calls run
side by side (intake/county/ can read a folder of files from a thread pool this way).
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Callable

from intake import child_memory, errors
from intake.errors import Cancelled, MopaiError, ReadError
from intake.paths import data_dir, set_data_dir
from intake.table import SheetTable
from validators.run_support import gc_paused

POLL_SECONDS = 0.05
PIPE_BYTES = 1 << 20            # Linux's default /proc/sys/fs/pipe-max-size
PROGRESS_INTERVAL = 0.05
log = logging.getLogger(__name__)

CRASHED = ("读取“{name}”时，读取程序意外终止（{why}）。文件可能已损坏，或结构异常（例如使用区域极大、"
           "压缩内容异常）。请用Excel或WPS打开后另存为.xlsx再试；仍然不行时，请让报送单位重新导出")
FAILED = "文件“{name}”无法读取，请确认它是完整的登记表文件"
_WINDOWS_CODES = {0xC0000005: "内存访问错误", 0xC0000409: "程序崩溃", 0xC0000017: "内存不足",
                  0xC00000FD: "栈溢出", 3: "程序崩溃"}


def crash_reason(exitcode: int | None) -> str:
    """How the child ended, in the clerk's words (the code is kept for support)."""
    if exitcode is None:
        return "原因不明"
    if exitcode < 0:
        sig = -exitcode
        if sig == getattr(signal, "SIGKILL", 9):
            return "内存不足，被系统终止"
        if sig in (getattr(signal, "SIGABRT", 6), getattr(signal, "SIGSEGV", 11), getattr(signal, "SIGBUS", 7)):
            return f"程序崩溃，信号{sig}"
        return f"被信号{sig}终止"
    code = exitcode & 0xFFFFFFFF
    if code in _WINDOWS_CODES:
        return f"{_WINDOWS_CODES[code]}，代码{code:#x}"
    if code == 134:
        return "程序崩溃，代码134"
    return f"退出代码{exitcode}"


def read_tables_isolated(path: str | os.PathLike, *, password: str | None = None, form: str | None = None,
                         progress: Callable[[int, int], None] | None = None,
                         cancelled: Callable[[], bool] | None = None) -> list[SheetTable]:
    """intake.reader.read_tables in a child process (see the module docstring)."""
    return read_isolated(READ_TABLES, path, {"password": password, "form": form}, progress, cancelled)


READ_TABLES = "intake.reader:read_tables"


def read_isolated(reader: str, path: str | os.PathLike, options: dict,
                  progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> list[SheetTable]:
    """Any reader of the same shape as read_tables (`reader`: "module:function", called as
    function(path, progress=, **options) and returning SheetTables; options must pickle) in a
    child process, e.g. intake.reader.any_table.read_any_tables for a department's answer."""
    path = Path(path)
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    _widen(receiver)
    child = context.Process(target=_child_main, args=(reader, str(path), options, str(data_dir()), sender),
                            daemon=True, name="mopai-reader")
    child.start()
    sender.close()
    try:
        with gc_paused():           # millions of cells unpickled: no collections meanwhile
            return _receive(path, receiver, child, progress or _ignore, cancelled or _never)
    finally:
        if child.is_alive():
            child.terminate()
        child.join(5)
        receiver.close()


def _widen(connection) -> None:
    """A 1 MB pipe instead of Linux's 64 KB: 80 MB of cells then need 80 hand-overs between the
    two processes instead of 1,300 (each a wait for the other's turn on a busy machine)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import fcntl
        fcntl.fcntl(connection.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except OSError:
        pass                    # the pipe keeps its size; only slower


def _ignore(done: int, total: int) -> None:
    pass


def _never() -> bool:
    return False


def _receive(path: Path, receiver, child, progress, cancelled) -> list[SheetTable]:
    from intake.reader import transport      # polars: imported once the child is on its way
    tables: list[SheetTable] = []
    watch = child_memory.watchdog(child.pid)
    while True:
        if cancelled():
            raise Cancelled()
        if watch is not None and watch.over():
            raise _too_big(path, child, watch)
        if not receiver.poll(POLL_SECONDS):
            if not child.is_alive() and not receiver.poll():
                raise _crashed(path, child)
            continue
        try:
            kind, payload = receiver.recv()
        except (EOFError, OSError):
            raise _crashed(path, child) from None
        if kind == "progress":
            progress(*payload)
        elif kind == "log":
            log.log(payload[0], "reader child: %s", payload[1])
        elif kind == "table":
            tables.append(payload)
        elif kind == "column":
            n, key, codes, texts = payload
            tables[n].data.values[key], tables[n].data.series[key] = transport.decode(codes, texts)
        elif kind == "extra":
            n, col, codes, texts = payload
            tables[n].extra[col] = transport.decode(codes, texts)[0]
        elif kind == "error":
            raise _error(*payload)
        elif kind == "done":
            return tables


def _crashed(path: Path, child) -> ReadError:
    child.join(5)
    log.error("reader child ended unexpectedly: exit code %s", child.exitcode)
    return ReadError(CRASHED.format(name=path.name, why=crash_reason(child.exitcode)))


def _too_big(path: Path, child, watch: child_memory.Watchdog) -> ReadError:
    child.kill()
    child.join(5)
    log.error("reader child ended by the parent: %s resident, limit %s",
              child_memory.size_text(watch.peak), child_memory.size_text(watch.limit))
    return ReadError(child_memory.too_much_memory(path.name, watch.limit))


def _error(name: str, message: str, wrong_password: bool) -> MopaiError:
    if name == "PasswordRequired":
        return errors.PasswordRequired(message, wrong_password=wrong_password)
    cls = getattr(errors, name, None)
    return cls(message) if isinstance(cls, type) and issubclass(cls, MopaiError) else ReadError(message)


class _PipeHandler(logging.Handler):
    """In the child: log records go to the parent (which masks and writes them)."""

    def __init__(self, sender):
        super().__init__(logging.INFO)
        self.sender = sender

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.sender.send(("log", (record.levelno, self.format(record))))
        except Exception:       # noqa: BLE001 - the parent is gone; nothing to tell
            pass


def _child_main(reader: str, path: str, options: dict, data: str, sender) -> None:
    """Runs in the child process."""
    _silence_stderr()           # a native crash prints a Rust backtrace; the parent gives the message
    set_data_dir(data)          # remembered header mappings, as the parent sees them
    logging.getLogger().addHandler(_PipeHandler(sender))
    logging.getLogger().setLevel(logging.INFO)
    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - last[0] >= PROGRESS_INTERVAL:
            last[0] = now
            sender.send(("progress", (done, total)))

    try:
        import importlib
        # polars (for sending the columns) imports on a thread while calamine parses the file
        # (it releases the GIL): 0.1-0.25 s off the read
        threading.Thread(target=importlib.import_module, args=("intake.reader.transport",),
                         daemon=True).start()
        module, _, name = reader.partition(":")
        read = getattr(importlib.import_module(module), name)
        with gc_paused():
            tables = read(Path(path), progress=report, **options)
            from intake.reader import transport
            for n, table in enumerate(tables):
                values, extra = table.data.values, table.extra
                table.data.values, table.extra = {}, {}
                sender.send(("table", table))
                for key, column in values.items():
                    sender.send(("column", (n, key, *transport.encode(column))))
                for col, column in extra.items():
                    sender.send(("extra", (n, col, *transport.encode(column))))
            sender.send(("done", None))
    except MopaiError as exc:
        sender.send(("error", (type(exc).__name__, exc.message, getattr(exc, "wrong_password", False))))
    except Exception:  # noqa: BLE001 - the parent shows a Chinese message, the log keeps the cause
        logging.getLogger(__name__).exception("reading %s failed", Path(path).name)
        sender.send(("error", ("ReadError", FAILED.format(name=Path(path).name), False)))
    finally:
        sender.close()


def _silence_stderr() -> None:
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    except OSError:
        pass
