"""Deleting and restoring rows in the window: the right-click menu, the row leaving and rejoining
the upload file, one undo step, the grey struck-through look, and the mark after a restart."""
from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from desktop.export_actions import run_export
from test_gui_helpers import make_window, open_and_wait, sample_records, write_xlsx

FIXABLE_ROW = 1          # sample_records(): only certain fixes, exported
COPY_ROW = 3             # same child ID as record 0: both have id.duplicate


def _names_in_upload(path) -> list[str]:
    sheet = load_workbook(path).worksheets[0]
    header = [c.value for c in sheet[1]]
    column = header.index("姓名")
    return [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]


def _export(qtbot, window, tab, target):
    with qtbot.waitSignal(window.export_done, timeout=30000):
        run_export(window, tab, "upload", target)
    qtbot.waitUntil(lambda: tab.isEnabled() and not window.jobs, timeout=5000)
    return _names_in_upload(target)


def _select_row(tab, record):
    tab.view.selectionModel().setCurrentIndex(tab.model.index(tab.model.row_of(record), 2),
                                              QItemSelectionModel.SelectionFlag.ClearAndSelect)


def _menu_texts(menu):
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_a_deleted_row_leaves_the_upload_and_rejoins_it_when_restored(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    target = tmp_path / "上报.xlsx"
    assert "李四" in _export(qtbot, window, tab, target)       # its name written the canonical way
    index = tab.model.index(tab.model.row_of(FIXABLE_ROW), tab.model.column_of("name"))
    menu = tab.menu.for_cell(index)                                  # right-click on the name
    assert _menu_texts(menu)[:6] == ["复制", "粘贴", "清除内容", "删除行", "恢复行", "查看整行"]
    delete = next(a for a in menu.actions() if a.text() == "删除行")
    assert delete.isEnabled() and not next(a for a in menu.actions() if a.text() == "恢复行").isEnabled()
    delete.trigger()
    assert tab.session.deleted_rows == {FIXABLE_ROW} and tab.undo_stack.undoText().startswith("删除 第")
    assert "已删除 1 行" in window.counts.text()
    assert "李四" not in _export(qtbot, window, tab, target)
    notes = [r[:3] for r in load_workbook(target)["导出说明"].iter_rows(min_row=2, values_only=True)]
    assert ("未导出（乡镇已删除）", "Sheet", tab.table.row_numbers[FIXABLE_ROW]) in notes
    # drawn grey and struck through
    option = QStyleOptionViewItem()
    tab.view.itemDelegate().initStyleOption(option, index)
    assert option.font.strikeOut()
    # restore from the menu of the row number
    menu = tab.menu.for_row(tab.model.row_of(FIXABLE_ROW))
    restore = next(a for a in menu.actions() if a.text() == "恢复行")
    assert restore.isEnabled()
    restore.trigger()
    assert tab.session.deleted_rows == frozenset() and tab.undo_stack.count() == 2
    assert "李四" in _export(qtbot, window, tab, target)
    window.workspace.close()


def test_deleting_the_second_copy_clears_the_duplicate_and_undo_brings_it_back(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    assert tab.panel.group_count("id.duplicate") == 2
    _select_row(tab, COPY_ROW)
    window.actions.delete_rows.trigger()
    assert tab.panel.group_count("id.duplicate") == 0
    window.actions.undo.trigger()
    assert tab.panel.group_count("id.duplicate") == 2 and not tab.session.deleted_rows
    window.actions.redo.trigger()
    window.close()
    window.workspace.close()
    # after a restart the row is still deleted and the deletion can still be undone
    again = make_window(qtbot, tmp_path)
    with qtbot.waitSignal(again.sheets_opened, timeout=30000) as blocker:
        again.open_stored(again.settings.open_sheets())
    tab = blocker.args[0][0]
    assert tab.session.deleted_rows == {COPY_ROW} and tab.panel.group_count("id.duplicate") == 0
    assert tab.undo_stack.undoText().startswith("删除 第")
    tab.undo_stack.undo()
    assert tab.session.deleted_rows == frozenset()
    again.workspace.close()


def test_only_this_kind_filters_the_table_and_the_status_bar_says_how_many(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    index = tab.model.index(tab.model.row_of(2), tab.model.column_of("id_number"))
    menu = tab.menu.for_cell(index)
    kind = next(a for a in menu.actions() if a.text().startswith("只看此类问题"))
    assert kind.text() == "只看此类问题：身份证校验位错误"
    kind.trigger()
    assert tab.model.rowCount() == 1 and tab.panel.selected_code == "id.checksum"
    assert "显示 1 / 共 4 行" in window.counts.text()
    blank = tab.menu.for_cell(tab.model.index(0, tab.model.column_of("name")))
    assert not next(a for a in blank.actions() if a.text() == "只看此类问题").isEnabled()
    window.workspace.close()


def test_the_record_view_says_a_row_is_deleted_and_how_to_restore_it(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    view = tab.record_view
    tab.side.setCurrentWidget(view)
    _select_row(tab, FIXABLE_ROW)
    assert view.deleted_note.isHidden() and "已删除" not in view.title.text()
    next(a for a in tab.menu.for_row(tab.model.row_of(FIXABLE_ROW)).actions() if a.text() == "删除行").trigger()
    assert view.deleted_note.isVisible()
    assert "（已删除）" in view.title.text()
    assert "已删除" in view.deleted_note.text() and "恢复行" in view.deleted_note.text()
    _select_row(tab, 0)                                   # another row: not deleted
    assert view.deleted_note.isHidden() and "已删除" not in view.title.text()
    _select_row(tab, FIXABLE_ROW)
    assert view.deleted_note.isVisible()
    tab.undo_stack.undo()                                 # restored: the line goes
    assert view.deleted_note.isHidden() and "已删除" not in view.title.text()
    window.workspace.close()
