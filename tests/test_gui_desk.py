"""The small things of the clerk's desk: the sample's own county, `mopai A B` shows A, the
toolbar that keeps its place, Enter in the county search, the window on a 1366×768 screen,
column widths kept per layout, frozen columns that never cover the next one, print and preview,
the user guide, the blank template and 打开所在文件夹, Chinese file dialogs and save folders."""
from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QFileDialog, QMessageBox

from openpyxl import load_workbook

from desktop import sample, window_size
from desktop.export_actions import run_export
from desktop.print_layout import Printout
from desktop.printing import findings_table, new_printer, view_table
from intake import paths
from intake.reader import read_tables
from test_gui_helpers import make_window, open_and_wait, sample_records, write_xlsx


def test_the_sample_is_checked_against_its_own_county_and_says_so(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    window.settings.county_code = "330109"                 # the clerk's own county: 萧山区
    with qtbot.waitSignal(window.sheets_opened, timeout=30000) as blocker:
        window.open_sample()
    tab = blocker.args[0][0]
    assert not tab.session.findings.counts_by_code().get("address.outside_county")
    assert tab.notice.isVisibleTo(tab) and "示例表格按西湖区检查" in tab.notice.text()
    assert "萧山区" in tab.notice.text()
    target = tmp_path / "示例_上报.xlsx"
    with qtbot.waitSignal(window.export_done, timeout=30000):
        run_export(window, tab, "upload", target)
    qtbot.waitUntil(lambda: tab.isEnabled() and not window.jobs, timeout=5000)
    exported = load_workbook(target).worksheets[0].max_row - 1
    assert exported == tab.table.n_rows - len(tab.session.findings.rows_with_errors()) > 40
    # the user's own sheets still use the user's county
    other = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    assert other.session.findings.counts_by_code().get("address.outside_county") == 4
    assert "示例表格" not in other.notice.text()             # only the whole-sheet-outside line
    assert "全部 4 行都不在本县" in other.notice.text()
    # 设置 → 确定 keeps the sample on 西湖区
    with qtbot.waitSignal(window.sheets_rechecked, timeout=30000):
        window.recheck_open_sheets()
    assert not tab.session.findings.counts_by_code().get("address.outside_county")
    window.workspace.close()


def test_sample_counties_are_the_generators():
    from generator.sheet import DEFAULT_COUNTY

    assert sample.SAMPLE_COUNTY == {f"sample_{k}.xlsx": v for k, v in DEFAULT_COUNTY.items()}


def test_the_first_file_asked_for_is_shown_whichever_opens_first(qtbot, tmp_path, monkeypatch):
    import desktop.loading as loading

    slow = write_xlsx(tmp_path / "A.xlsx", sample_records())
    fast = write_xlsx(tmp_path / "B.xlsx", sample_records()[:2])
    real = loading.read_tables_isolated

    def read(path, **kw):
        if Path(path).name == "A.xlsx":
            time.sleep(0.6)                                # A takes longer to read than B
        return real(path, **kw)
    monkeypatch.setattr(loading, "read_tables_isolated", read)
    window = make_window(qtbot, tmp_path)
    opened = []
    window.sheets_opened.connect(lambda tabs: opened.extend(t.table.source.name for t in tabs))
    window.open_files([str(slow), str(fast)])
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=30000)
    assert opened == ["B.xlsx", "A.xlsx"] and window.current_tab().table.source.name == "A.xlsx"
    window.workspace.close()


def test_toolbar_buttons_keep_their_place_when_the_undo_text_grows(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    toolbar = window.toolbar
    before = toolbar.widgetForAction(window.actions.bulk_fix).geometry()
    tab.model.setData(tab.model.index(0, tab.model.column_of("hukou_address")), "河南省南阳市宛城区新华街道")
    undo_button = next(a for a in toolbar.actions() if a.objectName() == "toolbar_撤销")
    assert undo_button.text() == "撤销" and undo_button.isEnabled()
    assert "修改 第" in undo_button.toolTip() and "户籍地址" in undo_button.toolTip()
    assert toolbar.widgetForAction(window.actions.bulk_fix).geometry() == before
    undo_button.trigger()
    assert tab.undo_stack.count() == 1 and tab.undo_stack.index() == 0
    window.workspace.close()


def test_enter_on_the_single_match_in_the_county_search_picks_it(qtbot):
    from desktop.county_dialog import CountyDialog

    dialog = CountyDialog()
    qtbot.addWidget(dialog)
    dialog.search.setText("萧")                              # 萧山区 and 萧县: Enter waits
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.result() == 0 and dialog.selected_code() is None
    dialog.search.setText("萧山")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.result() == 1 and dialog.selected_code() == "330109"


def test_the_window_fits_a_1366x768_screen_with_its_status_bar(qtbot, tmp_path, monkeypatch):
    laptop = QRect(0, 0, 1366, 728)                          # 768 minus a taskbar
    monkeypatch.setattr(window_size, "available", lambda window: laptop)
    window = make_window(qtbot, tmp_path)
    open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))
    assert window.maximise                                   # smaller than the default size
    hint = window.minimumSizeHint()
    assert hint.width() <= laptop.width() and hint.height() <= laptop.height()
    window.setGeometry(laptop)
    window.show()
    qtbot.waitUntil(lambda: window.statusBar().isVisible())
    bar = window.statusBar().geometry()
    assert bar.bottom() < window.height() and bar.height() > 0
    assert window.counts.geometry().right() <= bar.width()
    window.workspace.close()


def test_column_widths_dragged_are_kept_for_the_same_layout(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    column = tab.model.column_of("hukou_address")
    tab.view.setColumnWidth(column, 431)                     # as a drag would
    tab.widths.save()
    other = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村乙.xlsx", sample_records()[:3]))[0]
    assert other.view.columnWidth(other.model.column_of("hukou_address")) == 431
    window.workspace.close()


def test_frozen_columns_never_cover_the_next_columns_text(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    window.resize(900, 600)
    view = tab.view
    bar = view.horizontalScrollBar()
    edge = view.frozen_width()
    assert bar.maximum() > 0
    for value in list(range(0, bar.maximum() + 1, 37)) + [bar.maximum()]:
        bar.setValue(value)
        starts = [view.columnViewportPosition(c) for c in range(view.n_frozen, tab.model.columnCount())]
        assert edge in starts, (value, bar.value())          # a column begins at the frozen edge
    last = tab.model.columnCount() - 1
    view.scrollTo(tab.model.index(0, last))
    assert view.columnViewportPosition(last) + view.columnWidth(last) <= view.viewport().width()
    view.scrollTo(tab.model.index(0, view.n_frozen + 1))     # back left: out from under the overlay
    assert view.columnViewportPosition(view.n_frozen + 1) >= edge
    window.workspace.close()


def test_print_the_view_and_the_problem_list_a4_landscape_with_excel_rows(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    printer = new_printer()
    assert printer.pageLayout().orientation().name == "Landscape"
    assert printer.pageLayout().pageSize().id().name == "A4"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    view = view_table(tab)
    assert view.cell(0, 0) == str(tab.table.row_numbers[0]) and view.columns[0].title == "行号"
    printout = Printout(view, printer)
    bands = printout.bands()
    assert len(bands) > 1 and all(b[:3] == [0, 1, 2] for b in bands)   # 行号, 姓名, 身份证号 repeated
    assert sorted({c for b in bands for c in b}) == list(range(len(view.columns)))
    printer.setOutputFileName(str(tmp_path / "view.pdf"))
    assert printout.paint() == len(bands)                    # 4 rows: one page per band
    problems = findings_table(tab)
    found = tab.session.findings
    assert problems.n_rows == 2 + found.n_errors + found.n_warnings + found.n_hints   # and two headings
    assert problems.heading(0) and problems.cell(1, 0) == str(tab.table.row_numbers[0])
    printer.setOutputFileName(str(tmp_path / "problems.pdf"))
    assert Printout(problems, printer).paint() >= 1
    assert (tmp_path / "view.pdf").stat().st_size > 1000 and (tmp_path / "problems.pdf").is_file()
    from desktop.printing import preview
    dialog = preview(tab, "findings")
    painted = []
    dialog.paintRequested.connect(lambda p: painted.append(p))
    import gc
    gc.collect()                                            # the preview's printer must survive this
    qtbot.waitUntil(lambda: dialog.isVisible())
    dialog.findChild(QPrintPreviewWidget).updatePreview()  # draws the pages again
    assert painted and "问题清单" in dialog.windowTitle()
    dialog.close()
    window.workspace.close()


def test_f1_opens_the_user_guide(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    assert window.actions.help.shortcut().toString() == "F1"
    window.actions.help.trigger()
    dialog = window._help_dialog
    text = dialog.browser.toPlainText()
    assert dialog.isVisible() and "工作流程" in text
    for words in ("红色", "错误", "警告", "提示", "Ctrl+V", "F8", str(paths.data_dir())):
        assert words in text                                  # …and where this PC keeps the files
    window.actions.help.trigger()                             # one guide window, raised again
    assert window._help_dialog is dialog
    window.workspace.close()


def test_new_blank_template_and_open_its_folder(qtbot, tmp_path, monkeypatch):
    from desktop.template_export import save_template

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window = make_window(qtbot, tmp_path)
    target = save_template(window, "liushou", tmp_path / "空白")
    assert target == tmp_path / "空白.xlsx" and target.is_file()
    assert read_tables(target)[0].form == "liushou"          # it reads back as a 留守 sheet
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    folder = next(b for b in box.buttons() if b.text() == "打开所在文件夹")
    folder.click()
    assert opened == [str(tmp_path)]
    window.workspace.close()


def test_file_dialogs_are_chinese_and_save_beside_the_sheet_not_the_install_folder(qtbot, tmp_path):
    from desktop.file_dialogs import _dialog, documents_folder, save_folder

    dialog = _dialog(None, "导出", str(tmp_path), "Excel 工作簿 (*.xlsx)", QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    assert dialog.labelText(QFileDialog.DialogLabel.LookIn) == "查找范围："
    assert dialog.labelText(QFileDialog.DialogLabel.FileType) == "文件类型(&T)："
    assert dialog.labelText(QFileDialog.DialogLabel.Accept) == "保存(&S)"
    assert save_folder(tmp_path / "村甲.xlsx") == tmp_path
    assert save_folder(sample.SAMPLE) == documents_folder()          # never the program's folder


def test_the_first_open_dialog_starts_in_documents_not_the_folder_the_app_started_in(qtbot, tmp_path,
                                                                                    monkeypatch):
    from desktop import main_window
    from desktop.file_dialogs import documents_folder

    window = make_window(qtbot, tmp_path)
    asked = []
    monkeypatch.setattr(main_window, "open_file_names", lambda _p, _purpose, _t, folder, _f: asked.append(folder) or [])
    window.choose_files()                         # no file opened yet
    assert asked == [str(documents_folder())]
