"""The `mopai` command: subcommands go to the Qt-free CLI; no subcommand starts the app.

PySide6 is imported only when the window is wanted, so `mopai validate` starts fast and works
on a machine without a display.
"""
from __future__ import annotations

import multiprocessing
import sys

from intake.cli import SUBCOMMANDS, main as cli_main
from intake.cli_common import exit_process


def main(argv: list[str] | None = None) -> int:
    """argv None: the `mopai` process itself, which a subcommand ends with os._exit (its
    outputs flushed and closed) instead of a slow interpreter teardown."""
    # a frozen build's child process (intake.child_pool, the reader's) ends here, before any Qt
    multiprocessing.freeze_support()
    args = sys.argv[1:] if argv is None else argv
    if args and (args[0] in SUBCOMMANDS or args[0] in ("-h", "--help", "--version")):
        code = cli_main(args)
        if argv is None:
            exit_process(code)
        return code
    from desktop.platform_check import EXIT_NO_DISPLAY, problem, tell
    trouble = problem()              # before Qt tries the platform plugin (English, cryptic)
    if trouble:
        tell(trouble)
        return EXIT_NO_DISPLAY
    from desktop.app import run_app  # deferred: Qt only when the window is wanted
    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
