"""Export actions run the export functions in a worker on the current sheet, with its edits."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox

from desktop.export_actions import run_export
from test_gui_helpers import child_id, make_window, open_and_wait, sample_records, write_xlsx


@pytest.mark.parametrize("kind,name", [("upload", "上报.xlsx"), ("return", "退回.xlsx"),
                                       ("report", "问题清单.csv")])
def test_export_writes_the_file_in_a_worker(qtbot, tmp_path, monkeypatch, kind, name):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    source = write_xlsx(tmp_path / "村甲.xlsx", sample_records())
    before = source.read_bytes()
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, source)[0]
    fixed = child_id("20150302", "157")
    tab.model.setData(tab.model.index(tab.model.row_of(2), tab.model.column_of("id_number")), fixed)
    target = tmp_path / name
    with qtbot.waitSignal(window.export_done, timeout=30000) as blocker:
        run_export(window, tab, kind, target)
        assert not tab.isEnabled()                  # no edits while the writer reads the cells
    assert blocker.args == [str(target)] and target.is_file()
    qtbot.waitUntil(lambda: tab.isEnabled() and not window.jobs, timeout=5000)
    assert source.read_bytes() == before            # the original is never written
    box = next(w for w in window.findChildren(QMessageBox) if w.isVisible())
    assert box.text().count(str(target)) == 1       # the done box names the full path once
    box.close()
    if kind == "report":
        text = target.read_text(encoding="utf-8-sig")
        assert "校验码" not in text                  # the fixed ID is no longer reported
        assert "重复" in text
    elif kind == "upload":
        cells = [c for ws in load_workbook(target).worksheets for row in ws.iter_rows(values_only=True)
                 for c in row]
        assert fixed in cells                         # the edited value is what gets uploaded
    else:
        book = load_workbook(target)                  # the township's own sheet, marked
        assert "Sheet" in book.sheetnames and len(book.sheetnames) == 2
    window.workspace.close()
