"""Reading a department's answer: the profile's headers and aliases through the reader's own
layout and mapping code, a column matched only by likeness reported for the clerk to confirm
(and a confirmed mapping used instead), a file with no ID column refused in Chinese, an ID
that Excel stored as a number named, not matched."""
import pytest

from intake.departments.answer_read import read_answer
from intake.departments.profile import load_profile
from intake.errors import ReadError
from readerfiles import SheetSpec, child_id, write_xlsx

A = child_id("511324", "20150302", "023")
B = child_id("511324", "20160405", "031")


def _answer(tmp_path, header, rows, name="回复.xlsx"):
    return write_xlsx(tmp_path / name, [SheetSpec("Sheet1", [["医保核查结果"], header, *rows])])


def test_a_fuzzy_header_is_doubtful_and_a_confirmed_mapping_replaces_it(tmp_path):
    path = _answer(tmp_path, ["姓名", "证件号码", "医保参保状况", "参保地"], [["甲", A, "正常参保", "本县"]])
    profile = load_profile("yibao")
    answer = read_answer(profile, path)
    doubt, = answer.doubtful
    assert (doubt.header, doubt.key, doubt.label) == ("医保参保状况", "insured", "参保状态") and doubt.confidence < 0.95
    assert answer.records["insured"].to_list() == ["已参保"]
    mapping = {s: {c: (None if k == "insured" else k) for c, k in m.items()} for s, m in answer.mapping.items()}
    again = read_answer(profile, path, mapping=mapping, isolated=False)
    assert again.doubtful == [] and again.records["insured"].to_list() == [None] and "参保状态" in again.missing


def test_an_answer_without_an_id_column_is_refused_with_a_message(tmp_path):
    path = _answer(tmp_path, ["姓名", "参保状态", "参保地"], [["甲", "正常参保", "本县"]])
    with pytest.raises(ReadError, match="公民身份号码"):
        read_answer(load_profile("yibao"), path)


def test_an_id_stored_as_a_number_is_named_and_not_matched(tmp_path):
    path = _answer(tmp_path, ["姓名", "身份证号码", "参保状态"], [["甲", float(A[:15] + "000"), "已参保"],
                                                          ["乙", B, "已参保"]])
    records = read_answer(load_profile("yibao"), path).records
    first, second = records.iter_rows(named=True)
    assert first["id"] is None and first["key_code"] == "id.excel_number" and "数字" in first["key_note"]
    assert second["id"] == B and second["key_code"] is None


def test_card_numbers_give_the_id_and_a_bad_level_digit_keeps_the_id(tmp_path):
    path = _answer(tmp_path, ["姓名", "残疾证号", "残疾类别"], [["甲", A + "42", "肢体"], ["乙", B + "49", ""]])
    records = read_answer(load_profile("canlian"), path).records
    first, second = records.iter_rows(named=True)
    assert (first["id"], first["card_category"], first["card_level"], first["category"]) == (A, "肢体残疾", "二级", "肢体残疾")
    assert (second["id"], second["key_code"], second["card_level"]) == (B, "card.level", None)
    assert B not in second["key_note"]


def test_the_same_id_twice_counts_once_with_a_note(tmp_path):
    path = _answer(tmp_path, ["姓名", "身份证号", "参保状态"], [["甲", A, "已参保"], ["甲", A, "未参保"]])
    answer = read_answer(load_profile("yibao"), path)
    assert answer.records["insured"].to_list() == ["已参保"] and any("重复" in n for n in answer.notes)
