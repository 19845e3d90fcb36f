"""Blocks of cells as Excel/WPS copy them (tab-separated), and the one batch a paste becomes."""
from __future__ import annotations

from intake.edits import batch_of
from intake.paste import format_block, parse_block
from sheetkit import columns, liudong_record


def test_excel_blocks_parse_with_quotes_line_breaks_and_the_trailing_newline():
    assert parse_block("a\tb\r\nc\td\r\n") == [["a", "b"], ["c", "d"]]
    assert parse_block("a\tb\nc") == [["a", "b"], ["c", ""]]           # ragged: padded
    assert parse_block('"两行\n地址"\t"说""明"""\r\nx\t\r\n') == [["两行\n地址", '说"明"'], ["x", ""]]
    assert parse_block('"未闭合\tz') == [['"未闭合', "z"]]            # a stray quote is text
    assert parse_block('5"寸\t"') == [['5"寸', '"']]
    assert parse_block("\r\n") == [[""]] and parse_block("") == []


def test_format_then_parse_gives_the_same_cells():
    rows = [["张三", None, "河南省\n郑州市"], ['他说"好"', "\t", "410105"]]
    text = format_block(rows)
    assert text.endswith("\r\n") and text.count("\r\n") == 2
    assert parse_block(text) == [["张三", "", "河南省\n郑州市"], ['他说"好"', "\t", "410105"]]


def test_a_block_is_one_batch_of_the_cells_that_change():
    data = columns([liudong_record(), liudong_record(name="李四")])
    batch = batch_of(data, [(0, "name", "张三"), (1, "name", "李小四"), (1, "sex", ""),
                            (1, "name", "重复")], "粘贴 6 个单元格", kind="paste")
    assert batch.kind == "paste" and batch.label == "粘贴 6 个单元格"
    assert [(e.index, e.field, e.old, e.new) for e in batch.edits] == [
        (1, "name", "李四", "李小四"), (1, "sex", "男", None)]
