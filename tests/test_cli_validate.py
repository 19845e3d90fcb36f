import argparse
import json
from datetime import date

import openpyxl
import pytest

from intake import cli_validate
from intake.forms import load_form
from rowkit import make_id
from sheetkit import child_id, liudong_record

LIUDONG, LIUSHOU = load_form("liudong"), load_form("liushou")


def main(argv):
    """`mopai validate …` (the subcommand module itself: the dispatcher also loads the others)."""
    assert argv[0] == "validate"
    parser = argparse.ArgumentParser(prog="mopai validate")
    cli_validate.add_arguments(parser)
    return cli_validate.run(parser.parse_args(argv[1:]))


def liushou_record(**changes):
    rec = {"name": "王芳", "sex": "女", "birth_date": "2012-06-30", "ethnicity": "汉族",
           "id_number": make_id("411302", "20120630", "124"), "hukou_registered": "是",
           "hukou_address": "河南省南阳市宛城区新华街道光明社区12号",
           "current_address": "河南省南阳市宛城区新华街道光明社区12号", "guardianship": "一般",
           "health": "健康", "medical_insurance": "已纳入医保", "disability_category": "无",
           "disability_grade": "无", "rehab_aid": "否", "schooling": "初中", "study_status": "在读",
           "boarding": "是", "both_parents_away": "是", "one_away_other_incapable": "否",
           "has_entrusted_guardian": "无", "family_hardship": "无", "living_support": "无"}
    rec.update(changes)
    return rec


def add_sheet(book, title, form, records, above=()):
    ws = book.create_sheet(title)
    for line in above:
        ws.append(line)
    keys = list(records[0])
    ws.append([form.field(k).label for k in keys])
    for rec in records:
        ws.append([rec[k] for k in keys])
    return ws


def write_book(path, sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, form, records, above in sheets:
        add_sheet(book, title, form, records, above)
    book.save(path)
    return path


def clean_records():
    return [liudong_record(), liudong_record(id_number=child_id("20150302", "135"), name="张四")]


def test_clean_file_exits_0_with_summary(tmp_path, capsys):
    path = write_book(tmp_path / "clean.xlsx", [("流动", LIUDONG, clean_records(), ())])
    assert main(["validate", str(path), "--as-of", "2025-12-31"]) == 0
    out = capsys.readouterr().out
    assert "共 2 行，其中 0 行有错误" in out and "没有发现问题" in out
    assert "流动儿童基本情况登记表" in out


def test_hints_are_counted_apart_and_listed_after_the_rest(tmp_path, capsys):
    records = clean_records()
    records[0].update(birth_date="2015.3.2", ethnicity="汉")           # understood: hints
    records[1].update(rehab_aid="是")                                  # to check: a warning
    path = write_book(tmp_path / "hints.xlsx", [("流动", LIUDONG, records, ())])
    out_json = tmp_path / "report.json"
    assert main(["validate", str(path), "--as-of", "2025-12-31", "--json", str(out_json)]) == 0
    out = capsys.readouterr().out
    assert "错误 0 处，警告 1 处，提示 2 处（写法不同，已能识别，上报时自动规范）。" in out
    listed = [line for line in out.splitlines() if line.startswith("  第")]
    assert "[警告]" in listed[0] and all("[提示]" in line for line in listed[1:]) and len(listed) == 3
    report = json.loads(out_json.read_text("utf-8"))
    assert report["summary"]["warnings"] == 1 and report["summary"]["hints"] == 2
    assert sorted(f["severity"] for f in report["findings"]) == ["hint", "hint", "warning"]


def test_errors_exit_1_and_json_report_has_excel_coordinates(tmp_path, capsys):
    records = clean_records()
    bad_id = records[1]["id_number"][:17] + ("0" if records[1]["id_number"][17] != "0" else "1")
    records[1]["id_number"] = bad_id
    records[0]["sex"] = "女"
    path = write_book(tmp_path / "bad.xlsx", [("流动", LIUDONG, records, [["流动儿童基本情况登记表"],
                                                                      ["填报单位：城关镇", None, "填报日期：2025年12月31日"]])])
    out_json = tmp_path / "report.json"
    assert main(["validate", str(path), "--json", str(out_json)]) == 1
    report = json.loads(out_json.read_text("utf-8"))
    for key in ("file", "sheet", "form", "as_of", "header_rows", "rows", "columns", "findings", "summary"):
        assert key in report
    assert report["form"] == "liudong" and report["sheet"] == "流动" and report["rows"] == 2
    assert report["header_rows"] == [3] and report["as_of"] == "2025-12-31"
    id_col = list(records[0]).index("id_number") + 1
    sex_col = list(records[0]).index("sex") + 1
    assert {"col": id_col, "header": "公民身份号码", "field": "id_number"} in [
        {k: c[k] for k in ("col", "header", "field")} for c in report["columns"]]
    by_code = {f["code"]: f for f in report["findings"]}
    assert by_code["id.checksum"]["row"] == 5 and by_code["id.checksum"]["col"] == id_col
    assert by_code["id.checksum"]["value"] == bad_id and by_code["id.checksum"]["severity"] == "error"
    assert by_code["id.sex_mismatch"]["row"] == 4 and by_code["id.sex_mismatch"]["col"] == sex_col
    for f in report["findings"]:
        assert set(f) >= {"row", "col", "field", "severity", "code", "message", "value", "suggestion"}
    assert report["summary"]["errors"] == 2 and report["summary"]["rows_with_errors"] == 2
    out = capsys.readouterr().out
    assert "身份证校验位错误（id.checksum）：1 处" in out
    assert f"第5行 {chr(64 + id_col)}列（公民身份号码） [错误]" in out


def test_row_report_date_before_sheet_date(tmp_path):
    records = [liudong_record(arrival_date="2025-06-30", report_date="2025-12-31"),
               liudong_record(id_number=child_id("20150302", "135"), arrival_date="2025-06-30",
                              report_date="2025-12-29")]
    path = write_book(tmp_path / "d.xlsx", [("流动", LIUDONG, records, ())])
    out_json = tmp_path / "r.json"
    assert main(["validate", str(path), "--as-of", "2026-06-30", "--json", str(out_json)]) == 1
    found = json.loads(out_json.read_text("utf-8"))["findings"]
    assert [(f["row"], f["code"]) for f in found] == [(3, "eligibility.short_stay")]


def test_unreadable_file_exits_2_with_one_message(tmp_path, capsys):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a workbook")
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.err.strip()
    assert len(captured.err.strip().splitlines()) == 1


@pytest.mark.parametrize("args, words", [
    (["--as-of", "2025-13-01"], "--as-of"), (["--county", "999999"], "--county"),
])
def test_bad_options_exit_2(tmp_path, capsys, args, words):
    path = write_book(tmp_path / "ok.xlsx", [("流动", LIUDONG, clean_records(), ())])
    assert main(["validate", str(path), *args]) == 2
    assert words in capsys.readouterr().err


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.xlsx")]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_county_option_flags_rows_outside(tmp_path):
    path = write_book(tmp_path / "c.xlsx", [("流动", LIUDONG, clean_records(), ())])
    assert main(["validate", str(path), "--as-of", "2025-12-31", "--county", "410105"]) == 0
    out_json = tmp_path / "r.json"
    assert main(["validate", str(path), "--as-of", "2025-12-31", "--county", "411302",
                 "--json", str(out_json)]) == 1
    codes = {f["code"] for f in json.loads(out_json.read_text("utf-8"))["findings"]}
    assert codes == {"address.outside_county"}


def test_two_tables_are_each_reported(tmp_path, capsys):
    path = write_book(tmp_path / "two.xlsx", [("流动", LIUDONG, clean_records(), ()),
                                              ("留守", LIUSHOU, [liushou_record()], ())])
    out_json = tmp_path / "r.json"
    assert main(["validate", str(path), "--as-of", "2025-12-31", "--json", str(out_json),
                 "--show-mapping"]) == 0
    report = json.loads(out_json.read_text("utf-8"))
    assert [t["form"] for t in report["tables"]] == ["liudong", "liushou"]
    assert report["form"] == "liudong" and report["tables"][1]["rows"] == 1
    out = capsys.readouterr().out
    assert "留守儿童基本情况登记表" in out and "“公民身份号码” → 公民身份号码（id_number）" in out


def test_json_output_never_overwrites_the_input(tmp_path, capsys):
    path = write_book(tmp_path / "in.xlsx", [("流动", LIUDONG, clean_records(), ())])
    before = path.read_bytes()
    assert main(["validate", str(path), "--json", str(path)]) == 2
    assert path.read_bytes() == before
    assert "不能覆盖原始文件" in capsys.readouterr().err


@pytest.mark.parametrize("text, expected", [
    ("2025年12月31日", date(2025, 12, 31)), ("填报日期：2025-12-31", date(2025, 12, 31)),
    ("填报日期: 2025/6/30", date(2025, 6, 30)), ("2025年12月", None), (None, None), ("待定", None),
])
def test_sheet_report_date_line(text, expected):
    from intake.checking import parse_report_date
    assert parse_report_date(text) == expected


def test_check_file_progress_and_cancel(tmp_path):
    from intake.checking import check_file
    from intake.errors import Cancelled
    path = write_book(tmp_path / "p.xlsx", [("流动", LIUDONG, clean_records(), ())])
    seen = []
    [checked] = check_file(path, as_of=date(2025, 12, 31), progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (1000, 1000) and all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))
    assert checked.ctx.as_of == date(2025, 12, 31) and checked.findings.all() == []
    calls = []

    def cancel_during_validation():
        calls.append(1)
        return len(calls) > 3
    with pytest.raises(Cancelled):
        check_file(path, cancelled=cancel_during_validation)


def test_as_of_in_the_report_comes_from_the_rows_own_report_dates(tmp_path, capsys):
    """No 填报日期 line and no --as-of: rows that all say 2025-12-31 make that the reported
    reference date (not today); rows that disagree leave today with a note."""
    same = [dict(r, report_date="2025/12/31") for r in clean_records()]
    path = write_book(tmp_path / "rows.xlsx", [("流动", LIUDONG, same, ())])
    out = tmp_path / "r.json"
    main(["validate", str(path), "--json", str(out)])
    assert json.loads(out.read_text(encoding="utf-8"))["as_of"] == "2025-12-31"
    assert "摸排基准日：2025-12-31（取自各行的填报日期" in capsys.readouterr().out
    mixed = [dict(same[0]), dict(same[1], report_date="2025-11-30")]
    path = write_book(tmp_path / "mixed.xlsx", [("流动", LIUDONG, mixed, ())])
    main(["validate", str(path), "--json", str(out)])
    assert json.loads(out.read_text(encoding="utf-8"))["as_of"] == date.today().isoformat()
    assert "各行填报日期不同" in capsys.readouterr().out
