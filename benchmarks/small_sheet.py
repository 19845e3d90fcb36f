"""A small sheet's fixed costs: a 2,000-row generated sheet (a township's file at the county)
read and checked many times in one process, per stage, beside the bare python-calamine read of
the same file measured in the same rounds (the only figure that holds on a shared machine).

Run by hand (not a test):  python benchmarks/small_sheet.py [--rows 2000] [--times 50] [--form liudong]

Stages (CPU ms per sheet, median over the rounds, and the ratio to the bare read):
  bare read     python-calamine: the first sheet to Python values
  read_tables   intake.reader.read_tables (the reader, mapping, the SheetTable)
  setup         intake.checking.validator_for (context, township of the sheet, TableValidator)
  run           TableValidator.run (every finding)
  keys          intake.county.keys: the county's matching keys of the sheet's records
  pack          intake.workspace_schema.cell_rows: the cells as the workspace stores them
The sheet (generated people, about 1 % of rows with injected errors of every kind) is written
once into benchmarks/out/ (gitignored) and reused. The first round (imports, tables loaded,
caches filled) is reported apart: it is what a single `mopai validate` pays once.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
OUT = ROOT / "benchmarks" / "out"
AS_OF = date(2025, 12, 31)


def sheet_file(form: str, rows: int, seed: int = 13) -> tuple[Path, str]:
    """The generated sheet (written once) and its county."""
    path = OUT / f"small_{form}_{rows}_{seed}.xlsx"
    county_file = path.with_suffix(".county")
    if not (path.exists() and county_file.exists()):
        from generator import generate, write_xlsx
        OUT.mkdir(parents=True, exist_ok=True)
        sheet = generate(form, rows, seed=seed, as_of=AS_OF, inject="all", per_kind=1, report_columns=True)
        write_xlsx(path, sheet, layout="title_rows", engine="xlsxwriter-shared")
        county_file.write_text(sheet.county, encoding="utf-8")
    return path, county_file.read_text(encoding="utf-8")


def stages(path: Path, county: str):
    from python_calamine import CalamineWorkbook
    from intake.checking import validator_for
    from intake.county.keys import error_codes_of, keys_blob, record_keys
    from intake.reader import read_tables
    from intake.workspace_schema import cell_rows
    state: dict = {}

    def bare():
        CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()

    def read():
        state["table"] = read_tables(path)[0]

    def setup():
        state["validator"] = validator_for(state["table"], as_of=AS_OF, county=county)

    def run():
        state["validator"].run()

    def keys():
        t = state["table"]
        keys_blob(record_keys(t, error_codes_of(state["validator"].findings)), t.row_numbers)

    def pack():
        list(cell_rows(state["table"]))
    return {"bare read": bare, "read_tables": read, "setup": setup, "run": run, "keys": keys, "pack": pack}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=2000)
    p.add_argument("--times", type=int, default=50)
    p.add_argument("--form", default="liudong", choices=["liudong", "liushou"])
    a = p.parse_args()
    path, county = sheet_file(a.form, a.rows)
    steps = stages(path, county)
    first: dict[str, float] = {}
    got: dict[str, list[float]] = {name: [] for name in steps}
    for n in range(a.times + 1):
        for name, step in steps.items():
            cpu = time.process_time()
            step()
            ms = (time.process_time() - cpu) * 1000
            (first.__setitem__(name, ms) if n == 0 else got[name].append(ms))
    bare = statistics.median(got["bare read"])
    print(f"{path.name}: {a.rows} rows, {a.times} rounds in one process after a first round "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores, shared machine)")
    print(f"  {'stage':<12} {'first ms':>9} {'median ms':>10} {'min ms':>8} {'x bare read':>12}")
    for name, times in got.items():
        med = statistics.median(times)
        print(f"  {name:<12} {first[name]:9.1f} {med:10.1f} {min(times):8.1f} {med / bare:12.2f}")
    checked = sum(statistics.median(got[s]) for s in ("read_tables", "setup", "run", "keys", "pack"))
    print(f"  {'all but bare':<12} {'':9} {checked:10.1f} {'':8} {checked / bare:12.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
