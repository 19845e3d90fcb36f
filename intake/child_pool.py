"""Run jobs in child processes: parallel on several cores, and a crash of a native reader (a
Rust abort in calamine, an out-of-memory kill) fails only its own job, never the program.

    with ChildPool(workers=2) as pool:
        for n, result in pool.run("intake.county.intake_job:read_and_check", jobs):
            if isinstance(result, JobFailed): ...

Jobs are `(args, kwargs)` pairs for a module-level function named "module:function" (the
children are started with "spawn", as on Windows, and import it). Results come back pickled,
in submission order (`ordered=True`) or as they finish. A child that dies mid-job yields
`JobFailed(crashed=True, exitcode=...)` for that job and is replaced; a child that passes the
memory limit mid-job (intake.child_memory, read at each poll) is killed by the parent and
yields `JobFailed(crashed=True, memory=True)` (`child_memory.too_much_memory(name)` is the
message to give); an exception the function lets escape yields `JobFailed(crashed=False, message=...)` (job functions should turn expected
failures into their own results with a Chinese message). A job may call
`report_progress(done, total)`; the parent's `progress(n, done, total)` receives it.
`cancelled()` is polled: when it returns True the children are terminated and
intake.errors.Cancelled is raised. Workers are started lazily and reused across `run` calls.
"""
from __future__ import annotations

import importlib
import multiprocessing
import os
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterator, Sequence

from intake import child_memory
from intake.errors import Cancelled

POLL_SECONDS = 0.05
REAP_SECONDS = 5.0
MAX_WORKERS = 4
JOBS_PER_CHILD = 3
Job = tuple[tuple, dict]

_channel: Connection | None = None      # in a child: the connection to the parent


@dataclass(frozen=True)
class JobFailed:
    message: str              # the escaped exception (type and text), or "" for a crash
    crashed: bool = False     # the child process died (native abort, killed, out of memory)
    exitcode: int | None = None
    memory: bool = False      # ended by the parent for passing the memory limit


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def report_progress(done: int, total: int) -> None:
    """From inside a job: tell the parent how far it is (no-op outside a child)."""
    if _channel is not None:
        _channel.send(("progress", (done, total)))


# The children run side by side, one per core: each keeps polars to one thread (the parallelism
# is across the children; a thread pool per child only oversubscribes the cores: ~10 % more CPU).
CHILD_ENV = {"POLARS_MAX_THREADS": "1"}


class _Worker:
    def __init__(self, context) -> None:
        self.conn, child_end = context.Pipe()
        self.process = context.Process(target=_child_main, args=(child_end,), daemon=True)
        saved = {k: os.environ.get(k) for k in CHILD_ENV}
        os.environ.update({k: os.environ.get(k) or v for k, v in CHILD_ENV.items()})
        try:
            self.process.start()             # a spawned child inherits the environment now
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        child_end.close()
        self.job: int | None = None
        self.watch = child_memory.watchdog(self.process.pid)

    def over_memory(self) -> bool:
        return self.job is not None and self.watch is not None and self.watch.over()

    def stop(self, timeout: float = 2.0) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(timeout)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(timeout)
        self.conn.close()


class ChildPool:
    def __init__(self, workers: int | None = None) -> None:
        self.size = workers or default_workers()
        self._context = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []

    def __enter__(self) -> "ChildPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for w in self._workers:
            w.stop()
        self._workers = []

    def run(self, function: str, jobs: Sequence[Job], *, ordered: bool = True,
            progress: Callable[[int, int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> Iterator[tuple[int, Any]]:
        """(job number, result or JobFailed) for every job. A child's start costs about as much
        as a few small jobs, so a short list starts fewer children (one per JOBS_PER_CHILD)."""
        while len(self._workers) < min(self.size, -(-len(jobs) // JOBS_PER_CHILD)):
            self._workers.append(_Worker(self._context))
        waiting = list(range(len(jobs)))[::-1]
        done: dict[int, Any] = {}
        next_out = 0
        try:
            while next_out < len(jobs):
                self._assign(function, jobs, waiting)
                for n, result in self._collect(progress, cancelled):
                    done[n] = result
                if ordered:
                    while next_out in done:
                        yield next_out, done.pop(next_out)
                        next_out += 1
                else:
                    for n in sorted(done):
                        yield n, done.pop(n)
                        next_out += 1
        except BaseException:
            self._terminate()
            raise

    def _assign(self, function: str, jobs: Sequence[Job], waiting: list[int]) -> None:
        for i, w in enumerate(self._workers):
            if w.job is None and waiting:
                if not w.process.is_alive():
                    w = self._workers[i] = self._replace(w)
                w.job = waiting.pop()
                args, kwargs = jobs[w.job]
                try:
                    w.conn.send((function, args, kwargs))
                except OSError:                      # died while idle: its sentinel tells
                    pass

    def _collect(self, progress, cancelled) -> Iterator[tuple[int, Any]]:
        busy = [w for w in self._workers if w.job is not None]
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], POLL_SECONDS)
        if cancelled is not None and cancelled():
            raise Cancelled()
        for i, w in enumerate(self._workers):
            if w.over_memory():
                w.process.kill()
                yield w.job, JobFailed("", crashed=True, exitcode=_exit_code(w.process), memory=True)
                self._workers[i] = self._replace(w)
                continue
            if w.job is None or (w.conn not in ready and w.process.sentinel not in ready):
                continue
            message = self._receive(w)
            if message is None:                      # the child died mid-job
                yield w.job, JobFailed("", crashed=True, exitcode=_exit_code(w.process))
                self._workers[i] = self._replace(w)
            elif message[0] == "idle":
                continue
            elif message[0] == "progress":
                if progress is not None:
                    progress(w.job, *message[1])
            else:
                job, w.job = w.job, None
                yield job, message[1] if message[0] == "ok" else JobFailed(message[1])

    @staticmethod
    def _receive(w: _Worker) -> tuple | None:
        try:
            if w.conn.poll():
                return w.conn.recv()
        except (EOFError, OSError):
            return None
        w.process.join(POLL_SECONDS)
        return None if not w.process.is_alive() else ("idle",)

    def _replace(self, w: _Worker) -> _Worker:
        w.process.join(0.5)
        w.conn.close()
        return _Worker(self._context)

    def _terminate(self) -> None:
        for w in self._workers:
            w.process.terminate()
        for w in self._workers:
            w.process.join(2)
            w.conn.close()
        self._workers = []


def _exit_code(process) -> int | None:
    """A dead child's exit code. Its end of the pipe closes as it dies, a moment before the
    process can be reaped: wait for that moment (an unreaped child has no exit code yet)."""
    process.join(REAP_SECONDS)
    return process.exitcode


def _child_main(conn: Connection) -> None:
    """The child's loop: run each job sent, answer ("ok", result) or ("error", text)."""
    global _channel
    _channel = conn
    functions: dict[str, Callable] = {}
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        name, args, kwargs = message
        try:
            if name not in functions:
                module, _, attr = name.partition(":")
                functions[name] = getattr(importlib.import_module(module), attr)
            conn.send(("ok", functions[name](*args, **kwargs)))
        except Exception as exc:   # noqa: BLE001 - the parent turns it into a message
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
