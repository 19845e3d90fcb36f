"""A sheet whose every row lies outside the clerk's county says why it may be (the county picked
wrong, or another county's sheet) above the table; choosing the right county in 设置 clears it."""
from __future__ import annotations

from sheetkit import liudong_record
from test_gui_helpers import make_window, open_and_wait
from workspacekit import write_xlsx

XICHENG = "北京市西城区西长安街街道府右街2号"


def test_a_sheet_wholly_outside_the_county_says_the_county_may_be_wrong(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    window.settings.county_code = "110102"                 # 西城区, a slip in the search list
    records = [liudong_record(name=n, seq=str(i)) for i, n in enumerate(["张三", "李四", "王五"], 1)]
    path = write_xlsx(tmp_path / "金水.xlsx", records)
    [tab] = open_and_wait(qtbot, window, path)
    assert tab.session.findings.count("address.outside_county") == 3
    assert tab.notice.isVisibleTo(tab)
    assert "全部 3 行都不在本县（北京市西城区）" in tab.notice.text() and "设置" in tab.notice.text()

    window.settings.county_code = "410105"                 # the right one: 郑州市金水区
    with qtbot.waitSignal(window.sheets_rechecked, timeout=30000):
        window.recheck_open_sheets()
    assert tab.session.findings.count("address.outside_county") == 0
    assert not tab.notice.isVisibleTo(tab)


def test_a_sheet_with_one_row_in_the_county_has_no_such_line(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    window.settings.county_code = "110102"
    records = [liudong_record(), liudong_record(name="李四", seq="2", current_address=XICHENG)]
    [tab] = open_and_wait(qtbot, window, write_xlsx(tmp_path / "两县.xlsx", records))
    assert tab.session.findings.count("address.outside_county") == 1
    assert not tab.notice.isVisibleTo(tab)
