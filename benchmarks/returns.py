"""Return files at township size: one 2,000-row township file's return file (write_return) and
20 of them one after another, beside openpyxl's bare load_workbook + save of the same sources
in the same run (the floor of this design: the return file is the township's own workbook in
openpyxl normal mode, marked).

The files: benchmarks/county.py's township files (generated once into the temp folder and
reused), each checked once before timing (checking is not measured here). Rounds alternate the
two (min of --rounds).
Run by hand (not a test):  python benchmarks/returns.py [--files 20] [--rounds 3]
The machine is shared: the ratio to the bare load+save is what counts.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]


def sources(n: int) -> list[Path]:
    from county import generate
    folder = generate(200_000, 100) / "files"
    return sorted(folder.iterdir())[:n]


def bare(path: Path, target: Path) -> None:
    import openpyxl
    openpyxl.load_workbook(path).save(target)


def timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--files", type=int, default=20)
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args()
    from intake.checking import check_file
    from intake.export import write_return
    from sheetkit import AS_OF
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} (shared)")
    paths = sources(a.files)
    checked = {path: check_file(path, as_of=AS_OF) for path in paths}
    rows = sum(c.table.n_rows for c in checked[paths[0]])
    marks = sum(len(c.findings.all()) for c in checked[paths[0]])
    print(f"{len(paths)} files, the first {paths[0].name}: {rows} rows, {marks} findings")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        best: dict[str, list[tuple[float, float]]] = {k: [] for k in ("one", "one_bare", "all", "all_bare")}
        for _ in range(a.rounds):
            best["one"].append(timed(lambda: write_return(checked[paths[0]], out / "one.xlsx")))
            best["one_bare"].append(timed(lambda: bare(paths[0], out / "one-bare.xlsx")))
            best["all"].append(timed(lambda: [write_return(checked[p], out / f"{n}.xlsx")
                                              for n, p in enumerate(paths)]))
            best["all_bare"].append(timed(lambda: [bare(p, out / f"{n}-bare.xlsx") for n, p in enumerate(paths)]))
    fig = {k: min(v) for k, v in best.items()}
    for label, key, n in (("one file", "one", 1), (f"{len(paths)} files", "all", len(paths))):
        (w, c), (bw, bc) = fig[key], fig[key + "_bare"]
        print(f"{label:<9} return {w:6.2f} s wall {c:6.2f} s CPU; bare openpyxl load+save {bw:6.2f} s wall "
              f"{bc:6.2f} s CPU: return / bare = {w / bw:.2f} (CPU {c / bc:.2f}); {w / n:.2f} s a file")
    print(f"done; load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
