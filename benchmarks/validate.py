"""Read and validate a 100,000-row 流动 sheet made by the test generator (issue 2 targets:
read + validate under 15 s on the 2-core machine, peak memory under 1.5 GB).

Run by hand (not a test):
    python benchmarks/validate.py [--rows 100000] [--rebuild] [--engine xlsxwriter-shared]
    python benchmarks/validate.py --compare /work/main [--rounds 3]

--compare ROOT times another checkout's code (e.g. main's, read-only) on the same sheet in the
same run, alternating with this tree's, and prints the medians of the validation stage and their
ratio: the only figure that holds on a shared machine.

The sheet (generated people, real divisions, about 1 % of rows with injected errors of every
kind, harmless variations) is written once into benchmarks/out/ (gitignored) and reused. The
read (intake.reader.read_tables) and the validation (TableValidator.run) then run in a fresh
process that prints each time and its peak resident memory (getrusage max RSS, which counts
native memory, unlike tracemalloc): the peak after the read is the read's own, the peak at the
end covers both. Linux keeps a process's max RSS across exec, so the child is started from a
small parent (a run that had to build the sheet first reports the builder's memory: run again).
CPU times are printed beside wall times, as the shared machine is often busy. It also checks
that every injected error was found.

Then, in rounds, the real `mopai validate FILE --json OUT` process beside a bare python-calamine
read of the same file (issue 15: <= 1.5x the read, peak RSS <= 1 GB), on this sheet and on the
sheet full of problems of benchmarks/gui.py (~190k findings) when it exists.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
AS_OF = date(2025, 12, 31)
SEED = 100

CHILD = r"""
import json, resource, sys, time
from collections import Counter
sys.path.insert(0, sys.argv[1])
from intake.checking import validator_for
from intake.reader import read_tables

def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

path, county, expected_path = sys.argv[2], sys.argv[3], sys.argv[4]
base = rss_mb()
t0, c0 = time.perf_counter(), time.process_time()
tables = read_tables(path)
t1, c1 = time.perf_counter(), time.process_time()
read_peak = rss_mb()
table = tables[0]
validator = validator_for(table, county=county)
t2, c2 = time.perf_counter(), time.process_time()
findings = validator.run()
t3, c3 = time.perf_counter(), time.process_time()
got = {(table.row_numbers[f.index], f.field, f.code) for f in findings.errors}
expected = [tuple(e) for e in json.load(open(expected_path, encoding="utf-8"))]
missed = [e for e in expected if tuple(e) not in got]
print(json.dumps({"rows": table.n_rows, "columns": len(table.columns), "read_s": t1 - t0,
                  "setup_s": t2 - t1, "validate_s": t3 - t2, "base_mb": base,
                  "read_cpu_s": c1 - c0, "validate_cpu_s": c3 - c2,
                  "read_peak_mb": read_peak, "peak_mb": rss_mb(),
                  "errors": len(findings.errors), "warnings": len(findings.warnings),
                  "hints": findings.n_hints,
                  "rows_with_errors": len(findings.rows_with_errors()),
                  "injected": len(expected), "injected_missed": missed[:10],
                  "n_missed": len(missed)}))
"""


def stem(rows: int, engine: str) -> str:
    """Cache name: the size, seed, writer and a hash of the generator's code (a changed
    generator means a new sheet)."""
    digest = hashlib.sha1()
    for source in sorted((ROOT / "tests" / "generator").glob("*.py")):
        if source.name != "__main__.py":
            digest.update(source.read_bytes())
    return f"validate_liudong_{rows}_{SEED}_{engine}_{digest.hexdigest()[:8]}"


def build(rows: int, engine: str) -> tuple[Path, Path, str]:
    """Generate (or reuse) the sheet; returns the workbook, the expected errors and the county."""
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    from generator import generate, write_xlsx
    from generator.injection import kinds_for
    OUT.mkdir(parents=True, exist_ok=True)
    name = stem(rows, engine)
    path, expected_path = OUT / f"{name}.xlsx", OUT / f"{name}.expected.json"
    per_kind = max(1, rows // 100 // len(kinds_for("liudong")))
    t0 = time.perf_counter()
    sheet = generate("liudong", rows, seed=SEED, as_of=AS_OF, inject="all", per_kind=per_kind,
                     report_columns=True)
    t1 = time.perf_counter()
    written = write_xlsx(path, sheet, layout="title_rows", engine=engine)
    t2 = time.perf_counter()
    expected = [(written.excel_row(e.index), e.field, e.code) for e in sheet.errors()]
    expected_path.write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    (OUT / f"{name}.county").write_text(sheet.county, encoding="utf-8")
    print(f"generated {rows} rows in {t1 - t0:.1f} s, wrote {path.name} "
          f"({path.stat().st_size / 1e6:.0f} MB) in {t2 - t1:.1f} s with {engine}")
    return path, expected_path, sheet.county


def cached(rows: int, engine: str) -> tuple[Path, Path, str] | None:
    base = OUT / stem(rows, engine)
    files = [Path(f"{base}.xlsx"), Path(f"{base}.expected.json"), Path(f"{base}.county")]
    if all(f.exists() for f in files):
        return files[0], files[1], files[2].read_text(encoding="utf-8")
    return None


BARE_READ = """
import sys, python_calamine
book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
"""
MOPAI = "import sys; from desktop.launcher import main; sys.exit(main())"   # the `mopai` script


def measured(argv: list[str], cwd: Path = ROOT) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of one child process."""
    t0 = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, cwd=cwd)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024, child.returncode


def cli_beside_bare_read(path: Path, county: str | None, rounds: int, other: Path | None = None) -> None:
    """`mopai validate FILE --json OUT` (the real process, from start to exit) beside a bare
    python-calamine read of the same file, in turn, `rounds` times (issue 15: <= 1.5x, <= 1 GB);
    `other`: another checkout (e.g. main) whose `mopai validate` runs in the same rounds."""
    out = OUT / f"{path.stem}.report.json"
    cli = [sys.executable, "-c", MOPAI, "validate", str(path), "--json", str(out)]
    if county:
        cli += ["--county", county]
    runs: dict[str, list[tuple[float, float, int]]] = {"bare calamine read": [], "mopai validate --json": []}
    if other:
        runs[f"the same in {other}"] = []
    for _ in range(rounds):
        runs["bare calamine read"].append(measured([sys.executable, "-c", BARE_READ, str(path)]))
        runs["mopai validate --json"].append(measured(cli))
        if other:        # run from the other checkout's folder: its packages come first on sys.path
            runs[f"the same in {other}"].append(measured(cli, cwd=other))
    med = statistics.median
    bare = runs["bare calamine read"]
    print(f"{path.name}: {rounds} rounds (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    for label, got in runs.items():
        if any(code not in (0, 1) for *_, code in got):
            print(f"  {label}: failed, exit codes {[c for *_, c in got]}")
            continue
        ratios = sorted(o[0] / b[0] for o, b in zip(got, bare))
        print(f"  {label:<26} min {min(g[0] for g in got):6.2f} s  median {med([g[0] for g in got]):6.2f} s  "
              f"peak RSS {max(g[1] for g in got):5.0f} MB  ratio to the read: min {ratios[0]:.2f}, "
              f"median {med(ratios):.2f}")
    print("  (targets: mopai validate --json <= 1.5x the bare read, peak RSS <= 1024 MB per 100k rows)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true", help="regenerate the cached sheet")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of bare read + mopai validate")
    parser.add_argument("--other", type=Path, help="another checkout (e.g. of main) measured in the same rounds")
    parser.add_argument("--compare", metavar="ROOT", type=Path,
                        help="another checkout whose validation stage is timed beside this one's")
    parser.add_argument("--cli-only", action="store_true", help="skip the in-process stage timings")
    parser.add_argument("--full-sheet", type=Path, default=Path(tempfile.gettempdir()) / "mopai_bench_dirty_100000.xlsx",
                        help="also measure on this sheet full of problems (benchmarks/gui.py makes it)")
    parser.add_argument("--engine", default="xlsxwriter-shared",
                        choices=["xlsxwriter-shared", "xlsxwriter", "openpyxl"],
                        help="writer: shared strings like Excel (default) or inline strings")
    args = parser.parse_args()
    found = None if args.rebuild else cached(args.rows, args.engine)
    if found is None:
        build(args.rows, args.engine)
        print("built; measuring in a fresh run of this script (small parent process)")
        again = [a for a in sys.argv[1:] if a != "--rebuild"]
        return subprocess.run([sys.executable, __file__, *again], check=False).returncode
    path, expected_path, county = found
    if args.compare:
        return compare(args.compare, path, expected_path, county, args.rounds)
    if args.cli_only:
        cli_beside_bare_read(path, county, args.rounds, args.other)
        if args.full_sheet.exists():
            cli_beside_bare_read(args.full_sheet, None, args.rounds, args.other)
        return 0
    r = measure(ROOT, path, expected_path, county)
    if r is None:
        return 1
    total = r["read_s"] + r["setup_s"] + r["validate_s"]
    print(f"file        {path.name}: {r['rows']} rows x {r['columns']} columns")
    print(f"read        {r['read_s']:.2f} s wall, {r['read_cpu_s']:.2f} s CPU   "
          f"(read_tables; peak RSS {r['read_peak_mb']:.0f} MB)")
    print(f"validate    {r['validate_s']:.2f} s wall, {r['validate_cpu_s']:.2f} s CPU   "
          f"(TableValidator.run; setup {r['setup_s']:.2f} s)")
    print(f"total       {total:.2f} s wall   target < 15 s   {'OK' if total < 15 else 'OVER'}"
          f"   (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: other work slows wall time)")
    print(f"peak RSS    {r['peak_mb']:.0f} MB   target < 1536 MB   "
          f"{'OK' if r['peak_mb'] < 1536 else 'OVER'}   (interpreter + imports {r['base_mb']:.0f} MB)")
    print(f"findings    {r['errors']} errors on {r['rows_with_errors']} rows, {r['warnings']} warnings")
    print(f"findings    … and {r['hints']} hints")
    print(f"injected    {r['injected']} errors, {r['n_missed']} not found {r['injected_missed']}")
    print()
    cli_beside_bare_read(path, county, args.rounds, args.other)
    if args.full_sheet.exists():
        cli_beside_bare_read(args.full_sheet, None, args.rounds, args.other)
    return 0


def measure(root: Path, path: Path, expected_path: Path, county: str) -> dict | None:
    """Read and validate the sheet with the code of `root` in a fresh process."""
    result = subprocess.run([sys.executable, "-c", CHILD, str(root), str(path), county,
                             str(expected_path)], capture_output=True, text=True, check=False)
    if result.returncode:
        print(result.stderr, file=sys.stderr)
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def compare(other: Path, path: Path, expected_path: Path, county: str, rounds: int) -> int:
    """Alternate this tree and `other` on the same sheet; medians of validate time and ratio."""
    runs: dict[str, list[dict]] = {"this": [], "other": []}
    for _ in range(rounds):
        for name, root in (("other", other), ("this", ROOT)):
            r = measure(root, path, expected_path, county)
            if r is None:
                return 1
            runs[name].append(r)
    print(f"file        {path.name}: {runs['this'][0]['rows']} rows; {rounds} alternating rounds; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    med = {name: {k: statistics.median(r[k] for r in rs) for k in ("validate_s", "validate_cpu_s", "read_s")}
           for name, rs in runs.items()}
    for name, label in (("other", f"{other}"), ("this", f"{ROOT}")):
        m, last = med[name], runs[name][-1]
        print(f"{name:6s} validate {m['validate_s']:.2f} s wall, {m['validate_cpu_s']:.2f} s CPU (median); "
              f"read {m['read_s']:.2f} s; {last['errors']} errors, {last['warnings']} warnings, "
              f"{last['hints']} hints   ({label})")
    ratio = med["this"]["validate_cpu_s"] / med["other"]["validate_cpu_s"]
    wall = med["this"]["validate_s"] / med["other"]["validate_s"]
    print(f"ratio       this / other: {ratio:.3f} CPU, {wall:.3f} wall (target ≤ 1.05)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
