"""The recently opened files: on the welcome page and in 文件 → 最近打开."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def refresh(window: "MainWindow") -> None:
    recent = window.settings.recent_files()
    window.welcome.set_recent(recent)
    menu = window.actions.recent_menu
    menu.clear()
    for path in recent:
        menu.addAction(Path(path).name, lambda p=path: window.open_files([p])).setToolTip(path)
    if recent:
        menu.addSeparator()
        menu.addAction("清除列表", lambda: clear(window))
    menu.setEnabled(bool(recent))


def clear(window: "MainWindow") -> None:
    window.settings.clear_recent_files()
    refresh(window)
