"""The county page with a township that sends its sheet in parts (two villages) and a corrected
part: the board sums the parts, the clerk marks versions and parts and removes a file from the
versions pane, each undoable, and the decision in force survives a restart."""
from __future__ import annotations


from desktop.county.parts_actions import VersionOfDialog
from desktop.county.township_dialog import ReasonDialog
from test_gui_county import _close, _open_page, _page_on_copy, _window


def _line(page):
    return next(b for b in page.board.model.all_lines if b.township == "金城镇" and b.form == "liudong")


def _select(page, name=None):
    board = page.board
    board.table.selectRow(next(n for n, b in enumerate(board.model.lines)
                               if b.township == "金城镇" and b.form == "liudong"))
    if name is not None:
        pane = board.files
        pane.table.selectRow(next(n for n, m in enumerate(pane.metas) if m.file.name == name))
    return board.files


def test_parts_are_summed_marked_both_ways_removed_and_undone(qtbot, tmp_path, county_parts, monkeypatch):
    base, _ = county_parts
    window, page = _page_on_copy(qtbot, tmp_path, base)
    assert _line(page).rows == 21 and _line(page).files == ("金城镇-村B.xlsx", "金城镇-村A（更正）.xlsx")
    pane = _select(page, "金城镇-村B.xlsx")
    assert "分2个部分报送" in pane.title.text()
    assert pane.table.item(1, 2).text() == "当前（2个部分之一）"
    assert not pane.buttons["part"].isEnabled() and pane.buttons["version"].isEnabled()
    # the old 村A is a separate part after all (第二批): all three files count
    monkeypatch.setattr(ReasonDialog, "exec", lambda self: True)
    _select(page, "金城镇-村A.xlsx")
    assert pane.buttons["part"].isEnabled()
    pane.buttons["part"].click()
    assert _line(page).rows == 33 and page.undo_stack.undoText() == "标为单独的一部分"
    page.undo_stack.undo()
    assert _line(page).rows == 21
    # 村B is an older version of the corrected file: only that one counts
    def choose_corrected(dialog):
        dialog.other.setCurrentIndex(next(n for n, m in enumerate(dialog.others) if "更正" in m.file.name))
        return True
    monkeypatch.setattr(VersionOfDialog, "exec", choose_corrected)
    _select(page, "金城镇-村B.xlsx")
    pane.buttons["version"].click()
    assert _line(page).files == ("金城镇-村A（更正）.xlsx",) and _line(page).replaced == 2
    # remove the corrected file (received by mistake): its rows leave the board, undo returns them
    _select(page, "金城镇-村A（更正）.xlsx")
    pane.buttons["remove"].click()
    assert "金城镇-村A（更正）.xlsx" not in {m.file.name for m in page.desk.snapshot.meta.values()}
    assert _line(page).rows == 22 and page.undo_stack.undoText() == "移除文件：金城镇-村A（更正）.xlsx"
    page.undo_stack.undo()
    assert _line(page).rows == 11
    _close(window)
    # a restart: the word on 村B is in force and undoable
    window = _window(qtbot, tmp_path)
    page = _open_page(qtbot, window)
    assert _line(page).rows == 11 and page.undo_stack.undoText() == "标为新版本"
    page.undo_stack.undo()
    assert _line(page).rows == 21
    _close(window)


def test_removing_asks_in_chinese_and_cancel_keeps_the_file(qtbot, tmp_path, county_parts):
    from PySide6.QtCore import QTimer
    base, _ = county_parts
    window, page = _page_on_copy(qtbot, tmp_path, base)
    pane = _select(page, "金城镇-村B.xlsx")
    seen = []

    def answer():
        dialog = page.findChild(ReasonDialog, "remove_file_dialog")
        seen.append(dialog.findChildren(type(pane.title))[0].text())
        dialog.reject()
    QTimer.singleShot(200, answer)
    pane.buttons["remove"].click()
    assert "移除文件“金城镇-村B.xlsx”" in seen[0] and "撤销" in seen[0]
    assert _line(page).rows == 21 and page.county_stack.count() == 0
    _close(window)
