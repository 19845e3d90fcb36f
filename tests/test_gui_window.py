"""The main window driven like a clerk would: open a generated sheet, see the same findings as
`mopai validate`, fix a bad ID number in place, undo and redo, bulk-fix, reopen the workspace."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.table_model import ERROR_BRUSH
from validators.findings import Severity
from intake.checking import check_file
from test_gui_helpers import (child_id, finding_keys, make_window, open_and_wait, sample_records,
                              write_xlsx)

BAD_ID_ROW = 2            # sample_records(): record 2 has a wrong check digit
GOOD_ID = child_id("20150302", "157")


def _open_sample(qtbot, tmp_path):
    path = write_xlsx(tmp_path / "村甲.xlsx", sample_records())
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, path)[0]
    return window, tab, path


def _cell(tab, record, field):
    return tab.model.index(tab.model.row_of(record), tab.model.column_of(field))


def _count(tab, code):
    return tab.panel.group_count(code)


def test_window_shows_the_same_findings_as_validate(qtbot, tmp_path):
    window, tab, path = _open_sample(qtbot, tmp_path)
    expected = check_file(path)[0].findings
    assert finding_keys(tab.session.findings.all()) == finding_keys(expected.all())
    assert len(expected) > 0
    # the panel groups them by kind with the same counts
    for code, n in expected.counts_by_code().items():
        assert _count(tab, code) == n
    # the sheet's own headers and Excel row numbers
    model = tab.model
    assert model.headerData(model.column_of("id_number"), Qt.Orientation.Horizontal) == "公民身份号码"
    assert model.headerData(0, Qt.Orientation.Vertical) == str(tab.table.row_numbers[0])
    # an error cell is red with the message and fix in its tooltip; a hint cell is not coloured
    bad = _cell(tab, BAD_ID_ROW, "id_number")
    assert bad.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BRUSH
    assert "校验码" in bad.data(Qt.ItemDataRole.ToolTipRole)
    dotted = next(f for f in expected.all() if f.code == "date.normalised")
    cell = _cell(tab, dotted.index, dotted.field)
    assert dotted.severity is Severity.HINT and cell.data(Qt.ItemDataRole.BackgroundRole) is None
    assert dotted.suggestion in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert _cell(tab, 0, "name").data(Qt.ItemDataRole.BackgroundRole) is None
    # the frozen view shows 姓名 and 公民身份号码 only
    frozen = tab.view.frozen
    shown = [c for c in range(model.columnCount()) if not frozen.isColumnHidden(c)]
    assert [model.field_at(c) for c in shown] == ["name", "id_number"]
    window.workspace.close()


def test_fix_a_bad_id_in_place_then_undo_and_redo(qtbot, tmp_path):
    window, tab, _ = _open_sample(qtbot, tmp_path)
    before = _count(tab, "id.checksum")
    assert before == 1
    index = _cell(tab, BAD_ID_ROW, "id_number")
    # type the right number into the cell, as a clerk would
    tab.view.setCurrentIndex(index)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor.parent().parent() is tab.view.frozen   # edited where it can be seen
    editor.selectAll()
    qtbot.keyClicks(editor, GOOD_ID)
    qtbot.keyClick(editor, Qt.Key.Key_Return)      # the delegate commits through a queued call
    qtbot.waitUntil(lambda: tab.table.data.get("id_number", BAD_ID_ROW) == GOOD_ID, timeout=5000)
    assert _count(tab, "id.checksum") == 0
    assert not [f for f in tab.session.findings.for_row(BAD_ID_ROW) if f.field == "id_number"]
    assert index.data(Qt.ItemDataRole.BackgroundRole) is None
    assert tab.session.is_edited(BAD_ID_ROW, "id_number")
    assert index.data(Qt.ItemDataRole.FontRole).bold()          # edited cells are marked
    assert "错误 " in window.counts.text()
    window.actions.undo.trigger()
    assert tab.table.data.get("id_number", BAD_ID_ROW) == GOOD_ID[:17] + "0"
    assert _count(tab, "id.checksum") == 1
    assert index.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BRUSH
    window.actions.redo.trigger()
    assert _count(tab, "id.checksum") == 0
    window.workspace.close()


def test_an_edit_refreshes_only_the_groups_whose_kind_changed(qtbot, tmp_path):
    window, tab, _ = _open_sample(qtbot, tmp_path)
    tree = tab.panel.tree
    groups = {tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole): tree.topLevelItem(i)
              for i in range(tree.topLevelItemCount())}
    in_row = {f.code for f in tab.session.findings.for_row(BAD_ID_ROW)}
    other = next(c for c in groups if c not in in_row)       # a kind the edit cannot touch
    for code in ("id.checksum", other):
        groups[code].setExpanded(True)                  # lists filled when opened
    kept_child = groups[other].child(0)
    tab.model.setData(_cell(tab, BAD_ID_ROW, "id_number"), GOOD_ID)
    assert "id.checksum" not in {tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
                                 for i in range(tree.topLevelItemCount())}
    assert groups[other].child(0) is kept_child and groups[other].isExpanded()   # untouched
    assert _count(tab, other) == tab.session.findings.count(other)
    window.actions.undo.trigger()
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "id.checksum")
    assert item.text(1) == "1" and groups[other].child(0) is kept_child
    summary = tab.panel.summary.text()
    assert str(tab.session.findings.n_errors) in summary
    window.workspace.close()


def test_editing_an_id_revalidates_rows_sharing_it(qtbot, tmp_path):
    window, tab, _ = _open_sample(qtbot, tmp_path)
    assert _count(tab, "id.duplicate") == 2        # records 0 and 3 share an ID
    new_id = child_id("20150302", "179")
    tab.model.setData(_cell(tab, 3, "id_number"), new_id)
    assert _count(tab, "id.duplicate") == 0
    assert not [f for f in tab.session.findings.for_row(0) if f.code == "id.duplicate"]
    window.workspace.close()


def test_bulk_fix_changes_exactly_the_previewed_cells(qtbot, tmp_path, monkeypatch):
    from desktop.bulk_fix_dialog import BulkFixDialog

    window, tab, _ = _open_sample(qtbot, tmp_path)
    dialog = BulkFixDialog(tab.session, tab.form, window)
    assert dialog.select_code("date.normalised")
    batch = dialog.batch
    assert batch and dialog.list.topLevelItemCount() == len(batch.edits)
    assert str(len(batch.edits)) in dialog.summary.text()
    before = {k: list(v) for k, v in tab.table.data.values.items()}
    monkeypatch.setattr(BulkFixDialog, "exec", lambda self: self.select_code("date.normalised") or 1)
    window.bulk_fix()
    changed = {(i, k) for k, col in tab.table.data.values.items() for i, v in enumerate(col)
               if v != before[k][i]}
    assert changed == batch.cells
    assert all(tab.table.data.get(e.field, e.index) == e.new for e in batch.edits)
    assert _count(tab, "date.normalised") == 0
    window.actions.undo.trigger()                     # the whole batch is one undo step
    assert tab.table.data.values == before
    window.workspace.close()


def test_reopening_the_workspace_brings_back_every_edit(qtbot, tmp_path):
    window, tab, _ = _open_sample(qtbot, tmp_path)
    tab.model.setData(_cell(tab, BAD_ID_ROW, "id_number"), GOOD_ID)
    tab.model.setData(_cell(tab, 1, "name"), "李四")
    window.close()
    window.workspace.close()

    again = make_window(qtbot, tmp_path)                  # same settings file and database
    with qtbot.waitSignal(again.sheets_opened, timeout=30000) as blocker:
        again.open_stored(again.settings.open_sheets())
    restored = blocker.args[0][0]
    assert restored.table.data.get("id_number", BAD_ID_ROW) == GOOD_ID
    assert restored.table.data.get("name", 1) == "李四"
    assert restored.session.is_edited(1, "name")
    assert restored.panel.group_count("id.checksum") == 0
    assert restored.undo_stack.count() == 2               # and they can still be undone
    again.actions.undo.trigger()
    assert restored.table.data.get("name", 1) == "李 四"
    again.workspace.close()


def test_closing_a_sheet_frees_it(qtbot, tmp_path):
    """A bulk run freezes its objects for the collector (validators.run_support.gc_paused); the
    tab's widgets hold the session in reference cycles, so closing the tab must still free it."""
    import weakref
    window, tab, _ = _open_sample(qtbot, tmp_path)
    validator, data = weakref.ref(tab.session.validator), weakref.ref(tab.session.validator.findings)
    del tab
    window.close_tab(0)
    qtbot.waitUntil(lambda: validator() is None and data() is None, timeout=5000)
    window.workspace.close()
