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
    private_dir(base)
    return base


def private_dir(path: Path) -> Path:
    """Create `path` readable by this user only (0700). On Windows the per-user application-data
    folder is private already: no mode is changed there."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    _owner_only(path, 0o700)
    return path


def private_file(path: Path) -> Path:
    """Create `path` (empty) readable by this user only (0600), or make an existing one so."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600))
    _owner_only(path, 0o600)
    return path


def _owner_only(path: Path, mode: int) -> None:
    if os.name != "posix":
        return
    try:
        if path.stat().st_mode & 0o777 != mode and path.stat().st_uid == os.getuid():
            os.chmod(path, mode)
    except OSError:
        pass            # not ours to change (a read-only mount …): leave it as it is
