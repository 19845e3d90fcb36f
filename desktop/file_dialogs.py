"""Open and save dialogs: the system's own where there is one (Windows, macOS, a Linux desktop
with a GTK or portal theme); otherwise Qt's dialog with every label in Chinese and columns wide
enough for Chinese names (Qt 6.11's zh_CN catalogue misses the dialog's newer labels). Files are
saved by default beside the sheet they come from, never in the program's own folder. Each
dialog has a purpose (desktop.dialog_folders.Purpose) and starts in the folder last chosen for
it, with the file name the caller proposes."""
from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QHeaderView, QLineEdit, QTreeView, QWidget

from desktop.dialog_folders import Purpose, remember, settings_of, start_folder
from resources import RESOURCES_DIR

LABELS = {QFileDialog.DialogLabel.LookIn: "查找范围：", QFileDialog.DialogLabel.FileName: "文件名(&N)：",
          QFileDialog.DialogLabel.FileType: "文件类型(&T)：", QFileDialog.DialogLabel.Reject: "取消"}
INSTALL_DIR = RESOURCES_DIR.parent


def documents_folder() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def save_folder(source: Path | None) -> Path:
    """Where to save what comes from `source`: its folder, unless that is the program's own
    (the sample sheets) or cannot be written; then the user's documents folder."""
    if source is not None:
        folder = Path(source).resolve().parent
        inside_install = folder == INSTALL_DIR or INSTALL_DIR in folder.parents
        if folder.is_dir() and not inside_install and os.access(folder, os.W_OK):
            return folder
    return documents_folder()


def _dialog(parent: QWidget | None, title: str, folder: str, file_filter: str,
            mode: QFileDialog.AcceptMode) -> QFileDialog:
    dialog = QFileDialog(parent, title, folder, file_filter)
    dialog.setAcceptMode(mode)
    tree = dialog.findChild(QTreeView)
    if tree is not None:                               # Qt's own dialog, not the system's
        for label, text in LABELS.items():
            dialog.setLabelText(label, text)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept,
                            "保存(&S)" if mode == QFileDialog.AcceptMode.AcceptSave else "打开(&O)")
        dialog.resize(900, 560)
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.header().setMinimumSectionSize(110)
        tree.header().setStretchLastSection(False)
    return dialog


def open_file_names(parent: QWidget | None, purpose: Purpose, title: str, folder: str,
                    file_filter: str) -> list[str]:
    settings = settings_of(parent)
    dialog = _dialog(parent, title, start_folder(settings, purpose, folder), file_filter,
                     QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    chosen = _with_typed(dialog, dialog.selectedFiles()) if dialog.exec() else []
    if chosen:
        remember(settings, purpose, Path(chosen[0]).parent)
    return chosen


def typed_names(text: str) -> list[str]:
    """The names typed into Qt's file-name box: `"a.xlsx" "b.docx"` or one bare name."""
    quoted = re.findall(r'"([^"]+)"', text)
    return quoted if quoted else ([text.strip()] if text.strip() else [])


def _with_typed(dialog: QFileDialog, selected: list[str]) -> list[str]:
    """Qt's own dialog returns only the names it selected in its list once one typed name is
    there: a typed name the file-type filter hides (a .docx among .xlsx) was dropped without a
    word. Every typed file that exists is kept, in the order typed, so that it opens or says why."""
    box = dialog.findChild(QLineEdit, "fileNameEdit")
    if box is None:                                    # the system's dialog returns what was typed
        return selected
    folder = Path(dialog.directory().absolutePath())
    typed = [str((folder / name).resolve()) for name in typed_names(box.text())]
    typed = [name for name in typed if Path(name).is_file()]
    known = {str(Path(name).resolve()) for name in selected}
    return selected + [name for name in dict.fromkeys(typed) if name not in known]


def save_file_name(parent: QWidget | None, purpose: Purpose, title: str, path: Path, file_filter: str) -> str:
    """`path`: the proposed file; its folder is used when none was chosen for `purpose` before."""
    settings = settings_of(parent)
    dialog = _dialog(parent, title, start_folder(settings, purpose, path.parent), file_filter,
                     QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(path.name)
    suffix = path.suffix.lstrip(".")
    if suffix:
        dialog.setDefaultSuffix(suffix)
    chosen = dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""
    if chosen:
        remember(settings, purpose, Path(chosen).parent)
    return chosen


def open_folder_name(parent: QWidget | None, purpose: Purpose, title: str, folder: str) -> str:
    """A folder (the county adds a whole folder of townships' files); the next dialog of the
    same purpose starts in it."""
    settings = settings_of(parent)
    dialog = _dialog(parent, title, start_folder(settings, purpose, folder), "", QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if dialog.findChild(QTreeView) is not None:
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, "选择(&S)")
    chosen = dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""
    if chosen:
        remember(settings, purpose, chosen)
    return chosen
