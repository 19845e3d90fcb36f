"""The return file: the township's workbook with red/amber cells, comments, 问题说明, a summary
sheet; fixed and sent back, it imports again without mapping questions and without errors."""
from __future__ import annotations

import csv

import openpyxl
import pytest

from exportkit import FORM, KEYS, check, clean_records, col, write_xlsx
from intake.checking import check_file
from intake.export import write_return
from intake.export.return_marks import ERROR_COLOR, NOTES_HEADER, WARNING_COLOR
from intake.export.return_file import SUMMARY_SHEET
from intake.export.source_book import CSV_SHEET
from sheetkit import AS_OF

GOOD = clean_records(4)


def _broken():
    recs = [dict(r) for r in GOOD]
    recs[0]["id_number"] = GOOD[0]["id_number"][:-1] + ("1" if GOOD[0]["id_number"][-1] != "1" else "2")
    recs[1]["father_phone"] = "1380013800"            # ten digits: error
    recs[1]["ethnicity"] = "汉"                        # hint: a comment, no colour
    recs[1]["rehab_aid"] = "是"                       # no disability: warning
    recs[3]["name"] = None                            # required: error
    return recs


@pytest.fixture(scope="module")
def returned(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ret")
    source = write_xlsx(folder / "township.xlsx", _broken(), widths={"F": 23.5, "H": 40})
    checked = check(source)
    summary = write_return(checked, folder / "return.xlsx")
    assert (summary.rows, summary.rows_with_errors, summary.rows_with_warnings) == (4, 3, 0)
    out = summary.path
    return folder, openpyxl.load_workbook(out)


def test_same_sheets_layout_and_summary_first(returned):
    _, book = returned
    assert book.sheetnames == [SUMMARY_SHEET, "流动儿童"]
    ws = book["流动儿童"]
    assert ws["A1"].value == "流动儿童基本情况登记表"
    assert [ws.cell(row=3, column=c).value for c in range(1, 4)] == ["序号", "姓名", "性别"]
    assert ws.column_dimensions["F"].width == 23.5 and ws.column_dimensions["H"].width == 40
    summary = [[c.value for c in row] for row in book[SUMMARY_SHEET].iter_rows()]
    counts = {row[1]: (row[2], row[3]) for row in summary if row[0] == "流动儿童"}
    assert counts == {"身份证校验位错误": ("错误", 1), "联系电话格式错误": ("错误", 1),
                      "必填项为空": ("错误", 1), "无残疾但接受康复救助": ("警告", 1),
                      "选项写法不规范": ("提示", 1)}
    assert [row[1] for row in summary if row[0] == "流动儿童"][-1] == "选项写法不规范"   # hints last
    assert any("共4行，其中3行有错误，0行只有警告" in (row[0] or "") for row in summary)


def test_error_cells_red_with_comment_warnings_amber_hints_unmarked(returned):
    _, book = returned
    ws = book["流动儿童"]
    bad_id = ws.cell(row=4, column=col("id_number"))
    assert bad_id.fill.start_color.rgb == ERROR_COLOR
    assert "校验码" in bad_id.comment.text and bad_id.comment.text.startswith("【错误】")
    assert ws.cell(row=5, column=col("father_phone")).fill.start_color.rgb == ERROR_COLOR
    rehab = ws.cell(row=5, column=col("rehab_aid"))
    assert rehab.fill.start_color.rgb == WARNING_COLOR and rehab.comment.text.startswith("【警告】")
    ethnic = ws.cell(row=5, column=col("ethnicity"))          # 汉: understood, the upload writes 汉族
    assert ethnic.fill.fill_type is None and ethnic.comment.text.startswith("【提示】")
    assert ws.cell(row=7, column=col("name")).fill.start_color.rgb == ERROR_COLOR
    clean = ws.cell(row=6, column=col("id_number"))
    assert clean.comment is None and clean.fill.fill_type is None
    assert clean.number_format == "@" and isinstance(clean.value, str)


def test_problem_column_lists_each_rows_problems(returned):
    _, book = returned
    ws = book["流动儿童"]
    notes = len(KEYS) + 1
    assert ws.cell(row=3, column=notes).value == NOTES_HEADER
    assert ws.cell(row=4, column=notes).value.startswith("1. 【错误】")
    row5 = ws.cell(row=5, column=notes).value.split("\n")
    assert [line[:9] for line in row5] == ["1. 【提示】民族", "2. 【警告】接受", "3. 【错误】父亲"]
    assert ws.cell(row=6, column=notes).value is None
    assert "姓名" in ws.cell(row=7, column=notes).value


def test_fixed_return_file_imports_without_questions_or_errors(returned):
    folder, book = returned
    ws = book["流动儿童"]
    fixed = 0
    for row in ws.iter_rows(min_row=4, max_row=7, max_col=len(KEYS)):
        for cell in row:
            if cell.comment is not None:
                cell.value = GOOD[cell.row - 4][KEYS[cell.column - 1]]
                fixed += 1
    assert fixed == 5
    book.save(folder / "fixed.xlsx")
    [again] = check(folder / "fixed.xlsx")
    assert again.findings.n_errors == 0 and len(again.findings) == 0
    mapped = [c for c in again.table.columns if c.field]
    assert [c.field for c in mapped] == KEYS and all(c.how == "label" for c in mapped)
    assert [c.header for c in again.table.columns if not c.field] == [NOTES_HEADER]
    assert not [n for n in again.table.notes if NOTES_HEADER in n.message]   # no question about it

    # returned a second time: old marks go, the 问题说明 column is reused, not added again
    out = write_return([again], folder / "return2.xlsx").path
    ws2 = openpyxl.load_workbook(out)["流动儿童"]
    assert ws2.max_column == len(KEYS) + 1 and ws2.cell(row=4, column=len(KEYS) + 1).value is None
    assert ws2.cell(row=4, column=col("id_number")).comment is None


def test_csv_source_is_rebuilt_as_xlsx(tmp_path):
    source = tmp_path / "township.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([FORM.field(k).label for k in KEYS])
        for rec in _broken():
            out.writerow([rec[k] or "" for k in KEYS])
    checked = check(source)
    ws = openpyxl.load_workbook(write_return(checked, tmp_path / "r.xlsx").path)[CSV_SHEET]
    bad = ws.cell(row=2, column=col("id_number"))
    assert isinstance(bad.value, str) and bad.fill.start_color.rgb == ERROR_COLOR
    assert ws.cell(row=1, column=len(KEYS) + 1).value == NOTES_HEADER


def _spec_rows():
    return [[FORM.field(k).label for k in KEYS]] + [[rec[k] for k in KEYS] for rec in _broken()]


def test_xls_source_keeps_its_sheets(tmp_path):
    from readerfiles import INSTRUCTIONS, SheetSpec, write_xls
    source = write_xls(tmp_path / "township.xls",
                       [SheetSpec("说明", INSTRUCTIONS), SheetSpec("流动儿童", _spec_rows())])
    book = openpyxl.load_workbook(write_return(check(source), tmp_path / "r.xlsx").path)
    assert book.sheetnames == [SUMMARY_SHEET, "说明", "流动儿童"]
    assert book["说明"]["A1"].value == "填表说明"
    ws = book["流动儿童"]
    assert ws.cell(row=2, column=col("id_number")).fill.start_color.rgb == ERROR_COLOR
    assert ws.cell(row=3, column=col("id_number")).value == GOOD[1]["id_number"]


def test_encrypted_source_opens_with_its_password(tmp_path):
    from readerfiles import SheetSpec, encrypt_xlsx
    from readerfiles import write_xlsx as write_spec
    plain = write_spec(tmp_path / "plain.xlsx", [SheetSpec("流动儿童", _spec_rows())])
    source = encrypt_xlsx(plain, tmp_path / "locked.xlsx", "mima123")
    checked = check_file(source, password="mima123", as_of=AS_OF)
    ws = openpyxl.load_workbook(write_return(checked, tmp_path / "r.xlsx", password="mima123").path)["流动儿童"]
    assert ws.cell(row=2, column=col("id_number")).comment is not None


def test_the_clerks_edits_go_into_the_return_file(tmp_path):
    """A sheet open in the app (a workspace session): the cells the clerk corrected carry the
    corrected value, filled green with a note of the old value; the rest is marked as usual."""
    from intake.export.return_marks import EDITED_COLOR
    from intake.opening import open_file
    from intake.workspace import Workspace

    source = write_xlsx(tmp_path / "township.xlsx", _broken())
    before = source.read_bytes()
    workspace = Workspace(tmp_path / "ws.sqlite")
    [session] = open_file(workspace, source, as_of=AS_OF)
    bad_id = session.value(0, "id_number")
    session.apply(session.edit(0, "id_number", GOOD[0]["id_number"]))
    out = write_return([session], tmp_path / "return.xlsx").path

    ws = openpyxl.load_workbook(out)["流动儿童"]
    fixed = ws.cell(row=4, column=col("id_number"))
    assert fixed.value == GOOD[0]["id_number"] and fixed.data_type == "s"
    assert fixed.fill.start_color.rgb == EDITED_COLOR
    assert fixed.comment.text == f"乡镇已修改，原为：{bad_id}"
    assert ws.cell(row=4, column=len(KEYS) + 1).value is None      # row 4 has no problem left
    assert ws.cell(row=5, column=col("father_phone")).fill.start_color.rgb == ERROR_COLOR
    assert source.read_bytes() == before


def test_marked_sheet_prints_landscape_with_repeated_header_and_names(returned):
    """A village prints the sheet it must correct: A4 landscape, the header row and the columns
    up to 姓名 on every page, scaled to a few pages across (not 13 portrait pages of slices)."""
    _, book = returned
    ws = book["流动儿童"]
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToHeight == 0            # as many pages down as the rows need
    assert 1 <= ws.page_setup.fitToWidth <= 3
    assert ws.print_title_rows == "$3:$3"             # the header row of the generated sheet
    assert ws.print_title_cols == "$A:$B"             # 序号, 姓名
    summary = book[SUMMARY_SHEET]
    assert summary.print_title_rows is None            # no header to repeat on the summary
    assert (summary.page_setup.orientation, summary.page_setup.fitToWidth) == ("portrait", 1)


def test_pages_across_grows_with_the_columns():
    from intake.export.return_print import CHARS_PER_PAGE, MIN_SCALE, pages_across
    book = openpyxl.Workbook()
    ws = book.active
    per_page = CHARS_PER_PAGE / MIN_SCALE
    for n, expected in ((5, 1), (int(per_page // 20) + 1, 2)):
        ws.delete_cols(1, ws.max_column)
        for c in range(1, n + 1):
            ws.cell(row=1, column=c, value="x")
            ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = 20
        assert pages_across(ws) == expected
    ws.column_dimensions["A"].hidden = True           # a hidden column takes no paper
    assert pages_across(ws) <= expected
