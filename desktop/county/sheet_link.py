"""The county's sheets in ordinary tabs: a double-click on a record opens its township's sheet
(desk.open_session: the stored sheet with every edit, checked with the desk's date and county)
and selects the record; edits there work as in any tab, and after each applied or reverted
batch the desk is told (desk.sheet_edited) so the counts and the matching follow.

Any open tab of a sheet the county received is linked, however it was opened (opening a
township's file again finds the same stored sheet). A linked tab is checked with the county's
date and county (a tab opened otherwise is checked again so, once). The desk is told after a
short pause (typing several cells costs one update: ~0.3 s on 200,000 rows), and only once a
running county job has ended (the desk is not thread-safe).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from desktop.county.texts import date_text
from intake import opening

if TYPE_CHECKING:
    from desktop.county.page import CountyPage
    from desktop.main_window import MainWindow
    from desktop.sheet_tab import SheetTab

TELL_DELAY_MS = 400
OWN_SESSIONS = 4
NOTICE = "这张表已收到县级汇总：按县级汇总的摸排基准日（{when}）检查，在这里的修改会计入县级汇总。"


class SheetLink(QObject):
    def __init__(self, page: "CountyPage", window: "MainWindow"):
        super().__init__(page)
        self.page, self.window = page, window
        self.pending: dict[int, set[int] | None] = {}      # sheet id -> records touched (None: any)
        self.own: dict[int, object] = {}                   # sheet id -> a session no tab shows
        self.shown: dict[int, object] = {}                 # sheet id -> the session its linked tab shows
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TELL_DELAY_MS)
        self.timer.timeout.connect(self.tell_desk)
        window.sheets_opened.connect(self.link)

    # --- opening a record --------------------------------------------------------------------------
    def open_record(self, sheet_id: int, index: int | None, field: str | None = None) -> None:
        tab = self.tab_of(sheet_id)
        if tab is not None:
            self._show(tab, index, field)
            return
        desk = self.page.desk
        if desk is None:
            return

        def job(progress, cancelled):     # reads only the desk's date and county: safe beside a job
            return [desk.open_session(sheet_id, progress, cancelled)]
        work = self.window.opener.open_sessions(job, "正在打开乡镇的表格")
        work.finished.connect(lambda _sessions: self._opened(sheet_id, index, field))
        work.failed.connect(self.window.open_failed)

    def _opened(self, sheet_id: int, index: int | None, field: str | None) -> None:
        tab = self.tab_of(sheet_id)
        if tab is not None:
            self._show(tab, index, field)

    def _show(self, tab: "SheetTab", index: int | None, field: str | None) -> None:
        self.window.tabs.setCurrentWidget(tab)
        if index is not None:
            tab.go_to(index, field or "name")

    def tab_of(self, sheet_id: int) -> "SheetTab | None":
        return next((t for t in self.window.sheet_tabs() if t.session.sheet_id == sheet_id), None)

    # --- linking tabs ------------------------------------------------------------------------------
    def link(self, tabs=None) -> None:
        """Link the county's sheets among `tabs` (default: every open tab)."""
        desk = self.page.desk
        if desk is None:
            return
        for tab in (self.window.sheet_tabs() if tabs is None else tabs):
            if tab.session.sheet_id not in desk.snapshot.meta or tab.property("county_linked"):
                continue
            tab.setProperty("county_linked", True)
            sheet_id = tab.session.sheet_id
            self.shown[sheet_id] = tab.session
            tab.destroyed.connect(lambda *_a, s=sheet_id: self.shown.pop(s, None))
            tab.check_options = self.page.check_options
            tab.edited.connect(lambda records, t=tab: self.edited(t.session.sheet_id, records))
            tab.show_notice(NOTICE.format(when=date_text(desk.as_of)))
            self._check_like_the_desk(tab)

    def _check_like_the_desk(self, tab: "SheetTab") -> None:
        options = self.page.check_options()
        county = opening.sheet_county(self.window.workspace, tab.session.sheet_id, options.county)
        ctx = tab.session.validator.ctx
        if (ctx.as_of, ctx.county) == (options.as_of, county):
            return
        session = tab.session

        def job(progress, cancelled):
            return session.rechecked(as_of=options.as_of, county=county, progress=progress, cancelled=cancelled)
        tab.setEnabled(False)
        work = self.window.opener.start(job, "正在按县级汇总的基准日重新检查")
        work.finished.connect(lambda validator: self._rechecked(tab, validator))
        work.ended.connect(lambda: tab.setEnabled(True))

    def _rechecked(self, tab: "SheetTab", validator) -> None:
        if tab in self.window.sheet_tabs():      # the desk's counts are for this check already
            tab.use_validator(validator)

    # --- telling the desk --------------------------------------------------------------------------
    def edited(self, sheet_id: int, records) -> None:
        before = self.pending.get(sheet_id, set())
        self.pending[sheet_id] = None if records is None or before is None else before | set(records)
        self.timer.start()

    def tell_desk(self) -> None:
        """Tell the desk about the edits made since the last time (later while a job runs)."""
        desk = self.page.desk
        if desk is None or self.page.jobs.busy or not self.pending:
            return
        pending, self.pending = self.pending, {}
        closed = False
        for sheet_id, records in pending.items():
            tab = self.tab_of(sheet_id)
            if tab is None:
                closed = True            # closed meanwhile: the desk checks the stored sheet again
            elif sheet_id in desk.snapshot.meta:
                desk.sheet_edited(sheet_id, tab.session, None if records is None else sorted(records))
                self.page.sheet_edited.emit(sheet_id, records)
        if closed:
            desk.refresh()
        self.page.refresh()

    def session_for(self, sheet_id: int):
        """The session a sub-view edits a record through: the open tab's (so the tab shows the
        edit), else one of the desk's own, kept for a few sheets until a tab opens the sheet.
        Any thread may ask (a sub-view's job): it reads no widget."""
        shown = self.shown.get(sheet_id)
        if shown is not None:
            self.own.pop(sheet_id, None)
            return shown
        if sheet_id not in self.own:
            self.own[sheet_id] = self.page.desk.open_session(sheet_id)
            while len(self.own) > OWN_SESSIONS:
                self.own.pop(next(iter(self.own)))
        return self.own[sheet_id]

    def unlink_all(self) -> None:
        self.own.clear()
        self.shown.clear()
        for tab in self.window.sheet_tabs():
            if tab.property("county_linked"):
                tab.setProperty("county_linked", False)
                tab.check_options = None
                try:
                    tab.edited.disconnect()
                except (RuntimeError, TypeError):
                    pass
                tab.show_notice("")
