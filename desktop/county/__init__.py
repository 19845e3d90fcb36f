"""The county's page of the main window (县级汇总: desktop.county.page) and the window's hook to
it: 县级 → 县级汇总 shows the page (made once, the first tab) with its sub-views (统计:
desktop.stats.county; 部门比对: desktop.county.departments_hook; 决定记录: desktop.county.log_view), settings changes reach it, and
its messages go to the status bar; at start it is shown again when it was open at the last
exit (reopen_county_page). The main window only knows a page may have `undo_stack` and
`release()`."""
from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.county.context import ask_context, current_context
from desktop.county.departments_hook import TITLE as DEPARTMENTS, departments_view
from desktop.county.log_view import TITLE as LOG, LogView
from desktop.county.page import TITLE, CountyPage
from desktop.settings import COUNTY_OPEN
from desktop.stats.county import add_stats_view
from intake.county.store import CountyStore

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

__all__ = ["CountyPage", "county_page", "reopen_county_page", "show_county_page"]


def county_page(window: "MainWindow") -> CountyPage | None:
    return next((w for w in (window.tabs.widget(i) for i in range(window.tabs.count()))
                 if isinstance(w, CountyPage)), None)


def show_county_page(window: "MainWindow") -> CountyPage | None:
    """The county page, made on first use (asking for the county's date when 设置 has none)."""
    page = county_page(window)
    if page is None:
        ctx = ask_context(window.settings, window)
        if ctx is None:
            return None
        page = CountyPage(window, ctx)
        add_stats_view(page)                                   # 统计 (issue 10), over page.desk
        page.add_view_factory(DEPARTMENTS, departments_view)   # 部门比对 (issue 11), one per desk
        page.add_view_factory(LOG, LogView)                    # 决定记录: the county log
        page.message.connect(lambda text: window.statusBar().showMessage(text, 10000))
        page.export_done.connect(window.export_done)
        window.settings_changed.connect(page.settings_changed)
        window.tabs.tabCloseRequested.connect(lambda _n: _closed(window))
        window.tabs.insertTab(0, page, TITLE)
        window.tabs.setTabToolTip(0, "全县各乡镇报来的登记表：报送情况、重复与冲突、县级上报文件")
    window.tabs.setCurrentWidget(page)
    window.settings.set(COUNTY_OPEN, True)
    return page


def reopen_county_page(window: "MainWindow") -> CountyPage | None:
    """At start: the county page again when it was open at the last exit, its workspace still
    holds county files and the county's date is known (nothing is asked at start)."""
    if (not window.settings.get(COUNTY_OPEN) or current_context(window.settings) is None
            or not CountyStore(window.workspace).has_files()):
        return None
    return show_county_page(window)


def _closed(window: "MainWindow") -> None:
    """After a tab was closed (the window's close_tab runs first): the clerk closed the page."""
    if county_page(window) is None:
        window.settings.set(COUNTY_OPEN, False)
