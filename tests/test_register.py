"""The 重点关爱服务对象信息台账: who is on it and why, its layout (sorted by township then reason,
ID numbers as text, frozen header, autofilter, a dropdown on the reason the county marks), and
a second run keeping what the county typed (matched by ID), moving a child who no longer meets
the rule to 已移出 with those notes, and bringing one back."""
from datetime import datetime

import pytest
from openpyxl import load_workbook

from intake.errors import WriteError
from intake.register import write_register
from intake.stats.inputs import desk_children
from statskit import ID_L1, ID_L2, ID_L5, J, X, desk_copy


@pytest.fixture
def desk(stats_base, tmp_path):
    with desk_copy(stats_base, tmp_path) as d:
        yield d


def sheet_rows(path, name="台账"):
    ws = load_workbook(path)[name]
    header = [c.value for c in ws[4]]
    return ws, header, [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=5)]


def edit(desk, file_start, name, field, value):
    sheet_id = next(s for s, m in desk.snapshot.meta.items() if m.file.name.startswith(file_start))
    session = desk.open_session(sheet_id)
    index = session.table.data.values["name"].index(name)
    touched = session.apply(session.edit(index, field, value))
    desk.sheet_edited(sheet_id, session, touched)


def test_who_is_on_it_why_and_in_what_order(desk, tmp_path):
    out = tmp_path / "台账.xlsx"
    summary = write_register(desk_children(desk), out)
    ws, header, lines = sheet_rows(out)
    assert [(r["乡镇（街道）"], r["姓名"], r["关爱原因"]) for r in lines] == [
        (J, "甲二", "困难家庭"),                     # the county's township order, then reason
        (J, "留三", "困难家庭、流浪"),
        (J, "甲五", "残疾、监护缺失"),
        (J, "留二", "监护缺失"),
        (X, "乙一", "心理行为异常")]
    jia5 = next(r for r in lines if r["姓名"] == "甲五")
    assert jia5["残疾"] == "是" and jia5["监护缺失"] == "是" and jia5["困难家庭"] is None
    assert jia5["公民身份号码"] == ID_L5 and jia5["性别"] is None and jia5["年龄"] == 5
    liu3 = next(r for r in lines if r["姓名"] == "留三")
    assert (liu3["监护人（联系人）"], liu3["与儿童关系"], liu3["联系电话"]) == ("奶留三", "奶奶", "13500135000")
    assert liu3["来源"] == "金城镇留守儿童.xlsx 第6行"
    id_col = header.index("公民身份号码") + 1
    assert all(ws.cell(r, id_col).data_type == "s" for r in range(5, 5 + len(lines)))
    assert ws.freeze_panes == "D5" and ws.auto_filter.ref == f"A4:{ws.cell(4, len(header)).column_letter}{4 + len(lines)}"
    noted = [dv for dv in ws.data_validations.dataValidation if dv.formula1 == '"是"']
    assert noted and ws.cell(4, header.index("主动求助") + 1).column_letter in str(noted[0].sqref)
    assert "沿用" not in "".join(summary.lines()) and "5人" in summary.lines()[0]
    assert load_workbook(out)["已移出"].max_row <= 4


def test_a_second_run_keeps_what_the_county_typed(desk, tmp_path):
    out = tmp_path / "台账.xlsx"
    write_register(desk_children(desk), out)
    book = load_workbook(out)
    ws = book["台账"]
    header = [c.value for c in ws[4]]
    col = {h: i + 1 for i, h in enumerate(header)}
    row_of = {ws.cell(r, col["公民身份号码"]).value: r for r in range(5, ws.max_row + 1)}
    ws.cell(row_of[ID_L2], col["帮扶措施"], "申请临时救助，每月走访")
    ws.cell(row_of[ID_L2], col["责任人"], "王主任")
    ws.cell(row_of[ID_L2], col["跟进日期"], datetime(2026, 1, 15))
    ws.cell(4, len(header) + 1, "走访记录")                          # a column the county added
    ws.cell(row_of[ID_L2], len(header) + 1, "1月8日已走访")
    new = ws.max_row + 1                                            # a child who asked for help
    ws.cell(new, col["乡镇（街道）"], J)
    ws.cell(new, col["姓名"], "甲一")
    ws.cell(new, col["公民身份号码"], ID_L1)
    ws.cell(new, col["主动求助"], "是")
    ws.cell(new, col["帮扶措施"], "联系学校心理老师")
    book.save(out)
    edit(desk, "金城镇流动", "甲二", "family_hardship", None)          # no longer meets the rule
    summary = write_register(desk_children(desk), out)
    _, header, lines = sheet_rows(out)
    assert "走访记录" in header
    jia1 = next(r for r in lines if r["公民身份号码"] == ID_L1)
    assert jia1["关爱原因"] == "主动求助" and jia1["主动求助"] == "是" and jia1["帮扶措施"] == "联系学校心理老师"
    assert jia1["性别"] == "男"                                      # filled from the sheet
    assert ID_L2 not in {r["公民身份号码"] for r in lines}
    _, removed_header, removed = sheet_rows(out, "已移出")
    gone = next(r for r in removed if r["公民身份号码"] == ID_L2)
    assert gone["帮扶措施"] == "申请临时救助，每月走访" and gone["责任人"] == "王主任"
    assert gone["跟进日期"] == datetime(2026, 1, 15) and gone["走访记录"] == "1月8日已走访"
    assert gone["移出原因"] == "不再符合重点关爱条件" and gone["移出日期"] is not None
    assert "移出1人" in summary.lines()[1]
    edit(desk, "金城镇流动", "甲二", "family_hardship", "低保家庭")      # meets it again: back, with its notes
    write_register(desk_children(desk), out)
    _, _, lines = sheet_rows(out)
    back = next(r for r in lines if r["公民身份号码"] == ID_L2)
    assert back["帮扶措施"] == "申请临时救助，每月走访" and back["走访记录"] == "1月8日已走访"
    assert not any(r["公民身份号码"] == ID_L2 for r in sheet_rows(out, "已移出")[2])


def test_an_unreadable_previous_register_is_not_overwritten(desk, tmp_path):
    out = tmp_path / "台账.xlsx"
    out.write_bytes(b"not a workbook at all")
    with pytest.raises(WriteError, match="没有覆盖"):
        write_register(desk_children(desk), out)
    assert out.read_bytes() == b"not a workbook at all"


def test_a_protected_register_is_read_back_with_its_password(desk, tmp_path):
    from intake.reader.crypto import file_is_encrypted
    out = tmp_path / "台账.xlsx"
    write_register(desk_children(desk), out, password="台账密码")
    assert file_is_encrypted(out)
    write_register(desk_children(desk), out, password="台账密码")       # the previous one is read
    with pytest.raises(WriteError, match="密码"):
        write_register(desk_children(desk), out, password="别的")


def test_the_layout_survives_a_round_trip(desk, tmp_path):
    """Dropdowns with their list and prompt, print titles, page setup, frozen rows and columns,
    widths, the header's style, dates as dates and the book's title, read back by openpyxl."""
    out = tmp_path / "台账.xlsx"
    write_register(desk_children(desk), out, today=datetime(2026, 1, 20).date())
    book = load_workbook(out)
    for name in ("台账", "已移出"):
        ws = book[name]
        header = [c.value for c in ws[4]]
        letter = ws.cell(4, header.index("主动求助") + 1).column_letter
        (dv,) = ws.data_validations.dataValidation
        assert (dv.type, dv.formula1, dv.promptTitle, dv.prompt) == ("list", '"是"', "主动求助", "符合时选“是”")
        assert str(dv.sqref) == f"{letter}5:{letter}{4 + max(ws.max_row - 4, 1) + 500}"
        assert ws.print_title_rows == "$4:$4" and ws.print_title_cols == "$A:$C"
        assert (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.scale) == ("landscape", 9, 80)
        assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
        assert ws.freeze_panes == "D5" and ws.column_dimensions["A"].width > 0
        head = ws.cell(4, 1)
        assert head.font.b and head.fill.fgColor.rgb == "FFDDEBF7" and head.alignment.wrap_text
        assert ws.cell(1, 1).font.sz == 16 and ws.row_dimensions[1].height == 26
    ws = book["台账"]
    header = [c.value for c in ws[4]]
    assert ws.column_dimensions[ws.cell(4, header.index("公民身份号码") + 1).column_letter].width == 21.7109375  # 21 shown
    kept = ws.column_dimensions[ws.cell(4, header.index("帮扶措施") + 1).column_letter]
    assert kept.fill.fgColor.rgb == "FFFFF9E5"                  # the county's columns stand out
    assert book.properties.title.endswith("信息台账")
