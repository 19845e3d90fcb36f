"""Which handler each of the main window's actions calls (desktop.actions builds them)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from desktop import clipboard, export_actions, printing, row_actions
from desktop.county import show_county_page
from desktop.help_view import show_help
from desktop.stats.hook import open_sheet_stats
from desktop.template_export import save_template

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def connect_actions(window: "MainWindow") -> None:
    a, tab = window.actions, window.with_tab
    a.open.triggered.connect(window.choose_files)
    a.sample.triggered.connect(window.open_sample)
    a.template_liudong.triggered.connect(lambda: save_template(window, "liudong"))
    a.template_liushou.triggered.connect(lambda: save_template(window, "liushou"))
    a.close_sheet.triggered.connect(lambda: window.close_tab(window.tabs.currentIndex()))
    a.quit.triggered.connect(window.close)
    a.export_upload.triggered.connect(lambda: export_actions.export(window, "upload"))
    a.export_return.triggered.connect(lambda: export_actions.export(window, "return"))
    a.export_report.triggered.connect(lambda: export_actions.export(window, "report"))
    a.county.triggered.connect(lambda: show_county_page(window))
    a.print_view.triggered.connect(lambda: tab(lambda t: printing.print_now(t, "view")))
    a.print_findings.triggered.connect(lambda: tab(lambda t: printing.print_now(t, "findings")))
    a.preview_view.triggered.connect(lambda: tab(lambda t: printing.preview(t, "view")))
    a.preview_findings.triggered.connect(lambda: tab(lambda t: printing.preview(t, "findings")))
    a.copy.triggered.connect(lambda: tab(clipboard.copy_selection))
    a.paste.triggered.connect(lambda: tab(clipboard.paste_clipboard))
    a.clear.triggered.connect(lambda: tab(clipboard.clear_selection))
    a.delete_rows.triggered.connect(lambda: tab(row_actions.delete_selected))
    a.restore_rows.triggered.connect(lambda: tab(row_actions.restore_selected))
    a.bulk_fix.triggered.connect(window.bulk_fix)
    a.find_replace.triggered.connect(window.find_replace)
    a.next_problem.triggered.connect(lambda: tab(lambda t: t.next_problem()))
    a.previous_problem.triggered.connect(lambda: tab(lambda t: t.next_problem(True)))
    a.record_view.triggered.connect(lambda: tab(lambda t: t.side.setCurrentWidget(t.record_view)))
    a.search.triggered.connect(lambda: tab(lambda t: t.focus_search()))
    a.stats.triggered.connect(lambda: open_sheet_stats(window))
    a.settings.triggered.connect(window.edit_settings)
    a.help.triggered.connect(lambda: show_help(window))
    a.about.triggered.connect(window.about)
    window.welcome.open_requested.connect(window.choose_files)
    window.welcome.sample_requested.connect(window.open_sample)
    window.welcome.recent_requested.connect(lambda p: window.open_files([p]))
    window.tabs.tabCloseRequested.connect(window.close_tab)
    window.tabs.currentChanged.connect(window._sheet_changed)
