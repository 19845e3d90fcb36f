"""Copy, paste and clear in the table as in Excel/WPS: a tab-separated block pasted is one
validated undoable batch; Del clears; Enter moves down; option cells edit with a dropdown."""
from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit

from desktop.cell_editors import ChoiceEditor, MultiChoiceEditor
from test_gui_helpers import make_window, open_and_wait, sample_records, write_xlsx

BLOCK_FIELDS = ("sex", "birth_date", "ethnicity", "hukou_registered")


def _open(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    return window, tab


def _index(tab, record, field):
    return tab.model.index(tab.model.row_of(record), tab.model.column_of(field))


def _editor(tab, kind):
    """The open cell editor (focus may be elsewhere when several test windows exist)."""
    found = [w for w in tab.view.viewport().findChildren(kind) if w.isVisible()]
    assert len(found) == 1, found
    return found[0]


def _select(tab, top_left, bottom_right):
    tab.view.selectionModel().select(QItemSelection(top_left, bottom_right),
                                     QItemSelectionModel.SelectionFlag.ClearAndSelect)
    tab.view.selectionModel().setCurrentIndex(top_left, QItemSelectionModel.SelectionFlag.NoUpdate)


def test_a_3x4_block_from_excel_is_one_validated_step_and_one_undo(qtbot, tmp_path):
    window, tab = _open(qtbot, tmp_path)
    columns = [tab.model.column_of(k) for k in BLOCK_FIELDS]
    assert columns == list(range(columns[0], columns[0] + 4))       # adjacent, as in the sheet
    before = {(r, k): tab.table.data.get(k, r) for r in range(3) for k in BLOCK_FIELDS}
    steps = tab.undo_stack.count()
    QGuiApplication.clipboard().setText("女\t2015-03-04\t回\t否\r\n"
                                        "男\t2015/3/5\t汉族\t是\r\n"
                                        "女\t2015-03-06\t满族\t否\r\n")     # as Excel copies it
    tab.view.setCurrentIndex(_index(tab, 0, "sex"))
    tab.view.setFocus()
    window.actions.paste.trigger()
    pasted = [[tab.table.data.get(k, r) for k in BLOCK_FIELDS] for r in range(3)]
    assert pasted == [["女", "2015-03-04", "回", "否"], ["男", "2015/3/5", "汉族", "是"],
                      ["女", "2015-03-06", "满族", "否"]]
    assert tab.undo_stack.count() == steps + 1 and tab.undo_stack.undoText().startswith("粘贴 3 行 4 列")
    codes = {(f.index, f.field, f.code) for f in tab.session.findings.all()}
    assert (0, "ethnicity", "option.normalised") in codes          # validated like typed cells
    assert (1, "birth_date", "date.normalised") in codes
    stored = tab.session.workspace.batches(tab.session.sheet_id)
    assert len(stored) == 1 and stored[0].kind == "paste"           # one batch in the workspace
    window.actions.undo.trigger()                                   # one undo: the whole block
    assert {(r, k): tab.table.data.get(k, r) for r in range(3) for k in BLOCK_FIELDS} == before
    assert (0, "ethnicity", "option.normalised") not in {(f.index, f.field, f.code)
                                                         for f in tab.session.findings.all()}
    window.workspace.close()


def test_paste_skips_rows_past_the_end_and_one_value_fills_the_selection(qtbot, tmp_path):
    window, tab = _open(qtbot, tmp_path)
    QGuiApplication.clipboard().setText("a\nb\nc\n")
    tab.view.setCurrentIndex(_index(tab, 2, "school_name"))
    window.actions.paste.trigger()
    assert [tab.table.data.get("school_name", r) for r in (2, 3)] == ["a", "b"]
    assert "超出表格末尾" in window.statusBar().currentMessage()
    QGuiApplication.clipboard().setText("实验小学")
    _select(tab, _index(tab, 0, "school_name"), _index(tab, 3, "school_name"))
    window.actions.paste.trigger()
    assert {tab.table.data.get("school_name", r) for r in range(4)} == {"实验小学"}
    window.workspace.close()


def test_a_copied_1x2_block_tiles_a_3x4_selection_in_one_undoable_step(qtbot, tmp_path):
    window, tab = _open(qtbot, tmp_path)
    assert tab.model.column_of("boarding") == tab.model.column_of("school_name") + 1
    block = ["实验小学", "是"]
    for key, value in zip(("school_name", "boarding"), block):
        tab.model.setData(_index(tab, 3, key), value)
    _select(tab, _index(tab, 3, "school_name"), _index(tab, 3, "boarding"))
    window.actions.copy.trigger()
    assert QGuiApplication.clipboard().text() == "实验小学\t是\r\n"
    first = tab.model.column_of("school_name")
    fields = [tab.model.field_at(first + c) for c in range(4)]
    before = {(r, k): tab.table.data.get(k, r) for r in range(3) for k in fields}
    steps, stored = tab.undo_stack.count(), len(tab.session.workspace.batches(tab.session.sheet_id))
    assert (0, fields[3]) not in {(f.index, f.field) for f in tab.session.findings.all()}
    _select(tab, _index(tab, 0, "school_name"), tab.model.index(tab.model.row_of(2), first + 3))
    window.actions.paste.trigger()
    assert [[tab.table.data.get(k, r) for k in fields] for r in range(3)] == [block * 2] * 3
    assert tab.undo_stack.count() == steps + 1 and tab.undo_stack.undoText() == "粘贴 3 行 4 列"
    batches = tab.session.workspace.batches(tab.session.sheet_id)
    assert len(batches) == stored + 1 and batches[-1].kind == "paste"   # one batch in the workspace
    found = {(f.index, f.field) for f in tab.session.findings.all()}
    assert (0, fields[3]) in found                  # “是” pasted into 健康状况: validated
    window.actions.undo.trigger()                   # one undo: all twelve cells
    assert {(r, k): tab.table.data.get(k, r) for r in range(3) for k in fields} == before
    # a 3x3 selection is no multiple of 1x2: the block is pasted once, at its top-left
    _select(tab, _index(tab, 0, "school_name"), tab.model.index(tab.model.row_of(2), first + 2))
    window.actions.paste.trigger()
    assert tab.undo_stack.undoText() == "粘贴 1 行 2 列"
    assert [tab.table.data.get(k, 0) for k in fields[:2]] == block
    assert {(r, k): tab.table.data.get(k, r) for r in (1, 2) for k in fields} == \
        {(r, k): v for (r, k), v in before.items() if r in (1, 2)}
    window.workspace.close()


def test_copy_gives_excel_a_tab_separated_block(qtbot, tmp_path):
    window, tab = _open(qtbot, tmp_path)
    _select(tab, _index(tab, 0, "sex"), _index(tab, 1, "birth_date"))
    window.actions.copy.trigger()
    assert QGuiApplication.clipboard().text() == "男\t2015-03-02\r\n男 \t2015/3/2\r\n"
    window.workspace.close()


def test_del_clears_the_selected_cells_in_one_step(qtbot, tmp_path):
    window, tab = _open(qtbot, tmp_path)
    _select(tab, _index(tab, 0, "school_name"), _index(tab, 1, "school_name"))
    assert window.actions.clear.shortcut().toString() == "Del"
    assert window.actions.clear in tab.view.actions()               # Del works in the table
    window.actions.clear.trigger()
    assert tab.table.data.get("school_name", 0) is None and tab.table.data.get("school_name", 1) is None
    assert tab.undo_stack.undoText() == "清除 2 个单元格"
    tab.undo_stack.undo()
    assert tab.table.data.get("school_name", 0) == "金水区第一小学"
    window.workspace.close()


def test_enter_moves_down_also_after_typing(qtbot, tmp_path):
    window, tab = _open(qtbot, tmp_path)
    tab.view.setCurrentIndex(_index(tab, 0, "school_name"))
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert tab.current_record() == 1
    qtbot.keyClick(tab.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert tab.current_record() == 0
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_F2)
    editor = _editor(tab, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Shiyan")   # QTest types ASCII only
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.table.data.get("school_name", 0) == "Shiyan", timeout=5000)
    assert tab.current_record() == 1 and tab.model.field_at(tab.view.currentIndex().column()) == "school_name"
    window.workspace.close()


def test_option_cells_edit_with_a_dropdown_and_checkable_items(qtbot, tmp_path):
    window, tab = _open(qtbot, tmp_path)
    tab.view.setCurrentIndex(_index(tab, 0, "ethnicity"))
    tab.view.edit(_index(tab, 0, "ethnicity"))
    box = _editor(tab, ChoiceEditor)
    assert isinstance(box, ChoiceEditor) and box.count() == 58 and box.currentText() == "汉族"
    box.setCurrentIndex(box.findText("回族"))
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.table.data.get("ethnicity", 0) == "回族", timeout=5000)
    tab.view.setCurrentIndex(_index(tab, 0, "health"))
    tab.view.edit(_index(tab, 0, "health"))
    multi = _editor(tab, MultiChoiceEditor)
    assert multi.value() == "健康"
    item = multi.items.item(multi.findText("残疾"))
    item.setCheckState(Qt.CheckState.Checked)            # 健康 is exclusive: unticked
    multi.items.item(multi.findText("慢性病")).setCheckState(Qt.CheckState.Checked)
    assert multi.value() == "残疾、慢性病"
    tab.view.commitData(multi)
    assert tab.table.data.get("health", 0) == "残疾、慢性病"
    multi.set_value("其他（看护）、残疾")                   # a value not in the list is kept
    assert multi.value() == "残疾、其他（看护）"
    tab.view.closeEditor(multi, QAbstractItemDelegate.EndEditHint.RevertModelCache)
    assert tab.table.data.get("health", 0) == "残疾、慢性病"
    window.workspace.close()
