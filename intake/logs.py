"""The log file (mopai.log in intake.paths.data_dir()), shared by the app and the CLI.

`configure()` gives the root logger one file handler that masks every ID number in what it
writes, tracebacks included (intake.privacy.MaskingFilter); the file is private to the user
(0600). Both the window and `mopai validate/export` call it first, so no log record reaches
the console or the file unmasked.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from intake.paths import data_dir, private_file
from intake.privacy import install_masking

LOG_NAME = "mopai.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure(path: str | os.PathLike | None = None, level: int = logging.INFO) -> Path:
    """Log to `path` (default: the data folder's mopai.log) through a masking handler."""
    path = Path(path) if path is not None else data_dir() / LOG_NAME
    private_file(path)
    handler = logging.FileHandler(path, encoding="utf-8", delay=False)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._mopai = True                   # type: ignore[attr-defined]
    install_masking(handler)
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_mopai", False)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(level)
    return path


def log_uncaught() -> None:
    """Uncaught exceptions (e.g. in a Qt slot) go to the masked log as well as to stderr."""
    previous = sys.excepthook

    def hook(kind, value, tb):
        logging.getLogger("mopai").critical("uncaught exception", exc_info=(kind, value, tb))
        previous(kind, value, tb)

    sys.excepthook = hook
