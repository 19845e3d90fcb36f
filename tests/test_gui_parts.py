"""Smaller parts of the desktop app: typed settings, the county picker, next/previous problem,
table filters and sorting, find and replace."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from desktop.findings_panel import FILTER_ERRORS, FILTER_KIND
from desktop.settings import REFERENCE_FIXED, REFERENCE_SHEET, AppSettings, MAX_RECENT
from test_gui_helpers import make_window, open_and_wait, sample_records, write_xlsx
from validators.findings import Severity


def _settings(tmp_path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))


def test_settings_are_typed_and_fall_back_to_defaults(qapp, tmp_path):
    s = _settings(tmp_path)
    assert s.county_code is None and not s.county_asked and s.fixed_reference_date is None
    s.county_code = "110114"
    s.set_reference(REFERENCE_FIXED, date(2025, 12, 31))
    for i in range(MAX_RECENT + 3):
        s.add_recent_file(f"/data/村{i}.xlsx")
    s.add_recent_file("/data/村3.xlsx")
    again = _settings(tmp_path)                      # read back from the INI file (all text)
    assert again.county_code == "110114" and again.county_asked
    assert again.fixed_reference_date == date(2025, 12, 31)
    assert again.recent_files()[0] == "/data/村3.xlsx" and len(again.recent_files()) == MAX_RECENT
    assert again.recent_files().count("/data/村3.xlsx") == 1
    again.set_reference(REFERENCE_SHEET, None)
    again.store.setValue("county/code", "11011")     # a damaged value is not used
    assert again.fixed_reference_date is None and again.county_code is None


def test_county_picker_filters_recursively_and_returns_a_county(qtbot):
    from desktop.county_dialog import CountyDialog

    dialog = CountyDialog()
    qtbot.addWidget(dialog)
    assert dialog.selected_code() is None
    dialog.search.setText("昌平")
    proxy = dialog.proxy
    assert proxy.rowCount() == 1                                  # 北京市 only
    beijing = proxy.index(0, 0)
    assert beijing.data() == "北京市" and proxy.rowCount(beijing) == 1
    assert dialog.select_code("110114")
    assert dialog.selected_code() == "110114"
    dialog.search.setText("130")                                  # by code prefix
    assert proxy.rowCount() >= 1 and proxy.index(0, 0).data() == "河北省"
    dialog.search.setText("")
    assert proxy.rowCount() >= 31


def test_next_and_previous_problem_walk_the_findings(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    findings = tab.session.findings
    to_check = {i for i in findings.rows_with_findings()          # hints are not stops of F8
                if any(f.severity is not Severity.HINT for f in findings.for_row(i))}
    visited = []
    for _ in range(len(findings.rows_with_findings()) + 2):
        window.actions.next_problem.trigger()
        visited.append(tab.current_record())
    assert set(visited) == to_check and len(to_check) >= 2
    index = tab.view.currentIndex()
    record, field = tab.model.record_at(index.row()), tab.model.field_at(index.column())
    assert findings.for_cell(record, field)                      # always lands on a problem cell
    window.actions.previous_problem.trigger()
    assert tab.view.currentIndex() != index
    window.workspace.close()


def test_filters_show_rows_with_errors_one_kind_or_text(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    model, panel, findings = tab.model, tab.panel, tab.session.findings
    panel.mode.setCurrentIndex(FILTER_ERRORS)
    shown = {model.record_at(r) for r in range(model.rowCount())}
    assert shown == set(findings.rows_with_errors()) and shown != set(range(4))
    panel.mode.setCurrentIndex(FILTER_KIND)
    panel.select_kind("date.normalised")
    shown = {model.record_at(r) for r in range(model.rowCount())}
    assert shown == {f.index for f in findings.all() if f.code == "date.normalised"}
    panel.mode.setCurrentIndex(0)
    panel.search.setText("赵六")                      # filters once typing pauses
    qtbot.waitUntil(lambda: [model.record_at(r) for r in range(model.rowCount())] == [3], timeout=3000)
    panel.search.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=3000)
    # sorting permutes rows; Excel row numbers travel with them
    model.sort(model.column_of("name"), Qt.SortOrder.DescendingOrder)
    names = [model.index(r, model.column_of("name")).data() for r in range(4)]
    assert names == sorted(names, reverse=True)
    assert model.headerData(0, Qt.Orientation.Vertical) == str(tab.table.row_numbers[model.record_at(0)])
    window.workspace.close()


def test_find_replace_in_one_column_is_one_undo_step(qtbot, tmp_path, monkeypatch):
    from desktop.find_replace_dialog import FindReplaceDialog

    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    tab.view.setCurrentIndex(tab.model.index(0, tab.model.column_of("school_name")))

    def run(dialog):
        assert dialog.column.currentData() == "school_name"
        dialog.find.setText("第一")
        dialog.replace.setText("第二")
        dialog.preview()
        assert dialog.list.topLevelItemCount() == 4
        return 1
    monkeypatch.setattr(FindReplaceDialog, "exec", run)
    window.find_replace()
    assert tab.table.data.values["school_name"] == ["金水区第二小学"] * 4
    assert tab.table.data.values["name"][0] == "张三"            # other columns untouched
    window.actions.undo.trigger()
    assert tab.table.data.values["school_name"] == ["金水区第一小学"] * 4
    window.workspace.close()


def test_opening_the_same_file_again_keeps_one_tab(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    path = write_xlsx(tmp_path / "村甲.xlsx", sample_records())
    tab = open_and_wait(qtbot, window, path)[0]
    assert window.settings.recent_files() == [str(path.resolve())]
    tab.model.setData(tab.model.index(0, tab.model.column_of("name")), "张小三")
    with qtbot.waitSignal(window.sheets_opened, timeout=30000):
        window.open_files([str(path)])
    assert window.tabs.count() == 1 and window.current_tab() is tab
    assert len(window.workspace.sheets()) == 1
    window.close_tab(0)
    assert window.stack.currentWidget() is window.welcome and window.settings.open_sheets() == []
    again = open_and_wait(qtbot, window, path)[0]                # resumed with the edit
    assert again.table.data.get("name", 0) == "张小三"
    window.workspace.close()


def test_first_start_asks_for_the_county_once(qapp, tmp_path, monkeypatch):
    from desktop import app as app_module

    asked = []

    def fake_exec(dialog):
        asked.append(True)
        return dialog.select_code("330106")
    monkeypatch.setattr(app_module.CountyDialog, "exec", fake_exec)
    settings = _settings(tmp_path)
    app_module.first_start(settings)
    app_module.first_start(settings)
    assert asked == [True] and settings.county_code == "330106"
    assert app_module.parse_args(["--sample"]).sample
    assert app_module.parse_args(["a.xlsx", "b.xls"]).files == ["a.xlsx", "b.xls"]


def test_changing_the_county_rechecks_open_sheets_in_place(qtbot, tmp_path, monkeypatch):
    """设置 → 确定 checks every open sheet again and stays where the clerk was: same tabs, same
    current tab, the undo history and the edits kept."""
    from desktop.settings_dialog import SettingsDialog

    window = make_window(qtbot, tmp_path)
    first = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村乙.xlsx", sample_records()[:2]))[0]
    window.tabs.setCurrentWidget(first)
    first.model.setData(first.model.index(0, first.model.column_of("name")), "张小三")
    assert not first.session.findings.counts_by_code().get("address.outside_county")

    def choose(dialog):
        dialog.county_code = "330106"            # 杭州市西湖区: the sample children live in 郑州
        return 1
    monkeypatch.setattr(SettingsDialog, "exec", choose)
    with qtbot.waitSignal(window.sheets_rechecked, timeout=30000) as blocker:
        window.edit_settings()
    assert blocker.args[0] == [first, tab]
    assert window.settings.county_code == "330106" and window.tabs.count() == 2
    assert window.current_tab() is first and first.undo_stack.count() == 1
    assert first.session.findings.counts_by_code().get("address.outside_county") == 4
    assert first.panel.group_count("address.outside_county") == 4
    assert first.table.data.get("name", 0) == "张小三"      # edits kept
    qtbot.waitUntil(lambda: first.isEnabled() and not window.jobs, timeout=5000)
    first.undo_stack.undo()                              # the history still works
    assert first.table.data.get("name", 0) == "张三"
    window.workspace.close()


def test_dropping_a_file_on_the_window_opens_it(qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    window = make_window(qtbot, tmp_path)
    path = write_xlsx(tmp_path / "村丁.xlsx", sample_records())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.sheets_opened, timeout=30000) as blocker:
        window.dropEvent(event)
    assert blocker.args[0][0].table.source.name == "村丁.xlsx"
    assert window.actions.recent_menu.actions()[0].text() == "村丁.xlsx"
    window.workspace.close()


def test_qt_own_texts_are_chinese(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.app import create_application

    create_application()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消"])


def test_going_to_a_filtered_out_finding_shows_all_rows(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    tab.panel.search.setText("赵六")
    tab.panel.search.returnPressed.emit()                 # Enter filters at once
    assert tab.model.rowCount() == 1
    target = next(f for f in tab.session.findings.all() if f.index != 3 and f.field)
    tab.go_to(target.index, target.field)
    assert tab.model.rowCount() == 4 and tab.panel.search_text == ""
    assert tab.current_record() == target.index
    assert tab.model.field_at(tab.view.currentIndex().column()) == target.field
    window.workspace.close()


def test_clicking_a_finding_in_the_panel_selects_its_cell(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    tree = tab.panel.tree
    group = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                 if tree.topLevelItem(i).text(0) == "身份证校验位错误 · 公民身份号码")
    assert group.text(1) == "1"
    group.setExpanded(True)                                   # children are filled on expand
    child = group.child(0)
    # the entry is the row and the message, which names the column once (no “公民身份号码：公民身份号…”)
    assert child.text(0).startswith(f"第{tab.table.row_numbers[2]}行：公民身份号码最后一位校验码不对")
    tree.itemClicked.emit(child, 0)
    assert tab.current_record() == 2
    assert tab.model.field_at(tab.view.currentIndex().column()) == "id_number"
    window.workspace.close()


def test_county_picker_offers_cities_without_counties(qtbot):
    """东莞 has no county level: the clerks there must still be able to choose it."""
    from desktop.county_dialog import CountyDialog

    dialog = CountyDialog()
    qtbot.addWidget(dialog)
    dialog.search.setText("东莞")
    assert dialog.select_code("441900")
    assert dialog.selected_code() == "441900"
    dialog.search.setText("")
    assert dialog.select_code("420606")                    # 襄阳市樊城区, an ordinary district
    assert dialog.selected_code() == "420606"


def test_a_file_that_does_not_open_is_not_kept_in_the_recent_files(qtbot, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    window = make_window(qtbot, tmp_path)
    good = write_xlsx(tmp_path / "村甲.xlsx", sample_records())
    wrong = tmp_path / "notes.docx"
    wrong.write_text("会议纪要：本周摸排进度\n", encoding="utf-8")
    with qtbot.waitSignal(window.open_failed, timeout=30000):
        with qtbot.waitSignal(window.sheets_opened, timeout=30000):
            window.open_files([str(wrong), str(good)])
    qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
    assert "notes.docx" in warnings[0]
    assert window.settings.recent_files() == [str(good.resolve())]
    assert [a.text() for a in window.actions.recent_menu.actions()][0] == "村甲.xlsx"
    window.workspace.close()
