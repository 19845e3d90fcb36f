"""Hostile and broken input files: `mopai validate` answers each with exit code 2 and one Chinese
line naming the cause (no traceback, no Rust backtrace), the process survives (the file is read
by the same child-process reader the app uses), the input is unchanged and $TMPDIR stays empty.
Files that are odd but readable are read (only their real data area), with findings or notes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import hostile_files as hf
import pytest
from conftest import digest, leftovers
from test_reader_formats import _refuse_open

from intake.cli import main
from intake.errors import ReadError
from intake.reader.isolated import read_tables_isolated

ROOT = Path(__file__).resolve().parents[2]

# (case, builder, file name, words the message must contain)
REFUSED = [
    ("abnormal used range", hf.huge_used_range, "大表.xlsx", ["使用区域异常", "XFD1048576", "删除"]),
    ("zip bomb", hf.zip_bomb, "炸弹.xlsx", ["解压后异常大", "600.0 MB", "倍"]),
    ("lying dimension (native abort)", hf.lying_dimension, "假尺寸.xlsx", ["读取程序意外终止", "程序崩溃"]),
    ("XML 2003 index out of range", hf.xml2003_far_index, "网页导出.xls", ["Excel 2003 XML", "已损坏"]),
    ("corrupt zip", hf.corrupt_zip, "坏的.xlsx", ["已损坏或不完整"]),
    ("truncated xlsx", hf.truncated_xlsx, "半截.xlsx", ["已损坏或不完整"]),
    ("empty file", hf.empty_file, "空的.xlsx", ["是空的"]),
    ("Word document", hf.word_document, "文档.xlsx", ["不是Excel/WPS表格文件"]),
    ("binary garbage", hf.binary_garbage, "图片.xlsx", ["不是Excel/WPS表格文件", "无法识别", "请确认选对了文件。"]),
    ("encrypted, no password", hf.encrypted, "加密.xlsx", ["设置了打开密码"]),
    ("HTML without a table", hf.html_without_table, "网页.xls", ["没有表格"]),
    ("only a far stray cell", hf.only_far_cell, "远处.xlsx", ["没有任何内容"]),
]


def _validate(args: list[str], capfd) -> tuple[int, str, str]:
    code = main(["validate", *args])
    out, err = capfd.readouterr()           # fd level: a child's stderr would show up here too
    return code, out, err


def _one_chinese_line(err: str, out: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in lines[0])
    for noise in ("Traceback", "panicked", "RUST_BACKTRACE", "Error:", "Exception"):
        assert noise not in err and noise not in out
    return lines[0]


@pytest.mark.parametrize("case,build,name,words", REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_with_one_message(case, build, name, words, tmp_path, private_tmp, capfd):
    path = build(tmp_path / name)
    before = digest(path)
    code, out, err = _validate([str(path)], capfd)
    message = _one_chinese_line(err, out)
    assert code == 2 and out == ""
    assert all(w in message for w in words), message
    assert digest(path) == before                       # the input is never changed
    assert leftovers(private_tmp) == []


def test_the_app_reader_gives_the_same_message(tmp_path, private_tmp, capfd):
    path = hf.zip_bomb(tmp_path / "炸弹.xlsx", megabytes=520)
    code, out, err = _validate([str(path)], capfd)
    with pytest.raises(ReadError) as raised:            # what desktop.loading calls
        read_tables_isolated(path)
    assert code == 2 and raised.value.message == _one_chinese_line(err, out)


def test_the_window_survives_a_native_abort(qtbot, tmp_path, private_tmp, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    from test_gui_helpers import make_window
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    path = hf.lying_dimension(tmp_path / "假尺寸.xlsx")
    window = make_window(qtbot, tmp_path)
    with qtbot.waitSignal(window.open_failed, timeout=60000) as blocker:
        window.open_files([str(path)])
    assert shown == [blocker.args[0]] and "读取程序意外终止" in shown[0]
    assert window.isVisible() and window.tabs.count() == 0
    qtbot.waitUntil(lambda: not window.jobs, timeout=10000)
    window.workspace.close()


def test_a_native_abort_is_a_message_in_a_real_process(tmp_path, private_tmp):
    """The whole command as a clerk runs it: python-calamine aborts in the reader child, the
    command still exits 2 with one line (and the Rust backtrace goes nowhere)."""
    path = hf.lying_dimension(tmp_path / "假尺寸.xlsx")
    run = subprocess.run([sys.executable, "-m", "desktop", "validate", str(path)], cwd=ROOT,
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 2 and run.stdout == ""
    assert _one_chinese_line(run.stderr, run.stdout).startswith("读取“假尺寸.xlsx”时，读取程序意外终止")
    assert leftovers(private_tmp) == []


def test_wrong_password(tmp_path, private_tmp, capfd):
    path = hf.encrypted(tmp_path / "加密.xlsx")
    code, out, err = _validate([str(path), "--password", "错的"], capfd)
    assert code == 2 and "密码不正确" in _one_chinese_line(err, out)


def test_missing_file_and_folder_have_their_own_messages(tmp_path, private_tmp, capfd):
    code, out, err = _validate([str(tmp_path / "没有.xlsx")], capfd)
    assert code == 2 and _one_chinese_line(err, out).startswith("找不到文件")
    folder = tmp_path / "六月报表"
    folder.mkdir()
    code, out, err = _validate([str(folder)], capfd)
    message = _one_chinese_line(err, out)
    assert code == 2 and "是一个文件夹" in message and "找不到" not in message


def test_no_read_permission_is_not_called_locked(tmp_path, private_tmp, capfd, monkeypatch):
    path = hf.encrypted(tmp_path / "无权限.xlsx")
    _refuse_open(monkeypatch, path, PermissionError(13, "Permission denied"))
    code, out, err = _validate([str(path)], capfd)
    message = _one_chinese_line(err, out)
    assert code == 2 and "没有读取这个文件的权限" in message and "占用" not in message


def test_a_file_excel_holds_open_is_called_locked(tmp_path, private_tmp, capfd, monkeypatch):
    path = hf.encrypted(tmp_path / "打开着.xlsx")
    error = PermissionError(13, "The process cannot access the file")
    error.winerror = 32                                 # what Windows says for a file Excel holds
    _refuse_open(monkeypatch, path, error)
    code, out, err = _validate([str(path)], capfd)
    assert code == 2 and "正被其他程序占用" in _one_chinese_line(err, out)


# --- odd but readable: the real data area is read, with findings and notes --------------------

def _report(path: Path, tmp_path: Path, capfd, *extra: str) -> tuple[int, str, dict]:
    out_json = tmp_path / "report.json"
    code = main(["validate", str(path), "--json", str(out_json), "--as-of", "2025-06-30", *extra])
    out, err = capfd.readouterr()
    assert err == "" and "Traceback" not in out
    return code, out, json.loads(out_json.read_text("utf-8"))


def test_far_corner_cell_reads_only_the_real_data_area(tmp_path, private_tmp, capfd):
    path = hf.far_corner(tmp_path / "远角.xlsx")
    before = digest(path)
    code, out, report = _report(path, tmp_path, capfd)
    assert code in (0, 1) and report["rows"] == 200
    note, = [n for n in report["notes"] if n["code"] == "read.far_cells"]
    assert "XFD1048576" in note["message"] and "XFD1048576" in out       # said in the summary
    assert digest(path) == before and leftovers(private_tmp) == []


def test_far_corner_cell_with_prefixed_tags(tmp_path, private_tmp):
    table, = read_tables_isolated(hf.prefixed_far_corner(tmp_path / "前缀.xlsx"))
    assert table.n_rows == 200
    assert [n.message for n in table.notes if n.code == "read.far_cells"][0].startswith("工作表中有1个单元格远离表格（XFD1048576）")


def test_xls_far_cell_reads_in_the_child(tmp_path, private_tmp):
    """An .xls cannot pass 65,536 x 256 cells; a far cell there costs memory in the child only,
    and the table is read as it is (the far column is named in a note)."""
    import xlwt
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("流动儿童")
    for r, row in enumerate(hf.records(5)):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, str(value))
    ws.write(65535, 40, "x")
    path = tmp_path / "远角.xls"
    book.save(str(path))
    table, = read_tables_isolated(path)
    assert table.n_rows == 5
    assert any(n.code == "read.headerless_column" and "AO" in n.message for n in table.notes)


def test_formula_error_values_are_named(tmp_path, private_tmp, capfd):
    path = hf.formula_errors(tmp_path / "公式.xlsx")
    code, out, report = _report(path, tmp_path, capfd)
    errors = {(f["row"], f["field"]): f["message"] for f in report["findings"] if f["code"] == "cell.formula_error"}
    assert code == 1 and set(errors) == {(2, "name"), (3, "birth_date"), (4, "ethnicity")}
    assert "公式错误 #REF!" in errors[(2, "name")] and "删除" in errors[(2, "name")]
    assert "公式错误 #DIV/0!" in errors[(3, "birth_date")] and "公式错误 #N/A" in errors[(4, "ethnicity")]
    assert "姓名为必填项" not in out and not [f for f in report["findings"] if f["code"] == "required.missing"
                                          and (f["row"], f["field"]) in errors]


def test_header_words_in_extra_columns_do_not_drop_a_record(tmp_path, private_tmp, capfd):
    path = hf.header_text_in_extra_columns(tmp_path / "多列.xlsx")
    code, out, report = _report(path, tmp_path, capfd)
    assert report["rows"] == 200 and 58 in {f["row"] for f in report["findings"]}
    assert not [n for n in report["notes"] if n["code"] == "read.skipped_rows"]


def test_repeated_header_is_skipped_and_said_in_the_summary(tmp_path, private_tmp, capfd):
    rows = hf.records(6)
    rows[4] = list(hf.HEADER)                            # printed again for page 2
    path = hf._xlsx(tmp_path / "分页.xlsx", rows)
    code, out, report = _report(path, tmp_path, capfd)
    assert report["rows"] == 5 and "第5行是重复的表头" in out


def test_a_megabyte_cell_is_quoted_short(tmp_path, private_tmp, capfd):
    path = hf.megabyte_cell(tmp_path / "长.csv")
    code, out, report = _report(path, tmp_path, capfd)
    finding, = [f for f in report["findings"] if f["field"] == "ethnicity"]
    assert finding["message"].endswith("不是表格中的选项，请从以下选项中选择：" + finding["message"].split("选择：")[1])
    assert "…(共 1000000 字)" in finding["message"] and len(finding["message"]) < 400
    assert len(finding["value"]) == 1_000_000                # the JSON keeps the real value
    assert max(map(len, out.splitlines())) < 400             # and the summary quotes it short


def test_control_characters_are_shown_as_escapes(tmp_path, private_tmp, capfd):
    path = hf.control_characters(tmp_path / "控制符.csv")
    code, out, report = _report(path, tmp_path, capfd)
    finding, = [f for f in report["findings"] if f["field"] == "name"]
    assert "\\x00" in finding["message"] and "\\x1b" in finding["message"] and "\\u202e" in finding["message"]
    assert "\x00" not in out and "\x1b" not in out and "\u202e" not in out


def test_dates_in_other_scripts_digits_are_errors(tmp_path, private_tmp, capfd):
    path = hf.other_script_digits(tmp_path / "数字.csv")
    code, out, report = _report(path, tmp_path, capfd)
    bad = {f["row"] for f in report["findings"] if f["field"] == "birth_date" and f["code"] == "date.format"}
    assert code == 1 and bad == {2, 3}


def test_a_csv_line_of_a_hundred_thousand_fields(tmp_path, private_tmp, capfd):
    path = hf.wide_csv_line(tmp_path / "宽.csv")
    code, out, report = _report(path, tmp_path, capfd)
    assert report["rows"] == 300
    assert any(n["code"] == "read.far_cells" for n in report["notes"])


def test_html_spans_cannot_blow_up_the_grid(tmp_path, private_tmp, capfd):
    path = hf.html_span_bomb(tmp_path / "合并.xls")
    code, out, report = _report(path, tmp_path, capfd)
    assert code in (0, 1) and report["rows"] <= 3
