"""The received-files dialog says when a file added replaced an earlier version of the same
township's sheet (替换了12月1日收到的版本…), and when one added is older than a version received
before; other files say neither."""
from pathlib import Path

from countykit import desk_on
from desktop.county.received_dialog import received_dialog
from intake.county.receive import ADDED, Received


def _notes(qtbot, desk):
    received = [Received(Path(m.file.path), ADDED, file_id=m.file.id, sheet_ids=[sheet_id])
                for sheet_id, m in sorted(desk.snapshot.meta.items())]
    dialog = received_dialog(received, desk.snapshot, None)
    qtbot.addWidget(dialog)
    return {dialog.table.item(r, 0).text(): dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())}


def _day(desk, name):
    f = next(f for f in desk.snapshot.files if f.name == name)
    return f"{int(f.received_at[5:7])}月{int(f.received_at[8:10])}日"


def test_a_corrected_file_says_which_version_it_replaced(qtbot, tmp_path, county_parts):
    base, _ = county_parts
    with desk_on(base, tmp_path) as desk:
        notes = _notes(qtbot, desk)
        day, newer = _day(desk, "金城镇-村A.xlsx"), _day(desk, "金城镇-村A（更正）.xlsx")
    assert notes["金城镇-村A（更正）.xlsx"] == f"金城镇，1 张表，替换了{day}收到的版本“金城镇-村A.xlsx”"
    assert notes["金城镇-村B.xlsx"] == "金城镇，1 张表"                  # another part: replaces nothing
    assert notes["金城镇-村A.xlsx"] == (f"金城镇，1 张表，已有较新的版本“金城镇-村A（更正）.xlsx”（{newer}收到），"
                                       "本文件作为旧版本保留，不计入汇总")

