"""The county page's 决定记录 tab through the real window: decisions appear newest first with
masked ID numbers, an undone one is greyed and marked, and the list is saved as .xlsx."""
from __future__ import annotations

import re

import openpyxl

from desktop.county import log_view
from desktop.settings import COUNTY_OPEN
from desktop.county.texts import MUTED_TEXT
from intake.county.model import DUPLICATE
from test_gui_county import _close, _open_page, _page_on_copy, _window

FULL_ID = re.compile(r"\d{17}[\dX]")


def test_the_log_lists_decisions_marks_undone_and_saves(qtbot, tmp_path, county_set, monkeypatch):
    made, base, _ = county_set
    window, page = _page_on_copy(qtbot, tmp_path, base)
    view = next(page.views.widget(n) for n in range(page.views.count())
                if page.views.tabText(n) == log_view.TITLE)
    page.views.setCurrentWidget(view)
    assert view.table.rowCount() == 0 and "还没有任何决定" in view.summary.text()
    assert not view.save_button.isEnabled()
    g = page.desk.groups(kind=DUPLICATE)[0]
    page.push(page.desk.keep(g, g.refs[0], "保留现居住地的"))
    meta = next(iter(page.desk.snapshot.meta.values()))
    page.push(page.desk.set_township(meta.file.id, made.towns[1], "文件名写错了"))
    assert view.table.rowCount() == 2 and view.table.item(0, 1).text() == "更正乡镇"
    assert view.table.item(1, 3).text() == "保留现居住地的"
    assert g.occurrences[0].file in view.table.item(1, 2).text()
    page.undo_stack.undo()                                       # the township correction
    assert view.table.item(0, 4).text().startswith("已撤销")
    assert view.table.item(0, 1).foreground().color() == MUTED_TEXT
    assert "其中 1 条已撤销" in view.summary.text()
    texts = [view.table.item(r, c).text() for r in range(2) for c in range(5)]
    assert not any(FULL_ID.search(t) for t in texts) and "**********" in view.table.item(1, 2).text()
    target = tmp_path / "out" / "决定记录.xlsx"
    target.parent.mkdir()
    asked = []
    monkeypatch.setattr(log_view, "save_file_name", lambda *a: asked.append(a[3]) or str(target))
    with qtbot.waitSignal(page.export_done, timeout=30000):
        view.save_button.click()
    assert asked[0].name == "仪陇县县级汇总决定记录.xlsx"                # named for the county, as the others
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][0] == "仪陇县县级汇总决定记录" and "摸排基准日" in rows[1][0]
    assert [r[1] for r in rows[3:]] == ["更正乡镇", view.table.item(1, 1).text()]
    _close(window)


def test_a_department_decision_and_its_undo_show_in_the_log(qtbot, tmp_path, county_set):
    import deptkit
    from intake.departments.model import KEEP, OPEN
    made, base, _ = county_set
    window, page = _page_on_copy(qtbot, tmp_path, base)
    log = next(page.views.widget(n) for n in range(page.views.count()) if page.views.tabText(n) == log_view.TITLE)
    depts_view = next(page.views.widget(n) for n in range(page.views.count()) if page.views.tabText(n) == "部门比对")
    page.views.setCurrentWidget(log)
    assert log.table.rowCount() == 0
    depts_view.depts.store_answer(depts_view.depts.read_answer("yibao", deptkit.yibao_csv(depts_view.depts, tmp_path).path))
    page.views.setCurrentWidget(depts_view)
    qtbot.waitUntil(lambda: not page.jobs.busy, timeout=60000)
    depts_view.departments.select("yibao")
    d = next(x for x in depts_view.depts.differences("yibao") if x.status == OPEN and x.child is not None)
    depts_view.show_differences(select=d.key)
    depts_view.side.buttons[KEEP].click()
    page.views.setCurrentWidget(log)
    assert log.table.rowCount() == 1 and log.table.item(0, 1).text() == "医保部门比对：保留登记表数据"
    assert f"{d.child.file} 第{d.child.row}行" in log.table.item(0, 2).text()
    page.views.setCurrentWidget(depts_view)
    window.actions.undo.trigger()
    page.views.setCurrentWidget(log)
    assert log.table.item(0, 4).text().startswith("已撤销")
    _close(window)


def test_without_a_county_the_board_says_what_to_do(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    window.settings.county_code = None
    page = _open_page(qtbot, window)
    assert page.desk.county is None
    text = page.board.summary.text()
    assert "本县 0 个" not in text and "请在“设置”中选择本县" in text and "--county" in text
    _close(window)


def test_the_county_page_comes_back_at_start_unless_the_clerk_closed_it(qtbot, tmp_path, county_set):
    from desktop.county import county_page, reopen_county_page
    _, base, _ = county_set
    window = _window(qtbot, tmp_path, "empty.sqlite")
    assert reopen_county_page(window) is None                   # never opened
    _close(window)
    window, page = _page_on_copy(qtbot, tmp_path, base)
    _close(window)                                               # the app exits with the page open
    window = _window(qtbot, tmp_path)
    page = reopen_county_page(window)
    assert page is county_page(window) and window.tabs.currentWidget() is page
    qtbot.waitUntil(lambda: page.desk is not None and not page.jobs.busy, timeout=60000)
    assert page.board.model.all_lines
    window.tabs.tabCloseRequested.emit(window.tabs.indexOf(page))  # the clerk closes it
    assert county_page(window) is None
    _close(window)
    window = _window(qtbot, tmp_path)
    assert reopen_county_page(window) is None and county_page(window) is None
    _close(window)
    window = _window(qtbot, tmp_path, "empty.sqlite")
    window.settings.set(COUNTY_OPEN, True)
    assert reopen_county_page(window) is None                   # no county file in this workspace
    _close(window)
