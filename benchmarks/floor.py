"""How low can `mopai validate` (and opening a sheet in the window) go beside the bare read?

Run by hand (not a test):
    python benchmarks/floor.py [--file F.xlsx] [--rounds 3] [--fastexcel-python PY]

Issue 15 asks for `mopai validate --json` <= 1.5x a bare python-calamine read of the same file,
and issue 9 for the county's whole intake <= 1.3x the bare reads. Both pipelines read the file
and then validate every cell. This measures, in one run and interleaved, each in a fresh process:

  bare read     python-calamine: open, parse the sheet (Rust), cells to Python (the reference)
  validation    TableValidator.run on the table read_tables gave, with the polars text columns
                the reading child hands over (so the stage is timed as the app runs it)
  fastexcel     (with --fastexcel-python, an interpreter that has fastexcel installed; it is not a
                dependency) the Rust-to-Arrow reader: one load as text, and the second load as
                numbers that the checks need to know which cells Excel stored as numbers (an ID
                stored as a number has lost digits; fastexcel gives no per-cell type)

and prints the floors a read-then-validate design cannot go below: the bare read plus the
validation stage, and the same with the validation spread perfectly over both cores.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "benchmarks" / "out" / "validate_liudong_100000_100_xlsxwriter-shared_61c839cc.xlsx"

BARE = r"""
import json, sys, time
import python_calamine as pc
t0 = time.perf_counter()
book = pc.CalamineWorkbook.from_path(sys.argv[1])
sheet = book.get_sheet_by_index(0)
t1 = time.perf_counter()
rows = sheet.to_python(skip_empty_area=False)
t2 = time.perf_counter()
print(json.dumps({"bare": t2 - t0, "parse": t1 - t0, "to_python": t2 - t1}))
"""

VALIDATION = r"""
import json, sys, time
sys.path.insert(0, sys.argv[2])
import polars as pl
from intake.checking import validator_for
from intake.reader import read_tables
table = read_tables(sys.argv[1])[0]
table.data.series = {k: pl.Series(k, v, dtype=pl.Utf8) for k, v in table.data.values.items()}
validator = validator_for(table)
t0 = time.perf_counter()
validator.run()
print(json.dumps({"validation": time.perf_counter() - t0}))
"""

FASTEXCEL = r"""
import json, sys, time
import fastexcel
t0 = time.perf_counter()
texts = fastexcel.read_excel(sys.argv[1]).load_sheet(0, header_row=None, dtypes="string").to_polars()
t1 = time.perf_counter()
numbers = fastexcel.read_excel(sys.argv[1]).load_sheet(0, header_row=None, dtypes="float").to_polars()
t2 = time.perf_counter()
print(json.dumps({"fastexcel_text": t1 - t0, "fastexcel_numbers": t2 - t1}))
"""


def run(python: str, code: str, *args: str) -> dict:
    out = subprocess.run([python, "-c", code, *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--fastexcel-python", help="an interpreter with fastexcel installed")
    args = parser.parse_args()
    if not args.file.exists():
        print(f"{args.file} not found: run benchmarks/validate.py first (it generates the sheet)")
        return 2
    got: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        parts = run(sys.executable, BARE, str(args.file))
        parts |= run(sys.executable, VALIDATION, str(args.file), str(ROOT))
        if args.fastexcel_python:
            parts |= run(args.fastexcel_python, FASTEXCEL, str(args.file))
        for key, seconds in parts.items():
            got.setdefault(key, []).append(seconds)
    med = {k: statistics.median(v) for k, v in got.items()}
    bare = med["bare"]
    print(f"{args.file.name}: medians of {args.rounds} rounds, seconds and x the bare read")
    for key, seconds in med.items():
        print(f"  {key:<18} {seconds:6.2f} s  {seconds / bare:5.2f} x")
    print(f"  floor, read then validate on one core:      {(bare + med['validation']) / bare:.2f} x")
    print(f"  floor, validation spread over both cores:   {(bare + med['validation'] / 2) / bare:.2f} x")
    if "fastexcel_text" in med:
        typed = med["fastexcel_text"] + med["fastexcel_numbers"]
        print(f"  fastexcel with cell types (two loads):      {typed / bare:.2f} x the bare read alone; "
              f"then validating: {(typed + med['validation']) / bare:.2f} x")
    print("  (targets: issue 15 <= 1.5 x, issue 9 <= 1.3 x the bare read)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
