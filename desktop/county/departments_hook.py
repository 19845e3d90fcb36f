"""部门比对 (issue 11's DepartmentsView) as a sub-view of the county page, made over each desk.

The view's long work (reconciling, reading an answer, writing a list or a report) runs as a
county job (page.jobs: the progress strip, 取消, one job on the desk at a time); an accepted
value edits the session of the sheet's open tab (else one of the page's own) and repaints that
tab's rows; the board and the queue follow; a record is opened in its tab on request; its undo
stack is the window's while 部门比对 is shown; edits made in the sheets' tabs reach it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from desktop.county.log_view import LogView
from desktop.departments import DepartmentsView

if TYPE_CHECKING:
    from desktop.county.page import CountyPage

TITLE = "部门比对"


class HostedDepartmentsView(DepartmentsView):
    def __init__(self, page: "CountyPage"):
        self.host = page                   # before the view's __init__: its first refresh runs a job
        super().__init__(page.desk, sessions=page.link.session_for)
        self.progress.hide()

    def run(self, job, text: str, done, on_error=None):
        """As DepartmentsView.run, but a county job (None when another one runs)."""
        started = []

        def failed(message: str) -> None:
            error = started[0].worker.error if started else None
            if not (on_error and on_error(error)):
                QMessageBox.warning(self, TITLE, message)
        work = self.host.jobs.run(job, text, done, failed)
        if work is not None:
            started.append(work)
        return work


def departments_view(page: "CountyPage") -> HostedDepartmentsView:
    view = HostedDepartmentsView(page)
    view.sheet_changed.connect(lambda sheet_id, records: _changed(page, view, sheet_id, records))
    view.record_wanted.connect(lambda sheet_id, index: page.link.open_record(sheet_id, index))
    view.decided.connect(lambda: page.mark_stale(LogView))        # 决定记录 lists department decisions too
    page.sheet_edited.connect(lambda sheet_id, records: view.depts.sheet_edited(sheet_id, records))
    return view


def _changed(page: "CountyPage", view: HostedDepartmentsView, sheet_id: int, records) -> None:
    """An accepted value (or its undo) changed a sheet: its tab repaints, the desk was told."""
    tab = page.link.tab_of(sheet_id)
    if tab is not None:
        tab.refresh_rows(records)
    page.refresh(besides=view)
