"""The 统计 sub-view of the county page (issue 9w's desktop.county.page.CountyPage, which hosts
sub-views through `add_view(widget, title)`): the same StatsView over the page's desk, its jobs
run by the page's DeskJobs (the desk is not thread-safe), recomputed when the page calls
`refresh()` (when shown, and after every decision or edit while shown).

    from desktop.stats.county import add_stats_view
    add_stats_view(page)          # desktop.county.show_county_page does, after the board and the queue
"""
from __future__ import annotations

from desktop.stats.source import DeskSource
from desktop.stats.view import StatsView

TITLE = "统计"


def stats_view_for(page) -> StatsView:
    source = DeskSource(lambda: page.desk, "全县")
    view = StatsView(source, page.settings, run=lambda job, text, done, failed: page.jobs.run(job, text, done, failed))
    view.message.connect(page.message)
    return view


def add_stats_view(page) -> StatsView:
    view = stats_view_for(page)
    page.add_view(view, TITLE)
    return view
