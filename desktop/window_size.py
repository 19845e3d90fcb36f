"""The main window's size: the last one used, but never larger than the screen; maximised on a
screen smaller than the default size (1366×768 office laptops), so the status bar is always in
view."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

DEFAULT = QSize(1280, 800)


def available(window: QMainWindow) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def place(window: QMainWindow, geometry: QByteArray) -> bool:
    """Size the window; True when it should be shown maximised."""
    room = available(window)
    small = room.width() < DEFAULT.width() or room.height() < DEFAULT.height()
    window.resize(min(DEFAULT.width(), room.width()), min(DEFAULT.height(), room.height()))
    if geometry and not geometry.isEmpty() and window.restoreGeometry(geometry):
        frame = window.frameGeometry()
        if frame.width() > room.width() or frame.height() > room.height() or not room.intersects(frame):
            window.resize(min(window.width(), room.width()), min(window.height(), room.height()))
            window.move(room.topLeft())
            return True
        return window.isMaximized() or small
    return small


def show_fitted(window: QMainWindow, maximised: bool) -> None:
    if maximised:
        window.setGeometry(available(window))    # also where no window manager maximises
        window.showMaximized()
    else:
        window.show()
