"""Where the app keeps its own data (workspace database, remembered header mappings, logs).

The platform's application-data folder: %LOCALAPPDATA%\\mopai on Windows, ~/Library/Application
Support/mopai on macOS, $XDG_DATA_HOME/mopai (~/.local/share/mopai) elsewhere. The desktop app may
override it with QStandardPaths' answer via `set_data_dir`; tests set MOPAI_DATA_DIR.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

_override: Path | None = None


def set_data_dir(path: str | os.PathLike) -> None:
    global _override
    _override = Path(path)


def data_dir() -> Path:
    if os.environ.get("MOPAI_DATA_DIR"):
        base = Path(os.environ["MOPAI_DATA_DIR"])
    elif _override is not None:
        base = _override
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "mopai"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "mopai"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "mopai"
    base.mkdir(parents=True, exist_ok=True)
    return base
