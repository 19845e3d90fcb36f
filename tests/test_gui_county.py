"""The county page (县级汇总) driven through the real window: open a folder of township files,
see the board, resolve a group and see the board change, undo it, double-click a record to open
its township's sheet, edit there and see the matching follow, restart and undo again."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from desktop.county import county_page, receiving
from desktop.county import decision_bar as bar
from desktop.county.board_model import COLUMNS as BOARD_COLUMNS
from desktop.county.texts import MISSING_BRUSH
from desktop.settings import REFERENCE_FIXED, AppSettings
from generator.township_set import write_township_set
from intake.county.model import DECIDED, DUPLICATE, OPEN, Ref
from readerfiles import child_id

COUNTY, AS_OF = "511324", date(2025, 12, 31)
CONFLICTS = BOARD_COLUMNS.index("待处理的重复")


@pytest.fixture(scope="module")
def township_files(tmp_path_factory):
    return write_township_set(tmp_path_factory.mktemp("towns") / "收到的文件", county=COUNTY, towns=4, rows=8, seed=5)


def _window(qtbot, tmp_path, name="ws.sqlite"):
    from desktop.app import create_application
    from desktop.main_window import MainWindow
    from intake.workspace import Workspace
    create_application()
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.county_code = COUNTY
    settings.set_reference(REFERENCE_FIXED, AS_OF)
    window = MainWindow(settings, Workspace(tmp_path / name))
    qtbot.addWidget(window)
    window.show()
    return window


def _open_page(qtbot, window):
    window.actions.county.trigger()
    page = county_page(window)
    qtbot.waitUntil(lambda: page.desk is not None and not page.jobs.busy, timeout=60000)
    return page


def _page_on_copy(qtbot, tmp_path, base):
    """The window and its county page on a copy of a received workspace."""
    shutil.copyfile(base, tmp_path / "ws.sqlite")
    window = _window(qtbot, tmp_path)
    return window, _open_page(qtbot, window)


def _close(window):
    window.close()
    window.workspace.close()


def _conflicts(page, township, form):
    line = next(b for b in page.board.model.all_lines if b.township == township and b.form == form)
    return line.open_conflicts


def _board_cell(page, township, form, column):
    model = page.board.model
    row = next(n for n, b in enumerate(model.lines) if b.township == township and b.form == form)
    return model.index(row, column)


def test_open_a_folder_resolve_a_group_undo_and_open_the_row(qtbot, tmp_path, township_files, monkeypatch):
    made = township_files
    window = _window(qtbot, tmp_path)
    page = _open_page(qtbot, window)
    assert window.tabs.widget(0) is page and window.current_tab() is None
    # 添加文件夹… (the folder dialog answers with the township set's folder)
    monkeypatch.setattr(receiving, "open_folder_name", lambda *a: str(made.folder))
    with qtbot.waitSignal(page.received_done, timeout=120000) as blocker:
        page.header.folder_button.click()
    received = {r.path.name: r.status for r in blocker.args[0]}
    assert received[made.unreadable] == "unreadable" and received[Path(made.copy[0]).name] == "same"
    assert "无法读取 1 个" in page.received.label.text()
    notes = {page.received.table.item(r, 0).text(): page.received.table.item(r, 2).text()
             for r in range(page.received.table.rowCount())}
    stranger = next(n for n in made.files if n.startswith("外县"))
    assert notes[stranger].endswith("（不是本县的乡镇），1 张表")
    assert notes[made.towns[0] + "流动儿童.xlsx"] == f"{made.towns[0]}，1 张表"
    page.received.close()
    # the board: every township of the county, the silent ones tinted, the stranger after them
    lines = page.board.model.all_lines
    assert {(b.township, b.form) for b in lines if b.listed and b.received} == \
        {(t, f) for t in made.towns for f in ("liudong", "liushou")}
    silent = next(b for b in lines if b.listed and not b.received)
    assert _board_cell(page, silent.township, silent.form, 2).data() == "未报送"
    assert _board_cell(page, silent.township, silent.form, 0).data(Qt.ItemDataRole.BackgroundRole) == MISSING_BRUSH
    assert not lines[-1].listed
    # resolve one group in the queue: keep the first record
    page.views.setCurrentWidget(page.queue)
    page.queue.kind.setCurrentIndex(page.queue.kind.findData(DUPLICATE))
    group = page.queue.current_group()
    town, form = group.occurrences[0].township, group.form
    before = _conflicts(page, town, form)
    n_open = page.queue.model.rowCount()
    assert page.queue.panel.model.differs                          # the differing fields are highlighted
    page.queue.panel.bar.reason.setText("保留现居住地乡镇的登记")
    qtbot.mouseClick(page.queue.panel.bar.buttons[bar.KEEP], Qt.MouseButton.LeftButton)
    assert page.desk.group(group.key).status == DECIDED
    assert page.queue.model.row_of(group.key) is None and page.queue.model.rowCount() == n_open - 1
    page.views.setCurrentWidget(page.board)
    assert _conflicts(page, town, form) == before - 1
    assert _board_cell(page, town, form, CONFLICTS).data() == (str(before - 1) if before > 1 else "")
    entry = page.desk.log.entries()[-1]
    assert entry.reason == "保留现居住地乡镇的登记" and entry.payload["keep"] == list(group.refs[0])
    # Ctrl+Z on the county page takes the decision back; the board follows
    assert window.undo_group.activeStack() is page.undo_stack
    window.actions.undo.trigger()
    assert page.desk.group(group.key).status == OPEN and _conflicts(page, town, form) == before
    window.actions.redo.trigger()
    assert page.desk.group(group.key).status == DECIDED
    # double-click a record of an open group: its township's sheet opens on that row
    page.views.setCurrentWidget(page.queue)
    target = page.queue.current_group()
    second = target.occurrences[1]
    table = page.queue.panel.table
    cell = page.queue.panel.model.index(0, 1)
    qtbot.waitUntil(lambda: not table.visualRect(cell).isEmpty())      # laid out
    where = table.visualRect(cell).center()
    with qtbot.waitSignal(window.sheets_opened, timeout=30000):      # a real double-click: press first
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    tab = window.current_tab()
    assert tab is not None and tab.session.sheet_id == second.ref.sheet_id
    assert tab.current_record() == second.ref.index
    assert tab.session.validator.ctx.as_of == AS_OF and tab.check_options is not None
    # an edit there re-runs the matching: a new ID number takes the record out of the group
    tab.request_edit(second.ref.index, "id_number", child_id("511324", "20150302", "157"))
    qtbot.waitUntil(lambda: page.desk.group(target.key) is None
                    or second.ref not in page.desk.group(target.key).refs, timeout=10000)
    window.actions.undo.trigger()                      # the sheet's own undo: the group is back
    qtbot.waitUntil(lambda: page.desk.group(target.key) is not None
                    and second.ref in page.desk.group(target.key).refs, timeout=10000)
    _close(window)
    # after a restart the decision can still be undone from the page's stack
    again = _window(qtbot, tmp_path)
    page = _open_page(qtbot, again)
    assert page.undo_stack.count() == 1 and page.desk.group(group.key).status == DECIDED
    again.tabs.setCurrentWidget(page)
    again.actions.undo.trigger()
    assert page.desk.group(group.key).status == OPEN
    _close(again)


def test_merge_send_back_and_reopen_with_reasons_no_full_id_in_the_queue(qtbot, tmp_path, county_set, monkeypatch):
    made, base, _ = county_set
    window, page = _page_on_copy(qtbot, tmp_path, base)
    page.views.setCurrentWidget(page.queue)
    queue = page.queue
    group = next(g for g in page.desk.groups(status=OPEN) if len(page.desk.compared(g).differs or ()) > 0)
    queue.select_key(group.key)
    panel = queue.panel
    field = panel.group.differs[0]
    # the merged record: the differing field taken from record 2
    from desktop.county import deciding

    def choose(dialog):
        dialog.choose(field, 1)
        dialog.reason.setText("电话以第二条为准")
        return True
    monkeypatch.setattr(deciding.MergeDialog, "exec", choose)
    qtbot.mouseClick(panel.bar.buttons[bar.MERGE], Qt.MouseButton.LeftButton)
    decided = page.desk.group(group.key)
    assert decided.status == DECIDED and decided.decision.action == "merge"
    assert [(o.field, o.source) for o in decided.decision.overrides] == [(field, group.refs[1])]
    assert decided.decision.reason == "电话以第二条为准"
    # reopen it (status filter 全部 to see it), then send it back
    queue.status.setCurrentIndex(queue.status.findData(None))
    queue.select_key(group.key)
    qtbot.mouseClick(panel.bar.buttons[bar.REOPEN], Qt.MouseButton.LeftButton)
    assert page.desk.group(group.key).status == OPEN
    queue.select_key(group.key)
    panel.model.choose(1)                                   # a click on record 2's column
    page.decide(bar.SEND_BACK_ONE)                          # 退回乡镇核实 ▸ 只退回选中记录所在的乡镇
    assert page.desk.group(group.key).status == "sent_back"
    assert page.desk.group(group.key).decision.sent_back == (group.refs[1],)
    assert queue.current_group().key != group.key           # on to the next group
    assert page.undo_stack.count() == 3
    # no full ID number in the queue's list or its tooltips
    numbers = {v for _o, values in page.desk.side_by_side(group) for k, v in values.items()
               if k == "id_number" and v}
    model = queue.model
    shown = [str(model.index(r, c).data(role)) for r in range(model.rowCount()) for c in range(model.columnCount())
             for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)]
    assert numbers and not any(n in text for n in numbers for text in shown)
    for r in range(model.rowCount()):                 # the status column's full text on hover
        assert model.index(r, 3).data(Qt.ItemDataRole.ToolTipRole) == model.index(r, 3).data()
    side = panel.model
    tips = [str(side.index(r, c).data(Qt.ItemDataRole.ToolTipRole)) for r in range(side.rowCount())
            for c in range(side.columnCount())]
    assert not any(n in text for n in numbers for text in tips)
    _close(window)


def test_resubmission_diff_township_correction_and_restoring_a_version(qtbot, tmp_path, county_set, monkeypatch):
    made, base, _ = county_set
    window, page = _page_on_copy(qtbot, tmp_path, base)
    r = made.resubmission
    board = page.board
    row = next(n for n, b in enumerate(board.model.lines) if b.township == r["township"] and b.form == r["form"])
    board.table.selectRow(row)
    pane = board.files
    assert [m.file.name for m in pane.metas] == [r["old"], r["new"]]
    assert pane.selected().file.name == r["new"] and pane.buttons["diff"].isEnabled()
    pane.buttons["diff"].click()
    dialog = page.dialog
    sections = [dialog.tree.topLevelItem(i) for i in range(3)]
    assert [s.childCount() for s in sections] == [r["added"], r["removed"], r["changed"]]
    assert "新增 3 人，减少 2 人，信息有变化 2 人" in dialog.label.text()
    dialog.close()
    # restore the first version (a command on the page's stack), then undo it
    from desktop.county.township_dialog import ReasonDialog
    monkeypatch.setattr(ReasonDialog, "exec", lambda self: True)
    pane.table.selectRow(0)
    pane.buttons["current"].click()
    old = next(m for m in page.desk.snapshot.meta.values() if m.file.name == r["old"])
    assert old.version.current and page.undo_stack.undoText() == "设为当前版本"
    page.undo_stack.undo()
    assert not page.desk.snapshot.meta[old.info.sheet_id].version.current
    # correct the stranger's township to one of the county's: it joins the board's township
    stranger = next(b for b in board.model.all_lines if not b.listed)
    meta = page.desk.snapshot.meta[stranger.sheet_ids[0]]
    page.push(page.desk.set_township(meta.file.id, made.towns[3], "文件名写错了乡镇"))
    assert page.desk.snapshot.meta[meta.info.sheet_id].township.name == made.towns[3]
    assert all(b.listed for b in board.model.all_lines if b.received)
    page.undo_stack.undo()
    assert not page.desk.snapshot.meta[meta.info.sheet_id].township.listed
    _close(window)


def test_a_stale_decision_is_shown_and_confirmed_f8_walks_the_queue(qtbot, tmp_path, county_set):
    made, base, _ = county_set
    window, page = _page_on_copy(qtbot, tmp_path, base)
    desk = page.desk
    group = next(g for g in desk.groups(kind=DUPLICATE) if g.form == "liudong" and len(g.refs) == 2)
    page.push(desk.keep(group, group.refs[1], "以第二条为准"))
    number = desk.side_by_side(group)[0][1]["id_number"]
    grouped = {r for g in desk.groups() for r in g.refs}
    stranger = next(Ref(s, 0) for s in desk.snapshot.current
                    if desk.snapshot.meta[s].info.form == "liudong" and Ref(s, 0) not in grouped)
    # a third record is given the same ID in its sheet: the decision no longer fits the group
    page.link.open_record(stranger.sheet_id, stranger.index)
    qtbot.waitUntil(lambda: window.current_tab() is not None and window.current_tab().isEnabled(), timeout=30000)
    window.current_tab().request_edit(stranger.index, "id_number", number)
    qtbot.waitUntil(lambda: stranger in desk.group(group.key).refs, timeout=10000)
    grown = desk.group(group.key)
    assert grown.status == OPEN and grown.stale is not None and grown.stale.keep == group.refs[1]
    window.tabs.setCurrentWidget(page)
    page.views.setCurrentWidget(page.queue)
    page.queue.select_key(group.key)
    panel = page.queue.panel
    assert not panel.stale.isHidden() and "保留一条" in panel.stale.text() and "2 条记录" in panel.stale.text()
    assert not panel.bar.buttons[bar.CONFIRM].isHidden()
    qtbot.mouseClick(panel.bar.buttons[bar.CONFIRM], Qt.MouseButton.LeftButton)
    confirmed = desk.group(group.key)
    assert confirmed.status == DECIDED and confirmed.decision.keep == group.refs[1] and len(confirmed.refs) == 3
    assert confirmed.decision.reason == "以第二条为准"
    # F8 / Shift+F8 walk the filtered queue
    queue = page.queue
    queue.select_key(queue.model.group_at(0).key)
    window.activateWindow()
    queue.list.setFocus()
    qtbot.keyClick(queue.list, Qt.Key.Key_F8)
    assert queue.current_group().key == queue.model.group_at(1).key
    qtbot.keyClick(queue.list, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert queue.current_group().key == queue.model.group_at(0).key
    _close(window)


def test_drop_files_again_exports_upload_and_return_file(qtbot, tmp_path, county_set, monkeypatch):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    from desktop.county import exports
    made, base, _ = county_set
    window, page = _page_on_copy(qtbot, tmp_path, base)
    # the same files dropped again: every one is skipped, nothing is counted twice
    before = [(b.township, b.form, b.rows) for b in page.board.model.all_lines]
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in list(made.files.values())[:3]])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(page.received_done, timeout=60000) as blocker:
        page.dropEvent(drop)
    assert [r.status for r in blocker.args[0]] == ["same"] * 3
    assert "跳过 3 个" in page.received.label.text()
    assert [(b.township, b.form, b.rows) for b in page.board.model.all_lines] == before
    page.received.close()
    # 导出县级上报文件… and a township's 退回文件, each in the background, then 打开所在文件夹
    group = page.desk.groups(status=OPEN)[0]
    page.push(page.desk.send_back(group, [group.refs[0]], "请核实身份证号"))
    upload, returned = tmp_path / "县级上报.xlsx", tmp_path / "退回.xlsx"
    monkeypatch.setattr(exports, "save_file_name", lambda *a: str(upload))
    with qtbot.waitSignal(page.export_done, timeout=120000):
        page.header.upload_button.click()
    assert upload.is_file()
    meta = page.desk.snapshot.meta[group.refs[0].sheet_id]
    monkeypatch.setattr(exports, "save_file_name", lambda *a: str(returned))
    with qtbot.waitSignal(page.export_done, timeout=120000):
        exports.export_return(page, meta)
    from openpyxl import load_workbook
    text = " ".join(str(c.value) for ws in load_workbook(returned).worksheets for row in ws.iter_rows()
                    for c in row if c.value)
    assert "县级汇总时发现" in text and "请核实身份证号" in text
    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and any(b.text() == "打开所在文件夹" for box in boxes for b in box.buttons())
    for box in boxes:                       # the full path once, on the box's first line
        assert box.text().count(str(tmp_path)) == 1, box.text()
    _close(window)


def test_one_county_job_at_a_time_and_a_job_given_up_never_reaches_the_page(qtbot):
    import threading

    from desktop.county.jobs import DeskJobs
    from desktop.worker import WorkerThread
    release = threading.Event()
    threads: list[WorkerThread] = []

    def start(job, text):
        threads.append(WorkerThread(job))
        threads[-1].start()
        return threads[-1]
    jobs = DeskJobs(start)
    busy: list[bool] = []
    jobs.busy_changed.connect(busy.append)
    done: list = []
    jobs.run(lambda progress, cancelled: release.wait(5) and "first", "第一件", done.append)
    assert jobs.busy and jobs.run(lambda p, c: "second", "第二件", done.append) is None
    release.set()
    qtbot.waitUntil(lambda: done == ["first"] and not jobs.busy, timeout=5000)
    gate = threading.Event()
    jobs.run(lambda progress, cancelled: gate.wait(5) and "late", "第三件", done.append,
             cancelled=lambda: done.append("cancelled"))
    threading.Timer(0.2, gate.set).start()
    jobs.cancel()                                        # the page closes: waits, gives the job up
    qtbot.wait(100)
    assert done == ["first"] and not jobs.busy and busy == [True, False, True, False]


def test_without_a_fixed_date_the_county_date_is_asked_once_and_kept(qtbot, tmp_path, monkeypatch):
    from desktop.county import show_county_page
    from desktop.county.context import AsOfDialog
    from desktop.settings import COUNTY_AS_OF, REFERENCE_SHEET
    window = _window(qtbot, tmp_path)
    window.settings.set_reference(REFERENCE_SHEET, None)          # each sheet's 填报日期
    monkeypatch.setattr(AsOfDialog, "exec", lambda self: False)   # 取消: no page
    assert show_county_page(window) is None and county_page(window) is None

    def answer(dialog):
        dialog.date.setDate(date(2025, 9, 30))
        return True
    monkeypatch.setattr(AsOfDialog, "exec", answer)
    page = show_county_page(window)
    qtbot.waitUntil(lambda: page.desk is not None and not page.jobs.busy, timeout=60000)
    assert page.desk.as_of == date(2025, 9, 30) and window.settings.get(COUNTY_AS_OF) == "2025-09-30"
    assert not page.header.date_button.isHidden() and "2025年9月30日" in page.header.where.text()
    assert page.check_options().as_of == date(2025, 9, 30)
    monkeypatch.setattr(AsOfDialog, "exec", lambda self: pytest.fail("asked again"))
    window.close_tab(0)
    again = show_county_page(window)                              # kept: not asked again
    qtbot.waitUntil(lambda: again.desk is not None and not again.jobs.busy, timeout=60000)
    assert again.desk.as_of == date(2025, 9, 30)
    _close(window)


def test_departments_is_a_sub_view_its_acceptance_edits_the_open_tab_and_undoes_there(qtbot, tmp_path, county_set):
    import deptkit
    from desktop.county.departments_hook import HostedDepartmentsView
    from intake.departments.model import FIELD
    made, base, _ = county_set
    window, page = _page_on_copy(qtbot, tmp_path, base)
    titles = [page.views.tabText(n) for n in range(page.views.count())]
    assert titles == ["汇总情况", "重复与冲突", "统计", "部门比对", "决定记录"]
    view = page.views.widget(titles.index("部门比对"))
    assert isinstance(view, HostedDepartmentsView) and not view.jobs      # its jobs are the page's
    answer = deptkit.yibao_with_address(view.depts, tmp_path)
    view.depts.store_answer(view.depts.read_answer("yibao", answer.path))
    page.views.setCurrentWidget(view)                       # shown: it reconciles, as a county job
    assert page.jobs.busy and not page.header.folder_button.isEnabled()
    assert window.undo_group.activeStack() is None          # no Ctrl+Z on the desk meanwhile
    qtbot.waitUntil(lambda: not page.jobs.busy, timeout=60000)
    assert window.undo_group.activeStack() is view.undo_stack
    view.departments.select("yibao")
    d = next(x for x in view.depts.differences("yibao") if x.status == OPEN and x.kind == FIELD and len(x.proposed) == 1)
    with qtbot.waitSignal(window.sheets_opened, timeout=30000):
        page.link.open_record(d.child.sheet_id, d.child.index)
    tab = window.current_tab()
    window.tabs.setCurrentWidget(page)
    view.show_differences(select=d.key)
    with qtbot.waitSignal(view.sheet_changed, timeout=30000):
        view.side.buttons["accept"].click()
    qtbot.waitUntil(lambda: not page.jobs.busy, timeout=30000)
    cell = tab.model.index(tab.model.row_of(d.child.index), tab.model.column_of(d.field))
    assert tab.session.value(d.child.index, d.field) == d.proposed[0] == cell.data()   # the tab shows it
    assert window.undo_group.activeStack() is view.undo_stack
    window.actions.undo.trigger()
    assert tab.session.value(d.child.index, d.field) == d.sheet_value
    page.views.setCurrentWidget(page.queue)
    assert window.undo_group.activeStack() is page.county_stack
    _close(window)
