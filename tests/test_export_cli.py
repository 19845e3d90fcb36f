"""`mopai export` / `mopai template`: exit codes and messages; every write atomic, the input
never overwritten, an output held open by Excel refused, cancelling leaves the old file."""
from __future__ import annotations

import openpyxl
import pytest

from exportkit import check, clean_records, write_xlsx
from intake.cli import main
from intake.errors import Cancelled, WriteError
from intake.export import write_report, write_upload
from sheetkit import AS_OF


@pytest.fixture(scope="module")
def township(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    recs = clean_records(3)
    recs[1]["sex"] = "男女"
    return write_xlsx(folder / "township.xlsx", recs)


def test_export_writes_every_requested_file(township, capsys):
    folder = township.parent
    code = main(["export", str(township), "--as-of", AS_OF.isoformat(), "--upload", str(folder / "up.xlsx"),
                 "--return", str(folder / "back.xlsx"), "--report", str(folder / "list.csv")])
    out = capsys.readouterr().out
    assert code == 1                                   # written; the file has errors
    assert "导出流动儿童2行" in out and "退回文件已写入" in out and "（1条）" in out
    up = openpyxl.load_workbook(folder / "up.xlsx").worksheets[0]
    assert up.max_row == 3
    back = openpyxl.load_workbook(folder / "back.xlsx")
    assert back.sheetnames[0] == "问题汇总"
    assert "option.unknown" in (folder / "list.csv").read_text(encoding="utf-8-sig")


def test_export_refuses_to_overwrite_the_input(township, capsys):
    before = township.read_bytes()
    assert main(["export", str(township), "--report", str(township)]) == 2
    assert "不能覆盖原始文件" in capsys.readouterr().err
    assert township.read_bytes() == before


@pytest.mark.parametrize("args, message", [
    ([], "请至少指定一个要导出的文件"),
    (["--upload", "x.csv"], "--upload 的文件名应以.xlsx结尾"),
    (["--report", "a.xlsx", "--upload", "a.xlsx"], "同一个文件名"),
    (["--report", "a.csv", "--as-of", "2025-13-01"], "不是有效日期"),
])
def test_export_usage_errors(township, capsys, args, message):
    assert main(["export", str(township), *args]) == 2
    assert message in capsys.readouterr().err


def test_unreadable_input_gets_one_chinese_message(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"\x00\x01 not a workbook \x02" * 50)
    assert main(["export", str(bad), "--report", str(tmp_path / "r.csv")]) == 2
    err = capsys.readouterr().err
    assert err.strip() and "Traceback" not in err and not (tmp_path / "r.csv").exists()


def test_output_open_in_excel_is_refused(township, capsys):
    folder = township.parent
    target = folder / "open.xlsx"
    target.write_bytes(b"old")
    lock = folder / ("~$" + target.name)
    lock.write_bytes(b"owner")
    try:
        assert main(["export", str(township), "--report", str(target)]) == 2
        assert "正在被Excel或WPS打开" in capsys.readouterr().err
        assert target.read_bytes() == b"old"
    finally:
        lock.unlink()


def test_cancelled_or_failing_write_leaves_the_old_file(township, monkeypatch):
    folder = township.parent
    checked = check(township)
    target = folder / "keep.xlsx"
    target.write_bytes(b"old upload")
    calls = iter(range(100))
    with pytest.raises(Cancelled):
        write_upload(checked, target, cancelled=lambda: next(calls) >= 1)
    assert target.read_bytes() == b"old upload"

    from intake.export.xlsx_stream import StreamSheet
    written = StreamSheet._write

    def disk_full(self, text):               # the disk fills up once the rows are streaming
        if text.startswith("<row"):
            raise OSError(28, "No space left on device")
        written(self, text)
    monkeypatch.setattr(StreamSheet, "_write", disk_full)
    for write in (write_report, write_upload):
        with pytest.raises(WriteError, match="磁盘空间"):
            write(checked, target)
        assert target.read_bytes() == b"old upload"
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".keep")) == []


def test_template_command(tmp_path, capsys):
    out = tmp_path / "blank.xlsx"
    assert main(["template", "liushou", str(out)]) == 0
    assert "留守儿童" in capsys.readouterr().out
    assert openpyxl.load_workbook(out).sheetnames[0].startswith("留守儿童")
    assert main(["template", "liushou", str(tmp_path / "blank.xls")]) == 2
    assert ".xlsx" in capsys.readouterr().err
