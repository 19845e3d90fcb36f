"""Export speed on a 100,000-row 流动 sheet: the upload file and the problem list (report),
each beside xlsxwriter's constant-memory mode writing the very same cells (issue 15 target:
upload <= 0.3x of it), in rounds (every writer once per round, in turn; min and median).
rustpy-xlsxwriter is measured too when importable (it is not a dependency: PYTHONPATH=…).
The upload file is then read back by openpyxl and by LibreOffice (text IDs and dates intact).

The sheet is generated (tests/generator, with every kind of error injected once and the harmless
variations), validated in memory, then:
  upload   write_upload()               vs xlsxwriter constant_memory, ws.write() per cell and
                                           ws.write_string() per cell, same strings
  report   write_report() .xlsx / .csv  vs xlsxwriter constant_memory, same lines
The report is measured with one extra warning per row (100k+ lines), so it is as long as the sheet.
Wall and CPU seconds are printed (the machine is shared: CPU time is the steadier figure).
Run by hand: python benchmarks/export.py [rows] [rounds]
"""
from __future__ import annotations

import csv
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import openpyxl  # noqa: E402
import xlsxwriter  # noqa: E402

from generator import generate  # noqa: E402
from intake.checking import CheckedSheet, validator_for  # noqa: E402
from intake.export import load_profile, write_report, write_upload  # noqa: E402
from intake.export.cells import RowValues, fixes_of  # noqa: E402
from intake.export.error_report import report_lines  # noqa: E402
from intake.export.upload import _converter  # noqa: E402
from intake.export.xlsx_stream import StreamBook  # noqa: E402
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


WORKBOOK_OPTIONS = {"constant_memory": True, "strings_to_numbers": False,
                    "strings_to_formulas": False, "strings_to_urls": False}


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


def stream_plain(path: Path, rows: list[list]) -> None:
    """Our streaming writer alone on the same cells (header style, '@' columns as the upload)."""
    with StreamBook(path) as book:
        text = book.style(text=True)
        ws = book.add_sheet("Sheet1", [12] * len(rows[0]), [text] * len(rows[0]), freeze_rows=1)
        for row in rows:
            ws.row(row)


def rustpy_plain(path: Path, rows: list[list]) -> None:
    import rustpy_xlsxwriter
    header = [str(h) for h in rows[0]]
    rustpy_xlsxwriter.write_worksheet((dict(zip(header, row)) for row in rows[1:]), str(path),
                                      freeze_row=1, bold_headers=True)


def check_upload(path: Path, cells: list[list], folder: Path) -> None:
    """The upload file read back: openpyxl (types, '@'), then LibreOffice (as a clerk's office
    suite would open it: text IDs and dates must come back digit for digit)."""
    header = cells[0]
    id_col, date_col = header.index("公民身份号码"), header.index("出生日期")
    book = openpyxl.load_workbook(path, read_only=True)
    ws = book.worksheets[0]
    bad = 0
    for n, row in enumerate(ws.iter_rows(min_row=2, max_row=2001)):
        ident, born = row[id_col], row[date_col]
        want = cells[n + 1][id_col]
        bad += not ((ident.data_type == "s" and ident.number_format == "@" if want else True)
                    and ident.value == want and born.value == cells[n + 1][date_col])
    print(f"  openpyxl: first 2000 rows, IDs text with '@' and dates text as written: "
          f"{'OK' if not bad else f'{bad} rows differ'}; sheets {book.sheetnames}")
    soffice = shutil.which("soffice")
    if soffice is None:
        print("  LibreOffice: soffice not installed, not checked")
        return
    t0 = time.perf_counter()
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/lo-profile", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(folder),
                    str(path)], capture_output=True, check=False, timeout=900)
    lines = list(csv.reader((folder / f"{path.stem}.csv").open(encoding="utf-8")))
    same = sum(line[id_col] == (row[id_col] or "") and line[date_col] == (row[date_col] or "")
               for line, row in zip(lines[1:], cells[1:]))
    print(f"  LibreOffice ({time.perf_counter() - t0:.0f} s to open and save as CSV): {len(lines) - 1} rows, "
          f"ID and date cells identical in {same} of {len(cells) - 1}")


def rounds_table(results: dict[str, list[float]], reference: str) -> None:
    ref = statistics.median(results[reference])
    for label, times in results.items():
        ratio = statistics.median(times) / ref
        print(f"  {label:<52} min {min(times):6.2f} s  median {statistics.median(times):6.2f} s"
              f"  {ratio:5.2f}x the reference")


def main(rows: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory(dir=ROOT / "benchmarks") as tmp:
        folder = Path(tmp)
        print(f"{rows} rows (流动儿童, generated); {rounds} rounds, each writer once per round, in turn "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: a shared machine)")
        checked = timed("generate + validate (setup, not an export)", lambda: build(rows, folder / "in.xlsx"))
        print(f"  findings {len(checked.findings)}, rows with errors {checked.findings.n_rows_with_errors}")
        cells = upload_cells(checked)
        print(f"upload: {len(cells) - 1} rows x {len(cells[0])} columns "
              f"({sum(v is not None for row in cells for v in row) / 1e6:.1f}M cells), wall seconds")
        writers = {"xlsxwriter constant_memory, ws.write() (reference)":
                   lambda: xlsxwriter_plain(folder / "a.xlsx", cells, "write"),
                   "write_upload (values, profile, 导出说明 sheet)":
                   lambda: write_upload([checked], folder / "up.xlsx"),
                   "xlsx_stream alone, same cells": lambda: stream_plain(folder / "s.xlsx", cells)}
        if importlib.util.find_spec("rustpy_xlsxwriter"):
            writers["rustpy-xlsxwriter, same cells (not a dependency)"] = \
                lambda: rustpy_plain(folder / "r.xlsx", cells)
        upload = {label: [] for label in writers}
        report = WithWarnings(checked)
        lines = [list(line) for line in report_lines([report])]
        report_writers = {"xlsxwriter constant_memory, ws.write() (reference)":
                          lambda: xlsxwriter_plain(folder / "c.xlsx", lines, "write"),
                          "write_report .xlsx": lambda: write_report([report], folder / "report.xlsx"),
                          "write_report .csv": lambda: write_report([report], folder / "report.csv")}
        problem_list = {label: [] for label in report_writers}
        for _ in range(rounds):
            for label, write in writers.items():
                upload[label].append(seconds(write))
            for label, write in report_writers.items():
                problem_list[label].append(seconds(write))
        rounds_table(upload, next(iter(writers)))
        print(f"report: {len(lines)} lines x {len(lines[0])} columns, wall seconds")
        rounds_table(problem_list, next(iter(report_writers)))
        print("upload file read back:")
        check_upload(folder / "up.xlsx", cells, folder)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


def seconds(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
