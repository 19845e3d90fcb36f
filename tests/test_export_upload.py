"""The upload file: clean and warning-only rows, canonical values, text IDs, the summary."""
from __future__ import annotations


import openpyxl
import pytest

from exportkit import clean_records, in_memory
from intake.export import load_profile, write_upload
from intake.export.profiles import ProfileError
from intake.export.upload import SUMMARY_SHEET
from sheetkit import child_id


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    recs = clean_records(5)
    recs[1].update(ethnicity="汉", birth_date="2015/3/3", mother_phone="0371 6512 3456")   # hints only
    recs[2].update(id_number=recs[2]["id_number"][:-1] + ("0" if recs[2]["id_number"][-1] != "0" else "1"))
    recs[3].update(name=None)                                                               # required
    with_x = next(n for n in (child_id("20150306", f"{s:03d}") for s in range(1, 999, 2)) if n.endswith("X"))
    recs[4].update(id_number=with_x.lower(), rehab_aid="是")                              # a warning
    source = tmp_path_factory.mktemp("src") / "township.xlsx"
    return in_memory(recs, source)


@pytest.fixture(scope="module")
def upload(sheet, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "upload.xlsx"
    summary = write_upload([sheet], out)
    return summary, openpyxl.load_workbook(out)


def _rows(ws):
    header = [c.value for c in ws[1]]
    return header, [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]


def test_only_rows_without_errors_in_profile_order(upload):
    summary, book = upload
    assert book.sheetnames == ["流动儿童基本情况登记表", SUMMARY_SHEET]
    header, rows = _rows(book.worksheets[0])
    profile = load_profile(form="liudong")
    assert header == [c.header for c in profile.columns]
    assert header[:6] == ["序号", "姓名", "性别", "出生日期", "民族", "公民身份号码"]
    assert [r["序号"] for r in rows] == [1, 2, 3]
    assert [r["出生日期"] for r in rows] == ["2015-03-02", "2015-03-03", "2015-03-06"]
    assert summary.exported == {"liudong": 3}
    assert book.worksheets[0].freeze_panes == "A2"


def test_values_are_canonical_text(upload, sheet):
    _, book = upload
    ws = book.worksheets[0]
    header, rows = _rows(ws)
    warned = rows[1]
    assert warned["民族"] == "汉族" and warned["出生日期"] == "2015-03-03"
    assert warned["母亲联系方式"] == "037165123456"    # the phone validator's canonical text
    assert rows[2]["公民身份号码"].endswith("X")           # lower-case x written upper-case
    id_col = header.index("公民身份号码") + 1
    for r in range(2, 5):
        cell = ws.cell(row=r, column=id_col)
        assert cell.data_type == "s" and isinstance(cell.value, str) and len(cell.value) == 18
        assert cell.number_format == "@"
    phone = ws.cell(row=2, column=header.index("父亲联系方式") + 1)
    assert phone.value == "13800138000" and phone.data_type == "s" and phone.number_format == "@"
    assert rows[0]["填报单位"] is None and "序号" in header and "seq" not in header


def test_summary_lists_left_out_and_warned_rows(upload):
    summary, book = upload
    assert [(n.row, n.name) for n in summary.left_out] == [(4, "张三"), (5, None)]
    assert any("校验码" in p for p in summary.left_out[0].problems)
    assert any("必填" in p for p in summary.left_out[1].problems)
    assert [n.row for n in summary.with_warnings] == [6]      # row 3 has hints only: normalised
    ws = book[SUMMARY_SHEET]
    lines = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert [(line[0], line[2]) for line in lines] == [("未导出（有错误）", 4), ("未导出（有错误）", 5),
                                                      ("已导出（有警告）", 6)]
    assert "康复救助" in lines[2][4] and "民族" not in lines[2][4]
    assert "校验码" in lines[0][4]
    text = "\n".join(summary.lines())
    assert "2行有错误，没有导出" in text and "1行有警告，已导出" in text


def test_code_profile_and_sheet_report_line(sheet, tmp_path):
    profile_file = tmp_path / "county.toml"
    profile_file.write_text('''
[profile]
form = "liudong"
sheet_name = "导入"
summary_sheet = false
[[columns]]
field = "name"
[[columns]]
header = "XB"
field = "sex"
value = "code"
codes = { "男" = "1", "女" = "2" }
[[columns]]
header = "MZ"
field = "ethnicity"
value = "code"
[[columns]]
header = "JKZK"
field = "health"
[[columns]]
header = "SJLY"
fixed = "乡镇摸排"
''', encoding="utf-8")
    profile = load_profile(profile_file)
    out = tmp_path / "codes.xlsx"
    write_upload([sheet], out, profiles={"liudong": profile})
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["导入"]
    ws = book["导入"]
    assert [c.value for c in ws[1]] == ["姓名", "XB", "MZ", "JKZK", "SJLY"]
    assert [c.value for c in ws[3]] == ["张三", "1", "01", "健康", "乡镇摸排"]


def test_bad_profile_gets_a_chinese_message(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[profile]\nform = "liudong"\n[[columns]]\nheader = "性别"\nfield = "sex"\nvalue = "code"\n',
                   encoding="utf-8")
    with pytest.raises(ProfileError, match="没有代码"):
        load_profile(bad)
    bad.write_text('[profile]\nform = "liudong"\n[[columns]]\nfield = "no_such"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="没有字段“no_such”"):
        load_profile(bad)


def test_shipped_profiles_follow_the_form_order():
    from intake.forms import load_form
    for key in ("liudong", "liushou"):
        form = load_form(key)
        profile = load_profile(form=key)
        expected = ["@seq"] + [f.key for f in form.fields if f.export]
        assert [c.field for c in profile.columns] == expected
        assert [c.header for c in profile.columns][1:] == [f.label for f in form.fields if f.export]


def test_progress_reaches_the_end(sheet, tmp_path):
    seen = []
    write_upload([sheet], tmp_path / "p.xlsx", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] and seen == sorted(seen)


def test_upload_reimports_clean(upload):
    from intake.checking import check_file
    from sheetkit import AS_OF
    summary, _ = upload
    [again] = check_file(summary.path, as_of=AS_OF)
    assert again.table.n_rows == 3          # canonical values: only the warning a person must check
    assert [f.code for f in again.findings.all()] == ["cross.rehab_without_disability"]
