"""intake.warm_up: the check's tables loaded on a thread while the child reads the file; the
check's findings do not depend on it, and it never raises."""
from __future__ import annotations

import logging

from generator import generate, write_xlsx
from intake import warm_up
from intake.checking import check_file
from intake.report import report_json
from validators import divisions


def test_an_isolated_check_with_the_warm_up_reports_what_an_in_process_check_does(tmp_path):
    sheet = generate("liushou", 150, seed=5, inject="all")
    path = tmp_path / "留守.xlsx"
    write_xlsx(path, sheet, layout="two_row_header")
    warmed = check_file(path, county=sheet.county, isolated=True)
    cold = check_file(path, county=sheet.county)
    assert report_json(warmed) == report_json(cold)
    assert warmed[0].findings.n_errors > 0


def test_the_warm_up_loads_the_division_table():
    divisions._table.cache_clear()
    warm_up.start().join()
    assert divisions._table.cache_info().currsize == 1


def test_a_failing_warm_up_only_logs(monkeypatch, caplog):
    def broken():
        raise OSError("模板目录不可读")
    monkeypatch.setattr(warm_up, "_load", broken)
    with caplog.at_level(logging.DEBUG, logger="intake.warm_up"):
        warm_up.start().join()
    assert "warm-up failed" in caplog.text
