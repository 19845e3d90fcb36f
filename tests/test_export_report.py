"""The error report: one line per finding, .xlsx and .csv (UTF-8 with BOM)."""
from __future__ import annotations

import csv

import openpyxl
import pytest

from exportkit import check, clean_records, write_xlsx
from intake.errors import WriteError
from intake.export import write_report
from intake.export.error_report import HEADERS


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    recs = clean_records(3)
    recs[0]["id_number"] = recs[0]["id_number"][:17] + ("0" if recs[0]["id_number"][17] != "0" else "1")
    recs[2]["ethnicity"] = "汉"
    recs[2]["arrival_date"] = "2019-12-01"          # before 离开户籍地日期 2020-01-01: error
    folder = tmp_path_factory.mktemp("rep")
    return folder, check(write_xlsx(folder / "township.xlsx", recs))


def test_xlsx_report_lines(checked):
    folder, sheets = checked
    n = write_report(sheets, folder / "report.xlsx")
    ws = openpyxl.load_workbook(folder / "report.xlsx").active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert tuple(rows[0]) == HEADERS and n == len(rows) - 1 == len(sheets[0].findings)
    by_code = {r[6]: r for r in rows[1:]}
    id_line = by_code["id.checksum"]
    assert id_line[:6] == ["流动儿童", 4, "F", "公民身份号码", sheets[0].table.data.get("id_number", 0), "错误"]
    assert id_line[7] == "身份证校验位错误" and "校验码" in id_line[8]
    value_cell = ws.cell(row=rows.index(id_line) + 1, column=5)
    assert value_cell.data_type == "s" and value_cell.number_format == "@"
    ethnic = by_code["option.normalised"]
    assert ethnic[1:6] == [6, "E", "民族", "汉", "提示"] and ethnic[9] == "汉族"   # a hint, listed
    assert ws.freeze_panes == "A2"


def test_xlsx_report_prints_all_columns_across_one_landscape_page(checked):
    """Printed from Excel/WPS the list keeps 说明 beside its row: landscape A4, the ten columns
    fitted across one page, the header row on every page."""
    folder, sheets = checked
    write_report(sheets, folder / "printed.xlsx")
    ws = openpyxl.load_workbook(folder / "printed.xlsx").active
    setup = ws.page_setup
    assert setup.orientation == "landscape" and int(setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
    assert ws.print_title_rows.replace("$", "") == "1:1"


def test_csv_report_has_bom_and_same_lines(checked):
    folder, sheets = checked
    write_report(sheets, folder / "report.xlsx")
    write_report(sheets, folder / "report.csv")
    raw = (folder / "report.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (folder / "report.csv").open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    xlsx = [["" if v is None else str(v) for v in (c.value for c in row)]
            for row in openpyxl.load_workbook(folder / "report.xlsx").active.iter_rows()]
    assert lines == xlsx
    assert any(line[6] == "date.order" and line[5] == "错误" for line in lines)


def test_report_refuses_the_input_and_other_suffixes(checked):
    folder, sheets = checked
    with pytest.raises(WriteError, match="不能覆盖原始文件"):
        write_report(sheets, folder / "township.xlsx")
    with pytest.raises(WriteError, match=".csv"):
        write_report(sheets, folder / "report.txt")


def test_progress_and_cancel(checked):
    from intake.errors import Cancelled
    from intake.export import write_return
    folder, sheets = checked
    for write, name in ((write_report, "p.csv"), (write_return, "p.xlsx")):
        seen = []
        write(sheets, folder / name, progress=lambda d, t: seen.append((d, t)))
        assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] > 0
        with pytest.raises(Cancelled):
            write(sheets, folder / ("c" + name), cancelled=lambda: True)
        assert not (folder / ("c" + name)).exists()
