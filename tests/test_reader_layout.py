"""Where the table is: titles, the 填报单位 line, grouped headers, blank/hidden/merged rows, sheets."""
from __future__ import annotations

import pytest

import readerfiles as rf
from intake.errors import ReadError
from intake.reader import read_tables

HEADER = rf.LIUDONG_HEADER


def _read(tmp_path, sheets, name="t.xlsx"):
    return read_tables(rf.write_xlsx(tmp_path / name, sheets))


def test_title_rows_and_report_line_in_one_cell(tmp_path):
    rows = [["流动儿童基本情况登记表"], [None],
            ["填报单位：城关镇人民政府        填报日期：2024年6月30日"], HEADER, rf.liudong_row(1)]
    t, = _read(tmp_path, [rf.SheetSpec("表1", rows, merges=[(1, 1, 1, 10)])])
    assert t.header_rows == [4] and t.row_numbers == [5]
    assert (t.reporting_unit, t.report_date_text) == ("城关镇人民政府", "2024年6月30日")


def test_report_line_values_in_cells_beside_labels(tmp_path):
    from datetime import date
    rows = [["填报单位（盖章）：", "东风街道", None, "填报日期：", date(2024, 7, 1)], HEADER, rf.liudong_row(1)]
    t, = _read(tmp_path, [rf.SheetSpec("表1", rows)])
    assert (t.reporting_unit, t.report_date_text) == ("东风街道", "2024-07-01")


def test_two_row_grouped_header_with_merges(tmp_path):
    top = ["序号", "姓名", "共同居住人", "来现居住地日期", "父亲", None, None, None, "其他监护人", None, None]
    sub = [None, None, None, None, "姓名", "公民身份号码", "联系方式", "户籍地址", "姓名", "与儿童关系", "现居住地"]
    data = [1, "张三", "其他监护人", "2020-01-01", "张大", rf.child_id("410102", "19850101", "011"),
            "13800138000", "河南省郑州市", "张爷爷", "爷爷", "浙江省杭州市"]
    merges = [(1, 1, 1, 11)] + [(2, c, 3, c) for c in range(1, 5)] + [(2, 5, 2, 8), (2, 9, 2, 11)]
    t, = _read(tmp_path, [rf.SheetSpec("S", [["流动儿童基本情况登记表"], top, sub, data], merges)])
    assert t.header_rows == [2, 3] and t.row_numbers == [4]
    fields = {c.header: c.field for c in t.columns}
    assert fields["父亲/姓名"] == "father_name" and fields["父亲/户籍地址"] == "father_hukou_address"
    assert fields["其他监护人/与儿童关系"] == "guardian_relation"
    assert fields["其他监护人/现居住地"] == "guardian_current_address"
    assert fields["姓名"] == "name" and t.data.values["name"] == ["张三"]


def test_grouped_header_that_lost_its_merges(tmp_path):
    rows = [["姓名", "共同居住人", "来现居住地日期", "母亲", "", ""],
            ["", "", "", "姓名", "公民身份号码", "联系方式"],
            ["张三", "父母一方", "2020-01-01", "李梅", rf.child_id("410102", "19870101", "022"), "13900139000"]]
    t, = read_tables(rf.write_csv(tmp_path / "g.csv", rows))
    assert [c.field for c in t.columns] == ["name", "co_resident", "arrival_date",
                                            "mother_name", "mother_id", "mother_phone"]


def test_headers_with_spaces_line_breaks_and_full_width(tmp_path):
    header = ["姓 名", "性　别", "公民身份\n号码", "共同居住人", "来现居住地日期（年月日）", "ＱＱ号"]
    t, = _read(tmp_path, [rf.SheetSpec("S", [header, ["张三", "男", "x", "父母双方", "2020-01-01", "1"]])])
    assert [c.field for c in t.columns] == ["name", "sex", "id_number", "co_resident", "arrival_date", None]
    assert t.columns[2].header == "公民身份 号码"


def test_seq_and_remark_columns_and_any_order(tmp_path):
    header = ["备注", "来现居住地日期", "姓名", "序号", "共同居住人"]
    t, = _read(tmp_path, [rf.SheetSpec("S", [header, ["已核实", "2020-01-01", "张三", 7, "父母双方"]])])
    assert t.data.values["seq"] == ["7"] and t.data.values["name"] == ["张三"]
    assert t.col_of("name") == 3 and t.extra == {1: ["已核实"]}
    assert "remark" not in t.data.values and set(t.data.values) == {"seq", "name", "co_resident", "arrival_date"}
    assert any(n.code == "read.unmapped_header" and "备注" in n.message for n in t.notes)


def test_blank_rows_inside_and_after_and_footer(tmp_path):
    rows = [HEADER, rf.liudong_row(1), [None] * 5, ["  "], rf.liudong_row(2), [], [],
            ["填表人：张三", None, "审核人：李四"], [None]]
    t, = _read(tmp_path, [rf.SheetSpec("S", rows)])
    assert t.row_numbers == [2, 5]
    assert t.data.values["name"] == ["王小红", "王小刚"]


def test_column_number_row_under_header_is_skipped(tmp_path):
    rows = [HEADER, list(range(1, len(HEADER) + 1)), rf.liudong_row(1)]
    assert _read(tmp_path, [rf.SheetSpec("S", rows)])[0].row_numbers == [3]


def test_hidden_rows_and_columns_are_read_and_noted(tmp_path):
    spec = rf.liudong_sheet(4)
    spec.hidden_rows, spec.hidden_cols = {3, 5}, {2}
    t, = _read(tmp_path, [spec])
    assert t.row_numbers == [2, 3, 4, 5] and t.data.values["name"][1] == "王小刚"
    rows_note, = [n for n in t.notes if n.code == "read.hidden_rows"]
    assert "第3、5行" in rows_note.message and rows_note.row == 3
    col_note, = [n for n in t.notes if n.code == "read.hidden_column"]
    assert col_note.col == 2 and "姓名" in col_note.message
    assert [c.hidden for c in t.columns][:3] == [False, True, False]


def test_hidden_rows_and_columns_in_xls(tmp_path):
    spec = rf.liudong_sheet(3)
    spec.hidden_rows, spec.hidden_cols = {4}, {3}
    t, = read_tables(rf.write_xls(tmp_path / "h.xls", [spec]))
    assert {n.code for n in t.notes} >= {"read.hidden_rows", "read.hidden_column"}
    assert t.columns[2].hidden and t.n_rows == 3


def test_merged_data_cells_filled_from_top_left_with_a_note(tmp_path):
    spec = rf.liudong_sheet(4)
    co = HEADER.index("共同居住人") + 1
    spec.rows[1][co - 1], spec.rows[2][co - 1], spec.rows[3][co - 1] = "父母一方", None, None
    spec.merges = [(2, co, 4, co)]
    t, = _read(tmp_path, [spec])
    assert t.data.values["co_resident"] == ["父母一方", "父母一方", "父母一方", "父母双方"]
    note, = [n for n in t.notes if n.code == "read.merged_cells"]
    assert (note.row, note.col) == (2, co) and "第2–4行" in note.message and "共同居住人" in note.message


def test_instruction_and_code_sheets_are_ignored(tmp_path):
    tables = _read(tmp_path, [rf.SheetSpec("填表说明", rf.INSTRUCTIONS), rf.liudong_sheet(2),
                              rf.SheetSpec("民族代码", rf.CODE_LIST)])
    assert [t.sheet for t in tables] == ["流动儿童"]


def test_both_forms_in_one_workbook(tmp_path):
    tables = _read(tmp_path, [rf.liushou_sheet(2, "Sheet1"), rf.liudong_sheet(3, "Sheet2")])
    assert [(t.sheet, t.form, t.n_rows) for t in tables] == [("Sheet1", "liushou", 2), ("Sheet2", "liudong", 3)]
    assert tables[0].form_reason.startswith("表头中有“父母双方同时外出”")
    assert tables[1].form_reason == "表头中有“共同居住人”“居住登记”等流动儿童登记表特有的列"
    assert "carer_name" in tables[0].data.values and "co_resident" not in tables[0].data.values


def test_sheet_that_is_neither_form(tmp_path):
    rows = [["姓名", "性别", "出生日期", "公民身份号码", "学校"], ["张三", "男", "2015-01-01", "x", "一小"]]
    with pytest.raises(ReadError) as err:
        _read(tmp_path, [rf.SheetSpec("学生名单", rows)])
    message = err.value.message
    assert "学生名单" in message and "共同居住人" in message and "父母双方同时外出" in message


def test_form_argument_forces_the_form(tmp_path):
    rows = [["姓名", "性别", "出生日期", "公民身份号码"], ["张三", "男", "2015-01-01", "x"]]
    t, = read_tables(rf.write_xlsx(tmp_path / "f.xlsx", [rf.SheetSpec("S", rows)]), form="liushou")
    assert t.form == "liushou" and "留守儿童" in t.form_reason


def test_no_header_found(tmp_path):
    with pytest.raises(ReadError) as err:
        _read(tmp_path, [rf.SheetSpec("S", [["hello", "world"], [1, 2]])])
    assert "没有找到登记表的表头" in err.value.message


def test_repeated_header_rows_and_footer_are_skipped_with_a_note(tmp_path):
    rows = [HEADER, rf.liudong_row(1), HEADER, rf.liudong_row(2), ["注：本表一式两份"], ["填表人：张三"]]
    t, = _read(tmp_path, [rf.SheetSpec("S", rows)])
    assert t.row_numbers == [2, 4]
    header, footer = [n.message for n in t.notes if n.code == "read.skipped_rows"]
    assert header.startswith("第3行是重复的表头") and footer.startswith("第5、6行是表尾")


def test_a_record_that_repeats_header_text_only_in_extra_columns_is_kept(tmp_path):
    """Cells equal to the header in columns the form does not have do not make a header row."""
    extra = ["备用一", "备用二", "备用三"]
    rows = [extra + HEADER] + [[f"x{i}"] * 3 + rf.liudong_row(i) for i in range(1, 5)]
    sparse = [None] * len(HEADER)                  # a record with few cells filled …
    for k in (1, 2, 5):
        sparse[k] = rf.liudong_row(2)[k]
    rows[2] = extra + sparse                       # … whose extra cells happen to say that
    t, = _read(tmp_path, [rf.SheetSpec("S", rows)])
    assert t.row_numbers == [2, 3, 4, 5]
    assert not [n for n in t.notes if n.code == "read.skipped_rows"]


def test_data_without_a_header_is_noted(tmp_path):
    rows = [HEADER, rf.liudong_row(1) + [None, "多出来的数据"]]
    t, = _read(tmp_path, [rf.SheetSpec("S", rows)])
    note, = [n for n in t.notes if n.code == "read.headerless_column"]
    assert note.col == len(HEADER) + 2 and "T列" in note.message


def test_group_names_with_suffixes_and_other_persons_generic_subs(tmp_path):
    top = ["儿童基本信息", None, None, None, "其他监护人基本信息", None, "委托照顾状况", None]
    sub = ["姓名", "性别", "共同居住人", "来现居住地日期", "姓名", "联系方式", "姓名", "电话"]
    data = ["张三", "男", "其他监护人", "2020-01-01", "张爷爷", "13800138000", "李奶奶", "13900139000"]
    merges = [(1, 1, 1, 4), (1, 5, 1, 6), (1, 7, 1, 8)]
    t, = _read(tmp_path, [rf.SheetSpec("S", [top, sub, data], merges)])
    fields = [c.field for c in t.columns]
    assert fields[:6] == ["name", "sex", "co_resident", "arrival_date", "guardian_name", "guardian_phone"]
    assert t.data.values["name"] == ["张三"]                 # never the carer's 姓名
    assert t.columns[6].header == "委托照顾状况/姓名" and t.columns[6].field != "name"


def test_hidden_sheet_and_sheet_name_with_ampersand(tmp_path):
    hidden = rf.liushou_sheet(1, "留守&其他")
    hidden.hidden, hidden.hidden_rows = True, {2}
    tables = _read(tmp_path, [rf.liudong_sheet(1), hidden])
    assert [t.sheet for t in tables] == ["流动儿童", "留守&其他"]
    codes = {n.code for n in tables[1].notes}
    assert {"read.hidden_sheet", "read.hidden_rows"} <= codes


def test_header_without_rows_and_workbook_without_content(tmp_path):
    t, = _read(tmp_path, [rf.SheetSpec("S", [HEADER])])
    assert t.n_rows == 0 and t.data.values["name"] == []
    assert [n.code for n in t.notes if n.code == "read.no_rows"] == ["read.no_rows"]
    with pytest.raises(ReadError) as err:
        _read(tmp_path, [rf.SheetSpec("S", [[None, " "]])], "blank.xlsx")
    assert "没有任何内容" in err.value.message


def test_option_list_sheet_is_not_a_table(tmp_path):
    options = rf.SheetSpec("字典", [["性别", "共同居住人", "居住登记", "居住类型"], ["男", "父母双方", "办理居住证", "自购房"],
                                   ["女", "父母一方", "暂住登记", "出租房屋"]], hidden=True)
    tables = _read(tmp_path, [rf.liudong_sheet(2), options])
    assert [t.sheet for t in tables] == ["流动儿童"]
    with pytest.raises(ReadError) as err:
        _read(tmp_path, [rf.SheetSpec("空", [[None]]), options], "only.xlsx")
    assert "姓名" in err.value.message and "字典" in err.value.message
    options.hidden = False          # visible and alone: kept, so the clerk can map it by hand
    t, = _read(tmp_path, [options], "visible.xlsx")
    assert t.notes[0].code == "read.no_person_columns"


def test_hidden_rows_in_prefixed_sheet_xml(tmp_path):
    """Some generators write <x:row …> and ns1:id="rId1": hidden rows must still be found."""
    import re
    import zipfile
    spec = rf.liudong_sheet(3)
    spec.hidden_rows, spec.hidden_cols = {3}, {2}
    plain = rf.write_xlsx(tmp_path / "plain.xlsx", [spec])
    tag = rb"<(/?)(worksheet|sheetData|row|c|v|cols|col|dimension|sheetViews|sheetView|selection|sheetFormatPr|pageMargins)\b"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(tmp_path / "prefixed.xlsx", "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(tag, rb"<\1x:\2", data).replace(b'xmlns="http', b'xmlns:x="http')
            if item.filename == "xl/workbook.xml":
                data = data.replace(b"r:id=", b"ns1:id=").replace(b"xmlns:r=", b"xmlns:ns1=")
            zout.writestr(item, data)
    t, = read_tables(tmp_path / "prefixed.xlsx")
    assert t.n_rows == 3 and {"read.hidden_rows", "read.hidden_column"} <= {n.code for n in t.notes}


def test_tie_between_forms_is_broken_by_the_title_or_reported(tmp_path):
    rows = [["姓名", "性别", "公民身份号码", "共同居住人", "父母双方同时外出"], ["张三", "男", "x", "父母双方", "是"]]
    t, = _read(tmp_path, [rf.SheetSpec("留守儿童", rows)])
    assert t.form == "liushou"
    t, = _read(tmp_path, [rf.SheetSpec("S", [["流动儿童基本情况登记表"]] + rows)], "titled.xlsx")
    assert t.form == "liudong"
    with pytest.raises(ReadError) as err:
        _read(tmp_path, [rf.SheetSpec("Sheet1", rows)], "tie.xlsx")
    assert "无法判断" in err.value.message


def test_blank_report_line_of_the_printed_form(tmp_path):
    rows = [["流动儿童基本情况登记表"], ["填报单位：（盖章）", None, "填报日期：    年  月  日"], HEADER, rf.liudong_row(1)]
    t, = _read(tmp_path, [rf.SheetSpec("S", rows)])
    assert (t.reporting_unit, t.report_date_text) == (None, None)
    rows[1] = ["填报单位（盖章）：", "城关镇", "填报日期：", "2024.6.30"]
    t, = _read(tmp_path, [rf.SheetSpec("S", rows)], "b.xlsx")
    assert (t.reporting_unit, t.report_date_text) == ("城关镇", "2024.6.30")


def test_forced_form_that_disagrees_with_the_headers_says_so(tmp_path):
    t, = read_tables(rf.write_xlsx(tmp_path / "f.xlsx", [rf.liushou_sheet(1)]), form="liudong")
    assert t.form == "liudong" and "流动儿童" in t.form_reason
    assert "父母双方同时外出" in t.form_reason and "请确认表单类型" in t.form_reason
