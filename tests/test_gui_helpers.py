"""Shared pieces of the GUI tests (imported by the test_gui_* modules): a main window over a
private workspace and settings file, and a way to open a generated sheet and wait for it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from workspacekit import child_id, liudong_record, sample_records, write_xlsx

__all__ = ["child_id", "liudong_record", "sample_records", "write_xlsx", "write_xlsx_fast", "make_window",
           "open_and_wait", "finding_keys"]


def write_xlsx_fast(path: Path, records: list[dict], unit: str = "某某镇") -> Path:
    """The same layout as workspacekit.write_xlsx, written with xlsxwriter (several times faster
    than openpyxl for the few-thousand-row sheets of the loading tests); every cell is text."""
    import xlsxwriter

    from intake.forms import load_form

    labels = {f.key: f.label for f in load_form("liudong").fields}
    keys = list(records[0])
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet()
    sheet.write_string(0, 0, "流动儿童信息登记表")
    sheet.write_string(1, 0, f"填报单位：{unit}")
    sheet.write_string(1, 3, "填报日期：2025年12月31日")
    for c, k in enumerate(keys):
        sheet.write_string(2, c, labels[k])
    for r, rec in enumerate(records, start=3):
        for c, k in enumerate(keys):
            if rec.get(k) is not None:
                sheet.write_string(r, c, rec[k])
    book.close()
    return path


def make_window(qtbot, tmp_path: Path, workspace_name: str = "ws.sqlite"):
    from desktop.app import create_application
    from desktop.main_window import MainWindow
    from desktop.settings import AppSettings
    from intake.workspace import Workspace

    create_application()
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    workspace = Workspace(tmp_path / workspace_name)
    window = MainWindow(settings, workspace)
    qtbot.addWidget(window)
    window.show()
    return window


def open_and_wait(qtbot, window, path: Path, timeout: int = 30000):
    with qtbot.waitSignal(window.sheets_opened, timeout=timeout) as blocker:
        window.open_files([str(path)])
    return blocker.args[0]


def finding_keys(findings) -> list[tuple[str, int, str | None]]:
    return sorted((f.code, f.index, f.field) for f in findings)


def test_helpers_open_a_sheet(qtbot, tmp_path):
    """The helper itself: a generated file opens into one tab whose table has the file's rows."""
    path = write_xlsx(tmp_path / "村甲.xlsx", sample_records())
    window = make_window(qtbot, tmp_path)
    tabs = open_and_wait(qtbot, window, path)
    assert len(tabs) == 1 and window.current_tab() is tabs[0]
    assert tabs[0].model.rowCount() == 4
    window.workspace.close()
