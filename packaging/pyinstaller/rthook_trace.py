"""PyInstaller runtime hook (build.spec): a trace of what the program really uses.

With MOPAI_TRACE_DIR set, the program writes MOPAI_TRACE_DIR/<pid>.json: the modules it imported,
the modules it looked for and nobody found (a finder placed last on sys.meta_path sees exactly
those), and on Linux the shared libraries it loaded. Written at start, every half second, at
exit, and when ended by SIGTERM (as the window and the reader's child process are). The build
test runs every path of the built program this way: a module left out of the build that the
program then looks for is a crash, or a silent fallback, in the field. Without MOPAI_TRACE_DIR
this hook does nothing.
"""
import os


def _install_trace(folder: str) -> None:
    import atexit
    import json
    import signal
    import sys
    import threading
    import time

    missing: set[str] = set()

    class NotFound:
        """Last finder on sys.meta_path: every module that reaches it does not exist."""

        @staticmethod
        def find_spec(name, path=None, target=None):
            missing.add(name)
            return None

    def loaded_libraries() -> list[str]:
        try:
            with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
                paths = {line.split(None, 5)[-1].strip() for line in maps if "/" in line}
        except OSError:  # not Linux
            return []
        return sorted(p for p in paths if ".so" in os.path.basename(p))

    lock = threading.Lock()

    def dump() -> None:
        """One writer at a time (the half-second thread, exit, SIGTERM): two writers of one temp
        file could rename a file the other has just emptied and the process end before it is
        written again, leaving an empty trace."""
        with lock:
            _write()

    def _write() -> None:
        trace = {"pid": os.getpid(), "argv": getattr(sys, "orig_argv", sys.argv),
                 "modules": sorted(sys.modules.copy()),
                 "missing": sorted(missing.copy()), "libraries": loaded_libraries()}
        path = os.path.join(folder, f"{os.getpid()}.json")
        with open(path + ".tmp", "w", encoding="utf-8") as out:
            json.dump(trace, out, ensure_ascii=False)
        os.replace(path + ".tmp", path)

    def keep_dumping() -> None:
        while True:
            dump()
            time.sleep(0.5)

    def dump_when_terminated() -> None:
        """SIGTERM is blocked in every thread but this one's sigwait (a Python handler would
        wait for the window's event loop to run Python code): dump, then end by the signal."""
        signal.sigwait({signal.SIGTERM})
        lock.acquire()          # held to the end: no other dump starts while the process ends
        _write()
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        os.kill(os.getpid(), signal.SIGTERM)

    sys.meta_path.append(NotFound)
    atexit.register(dump)
    if hasattr(signal, "pthread_sigmask"):  # POSIX; before any thread starts, which inherit it
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
        threading.Thread(target=dump_when_terminated, name="mopai-trace-end", daemon=True).start()
    threading.Thread(target=keep_dumping, name="mopai-trace", daemon=True).start()


if os.environ.get("MOPAI_TRACE_DIR"):
    _install_trace(os.environ["MOPAI_TRACE_DIR"])
