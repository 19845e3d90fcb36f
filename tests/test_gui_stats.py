"""The 统计 view in the window: 查看 → 统计 on a sheet, topics with tables and charts, copy to
the clipboard, the chart as PNG, the workbook exported in a worker, recomputed (coalesced,
off the GUI thread) after edits, closed with its sheet; the same view over a county desk."""
from __future__ import annotations

import shutil
import time

from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QMessageBox

from desktop.stats import export as stats_export
from desktop.stats.hook import open_sheet_stats
from desktop.stats.source import DeskSource
from desktop.stats.view import OVERVIEW, StatsView
from intake.stats.chart_data import ALL_MASKED_NOTE
from openpyxl import load_workbook
from statskit import AS_OF, COUNTY, J, records, write_sheet
from test_gui_helpers import make_window, open_and_wait


def _sheet(tmp_path):
    path = tmp_path / "金城镇流动儿童.xlsx"
    write_sheet(path, "liudong", J, records()[(J, "liudong")])
    return path


def _stats_page(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, _sheet(tmp_path))[0]
    window.actions.stats.trigger()
    page = window.tabs.currentWidget()
    assert isinstance(page, StatsView) and page.title.startswith("统计：")
    qtbot.waitUntil(lambda: page.result is not None, timeout=20000)
    return window, tab, page


def _count(page, key, row):
    t = page.result.table(key, "liudong")
    return t.counts[t.rows.index(row)]


def test_topics_tables_charts_and_copy(qtbot, tmp_path):
    window, tab, page = _stats_page(qtbot, tmp_path)
    names = [page.topics.item(i).text() for i in range(page.topics.count())]
    assert names[0] == OVERVIEW and "年龄结构" in names and "居住登记" in names
    assert page.result.counted == {"liudong": 5} and page.result.left_out == {"liudong": 1}
    page.show_topic("年龄结构")
    # five children: every count is <5, so no chart of empty bars, and the note says why
    assert len(page.blocks) == 1 and page.blocks[0].chart is None
    assert ALL_MASKED_NOTE in page.blocks[0].notes
    block = page.blocks[0]
    block.layout().activate()
    assert block.view.x() <= block.layout().contentsMargins().left() + 2     # on the left, not centred
    page.masked.setChecked(False)
    assert page.blocks[0].chart is not None and ALL_MASKED_NOTE not in page.blocks[0].notes
    assert page.blocks[0].chart.data.kind == "stacked"
    page.masked.setChecked(True)
    page.show_topic("医疗保险")
    page.masked.setChecked(False)
    page.blocks[0].copy()
    lines = QGuiApplication.clipboard().text().split("\r\n")
    assert lines[0] == "流动儿童纳入医保情况" and lines[-2].startswith("摸排基准日：")
    assert lines[1] == "纳入医保情况\t人数\t占比" and lines[2] == "纳入户籍地医保\t1\t20.0%"
    page.masked.setChecked(True)
    page.blocks[0].copy()
    assert QGuiApplication.clipboard().text().split("\r\n")[2] == "纳入户籍地医保\t<5\t"
    assert window.actions.stats.isEnabled() is False          # a sheet action: not on this page
    window.workspace.close()


def test_an_edit_recomputes_off_the_gui_thread_once_per_burst(qtbot, tmp_path):
    window, tab, page = _stats_page(qtbot, tmp_path)
    runs = page.runner.runs
    assert _count(page, "guardianship", "较差") == (1,)
    model = tab.model
    column = model.column_of("guardianship")
    for record in range(4):                                # a burst of edits
        model.setData(model.index(model.row_of(record), column), "较差")
    qtbot.waitUntil(lambda: page.runner.runs > runs and not page.busy, timeout=20000)
    assert page.runner.runs - runs <= 2
    assert _count(page, "guardianship", "较差") == (4,)     # 甲四 (16) is not counted
    tab.undo_stack.undo()                                  # 甲四's: not counted, no change
    tab.undo_stack.undo()
    qtbot.waitUntil(lambda: not page.busy and _count(page, "guardianship", "较差") == (3,), timeout=20000)
    window.workspace.close()


def test_chart_png_and_workbook_export(qtbot, tmp_path, monkeypatch):
    window, tab, page = _stats_page(qtbot, tmp_path)
    png, book = tmp_path / "图.png", tmp_path / "统计.xlsx"
    page.show_topic("年龄结构")
    page.masked.setChecked(False)                           # five children: masked, nothing to draw
    monkeypatch.setattr(stats_export, "save_file_name", lambda *a, **k: str(png))
    assert stats_export.save_chart(page, page.blocks[0]) == png
    image = QImage(str(png))
    assert not image.isNull() and image.width() >= 1000
    page.show_topic("医疗保险")                               # a pie: drawn, not blank
    pie = page.blocks[0].chart
    assert pie.data.kind == "pie"
    drawn = pie.image(600, 300)
    colours = {drawn.pixelColor(x, y).name() for x in range(0, 1200, 8) for y in range(0, 600, 8)}
    assert "#4472c4" in colours and "#ed7d31" in colours
    monkeypatch.setattr(stats_export, "save_file_name", lambda *a, **k: str(book))
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    work = stats_export.export_workbook(page)
    qtbot.waitUntil(lambda: not work.running and page.export_book.isEnabled(), timeout=20000)
    assert load_workbook(book).sheetnames[0] == "概览"
    window.workspace.close()


def test_the_page_closes_with_its_sheet(qtbot, tmp_path):
    window, tab, page = _stats_page(qtbot, tmp_path)
    window.tabs.setCurrentWidget(tab)
    assert open_sheet_stats(window) is page and window.tabs.count() == 2   # shown again, not twice
    window.close_tab(window.tabs.indexOf(tab))
    qtbot.waitUntil(lambda: window.tabs.count() == 0, timeout=5000)
    window.workspace.close()


def test_the_same_view_over_a_county_desk(qtbot, tmp_path, stats_base):
    from intake.county.desk import CountyDesk
    from intake.workspace import Workspace
    path = tmp_path / "ws.sqlite"
    shutil.copyfile(stats_base, path)
    with Workspace(path) as ws, CountyDesk(ws, as_of=AS_OF, county=COUNTY) as desk:
        view = StatsView(DeskSource(desk, "仪陇县"))
        qtbot.addWidget(view)
        qtbot.waitUntil(lambda: view.result is not None, timeout=20000)
        assert view.result.counted == {"liudong": 8, "liushou": 5}
        assert view.title == "统计：仪陇县"
        view.stop()


class _Jobs:
    """As the county page's DeskJobs: one job at a time, None while one runs."""

    def __init__(self, parent):
        self.parent, self.current, self.refused = parent, None, 0

    def run(self, job, text, done, failed=None, cancelled=None):
        from desktop.worker import WorkerThread
        if self.current is not None:
            self.refused += 1
            return None
        work = self.current = WorkerThread(job, self.parent)
        work.finished.connect(lambda r: (setattr(self, "current", None), done(r)))
        work.failed.connect(lambda m: (setattr(self, "current", None), failed and failed(m)))
        work.start()
        return work


def test_the_county_page_hosts_it_through_its_jobs(qtbot, tmp_path, stats_base):
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QTabWidget
    from desktop.stats.county import add_stats_view
    from intake.county.desk import CountyDesk
    from intake.workspace import Workspace

    class Page(QTabWidget):                     # what desktop.county.page.CountyPage offers
        message = Signal(str)

        def __init__(self):
            super().__init__()
            self.desk, self.settings, self.jobs = None, None, _Jobs(self)

        def add_view(self, widget, title):
            self.addTab(widget, title)

    page = Page()
    qtbot.addWidget(page)
    view = add_stats_view(page)
    assert page.tabText(0) == "统计" and view.result is None       # no desk yet: nothing runs
    path = tmp_path / "ws.sqlite"
    shutil.copyfile(stats_base, path)
    with Workspace(path) as ws, CountyDesk(ws, as_of=AS_OF, county=COUNTY) as desk:
        blocker = page.jobs.run(lambda p, c: time.sleep(0.8), "另一个县级任务", lambda r: None)   # busy
        page.desk = desk
        view.refresh()
        qtbot.waitUntil(lambda: view.result is not None, timeout=20000)
        assert blocker is not None and page.jobs.refused >= 1            # waited its turn
        assert view.result.counted["liudong"] == 8
        view.stop()
