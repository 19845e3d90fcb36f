"""Header → field: labels, aliases, fuzzy matches with a confidence, remembered mappings."""
from __future__ import annotations

import json

import pytest

import readerfiles as rf
from intake.errors import Cancelled
from intake.forms import load_form
from intake.paths import data_dir
from intake.reader import read_tables, remember_mapping
from intake.reader.mapping import FUZZY_THRESHOLD, form_index, normalise
from intake.reader.mapping_memory import FILE_NAME, recall


@pytest.fixture
def liudong():
    return form_index(load_form("liudong"))


def test_normalise_ignores_spaces_breaks_width_and_marks():
    assert normalise(" 公民身份\n号码 ") == normalise("公民身份号码")
    assert normalise("*性　别：") == "性别"
    assert normalise("０－６岁儿童健康管理服务") == normalise("0-6岁儿童健康管理服务")


def test_label_alias_and_bracket_hint(liudong):
    assert (liudong.match("姓名").field, liudong.match("姓名").how, liudong.match("姓名").confidence) == ("name", "label", 1.0)
    alias = liudong.match("身份证号码")
    assert (alias.field, alias.how, alias.confidence) == ("id_number", "alias", 0.95)
    assert liudong.match("公民身份号码（18位）").field == "id_number"
    assert liudong.match("父亲公民身份号码").field == "father_id"


def test_fuzzy_match_has_a_confidence_below_exact(liudong):
    m = liudong.match("来现居住地的日期")
    assert m.field == "arrival_date" and m.how == "fuzzy"
    assert FUZZY_THRESHOLD <= m.confidence < 0.95


def test_weak_or_ambiguous_headers_stay_unmapped(liudong):
    assert liudong.match("备注").field is None
    assert liudong.match("家庭年收入").field is None
    vague = liudong.match("联系电话")           # 父亲联系电话? 母亲联系电话? never guessed
    assert vague.field is None and {"father_phone", "mother_phone"} <= set(vague.candidates)


def test_fuzzy_columns_are_reported_in_the_table(tmp_path):
    rows = [["姓名", "性别", "共同居住人", "来现居住地的日期", "联系电话"], ["张三", "男", "父母双方", "2020-01-01", "1"]]
    t, = read_tables(rf.write_xlsx(tmp_path / "f.xlsx", [rf.SheetSpec("S", rows)]))
    col = t.columns[3]
    assert (col.field, col.how) == ("arrival_date", "fuzzy") and 0.75 <= col.confidence < 0.95
    assert t.data.values["arrival_date"] == ["2020-01-01"]
    assert t.columns[4].field is None and t.columns[4].how == "unmapped" and t.extra == {5: ["1"]}
    codes = {n.code: n.message for n in t.notes}
    assert "来现居住地的日期" in codes["read.fuzzy_header"] and "%" in codes["read.fuzzy_header"]
    assert "父亲联系方式" in codes["read.unmapped_header"]


def test_duplicate_column_is_kept_unmapped(tmp_path):
    rows = [["姓名", "共同居住人", "来现居住地日期", "姓名"], ["张三", "父母双方", "2020-01-01", "张三丰"]]
    t, = read_tables(rf.write_xlsx(tmp_path / "d.xlsx", [rf.SheetSpec("S", rows)]))
    assert [c.field for c in t.columns] == ["name", "co_resident", "arrival_date", None]
    assert t.data.values["name"] == ["张三"] and t.extra[4] == ["张三丰"]
    assert any(n.code == "read.duplicate_column" for n in t.notes)


def test_confirmed_mapping_is_remembered_for_the_same_layout(tmp_path):
    rows = [["姓名", "共同居住人", "来现居住地日期", "联系电话", "备注"],
            ["张三", "父母双方", "2020-01-01", "13800138000", "x"]]
    first, = read_tables(rf.write_xlsx(tmp_path / "a.xlsx", [rf.SheetSpec("S", rows)]))
    assert first.columns[3].field is None
    first.columns[3].field = "father_phone"          # the clerk confirms in the mapping dialog
    remember_mapping(first)
    stored = json.loads((data_dir() / FILE_NAME).read_text(encoding="utf-8"))
    assert list(stored.values())[0]["fields"][3] == "father_phone"

    again, = read_tables(rf.write_xlsx(tmp_path / "b.xlsx", [rf.SheetSpec("Sheet1", rows)]))
    assert [(c.field, c.how) for c in again.columns] == [
        ("name", "remembered"), ("co_resident", "remembered"), ("arrival_date", "remembered"),
        ("father_phone", "remembered"), (None, "remembered")]
    assert again.data.values["father_phone"] == ["13800138000"]
    assert not any(n.code == "read.unmapped_header" for n in again.notes)

    other = [["姓 名", "共同居住人", "来现居住地日期", "联系电话"], ["张三", "父母双方", "2020-01-01", "1"]]
    different, = read_tables(rf.write_xlsx(tmp_path / "c.xlsx", [rf.SheetSpec("S", other)]))
    assert different.columns[3].field is None        # another layout: not reused


def test_unreadable_memory_file_is_ignored(tmp_path):
    (data_dir() / FILE_NAME).write_text("{not json", encoding="utf-8")
    assert recall(["姓名"]) is None
    assert read_tables(rf.write_xlsx(tmp_path / "a.xlsx", [rf.liudong_sheet(1)]))[0].n_rows == 1


def test_progress_and_cancel(tmp_path):
    path = rf.write_xlsx(tmp_path / "p.xlsx", [rf.liudong_sheet(12)])
    seen = []
    read_tables(path, progress=lambda done, total: seen.append((done, total)))
    assert seen[:2] == [(0, 0), (0, 13)] and seen[-1] == (13, 13)
    assert all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))
    with pytest.raises(Cancelled):
        read_tables(path, cancelled=lambda: True)


def test_remember_api_by_header_texts_and_forget(tmp_path):
    from intake.reader.mapping_memory import forget, remember
    rows = [["儿童", "性别", "出生", "共同居住人", "来现居住地日期"], ["张三", "男", "2015-01-01", "父母双方", "2020-01-01"]]
    path = rf.write_xlsx(tmp_path / "r.xlsx", [rf.SheetSpec("S", rows)])
    t, = read_tables(path)
    assert t.columns[0].field is None and t.columns[2].field is None
    assert t.notes[0].code == "read.no_person_columns"
    remember(rows[0], ["name", "sex", "birth_date", "co_resident", "arrival_date"], "liudong")
    t, = read_tables(path)
    assert t.data.values["name"] == ["张三"] and t.data.values["birth_date"] == ["2015-01-01"]
    assert "按上次确认的列对应读取" in t.form_reason
    forget(rows[0])
    assert read_tables(path)[0].columns[0].field is None
    with pytest.raises(ValueError):
        remember(rows[0], ["name"], "liudong")
