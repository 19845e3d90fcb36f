"""Hooking the 统计 view into the main window: 查看 → 统计 on the current sheet tab opens (or
shows) a page with that sheet's statistics, recomputed after each edit of the sheet and closed
with it. The county page hosts the same view over its desk: `StatsView(DeskSource(desk),
settings)`, calling `view.data_changed()` after each decision or edit."""
from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.stats.source import SheetSource
from desktop.stats.view import StatsView

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def open_sheet_stats(window: "MainWindow") -> StatsView | None:
    tab = window.current_tab()
    if tab is None:
        return None
    page = getattr(tab, "stats_page", None)
    if page is not None and window.tabs.indexOf(page) >= 0:
        window.tabs.setCurrentWidget(page)
        return page
    page = StatsView(SheetSource(tab, window), window.settings)
    page.message.connect(lambda text: window.statusBar().showMessage(text, 8000))
    tab.findings_changed.connect(page.data_changed)
    tab.stats_page = page
    index = window.tabs.insertTab(window.tabs.indexOf(tab) + 1, page, page.title)
    window.tabs.setTabToolTip(index, f"{tab.description}的统计分析")
    tab.destroyed.connect(lambda *_: _close(window, page))
    window.tabs.setCurrentWidget(page)
    return page


def _close(window: "MainWindow", page: StatsView) -> None:
    try:
        index = window.tabs.indexOf(page)
    except RuntimeError:            # the window is going too
        return
    if index >= 0:
        page.runner.stop()
        window.close_tab(index)
