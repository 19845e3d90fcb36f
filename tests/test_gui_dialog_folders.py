"""Open and save dialogs start in the folder last chosen for their purpose (desktop.dialog_folders),
with the file name the caller proposes; a remembered folder that is gone falls back to the
caller's default. The dialogs are the app's own (desktop.file_dialogs), driven through their
callers; QFileDialog.exec is replaced so that no dialog waits for a person."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from test_gui_helpers import make_window, sample_records, write_xlsx

ORIGINAL_SELECTED = QFileDialog.selectedFiles


class Clerk:
    """Answers each dialog with the next path (None: 取消) and notes where each one started."""

    def __init__(self, monkeypatch):
        self.answers: list[Path | None] = []
        self.started: list[Path] = []          # the folder each dialog showed first
        self.proposed: list[str] = []          # the file name each save dialog proposed
        clerk = self

        def exec_(dialog) -> int:
            clerk.started.append(Path(dialog.directory().absolutePath()))
            proposed = ORIGINAL_SELECTED(dialog)
            clerk.proposed.append(Path(proposed[0]).name if proposed else "")
            dialog._answer = clerk.answers.pop(0)
            return 0 if dialog._answer is None else 1

        monkeypatch.setattr(QFileDialog, "exec", exec_)
        monkeypatch.setattr(QFileDialog, "selectedFiles", lambda dialog: [str(dialog._answer)])


@pytest.fixture
def window(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    village = tmp_path / "村里报来的"
    village.mkdir()
    window.settings.add_recent_file(str(village / "村甲.xlsx"))   # templates default beside it
    yield window
    window.workspace.close()


def test_the_second_template_dialog_starts_where_the_first_one_saved(qtbot, tmp_path, window, monkeypatch):
    from desktop.template_export import default_target, save_template
    clerk = Clerk(monkeypatch)
    usb = tmp_path / "U盘" / "上报"
    usb.mkdir(parents=True)
    default = default_target(window, "liudong")
    assert default.parent == tmp_path / "村里报来的"
    clerk.answers = [usb / "流动模板.xlsx", None]
    assert save_template(window, "liudong") == usb / "流动模板.xlsx"
    assert (usb / "流动模板.xlsx").is_file()
    save_template(window, "liudong")                    # the second time: cancelled
    assert clerk.started == [default.parent, usb]
    assert clerk.proposed == [default.name, default.name]   # the proposed name stays the caller's


def test_a_removed_folder_falls_back_to_the_default_silently(qtbot, tmp_path, window, monkeypatch):
    from desktop.template_export import default_target, save_template
    clerk = Clerk(monkeypatch)
    usb = tmp_path / "U盘"
    usb.mkdir()
    clerk.answers = [usb / "模板.xlsx", None, None]
    save_template(window, "liushou")
    save_template(window, "liushou")
    shutil.rmtree(usb)                                  # the USB stick is taken out
    save_template(window, "liushou")
    default = default_target(window, "liushou").parent
    assert clerk.started == [default, usb, default]


def test_each_purpose_remembers_its_own_folder_in_the_settings(qtbot, tmp_path, window, monkeypatch):
    from desktop.dialog_folders import Purpose
    from desktop.file_dialogs import open_file_names, open_folder_name, save_file_name
    clerk = Clerk(monkeypatch)
    child = QWidget(window)                  # a dialog's parent inside the window: the window's settings
    upload, received, returns, default = (tmp_path / n for n in ("上报", "收件", "退回", "默认"))
    for folder in (upload, received, returns, default):
        folder.mkdir()
    sheet = write_xlsx(received / "甲镇.xlsx", sample_records())
    clerk.answers = [upload / "汇总.xlsx", [sheet][0], returns]
    save_file_name(child, Purpose.UPLOAD, "导出", default / "县汇总上报.xlsx", "Excel 工作簿 (*.xlsx)")
    assert open_file_names(child, Purpose.ADD_FILES, "添加文件", str(default), "*.xlsx") == [str(sheet)]
    assert open_folder_name(child, Purpose.RETURN, "退回", str(default)) == str(returns)
    clerk.answers = [None] * 4
    save_file_name(child, Purpose.UPLOAD, "导出", default / "县汇总上报.xlsx", "Excel 工作簿 (*.xlsx)")
    open_file_names(child, Purpose.ADD_FILES, "添加文件", str(default), "*.xlsx")
    open_folder_name(child, Purpose.RETURN, "退回", str(default))
    save_file_name(child, Purpose.LOG, "记录", default / "县级汇总决定记录.xlsx", "Excel 工作簿 (*.xlsx)")
    assert clerk.started[3:] == [upload, received, returns, default]   # LOG was never chosen: its default
    assert window.settings.store.value("folders/upload") == str(upload)
    # a cancelled dialog leaves the remembered folder as it was
    assert window.settings.store.value("folders/log") is None


def test_the_open_dialog_remembers_across_windows_through_the_settings_file(qtbot, tmp_path, monkeypatch):
    from desktop.dialog_folders import Purpose
    from desktop.file_dialogs import open_file_names
    clerk = Clerk(monkeypatch)
    elsewhere = tmp_path / "村里报来的"
    elsewhere.mkdir()
    sheet = write_xlsx(elsewhere / "村甲.xlsx", sample_records())
    first = make_window(qtbot, tmp_path)
    clerk.answers = [sheet]
    open_file_names(first, Purpose.OPEN, "打开登记表", str(tmp_path), "*.xlsx")
    first.workspace.close()
    second = make_window(qtbot, tmp_path, "ws2.sqlite")   # the same settings file: the next start
    clerk.answers = [None]
    open_file_names(second, Purpose.OPEN, "打开登记表", str(tmp_path), "*.xlsx")
    second.workspace.close()
    assert clerk.started == [tmp_path, elsewhere]


def test_a_dialog_without_settings_starts_in_the_callers_default(qtbot, tmp_path, monkeypatch):
    from desktop.dialog_folders import Purpose
    from desktop.file_dialogs import save_file_name
    clerk = Clerk(monkeypatch)
    chosen, default = tmp_path / "甲", tmp_path / "乙"
    chosen.mkdir(), default.mkdir()
    clerk.answers = [chosen / "a.xlsx", None]
    save_file_name(None, Purpose.STATS, "统计", default / "统计.xlsx", "*.xlsx")
    save_file_name(None, Purpose.STATS, "统计", default / "统计.xlsx", "*.xlsx")
    assert clerk.started == [default, default]
