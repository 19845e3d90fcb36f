import dataclasses

import pytest

from intake.edits import CellEdit, EditBatch, single
from intake.errors import MopaiError
from intake.find_replace import find_in_column, replace_in_column
from validators.data import RecordColumns


def data():
    return RecordColumns({
        "school_name": ["金水区第一小学", "金水区一小", None, "管城区实验小学", "金水区第一小学"],
        "id_number": ["41130220150302123x", "411302201503021354", None, "x", "411302201503021570"],
    })


def test_an_edit_and_its_inverse():
    e = CellEdit(3, "name", "李 四", "李四")
    assert e.inverse() == CellEdit(3, "name", "李四", "李 四")
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.new = "x"


def test_a_batch_knows_its_rows_cells_and_summary():
    batch = EditBatch("批量", [CellEdit(1, "a", "x", "y"), CellEdit(1, "b", None, "z"), CellEdit(4, "a", "q", None)])
    assert isinstance(batch.edits, tuple) and len(batch) == 3 and list(batch)[2].index == 4
    assert batch.rows == {1, 4} and batch.cells == {(1, "a"), (1, "b"), (4, "a")}
    assert batch.summary() == "将修改3个单元格（涉及2行）"
    assert EditBatch("空", ()).summary() == "没有需要修改的单元格" and not EditBatch("空", ())
    assert single(0, "a", "x", "y").id != single(0, "a", "x", "y").id      # each action its own id


def test_replace_part_of_cells_in_one_column():
    batch = replace_in_column(data(), "school_name", "金水区", "郑州市金水区")
    assert [(e.index, e.old, e.new) for e in batch] == [
        (0, "金水区第一小学", "郑州市金水区第一小学"), (1, "金水区一小", "郑州市金水区一小"),
        (4, "金水区第一小学", "郑州市金水区第一小学")]
    assert batch.kind == "replace" and "金水区" in batch.label


def test_replacement_text_is_not_a_pattern():
    d = RecordColumns({"a": ["1+1", "11", "a.b"]})
    assert [e.new for e in replace_in_column(d, "a", "1+1", r"\1$0")] == [r"\1$0"]
    assert [e.index for e in replace_in_column(d, "a", ".", "-")] == [2]


def test_whole_cell_matches_only_equal_cells_and_can_fill_blanks():
    d = data()
    batch = replace_in_column(d, "school_name", "金水区一小", "金水区第一小学", whole_cell=True)
    assert [(e.index, e.new) for e in batch] == [(1, "金水区第一小学")]
    fill = replace_in_column(d, "school_name", "", "未填写", whole_cell=True)
    assert [(e.index, e.old, e.new) for e in fill] == [(2, None, "未填写")]


def test_ignore_case_and_rows_limit():
    d = data()
    assert find_in_column(d, "id_number", "X") == []
    assert find_in_column(d, "id_number", "X", match_case=False) == [0, 3]
    assert find_in_column(d, "id_number", "X", whole_cell=True, match_case=False) == [3]
    batch = replace_in_column(d, "id_number", "x", "X", match_case=False, rows=[0, 1, 2])
    assert [(e.index, e.new) for e in batch] == [(0, "41130220150302123X")]


def test_a_cell_replaced_by_nothing_becomes_blank_and_unchanged_cells_are_left_out():
    d = RecordColumns({"a": ["无", "无", "有无"]})
    batch = replace_in_column(d, "a", "无", "", whole_cell=True)
    assert [(e.index, e.new) for e in batch] == [(0, None), (1, None)]
    assert not replace_in_column(d, "a", "无", "无")


def test_bad_requests_get_chinese_messages():
    with pytest.raises(MopaiError, match="请输入要查找的内容"):
        replace_in_column(data(), "school_name", "", "x")
    with pytest.raises(MopaiError, match="没有这一列"):
        find_in_column(data(), "no_such_field", "x")
