"""The county page's screens for `python -m desktop.screenshot OUT.png FOLDER --view county_…`:
FOLDER (township files, e.g. written by `python tests/generator/township_set.py FOLDER`) is added
through the page, then the scene is set up: the board with the resubmitted township selected
(county_board), the queue on a possible duplicate with its records side by side (county_queue),
the merged-record choice (county_merge), a resubmission's changes (county_diff), the township
that sent the most files as parts, selected (county_parts), the 决定记录 after a few decisions,
one of them undone (county_log), 导出全部退回文件 done, into a new temporary folder, after one
record was sent back (county_returns: the box over the page, so take it with --screen)."""
from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication, QWidget

from desktop.county import receiving, show_county_page
from desktop.county.board_actions import show_diff
from desktop.county.files_pane import versions_of
from desktop.county.merge_dialog import MergeDialog
from intake.county.model import OPEN, POSSIBLE

VIEWS = ("county_board", "county_queue", "county_merge", "county_diff", "county_parts", "county_log",
         "county_returns")


def _wait(condition, seconds: float = 600) -> bool:
    app, end = QApplication.instance(), time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    return condition()


def shoot(window, folder: str, view: str) -> QWidget | None:
    """Set the scene up; the widget to grab (None: the window)."""
    page = show_county_page(window)
    if page is None or not _wait(lambda: page.desk is not None and not page.jobs.busy):
        return None
    receiving.add_paths(page, [folder])
    if not _wait(lambda: page.received is not None and not page.jobs.busy):
        return None
    page.received.close()
    if view == "county_log":
        _decide_some(page)
        return None
    if view == "county_returns":
        _export_returns(page)
        return None
    if view == "county_parts":
        widest = max(page.board.model.lines, key=lambda b: (len(b.files), b.replaced), default=None)
        if widest is not None:
            page.board.select(widest)
        return None
    resubmitted = next((b for b in page.board.model.lines if b.replaced), None)
    if view in ("county_board", "county_diff") and resubmitted is not None:
        page.board.select(resubmitted)
        if view == "county_diff":
            metas = versions_of(page.desk.snapshot, resubmitted)
            show_diff(page, next(m for m in metas if m.version.current))
            return page.dialog
        return None
    page.views.setCurrentWidget(page.queue)
    groups = [page.desk.compared(g) for g in page.desk.groups(kind=POSSIBLE, status=OPEN)]
    richest = max(groups, key=lambda g: len(g.differs or ()), default=None)
    if richest is not None:
        page.queue.kind.setCurrentIndex(page.queue.kind.findData(POSSIBLE))
        page.queue.select_key(richest.key)
    if view == "county_merge" and richest is not None:
        dialog = MergeDialog(richest, page.desk.side_by_side(richest), 0, page)
        if len(dialog.fields) > 1:
            dialog.choose(dialog.fields[1], 1)
        dialog.reason.setText("姓名以户口簿为准，身份证号以第二条为准")
        dialog.show()
        page.dialog = dialog
        return dialog
    return None


def _decide_some(page) -> None:
    """Two groups decided, a township corrected and undone; then the 决定记录 shown."""
    from desktop.county.log_view import LogView
    desk = page.desk
    first, second = desk.groups(status=OPEN)[:2]
    page.push(desk.keep(first, first.refs[0], "保留现居住地乡镇的登记"))
    page.push(desk.send_back(second, None, "出生日期与户口簿不符，请乡镇核实"))
    meta = next(iter(desk.snapshot.meta.values()))
    page.push(desk.set_township(meta.file.id, "金城镇", "试一下"))
    page.undo_stack.undo()
    page.views.setCurrentWidget(page.findChild(LogView))


def _export_returns(page) -> None:
    """One record sent back, then 导出全部退回文件 into a new temporary folder."""
    import tempfile

    from desktop.county import exports
    desk = page.desk
    group = desk.groups(status=OPEN)[0]
    page.push(desk.send_back(group, [group.refs[0]], "出生日期与户口簿不符，请乡镇核实"))
    folder = tempfile.mkdtemp(prefix="退回文件-")
    chooser, exports.open_folder_name = exports.open_folder_name, lambda *a: folder
    try:
        exports.export_returns(page)
    finally:
        exports.open_folder_name = chooser
    _wait(lambda: not page.jobs.busy)
    print(f"退回文件：{folder}")
