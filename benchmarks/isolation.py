"""What the hardening of issue 12 costs on a 100k-row x 45-column .xlsx (run by hand):

    python benchmarks/isolation.py [--rows 100000]

- read_tables in-process (the reference) beside read_tables_isolated (the child process every
  file is now read in: spawn + the tables sent back a column at a time);
- read_tables_isolated with its memory guard (intake.child_memory: the parent reads the child's
  resident memory every 50 ms) beside the same read without it, alternated --rounds times
  (medians), and the cost of one reading of a process's resident memory;
- the same workbook with one stray cell at XFD1048576 (before: python-calamine aborted): the
  used cells are scanned and the sheet read from a trimmed copy of the package;
- make() for 200k findings whose value is an ID (every parameter quoted and masked) beside a
  make() that formats without quoting (the reference).
Each read runs in its own process, which prints its time and peak RSS. The workbook is the one
benchmarks/read.py generates (reused from the temp folder).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

CHILD = """
import resource, sys, time, json
sys.path.insert(0, {root!r})
from intake.reader import read_tables
from intake.reader.isolated import read_tables_isolated
from intake import child_memory
if {how!r} == "unguarded":
    child_memory.limit_bytes = lambda: None         # no watchdog: the reference for the guard
reader = {{"in-process": read_tables, "isolated": read_tables_isolated,
          "unguarded": read_tables_isolated}}[{how!r}]
t, cpu = time.perf_counter(), time.process_time()
tables = reader({path!r})
elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
print(json.dumps({{"seconds": elapsed, "cpu": cpu, "rows": tables[0].n_rows, "notes": len(tables[0].notes),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "child_cpu": sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2]),
                  "child_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}}))
"""


def run(path: Path, how: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT), path=str(path), how=how)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def with_far_cell(src: Path, dst: Path) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)
                data = data.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr">'
                                    b"<is><t>x</t></is></c></row></sheetData>")
            zout.writestr(item, data)


def make_figures(n: int = 200_000) -> tuple[float, float]:
    from validators.codes import CODES, _Blank, make
    number = "411302201503021012"
    t = time.perf_counter()
    for i in range(n):
        make("id.normalised", i, "id_number", value=number + " ", suggestion=number, label="公民身份号码")
    quoted = time.perf_counter() - t
    template = CODES["id.normalised"].template
    t = time.perf_counter()
    for i in range(n):
        template.format_map(_Blank({"value": number + " ", "suggestion": number, "label": "公民身份号码"}))
    plain = time.perf_counter() - t
    return quoted, plain


def guard_figures(path: Path, rounds: int) -> None:
    import statistics
    from intake import process_memory
    runs: dict[str, list[dict]] = {"isolated": [], "unguarded": []}
    for _ in range(rounds):
        for how in runs:
            runs[how].append(run(path, how))
    wall = {how: statistics.median(r["seconds"] for r in rs) for how, rs in runs.items()}
    cpu = {how: statistics.median(r["cpu"] for r in rs) for how, rs in runs.items()}
    n, pid = 10_000, os.getpid()
    t = time.perf_counter()
    for _ in range(n):
        process_memory.resident_bytes(pid)
    reading = (time.perf_counter() - t) / n
    print(f"memory guard, {rounds} alternated rounds (medians): guarded {wall['isolated']:6.2f} s wall, "
          f"{cpu['isolated']:.2f} s CPU in the parent; unguarded (reference) {wall['unguarded']:6.2f} s wall, "
          f"{cpu['unguarded']:.2f} s CPU: {wall['isolated'] / wall['unguarded']:.3f}x wall; "
          f"one reading {reading * 1e6:.1f} µs (at most 20 a second: {reading * 20 * 100:.4f} % of a core); "
          f"limit here {child_memory_limit()}, child peak {max(r['child_peak_mb'] for r in runs['isolated']):.0f} MB")


def child_memory_limit() -> str:
    from intake import child_memory
    limit = child_memory.limit_bytes()
    return child_memory.size_text(limit) if limit else "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--guard-only", action="store_true", help="only the memory guard's figures")
    args = parser.parse_args()
    from read import N_COLS, generate
    path = Path(tempfile.gettempdir()) / f"mopai-bench-{args.rows}x{N_COLS}.xlsx"
    if not path.exists():
        generate(path, args.rows)
    far = path.with_name(path.stem + "-farcell.xlsx")
    if not far.exists():
        with_far_cell(path, far)
    print(f"file: {path.name} ({path.stat().st_size / 1e6:.1f} MB); load average {os.getloadavg()[0]:.1f} "
          "(shared machine: compare the ratios)")
    guard_figures(path, args.rounds)
    if args.guard_only:
        return
    ref = run(path, "in-process")
    iso = run(path, "isolated")
    trim = run(far, "in-process")
    print(f"read_tables in-process (reference): {ref['seconds']:6.2f} s wall, {ref['cpu']:6.2f} s CPU, "
          f"peak {ref['peak_mb']:5.0f} MB, {ref['rows']} rows")
    cpu = iso["cpu"] + iso["child_cpu"]
    print(f"read_tables_isolated              : {iso['seconds']:6.2f} s wall ({iso['seconds'] / ref['seconds']:.2f}x), "
          f"{cpu:6.2f} s CPU ({iso['cpu']:.2f} here + {iso['child_cpu']:.2f} in the child, {cpu / ref['cpu']:.2f}x), "
          f"peak {iso['peak_mb']:5.0f} MB here, {iso['child_peak_mb']:5.0f} MB in the child, {iso['rows']} rows")
    print(f"far cell at XFD1048576, trimmed    : {trim['seconds']:6.2f} s wall ({trim['seconds'] / ref['seconds']:.2f}x), "
          f"{trim['cpu']:6.2f} s CPU ({trim['cpu'] / ref['cpu']:.2f}x), "
          f"peak {trim['peak_mb']:5.0f} MB, {trim['rows']} rows (before: abort, exit 134)")
    quoted, plain = make_figures()
    print(f"make() x200k, ID value and suggestion quoted+masked: {quoted:.2f} s; "
          f"formatting alone (reference): {plain:.2f} s; +{(quoted - plain) / 200_000 * 1e6:.1f} µs a finding")


if __name__ == "__main__":
    main()
