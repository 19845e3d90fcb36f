"""The last register read back (intake.register.previous, python-calamine in a child process)
gives the very Previous the openpyxl reader gave (tests/previous_openpyxl.py, main's reader):
on a register the county edited in Excel-like ways (typed text, whole numbers, decimals, dates,
datetimes, times, booleans and blanks in the notes, a column moved, one added, a child typed
without an ID, a child on the removed sheet); a reader that crashes leaves the file untouched."""
import os
from datetime import date, datetime, time

import pytest
from openpyxl import load_workbook

from intake.errors import WriteError
from intake.register import previous as previous_module
from intake.register import write_register
from intake.register.definitions import load_register
from intake.register.previous import read_previous
from intake.stats.inputs import desk_children
from previous_openpyxl import read_previous_before
from rowkit import make_id
from statskit import ID_L5, J, desk_copy

ID_GONE = make_id("511324", "20120101", "357")      # on the removed sheet only

TYPED = ["电话已打通", 1, 2.5, 0, 12345678901, datetime(2026, 1, 15), datetime(2026, 2, 3, 14, 30),
         date(2026, 3, 4), time(9, 15), True, False, None, "  两个空格  ", "1"]


@pytest.fixture
def edited(stats_base, tmp_path):
    with desk_copy(stats_base, tmp_path) as desk:
        out = tmp_path / "台账.xlsx"
        write_register(desk_children(desk), out)
    book = load_workbook(out)
    ws = book["台账"]
    header = [c.value for c in ws[4]]
    col = {h: i + 1 for i, h in enumerate(header)}
    last = ws.max_row
    for n, r in enumerate(range(5, last + 1)):       # every kind of value, in every notes column
        for k, h in enumerate(("帮扶措施", "责任人", "跟进日期", "备注", "主动求助")):
            if h in col:
                ws.cell(r, col[h], TYPED[(n * 5 + k) % len(TYPED)])
    ws.cell(4, len(header) + 1, "走访记录")                              # a column the county added
    ws.cell(5, len(header) + 1, 3)
    ws.insert_cols(2)                                                   # 帮扶措施 moved to B
    moved = col["帮扶措施"] + 1
    for r in range(4, last + 1):
        ws.cell(r, 2, ws.cell(r, moved).value)
    ws.delete_cols(moved)
    ws.cell(last + 1, col["姓名"] + 1, "无证儿")                          # no ID: matched by name
    ws.cell(last + 1, col["乡镇（街道）"] + 1, J)
    ws.cell(last + 1, col["出生日期"] + 1, datetime(2019, 9, 1))
    ws.cell(last + 1, 2, 7.0)
    gone = book["已移出"]
    gone_header = [c.value for c in gone[4]]
    gone.cell(5, gone_header.index("公民身份号码") + 1, ID_GONE)
    gone.cell(5, gone_header.index("姓名") + 1, "乙二")
    gone.cell(5, gone_header.index("移出原因") + 1, "不再符合重点关爱条件")
    gone.cell(5, gone_header.index("移出日期") + 1, datetime(2025, 11, 30))
    gone.cell(5, gone_header.index("帮扶措施") + 1, 42)
    gone.cell(6, gone_header.index("公民身份号码") + 1, ID_L5)             # on both sheets: the register wins
    gone.cell(6, gone_header.index("姓名") + 1, "甲五")
    book.save(out)
    return out


def typed(previous) -> dict:
    """Every row's values with their types (1 == 1.0 == True in Python)."""
    return {k: ({h: (type(v).__name__, v) for h, v in r.values.items()}, r.removed,
                (type(r.removed_why).__name__, r.removed_why), (type(r.removed_on).__name__, r.removed_on))
            for k, r in previous.rows.items()}


def test_the_edited_register_reads_as_openpyxl_read_it(edited):
    rdef = load_register()
    new, old = read_previous(edited, rdef), read_previous_before(edited, rdef)
    assert typed(new) == typed(old)
    assert new.noted(rdef.county_noted) == old.noted(rdef.county_noted)
    kinds = {type(v) for r in new.rows.values() for v in r.values.values()}
    assert {str, int, float, datetime, time, bool, type(None)} <= kinds
    assert new.rows["id:" + ID_GONE].removed and new.rows["id:" + ID_GONE].values["帮扶措施"] == 42
    assert not new.rows["id:" + ID_L5].removed
    assert any(k.startswith("nb:无证儿|2019-09-01|") for k in new.rows)


def abort_job(*args, **kwargs):
    os.abort()                      # what a Rust abort inside calamine does to its process


def test_a_reader_crash_leaves_the_register_untouched(edited, monkeypatch):
    before = edited.read_bytes()
    monkeypatch.setattr(previous_module, "READER", "test_register_previous:abort_job")
    with pytest.raises(WriteError, match="意外终止.*没有覆盖"):
        read_previous(edited, load_register())
    assert edited.read_bytes() == before


def test_a_book_without_the_register_sheet_is_refused(tmp_path):
    from openpyxl import Workbook
    path = tmp_path / "台账.xlsx"
    Workbook().save(path)
    with pytest.raises(WriteError, match="没有“台账”工作表"):
        read_previous(path, load_register())
