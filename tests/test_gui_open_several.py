"""Several files chosen together in 打开登记表 (Qt's own dialog, typed names): every one that cannot
be opened says why, whatever is opened with it and in whatever order, the password prompt of an
encrypted workbook included. The dialogs are real; a clerk answers whichever one is on top."""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit, QMessageBox

from readerfiles import encrypt_xlsx
from test_gui_helpers import make_window, sample_records, write_xlsx


READING = 1.0      # seconds the clerk spends on each message or prompt


class Clerk:
    """Types the names into the open dialog, the password into the prompt, and reads each warning,
    taking a moment over each; notes how many messages and prompts were on screen at once."""

    def __init__(self, typed: str):
        self.typed = typed
        self.seen: list[tuple[str, str]] = []
        self.most_at_once = 0
        self.since: dict[int, float] = {}
        self.timer = QTimer()
        self.timer.setInterval(100)
        self.timer.timeout.connect(self.answer)
        self.timer.start()

    def answer(self) -> None:
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, (QMessageBox, QInputDialog)) and w.isVisible()]
        self.most_at_once = max(self.most_at_once, len(shown))
        top = QApplication.activeModalWidget()
        if isinstance(top, (QMessageBox, QInputDialog)):
            first = self.since.setdefault(id(top), time.monotonic())
            if time.monotonic() - first < READING:
                return
        if isinstance(top, QFileDialog) and top.isVisible():
            top.findChild(QLineEdit, "fileNameEdit").setText(self.typed)
            top.accept()
        elif isinstance(top, QInputDialog) and top.isVisible():
            self.seen.append(("密码", top.labelText()))
            top.setTextValue("pw")
            top.accept()
        elif isinstance(top, QMessageBox) and top.isVisible():
            self.seen.append(("提示", top.text()))
            top.accept()


@pytest.mark.parametrize("typed", ['"locked.xlsx" "notes.docx"', '"notes.docx" "locked.xlsx"'])
def test_a_wrong_file_opened_with_an_encrypted_one_says_why(qtbot, tmp_path, typed):
    folder = tmp_path / "收到的表"
    folder.mkdir()
    plain = write_xlsx(tmp_path / "plain.xlsx", sample_records()[:3])
    encrypt_xlsx(plain, folder / "locked.xlsx", "pw")
    (folder / "notes.docx").write_text("会议记录\n第二行\n", encoding="utf-8")
    window = make_window(qtbot, tmp_path)
    window.settings.add_recent_file(str(folder / "locked.xlsx"))     # the dialog starts there
    clerk = Clerk(typed)
    window.choose_files()
    qtbot.waitUntil(lambda: window.tabs.count() == 1 and len(clerk.seen) >= 2 and not window.jobs,
                    timeout=30000)
    clerk.timer.stop()
    kinds = sorted(kind for kind, _ in clerk.seen)
    assert kinds == ["密码", "提示"], clerk.seen
    assert clerk.most_at_once == 1           # one after the other, never a warning over the prompt
    warning = next(text for kind, text in clerk.seen if kind == "提示")
    assert "notes.docx" in warning
    assert window.current_tab().title
    window.workspace.close()


def test_typed_names_are_read_as_qt_writes_them():
    from desktop.file_dialogs import typed_names
    assert typed_names('"a.xlsx" "b c.docx"') == ["a.xlsx", "b c.docx"]
    assert typed_names(" 登记表.xlsx ") == ["登记表.xlsx"]
    assert typed_names("") == []
