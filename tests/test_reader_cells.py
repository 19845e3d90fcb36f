"""Cell values as the validators get them: dates, serials, formulas, numbers, IDs stored as numbers."""
from __future__ import annotations

from datetime import date, datetime

import readerfiles as rf
from intake.reader import read_tables
from intake.reader.cells import number_text

HEADER = ["姓名", "出生日期", "公民身份号码", "共同居住人", "来现居住地日期", "父亲联系方式", "离开户籍地日期"]


def _table(tmp_path, rows, writer=rf.write_xlsx, name="c.xlsx"):
    t, = read_tables(writer(tmp_path / name, [rf.SheetSpec("S", [HEADER] + rows)]))
    return t


def test_dates_serials_and_text_dates(tmp_path):
    rows = [["甲", date(2015, 3, 2), "x", "父母双方", 42065, "13800138000", "2020年1月1日"],
            ["乙", datetime(2016, 1, 2, 8, 30), "x", "父母双方", "2020/02/01", None, "20200101"]]
    t = _table(tmp_path, rows)
    assert t.data.values["birth_date"] == ["2015-03-02", "2016-01-02 08:30:00"]
    assert t.data.values["arrival_date"] == ["42065", "2020/02/01"]
    assert t.data.values["left_hukou_date"] == ["2020年1月1日", "20200101"]
    assert t.data.numeric["arrival_date"] == {0}            # a serial number is a number cell
    assert "birth_date" not in t.data.numeric                # real date cells are not


def test_formulas_give_their_cached_values(tmp_path):
    rows = [[rf.Formula('="张"&"三"', "张三"), rf.Formula("=DATE(2015,3,2)", 42065), "x", "父母双方",
             None, rf.Formula("=13800138000", 13800138000), None]]
    t = _table(tmp_path, rows)
    assert t.data.values["name"] == ["张三"]
    assert t.data.values["father_phone"] == ["13800138000"]
    assert t.data.values["birth_date"] == ["42065"]


def test_id_stored_as_number_is_flagged_not_repaired(tmp_path):
    typed = rf.child_id(born="20150302", seq="123")
    rows = [["甲", None, float(typed), "父母双方", None, 13800138000, None],
            ["乙", None, typed, "父母双方", None, "13900139000", None]]
    t = _table(tmp_path, rows)
    ids = t.data.values["id_number"]
    assert ids[1] == typed
    # the digits as the file stores them (15-16 significant), never "repaired" to the typed ID
    assert len(ids[0]) == 18 and ids[0][:15] == typed[:15] and ids[0] != typed
    assert ids[0] == number_text(float(ids[0]))
    assert t.data.numeric["id_number"] == {0}
    note, = [n for n in t.notes if n.code == "read.number_id"]
    assert (note.row, note.col) == (2, 3) and "数字格式" in note.message


def test_phone_stored_as_number_is_fine(tmp_path):
    t = _table(tmp_path, [["甲", None, "x", "父母双方", None, 13800138000, None]])
    assert t.data.values["father_phone"] == ["13800138000"]
    assert t.data.numeric["father_phone"] == {0}
    assert not [n for n in t.notes if n.code == "read.number_id"]


def test_xls_cells(tmp_path):
    rows = [["甲", date(2015, 3, 2), 110101201503021234, "父母双方", 42065, 13800138000, 2.5]]
    t = _table(tmp_path, rows, rf.write_xls, "c.xls")
    assert t.data.values["birth_date"] == ["2015-03-02"]
    assert t.data.values["arrival_date"] == ["42065"] and t.data.values["left_hukou_date"] == ["2.5"]
    assert t.data.numeric["id_number"] == {0} and t.data.values["father_phone"] == ["13800138000"]


def test_number_text_is_shortest():
    assert [number_text(v) for v in (13800138000.0, 42065.0, 2.5, 7, 0.1 + 0.2, -3.0)] == \
        ["13800138000", "42065", "2.5", "7", "0.3", "-3"]
