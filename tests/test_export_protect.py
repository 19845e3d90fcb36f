"""Password-protected outputs: an encrypted source keeps its protection in every .xlsx output
(CLI by default, the window by default), --output-password sets one, --no-output-password
drops it; the protected file opens with the password (msoffcrypto, and this tool's reader) and
is refused without it."""
from __future__ import annotations

import io
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest

import readerfiles as rf
from intake.cli import main
from intake.errors import PasswordRequired
from intake.reader import read_tables

PASSWORD = "镇里的密码7"


@pytest.fixture
def encrypted(tmp_path) -> Path:
    plain = rf.write_xlsx(tmp_path / "plain.xlsx", [rf.liudong_sheet(4)])
    path = rf.encrypt_xlsx(plain, tmp_path / "加密的.xlsx", PASSWORD)
    plain.unlink()
    return path


def _opens_only_with(path: Path, password: str) -> openpyxl.Workbook:
    office = msoffcrypto.OfficeFile(io.BytesIO(path.read_bytes()))
    assert office.is_encrypted()
    office.load_key(password=password, verify_password=True)
    plain = io.BytesIO()
    office.decrypt(plain)
    with pytest.raises(PasswordRequired):
        read_tables(path)
    with pytest.raises(PasswordRequired):
        read_tables(path, password=password + "x")
    return openpyxl.load_workbook(plain)


def test_outputs_of_an_encrypted_source_keep_its_password(encrypted, tmp_path, capsys):
    outs = {"--upload": tmp_path / "上报.xlsx", "--return": tmp_path / "退回.xlsx", "--report": tmp_path / "清单.xlsx"}
    args = [a for option, path in outs.items() for a in (option, str(path))]
    assert main(["export", str(encrypted), "--password", PASSWORD, *args]) in (0, 1)
    assert "导出的文件已设置打开密码（与原文件相同）" in capsys.readouterr().out
    for path in outs.values():
        book = _opens_only_with(path, PASSWORD)
        assert book.worksheets
    assert len(read_tables(outs["--return"], password=PASSWORD)[0].row_numbers) == 4


def test_output_password_and_no_output_password(encrypted, tmp_path, capsys):
    other = tmp_path / "另设密码.xlsx"
    assert main(["export", str(encrypted), "--password", PASSWORD, "--output-password", "新密码",
                 "--upload", str(other)]) in (0, 1)
    _opens_only_with(other, "新密码")
    plain = tmp_path / "不加密.xlsx"
    assert main(["export", str(encrypted), "--password", PASSWORD, "--no-output-password",
                 "--upload", str(plain)]) in (0, 1)
    assert openpyxl.load_workbook(plain).worksheets
    unprotected_source = rf.write_xlsx(tmp_path / "明文.xlsx", [rf.liudong_sheet(2)])
    locked = tmp_path / "加上密码.xlsx"
    assert main(["export", str(unprotected_source), "--output-password", "pw", "--return", str(locked)]) in (0, 1)
    _opens_only_with(locked, "pw")


def test_a_csv_report_cannot_be_protected(encrypted, tmp_path, capsys):
    target = tmp_path / "清单.csv"
    assert main(["export", str(encrypted), "--password", PASSWORD, "--report", str(target)]) == 2
    err = capsys.readouterr().err
    assert "CSV文件" in err and "--no-output-password" in err and not target.exists()
    assert main(["export", str(encrypted), "--password", PASSWORD, "--no-output-password",
                 "--report", str(target)]) in (0, 1)
    assert target.read_text("utf-8-sig").startswith("工作表")


def test_the_window_keeps_the_source_protection_by_default(encrypted, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox
    from desktop import export_actions
    from test_gui_helpers import make_window, open_and_wait

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (PASSWORD, True))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    asked = []

    def question(parent, title, text, buttons, default):
        asked.append((text, default))
        return default                                   # the clerk presses Enter
    monkeypatch.setattr(QMessageBox, "question", question)
    window = make_window(qtbot, tmp_path)
    window.open_files([str(encrypted)])                  # asks the password, then opens
    qtbot.waitUntil(lambda: window.tabs.count() == 1, timeout=60000)
    tab = window.current_tab()
    for kind, name in (("return", "退回.xlsx"), ("upload", "上报.xlsx")):
        target = tmp_path / name
        protection = export_actions.ask_protection(window, tab, target)
        assert protection == (PASSWORD, PASSWORD)
        with qtbot.waitSignal(window.export_done, timeout=30000):
            export_actions.run_export(window, tab, kind, target, *protection)
        qtbot.waitUntil(lambda: not window.jobs, timeout=10000)
        _opens_only_with(target, PASSWORD)
    assert asked and asked[0][1] == QMessageBox.StandardButton.Yes and "同一个密码" in asked[0][0]
    window.workspace.close()
