"""Files and folders dropped on a window or a page (the main window opens them as sheets, the
county page receives them)."""
from __future__ import annotations


def accept_files(event) -> None:
    """dragEnterEvent: take what carries file addresses."""
    if event.mimeData().hasUrls():
        event.acceptProposedAction()


def dropped_paths(event) -> list[str]:
    """dropEvent: the local paths dropped (the drop accepted when there are any)."""
    paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
    if paths:
        event.acceptProposedAction()
    return paths
