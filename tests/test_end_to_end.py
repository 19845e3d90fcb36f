"""End to end: generated sheets of both forms with every kind of error injected (and harmless
variations) are written as .xlsx, read and checked like a clerk's file (intake.checking and the
CLI), and every injected error must come back as an error on its Excel row and column with its
code, while rows with no injected error get no error at all.

Excel coordinates are computed from the writer's layout (not from the reader's row numbers), so
a reader that loses or shifts a row fails here.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date

import pytest

from generator import generate, write_xlsx
from intake.checking import check_file
from intake.cli import main as cli_main
from intake.report import build_report

AS_OF = date(2025, 12, 31)
CASES = {
    # 填报日期 as a column, header aliases, an extra column the reader must ignore
    "liudong-plain": dict(form="liudong", seed=21, n=200, layout="plain",
                          gen=dict(report_columns=True, header_aliases=True, extra_column=True)),
    # title row and a 填报单位/填报日期 line above the header
    "liushou-title": dict(form="liushou", seed=22, n=200, layout="title_rows",
                          gen=dict(report_columns=False)),
    # grouped two-row header (父亲 / 公民身份号码 …)
    "liudong-grouped": dict(form="liudong", seed=23, n=160, layout="two_row_header",
                            gen=dict(report_columns=False)),
    # no date in the sheet at all: the reference date comes from --as-of
    "liushou-as-of": dict(form="liushou", seed=24, n=160, layout="plain",
                          gen=dict(report_columns=False), as_of=AS_OF),
}
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module", params=sorted(CASES))
def run(request, tmp_path_factory):
    case = CASES[request.param]
    sheet = generate(case["form"], case["n"], seed=case["seed"], as_of=AS_OF, inject="all",
                     **case["gen"])
    path = tmp_path_factory.mktemp("e2e") / f"{request.param}.xlsx"
    written = write_xlsx(path, sheet, layout=case["layout"])
    checked = check_file(path, as_of=case.get("as_of"), county=sheet.county)
    assert len(checked) == 1
    if case["layout"] == "plain" and "reporting_unit" not in sheet.fields:   # no 填报单位 anywhere:
        sheet.expected = [e for e in sheet.expected if e.code != "address.outside_township"]
    return sheet, written, build_report(checked[0])


def found_at(report) -> dict[tuple[int, int | None], set[tuple[str, str]]]:
    cells = defaultdict(set)
    for f in report["findings"]:
        cells[(f["row"], f["col"])].add((f["code"], f["severity"]))
    return cells


def where(sheet, written, e):
    return written.excel_row(e.index), sheet.col(e.field)


def describe(sheet, written, e) -> str:
    return (f"row {written.excel_row(e.index)} col {sheet.col(e.field)} ({e.field}) {e.code} "
            f"[{', '.join(sheet.tags[e.index])}] cell={sheet.rows[e.index][sheet.col(e.field) - 1]!r}")


def test_table_found_as_written(run):
    sheet, written, report = run
    assert report["form"] == sheet.form
    assert report["rows"] == len(sheet.rows)
    assert tuple(report["header_rows"]) == written.header_rows
    if "report_date" not in sheet.fields:       # else each row's own 填报日期 is its reference date
        assert report["as_of"] == AS_OF.isoformat()
    mapped = {c["field"]: c["col"] for c in report["columns"] if c["field"]}
    for col, key in enumerate(sheet.fields, start=1):
        if key is not None:
            assert mapped.get(key) == col, key


def test_every_injected_error_is_reported_on_its_cell(run):
    sheet, written, report = run
    cells = found_at(report)
    missing = [describe(sheet, written, e) for e in sheet.errors()
               if (e.code, "error") not in cells[where(sheet, written, e)]]
    assert missing == []


def test_injected_warnings_and_hints_are_reported_with_their_severity(run):
    sheet, written, report = run
    cells = found_at(report)
    quiet = [e for e in sheet.expected if e.severity != "error"]
    assert {e.severity for e in quiet} == {"warning", "hint"}
    missing = [describe(sheet, written, e) for e in quiet
               if (e.code, e.severity) not in cells[where(sheet, written, e)]]
    assert missing == []


def test_rows_without_injected_errors_have_no_error(run):
    sheet, written, report = run
    clean = {written.excel_row(i): i for i in sheet.clean_rows()}
    wrong = [(f["row"], f["col"], f["code"], sheet.tags[clean[f["row"]]], f["value"])
             for f in report["findings"] if f["severity"] == "error" and f["row"] in clean]
    assert wrong == []
    assert len(clean) > len(sheet.rows) // 2


# harmless variations that must leave no mark at all (others are hints: 2015/3/2, 汉 …)
SILENT = {"family_shared", "township_other_word", "township_omitted", "phone_extension", "adult_permit",
          "six_months_exactly", "turns_16_tomorrow", "leap_day", "both_conditions", "name_with_dot",
          "unregistered", "date_date_cell", "date_datetime_cell"}


def test_harmless_variations_get_no_error_nor_warning(run):
    """Rows changed only by harmless variations: hints at most, and nothing at all for SILENT."""
    sheet, written, report = run
    varied = {written.excel_row(i): tags for i, tags in enumerate(sheet.tags)
              if tags and i in set(sheet.clean_rows()) and not {e.index for e in sheet.expected} & {i}}
    seen = {t for tags in varied.values() for t in tags}
    assert {"family_shared", "township_other_word", "township_omitted", "phone_extension",
            "details_as_invited", "adult_permit"} <= seen
    loud = [(f["row"], f["code"], varied[f["row"]]) for f in report["findings"]
            if f["row"] in varied and (f["severity"] != "hint" or set(varied[f["row"]]) <= SILENT)]
    assert loud == []


def test_injected_rows_have_no_other_errors(run):
    """One mistake, one error: an injected row gets exactly the errors it was given."""
    sheet, written, report = run
    expected = {(written.excel_row(e.index), sheet.col(e.field), e.code) for e in sheet.errors()}
    extra = [(f["row"], f["col"], f["code"], sheet.tags[f["row"] - written.first_data_row],
              f["message"]) for f in report["findings"]
             if f["severity"] == "error" and (f["row"], f["col"], f["code"]) not in expected]
    assert extra == []


def test_messages_are_plain_chinese(run):
    _, _, report = run
    for f in report["findings"]:
        assert CJK.search(f["message"]) and "{" not in f["message"], f
    assert report["summary"]["errors"] == sum(f["severity"] == "error" for f in report["findings"])


def test_ids_stored_as_numbers_are_errors_on_every_row(tmp_path):
    sheet = generate("liushou", 25, seed=31, as_of=AS_OF, variations=False)
    path = tmp_path / "numbers.xlsx"
    written = write_xlsx(path, sheet, layout="title_rows", id_as_number=True)
    report = build_report(check_file(path, county=sheet.county)[0])
    errors = {(f["row"], f["col"], f["code"]) for f in report["findings"] if f["severity"] == "error"}
    col = sheet.col("id_number")
    damaged = {written.excel_row(i) for i, row in enumerate(sheet.rows) if not row[col - 1].endswith("X")}
    assert damaged and errors == {(r, col, "id.excel_number") for r in damaged}


def test_cli_validate_json(tmp_path, capsys):
    sheet = generate("liudong", 120, seed=41, as_of=AS_OF, inject="all", report_columns=False)
    path, out = tmp_path / "township.xlsx", tmp_path / "report.json"
    written = write_xlsx(path, sheet, layout="title_rows")
    code = cli_main(["validate", str(path), "--county", sheet.county, "--json", str(out)])
    assert code == 1
    assert "流动儿童" in capsys.readouterr().out
    report = json.loads(out.read_text("utf-8"))
    assert {"file", "sheet", "form", "as_of", "header_rows", "rows", "columns", "findings",
            "summary"} <= set(report)
    got = {(f["row"], f["col"], f["code"], f["severity"]) for f in report["findings"]}
    assert {(*where(sheet, written, e), e.code, e.severity) for e in sheet.errors()} <= got

    # a clean sheet: exit code 0, also with the form named and no county configured
    clean = generate("liudong", 40, seed=42, as_of=AS_OF)
    write_xlsx(path, clean, layout="title_rows")
    assert cli_main(["validate", str(path), "--county", clean.county]) == 0
    assert cli_main(["validate", str(path), "--form", "liudong", "--as-of", "2025-12-31"]) == 0


def test_putting_back_the_original_cells_clears_every_error(tmp_path):
    """Re-validation after edits: restoring each injected cell through set_value leaves no error
    (a duplicate ID clears on both rows when one copy is fixed)."""
    sheet = generate("liushou", 120, seed=51, as_of=AS_OF, inject="all", report_columns=False)
    path = tmp_path / "edits.xlsx"
    write_xlsx(path, sheet, layout="title_rows")
    validator = check_file(path, county=sheet.county)[0].validator
    assert set(validator.findings.rows_with_errors()) == {e.index for e in sheet.errors()}
    for i, original in sorted(sheet.originals.items()):
        for col, key in enumerate(sheet.fields):
            if key and original[col] != sheet.rows[i][col]:
                value = original[col]
                validator.set_value(i, key, None if value is None else str(value))
    assert list(validator.findings.rows_with_errors()) == []
