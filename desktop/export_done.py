"""After every export (upload file, return file, problem list, blank template): say where the
file is, with 打开所在文件夹 — the clerk's next step is to attach it to a message or copy it."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def open_folder(target: Path) -> bool:
    """Show the file's folder (on Windows with the file selected)."""
    if sys.platform == "win32":
        return QProcess.startDetached("explorer.exe", [f"/select,{target}"])[0]
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent)))


def show_done(parent: QWidget, title: str, target: Path, detail: str = "",
              saved_in: Path | None = None) -> QMessageBox:
    """A non-blocking message box (open(), not exec()) with 打开所在文件夹 and 确定; saved_in: the
    folder to name instead of the file (several files were written there). The box names the
    full path once, in its first line: the detail (a summary's lines) names the file only."""
    detail = detail.replace(str(target), target.name)
    box = QMessageBox(QMessageBox.Icon.Information, title,
                      f"已保存到：{saved_in or target}" + (f"\n\n{detail}" if detail else ""), parent=parent)
    folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(folder)
    box.buttonClicked.connect(lambda button: open_folder(target) if button is folder else None)
    box.open()
    return box
