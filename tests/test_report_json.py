"""The JSON report written by `mopai validate --json` (orjson, kept counts, a column dict) has
the same content as the report written the way it was before issue 15: a dict built per finding
with a linear column lookup and recounted summaries, encoded by the standard library with
indent 2. The reference lives only here, in the test."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from generator import generate, write_xlsx
from intake.checking import check_file
from intake.report import build_report, report_json
from test_cli_validate import main

ROOT = Path(__file__).resolve().parents[1]


def reference_report(checked) -> dict:
    """intake.report.build_report as it was before issue 15: the findings part built per finding
    with a linear column lookup, every count taken again from all() (the sheet-level keys did
    not change and come from build_report)."""
    table = checked.table
    found = checked.validator.findings.all()

    def col_of(key):
        for c in table.columns:
            if key is not None and c.field == key:
                return c.col
        return None

    report = build_report(checked)
    report["findings"] = [{"row": table.row_numbers[f.index], "col": col_of(f.field), "field": f.field,
                           "severity": f.severity.value, "code": f.code, "message": f.message,
                           "value": f.value, "suggestion": f.suggestion} for f in found]
    report["summary"] = {"errors": sum(f.is_error for f in found),
                         "warnings": sum(f.severity.value == "warning" for f in found),
                         "hints": sum(f.severity.value == "hint" for f in found),
                         "rows_with_errors": len({f.index for f in found if f.is_error}),
                         "by_code": dict(Counter(f.code for f in found).most_common())}
    return report


def reference_text(checked_sheets) -> str:
    reports = [reference_report(c) for c in checked_sheets]
    report = reports[0] if len(reports) == 1 else {**reports[0], "tables": reports}
    return json.dumps(report, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("form,layout", [("liudong", "title_rows"), ("liushou", "two_row_header")])
def test_the_report_has_the_same_content_as_before(tmp_path, form, layout):
    sheet = generate(form, 150, seed=5, inject="all")
    path = tmp_path / f"{form}.xlsx"
    write_xlsx(path, sheet, layout=layout)
    out = tmp_path / "report.json"
    assert main(["validate", str(path), "--county", sheet.county, "--json", str(out)]) == 1
    written = json.loads(out.read_bytes())
    checked = check_file(path, county=sheet.county)
    assert written == json.loads(reference_text(checked))
    assert len(written["findings"]) > 20 and written["summary"]["errors"] > 10
    assert out.read_text(encoding="utf-8").startswith('{\n  "file": ')     # still indented


def test_a_workbook_of_two_tables_keeps_both_reports(tmp_path):
    from test_cli_validate import LIUDONG, clean_records, write_book
    from sheetkit import liudong_record
    bad = clean_records() + [liudong_record(sex="女", name="张3")]
    path = write_book(tmp_path / "two.xlsx", [("一村", LIUDONG, bad, ()), ("二村", LIUDONG, clean_records(), ())])
    out = tmp_path / "r.json"
    main(["validate", str(path), "--json", str(out)])
    written = json.loads(out.read_bytes())
    assert len(written["tables"]) == 2
    assert written == json.loads(reference_text(check_file(path)))
    assert json.loads(report_json(check_file(path))) == written


def test_the_mopai_process_ends_at_once_with_every_output_written(tmp_path):
    """The real `mopai validate` process (os._exit after flushing): exit code, the whole summary
    on stdout, the complete JSON file, no temporary file left beside it."""
    sheet = generate("liudong", 60, seed=3, inject="all")
    path = tmp_path / "in.xlsx"
    write_xlsx(path, sheet)
    out = tmp_path / "out" / "r.json"
    out.parent.mkdir()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-c", "import sys; from desktop.launcher import main; "
                           "sys.exit(main())", "validate", str(path), "--json", str(out)],
                          capture_output=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
    text = done.stdout.decode("utf-8")
    assert text.rstrip().endswith(f"检查结果已写入：{out}") and "问题分类：" in text
    assert json.loads(out.read_bytes()) == json.loads(reference_text(check_file(path)))
    assert [p.name for p in out.parent.iterdir()] == ["r.json"]
