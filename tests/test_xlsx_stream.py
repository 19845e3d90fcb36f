"""The streaming .xlsx writer of the big exports, read back by openpyxl and by our own reader
(calamine): text stays text, numbers numbers, styles, widths, frozen header, several sheets, an
autofilter, and text that needs escaping."""
from __future__ import annotations

import hashlib
import tempfile
import zipfile
from datetime import date, datetime

import openpyxl
import python_calamine

from exportkit import clean_records, in_memory
from intake.export import write_report, write_upload
from intake.export.xlsx_print import PageSetup
from intake.export.xlsx_stream import StreamBook, serial
from intake.export.xlsx_validation import ListValidation

AWKWARD = ["a<b & c>d", " leading and trailing ", "tab\there", "line\nbreak", "控制\x01字符",
           "'单引号", "=1+2", "000123", "1.10101199003071E+17", "emoji 😀", "_x0041_"]


def write(path):
    with StreamBook(path) as book:
        header = book.style(bold=True, border=True, center=True, fill="#DDEBF7")
        text, red = book.style(text=True), book.style(color="#C00000")
        ws = book.add_sheet("流动儿童", [8, 21, 40], [0, text, 0], freeze_rows=1, rows=len(AWKWARD) + 2)
        ws.row(["序号", "公民身份号码", "内容"], [header] * 3)
        for n, value in enumerate(AWKWARD, 1):
            ws.row([n, "41130220150302123X" if n % 2 else "011302201503021231", value])
        ws.row([2.5, None, "红字"], [0, text, red])
        other = book.add_sheet("导出说明", [16, 100], autofilter=True)
        other.row(["状态", "原因"], [header, header])
        other.row(["未导出（有错误）", "身份证号校验码不对"])


def test_openpyxl_reads_back_values_styles_and_layout(tmp_path):
    path = tmp_path / "s.xlsx"
    write(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["流动儿童", "导出说明"]
    ws = book["流动儿童"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["序号", "公民身份号码", "内容"]
    assert [r[2] for r in rows[1:-1]][:4] == AWKWARD[:4]
    assert rows[-1] == [2.5, None, "红字"]
    ids = [ws.cell(row=r, column=2) for r in range(2, len(AWKWARD) + 2)]
    assert all(c.data_type == "s" and c.number_format == "@" and len(c.value) == 18 for c in ids)
    assert ws.cell(row=3, column=2).value == "011302201503021231"          # leading zero kept
    assert ws.cell(row=2, column=1).value == 1 and ws.cell(row=2, column=1).data_type == "n"
    assert ws.cell(row=8, column=3).value == "=1+2" and ws.cell(row=8, column=3).data_type == "s"
    head = ws.cell(row=1, column=1)
    assert head.font.b and head.fill.fgColor.rgb == "FFDDEBF7" and head.border.left.style == "thin"
    assert head.alignment.horizontal == "center" and head.alignment.wrap_text
    assert ws.cell(row=len(AWKWARD) + 2, column=3).font.color.rgb == "FFC00000"
    assert ws.freeze_panes == "A2" and ws.column_dimensions["B"].width == 21
    assert ws.max_row == len(AWKWARD) + 2
    assert book["导出说明"].auto_filter.ref == "A1:B2" and book["导出说明"].freeze_panes is None


def test_calamine_reads_back_every_text_exactly(tmp_path):
    path = tmp_path / "s.xlsx"
    write(path)
    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("流动儿童").to_python()
    assert [r[2] for r in rows[1:-1]] == AWKWARD
    assert rows[2][1] == "011302201503021231" and rows[1][0] == 1.0


def test_a_failed_write_is_only_closed(tmp_path):
    path = tmp_path / "s.xlsx"
    try:
        with StreamBook(path) as book:
            book.add_sheet("a", [10]).row(["x"])
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    path.unlink()                          # the handle is closed: the caller can remove it


def test_exports_put_no_temporary_file_outside_the_target_folder(tmp_path, monkeypatch):
    """Temporary files only beside the target: nothing in $TMPDIR (xlsxwriter's constant
    memory mode put its row files there)."""
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setenv("TMPDIR", str(private))
    monkeypatch.setattr(tempfile, "tempdir", None)
    out = tmp_path / "out"
    out.mkdir()
    recs = clean_records(4)
    recs[1].update(ethnicity="汉")
    recs[2].update(name=None)
    checked = in_memory(recs, tmp_path / "in.xlsx")
    write_upload([checked], out / "upload.xlsx")
    write_report([checked], out / "report.xlsx")
    assert list(private.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["report.xlsx", "upload.xlsx"]
    upload = openpyxl.load_workbook(out / "upload.xlsx")
    ws = upload.worksheets[0]
    assert ws.cell(row=1, column=1).font.b and ws.cell(row=1, column=1).fill.fgColor.rgb == "FFDDEBF7"
    assert ws.column_dimensions["F"].width >= 18           # 公民身份号码: 18 digits in full
    assert ws.cell(row=1, column=4).value == "出生日期" and ws.column_dimensions["D"].width >= 10
    assert ws.max_row == 4                                  # header + 3 rows without errors


# The parts of write()'s book as the writer wrote them before it learned fonts, number formats,
# row heights, frozen columns, dropdowns, page setup and the book's title: a book that uses
# none of them (the upload file, the problem list) must stay byte for byte the same.
PARTS = {
    "xl/worksheets/sheet1.xml": "0d7d4d578e14311ee0176caf013c37d0118375377ab558f9737544d9155a4d6a",
    "xl/worksheets/sheet2.xml": "ff3c3629260318de8aa4a7c11053342fd64cbd99c5325d2b6185e6d65d0dc70e",
    "[Content_Types].xml": "b94fc33e5e774e39bc882ee69d441aaca70acb2851c98ed8641059352060e8bb",
    "_rels/.rels": "9f96bb683e71c45171c7ae310bf6c37fb5a834bb9738497ac7084c42ac9c2d9a",
    "xl/workbook.xml": "cf3884fcdbb1bf2356a266cccdaebba9034bcab5847357c3404995608bddcce2",
    "xl/_rels/workbook.xml.rels": "2a97d1a56a4698cb1e2290e1a7a60392e23e65adae18ab2d99e2e682486ecf3a",
    "xl/styles.xml": "f74c84a56eb24c34d3249d33a8c6b677a2103b82e19cff050d4fa9f52b2c58b4",
}


def test_a_plain_book_is_written_byte_for_byte_as_before(tmp_path):
    write(tmp_path / "s.xlsx")
    with zipfile.ZipFile(tmp_path / "s.xlsx") as z:
        assert {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()} == PARTS


def test_the_register_features_read_back(tmp_path):
    """Fonts, number formats, heights, frozen rows and columns, an autofilter under title rows,
    a styled blank title row, a dropdown, page setup, print titles, the book's title."""
    path = tmp_path / "r.xlsx"
    with StreamBook(path, title="台账", comments="含姓名") as book:
        title = book.style(font="宋体", size=16, bold=True, vcenter=True)
        day = book.style(num_format="yyyy-mm-dd", border=True, border_color="#E0D6B0")
        plain = book.style(font="宋体", size=10)
        page = PageSetup(landscape=True, paper=9, scale=80, footer="&C第 &P 页", title_rows=(2, 2), title_cols=(1, 2))
        ws = book.add_sheet("台 账", [8, 12, 10], [0, 0, day], freeze_rows=2, freeze_cols=2, autofilter=True,
                            filter_row=2, validations=[ListValidation("C3:C10", ("是", "否"), "标记", "选“是”")],
                            page=page)
        ws.styled_row(["标题", None, None], [title, plain, plain], height=26)
        ws.row(["序号", "姓名", "日期"])
        ws.row([1, "甲", serial(date(2026, 1, 15))])
        ws.row([2, "乙", serial(datetime(2026, 1, 15, 12))])
    book = openpyxl.load_workbook(path)
    ws = book["台 账"]
    assert ws.freeze_panes == "C3" and ws.auto_filter.ref == "A2:C4" and ws.row_dimensions[1].height == 26
    assert ws["A1"].font.name == "宋体" and ws["A1"].font.sz == 16 and ws["A1"].alignment.vertical == "center"
    assert ws["B1"].font.sz == 10 and ws["B1"].value is None
    assert ws["C3"].value == datetime(2026, 1, 15) and ws["C3"].number_format == "yyyy-mm-dd"
    assert ws["C4"].value == datetime(2026, 1, 15, 12) and ws["C3"].border.left.color.rgb == "FFE0D6B0"
    (dv,) = ws.data_validations.dataValidation
    assert (dv.formula1, str(dv.sqref), dv.promptTitle) == ('"是,否"', "C3:C10", "标记")
    assert ws.print_title_rows == "$2:$2" and ws.print_title_cols == "$A:$B"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.scale == 80
    assert book.properties.title == "台账" and book.properties.description == "含姓名"
    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("台 账").to_python()
    assert rows[2][:2] == [1.0, "甲"]
