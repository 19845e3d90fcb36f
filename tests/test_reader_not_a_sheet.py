"""A file that is no spreadsheet at all (a text file named .docx, a PDF named .xlsx) is named for what
it is, in the clerk's words; a real sheet without a header keeps the header message."""
from __future__ import annotations

import pytest

import readerfiles as rf
from intake.errors import ReadError
from intake.reader import read_tables
from intake.reader.sniff import PDF, sniff

NOT_A_SHEET = "不是Excel/WPS表格文件"


def _message(path) -> str:
    with pytest.raises(ReadError) as err:
        read_tables(path)
    return err.value.message


def test_a_text_file_named_docx_is_not_a_sheet(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("会议记录\n第二行\n", encoding="utf-8")
    message = _message(path)
    assert "“notes.docx”" in message and NOT_A_SHEET in message and "纯文字" in message
    assert "请确认选对了文件" in message and "表头" not in message
    assert message.endswith("。")


def test_a_pdf_named_xlsx_is_said_to_be_a_pdf(tmp_path):
    path = tmp_path / "登记表.xlsx"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    assert sniff(path.read_bytes()) == PDF
    message = _message(path)
    assert NOT_A_SHEET in message and "PDF" in message and "表头" not in message
    assert message.endswith("。")


def test_a_csv_without_a_header_keeps_the_header_message(tmp_path):
    path = rf.write_csv(tmp_path / "名单.csv", [["张三", "男"], ["李四", "女"]])
    message = _message(path)
    assert "没有找到登记表的表头" in message and NOT_A_SHEET not in message
    assert message.endswith("。")


def test_a_workbook_without_a_header_keeps_the_header_message(tmp_path):
    path = rf.write_xlsx(tmp_path / "名单.xlsx", [rf.SheetSpec("Sheet1", [["张三", "男"], ["李四", "女"]])])
    message = _message(path)
    assert "没有找到登记表的表头" in message and NOT_A_SHEET not in message
    assert message.endswith("。")
