"""What every `mopai` subcommand shares: exit codes and the guard that turns any failure into
one Chinese line on stderr (exit code 2), never a traceback. MOPAI_DEBUG=1 shows the traceback."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Callable

from intake.errors import MopaiError

EXIT_OK, EXIT_ERRORS, EXIT_UNUSABLE = 0, 1, 2


def run_guarded(activity: str, body: Callable[[argparse.Namespace], int],
                args: argparse.Namespace) -> int:
    """body(args), with a MopaiError's message or a plain note about an unexpected failure
    (named by `activity`, e.g. 检查) printed instead of a traceback."""
    try:
        return body(args)
    except MopaiError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as exc:            # never a traceback for the clerk (the masked log keeps it)
        if os.environ.get("MOPAI_DEBUG"):
            raise
        logging.getLogger("mopai.cli").exception("%s failed", activity)
        print(f"{activity}时发生意外错误（{type(exc).__name__}），请把这个文件和本消息发给技术支持",
              file=sys.stderr)
        return EXIT_UNUSABLE


def exit_process(code: int) -> None:
    """End the process at once with `code`, once stdout and stderr are flushed: freeing a large
    sheet's millions of objects at interpreter exit takes 1-2 s and achieves nothing. Only for
    the `mopai` process itself, after every output file was written (atomic writes are complete
    when the command returns); never from code that may run inside another program."""
    import logging
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
