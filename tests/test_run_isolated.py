"""intake.reader.isolated.run_isolated: a whole function run in the reading child process, as
`mopai validate` does (intake.check_report); the outcome is the one computed in-process."""
from __future__ import annotations

import pytest

from generator import generate, write_xlsx
from intake.check_report import CHECK_REPORT, check_report
from intake.errors import ReadError
from intake.reader.isolated import run_isolated


def fails_plainly(path, progress=None):
    raise ValueError("a bug, not a bad file")


def refuses_the_file(path, progress=None):
    raise ReadError("文件不是登记表")


def test_the_check_in_the_child_equals_the_check_in_process(tmp_path):
    sheet = generate("liudong", 150, seed=5, inject="all")
    path = tmp_path / "流动.xlsx"
    write_xlsx(path, sheet, layout="title_rows")
    options = {"county": sheet.county, "show_mapping": True, "json": True}
    isolated = run_isolated(CHECK_REPORT, path, options)
    here = check_report(path, **options)
    assert isolated == here
    assert isolated.has_errors and b'"findings"' in isolated.report
    assert isolated.sheets[0][0] == "列对应关系："


def test_an_unexpected_failure_is_no_read_error_and_a_bad_file_keeps_its_message(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"x")
    with pytest.raises(RuntimeError, match="ValueError"):
        run_isolated("test_run_isolated:fails_plainly", path, {})
    with pytest.raises(ReadError, match="文件不是登记表"):
        run_isolated("test_run_isolated:refuses_the_file", path, {})
