"""The screens `python -m desktop.screenshot --view …` can show, each set up on an opened sheet:
the right-click menu, an option dropdown, the multi-choice dropdown, print previews, the user
guide, the settings dialog, a deleted row, a filtered view. A scene returns the widget to grab, or
None when the picture is the whole screen (popups are windows of their own: use --screen on a
real X display)."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication

from desktop import printing
from desktop.cell_editors import ChoiceEditor, MultiChoiceEditor
from desktop.context_menu import only_kind
from desktop.help_view import show_help
from desktop.settings_dialog import SettingsDialog


def _cell(tab, record: int, field: str):
    return tab.model.index(tab.model.row_of(record), tab.model.column_of(field))


def _first_with(tab, predicate):
    return next((f for f in tab.session.findings.all() if predicate(f)), None)


def menu(window, tab):
    f = _first_with(tab, lambda f: f.field == "birth_date") or _first_with(tab, lambda f: f.field)
    index = _cell(tab, f.index, f.field)
    tab.view.scrollTo(index)
    rect = tab.view.visualRect(index)
    where = rect.center() + QPoint(10, 0)
    m = tab.menu.for_cell(index)
    m.popup(tab.view.viewport().mapToGlobal(where))
    return None


def _open_editor(tab, field: str, kind):
    record = next(i for i in range(tab.table.n_rows) if not tab.session.findings.for_row(i)) \
        if any(not tab.session.findings.for_row(i) for i in range(tab.table.n_rows)) else 0
    index = _cell(tab, record, field)
    tab.view.scrollTo(index)
    tab.view.setCurrentIndex(index)
    tab.view.edit(index)
    editor = next(w for w in tab.view.viewport().findChildren(kind) if w.isVisible())
    QTimer.singleShot(0, editor.showPopup)
    return editor


def dropdown(window, tab):
    _open_editor(tab, "ethnicity", ChoiceEditor)
    return None


def multi(window, tab):
    editor = _open_editor(tab, "living_support", MultiChoiceEditor)
    editor.set_value("低保、残疾人两项补贴")
    return None


def preview_findings(window, tab):
    dialog = printing.preview(tab, "findings")
    return dialog


def preview_view(window, tab):
    dialog = printing.preview(tab, "view")
    return dialog


def help_page(window, tab):
    return show_help(window)


def settings(window, tab):
    dialog = SettingsDialog(window.settings, window)
    dialog.show()
    return dialog


def deleted(window, tab):
    records = tab.session.findings.rows_with_errors()[:1] or [0]
    tab.push_batch(tab.session.delete_rows(records))
    tab.go_to(records[0], "name")
    return window


def deleted_record(window, tab):
    """A deleted row in 整行查看: the line at the top says so and how to restore it."""
    deleted(window, tab)
    tab.side.setCurrentWidget(tab.record_view)
    return window


def filtered(window, tab):
    f = _first_with(tab, lambda f: not f.is_error) or _first_with(tab, lambda f: True)
    only_kind(tab, f.code)
    return window


def _stats(window, tab, topic: str):
    """The sheet's 统计 page on a topic, once its statistics are computed."""
    from PySide6.QtCore import QElapsedTimer
    from desktop.stats.hook import open_sheet_stats
    page = open_sheet_stats(window)
    clock = QElapsedTimer()
    clock.start()
    while page.result is None and clock.elapsed() < 60_000:
        settle(5)
    page.show_topic(topic)
    return window


SCENES = {"stats": lambda w, t: _stats(w, t, "年龄结构"), "stats_overview": lambda w, t: _stats(w, t, "概览"),
          "stats_places": lambda w, t: _stats(w, t, "分布区域"), "stats_size": lambda w, t: _stats(w, t, "数量规模"),
          "menu": menu, "dropdown": dropdown, "multi": multi, "preview": preview_findings,
          "preview_view": preview_view, "help": help_page, "settings": settings,
          "deleted": deleted, "deleted_record": deleted_record, "filtered": filtered}


def settle(rounds: int = 10) -> None:
    app = QApplication.instance()
    for _ in range(rounds):
        app.processEvents()
