"""The streaming .xlsx writer of the big exports, read back by openpyxl and by our own reader
(calamine): text stays text, numbers numbers, styles, widths, frozen header, several sheets, an
autofilter, and text that needs escaping."""
from __future__ import annotations

import tempfile

import openpyxl
import python_calamine

from exportkit import clean_records, in_memory
from intake.export import write_report, write_upload
from intake.export.xlsx_stream import StreamBook

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
