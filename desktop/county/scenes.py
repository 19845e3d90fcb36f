"""The county page's screens for `python -m desktop.screenshot OUT.png FOLDER --view county_…`:
FOLDER (township files, e.g. written by `python tests/generator/township_set.py FOLDER`) is added
through the page, then the scene is set up: the board with the resubmitted township selected
(county_board), the queue on a possible duplicate with its records side by side (county_queue),
the merged-record choice (county_merge), a resubmission's changes (county_diff)."""
from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication, QWidget

from desktop.county import receiving, show_county_page
from desktop.county.board_actions import show_diff
from desktop.county.files_pane import versions_of
from desktop.county.merge_dialog import MergeDialog
from intake.county.model import OPEN, POSSIBLE

VIEWS = ("county_board", "county_queue", "county_merge", "county_diff")


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
