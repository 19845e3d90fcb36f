"""Exports as the clerk's desk needs them: one word for warnings (警告) and hints (提示) apart,
green edits and grey deleted rows explained in 问题汇总, no doubled punctuation in 导出说明, ID /
date / address columns wide enough in the upload file and in a return file rebuilt from a CSV,
and the disability message that no longer repeats itself."""
from __future__ import annotations

import csv

import openpyxl

from exportkit import FORM, KEYS, check, clean_records, col, in_memory, write_xlsx
from intake.checking import check_file
from intake.export import write_report, write_return, write_upload
from intake.export.upload import join_problems
from intake.report import summary_lines
from sheetkit import liudong_record
from validators import codes
from validators.findings import Severity


def test_hints_are_not_listed_as_warnings_and_have_their_own_word(tmp_path):
    assert codes.CODES["date.normalised"].severity is Severity.HINT          # issue 13
    recs = clean_records(3)
    recs[1].update(birth_date="2015/3/3")                        # a hint only
    recs[2].update(rehab_aid="是")                               # a warning (no disability)
    sheet = check(write_xlsx(tmp_path / "township.xlsx", recs))[0]
    assert sheet.findings.n_hints == 1 and sheet.findings.n_warnings == 1
    summary = write_upload([sheet], tmp_path / "up.xlsx")
    assert [n.row for n in summary.with_warnings] == [6]         # the hint row is not listed
    rows = list(openpyxl.load_workbook(tmp_path / "up.xlsx").worksheets[0].iter_rows(min_row=2, values_only=True))
    assert "2015-03-03" in rows[1]                               # …and written the canonical way
    write_report([sheet], tmp_path / "r.csv")
    lines = list(csv.reader((tmp_path / "r.csv").open(encoding="utf-8-sig")))
    assert sorted(line[5] for line in lines[1:]) == ["提示", "警告"]
    book = openpyxl.load_workbook(write_return([sheet], tmp_path / "back.xlsx").path)
    ws = book["流动儿童"]
    hint_cell = ws.cell(row=5, column=col("birth_date"))
    assert hint_cell.fill.fill_type is None and hint_cell.comment.text.startswith("【提示】")
    warned = ws.cell(row=6, column=col("rehab_aid"))
    assert warned.fill.start_color.rgb == "FFFFD966" and warned.comment.text.startswith("【警告】")
    counted = [[c.value for c in r][1:3] for r in book["问题汇总"].iter_rows()]
    assert ["日期写法不规范", "提示"] in counted and ["无残疾但接受康复救助", "警告"] in counted


def test_the_summary_sheet_explains_green_grey_and_hints(tmp_path):
    sheet = check(write_xlsx(tmp_path / "township.xlsx", clean_records(2)))[0]
    book = openpyxl.load_workbook(write_return([sheet], tmp_path / "back.xlsx").path)
    text = "\n".join(str(c.value) for r in book["问题汇总"].iter_rows() for c in r if c.value)
    for words in ("绿色单元格是乡镇已修改的内容", "灰色划线的行已被乡镇删除", "乡镇已修改", "提示"):
        assert words in text
    legend = {r[0].value: r[0].fill.start_color.rgb for r in book["问题汇总"].iter_rows() if r[0].value in
              ("错误", "警告", "乡镇已修改", "已删除")}
    assert legend == {"错误": "FFFF8080", "警告": "FFFFD966", "乡镇已修改": "FFC6EFCE", "已删除": "FFD9D9D9"}


def test_cli_summary_uses_the_same_word(tmp_path):
    from workspacekit import sample_records, write_xlsx

    path = write_xlsx(tmp_path / "村甲.xlsx", sample_records())
    lines = summary_lines(check_file(path)[0])
    assert any("警告" in line for line in lines) and not any("提醒" in line for line in lines)


def test_no_doubled_punctuation_in_the_export_notes(tmp_path):
    assert join_problems(["必填项为空，请填写。", "身份证号重复。"]) == "必填项为空，请填写；身份证号重复。"
    recs = clean_records(2)
    recs[1].update(name=None, father_phone="123")
    sheet = in_memory(recs, tmp_path / "township.xlsx")
    write_upload([sheet], tmp_path / "up.xlsx")
    notes = [r[4] for r in openpyxl.load_workbook(tmp_path / "up.xlsx")["导出说明"].iter_rows(min_row=2, values_only=True)]
    assert notes and not any("。；" in n or "。。" in n for n in notes)


def test_id_date_and_address_columns_fit_their_content(tmp_path):
    recs = clean_records(2)
    recs[0].update(hukou_address="内蒙古自治区呼伦贝尔市鄂伦春自治旗阿里河镇幸福路8号")   # 26 characters
    recs[1].update(current_address="河南省郑州市金水区" + "经八路街道黄河路" * 6)     # far too long
    sheet = in_memory(recs, tmp_path / "township.xlsx")
    ws = openpyxl.load_workbook(write_upload([sheet], tmp_path / "up.xlsx").path).worksheets[0]
    header = [c.value for c in ws[1]]
    width = lambda title: ws.column_dimensions[openpyxl.utils.get_column_letter(header.index(title) + 1)].width
    assert width("户籍地址") >= 2 * len(recs[0]["hukou_address"]) - 2 > 36     # wider than before
    assert width("现居住地") <= 61                                          # but capped
    assert width("出生日期") >= 12 and width("公民身份号码") >= 20
    # a return file rebuilt from a CSV: the same columns sized to their content
    source = tmp_path / "township.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([FORM.field(k).label for k in KEYS])
        for rec in recs:
            out.writerow([rec[k] or "" for k in KEYS])
    back = openpyxl.load_workbook(write_return(check_file(source), tmp_path / "back.xlsx").path)["登记表"]
    col = lambda key: openpyxl.utils.get_column_letter(KEYS.index(key) + 1)
    assert back.column_dimensions[col("id_number")].width >= 20
    assert back.column_dimensions[col("birth_date")].width >= 12
    assert back.column_dimensions[col("hukou_address")].width >= 2 * len(recs[0]["hukou_address"])


def test_the_disability_message_says_what_disagrees_without_repeating_itself():
    from validators.engine import TableValidator
    from intake.forms import load_form
    from sheetkit import CTX, columns

    rec = liudong_record(health="残疾", disability_category="无", disability_grade="无")
    validator = TableValidator(load_form("liudong"), columns([rec]), CTX)
    found = [f for f in validator.run().all() if f.code == "cross.disability"]
    assert [f.field for f in found] == ["health"]
    assert found[0].message == "残疾类别“无”、残疾等级“无”表示没有残疾，健康状况却填了“残疾”，请核对残疾信息"
    assert "不应包含" not in found[0].message
