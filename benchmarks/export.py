"""Export speed on a 100,000-row 流动 sheet: the upload file and the problem list (report),
each beside xlsxwriter's constant-memory mode writing the very same cells.

The sheet is generated (tests/generator, with every kind of error injected once and the harmless
variations), validated in memory, then:
  upload   write_upload()               vs xlsxwriter constant_memory, ws.write() per cell and
                                           ws.write_string() per cell, same strings
  report   write_report() .xlsx / .csv  vs xlsxwriter constant_memory, same lines
The report is measured with one extra warning per row (100k+ lines), so it is as long as the sheet.
Wall and CPU seconds are printed (the machine is shared: CPU time is the steadier figure).
Run by hand: python benchmarks/export.py [rows]
"""
from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import xlsxwriter  # noqa: E402

from generator import generate  # noqa: E402
from intake.checking import CheckedSheet, validator_for  # noqa: E402
from intake.export import load_profile, write_report, write_upload  # noqa: E402
from intake.export.cells import RowValues, fixes_of  # noqa: E402
from intake.export.error_report import report_lines  # noqa: E402
from intake.export.upload import WORKBOOK_OPTIONS, _converter  # noqa: E402
from intake.forms import load_form  # noqa: E402
from intake.table import SheetTable, SourceColumn  # noqa: E402
from validators.codes import make  # noqa: E402
from validators.data import RecordColumns  # noqa: E402


def timed(label: str, fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"  {label:<52} {wall:7.1f} s wall {cpu:7.1f} s CPU", flush=True)
    return result


def build(rows: int, source: Path) -> CheckedSheet:
    sheet = generate("liudong", rows, seed=7, inject="all")
    form = load_form("liudong")
    keys = [k for k in sheet.fields if k]
    values = {k: [None if v is None else str(v) for v in col]
              for k, col in zip(sheet.fields, zip(*sheet.rows)) if k}
    columns = [SourceColumn(col=n + 1, header=form.field(k).label, field=k) for n, k in enumerate(keys)]
    table = SheetTable(source=source, sheet="Sheet1", form="liudong", form_reason="benchmark",
                       header_rows=[1], columns=columns, row_numbers=list(range(2, rows + 2)),
                       data=RecordColumns(values), report_date_text=f"填报日期：{sheet.as_of}")
    validator = validator_for(table, as_of=sheet.as_of)
    validator.run()
    return CheckedSheet(table, validator)


def upload_cells(checked: CheckedSheet) -> list[list]:
    """Exactly the cells write_upload writes (header row, then one list per exported row)."""
    profile = load_profile(form="liudong")
    values, table = RowValues(checked.table), checked.table
    convert = [(_converter(c, profile) if c.field and c.field != "@seq" else None) for c in profile.columns]
    out = [[c.header for c in profile.columns]]
    for i in range(table.n_rows):
        found = checked.findings.for_row(i)
        if any(f.is_error for f in found):
            continue
        fixes = fixes_of(found)
        row = []
        for c, conv in zip(profile.columns, convert):
            if c.field == "@seq":
                row.append(len(out))
                continue
            v = values.value(c.field, i, fixes) if c.field else c.fixed
            row.append(conv(v) if conv and v is not None else v)
        out.append(row)
    return out


def xlsxwriter_plain(path: Path, rows: list[list], per_cell: str) -> None:
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    ws = book.add_worksheet()
    write = getattr(ws, per_cell)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is None:
                continue
            if per_cell == "write_string" and not isinstance(v, str):
                ws.write_number(r, c, v)
            else:
                write(r, c, v)
    book.close()


class WithWarnings:
    """The checked sheet plus one warning per row, so the report has as many lines as rows."""

    def __init__(self, checked: CheckedSheet):
        self.table = checked.table
        extra = [make("text.whitespace", i, "school_name", value="x ", label="就读学校")
                 for i in range(checked.table.n_rows)]
        self._all = sorted(checked.findings.all() + extra, key=lambda f: f.index)

    @property
    def findings(self):
        return self

    def all(self):
        return self._all

    def __len__(self):
        return len(self._all)


def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{rows} rows (流动儿童, generated)")
        checked = timed("generate + validate (setup, not an export)", lambda: build(rows, folder / "in.xlsx"))
        print(f"  findings {len(checked.findings)}, rows with errors {len(checked.findings.rows_with_errors())}")
        cells = upload_cells(checked)
        print(f"upload: {len(cells) - 1} rows x {len(cells[0])} columns")
        timed("xlsxwriter constant_memory, ws.write()", lambda: xlsxwriter_plain(folder / "a.xlsx", cells, "write"))
        timed("xlsxwriter constant_memory, ws.write_string()",
              lambda: xlsxwriter_plain(folder / "b.xlsx", cells, "write_string"))
        timed("write_upload (values, profile, summary sheet)", lambda: write_upload([checked], folder / "up.xlsx"))
        report = WithWarnings(checked)
        lines = [list(line) for line in report_lines([report])]
        print(f"report: {len(lines)} lines x {len(lines[0])} columns")
        timed("xlsxwriter constant_memory, ws.write()", lambda: xlsxwriter_plain(folder / "c.xlsx", lines, "write"))
        timed("write_report .xlsx", lambda: write_report([report], folder / "report.xlsx"))
        timed("write_report .csv", lambda: write_report([report], folder / "report.csv"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
