"""Return files at township size: one 2,000-row township file's return file (write_return) and
20 of them one after another, beside openpyxl's bare load_workbook + save of the same sources
in the same run (the floor of this design: the return file is the township's own workbook in
openpyxl normal mode, marked).

The files: benchmarks/county.py's township files (generated once into the temp folder and
reused), each checked once before timing (checking is not measured here). --dense adds three
problems to every row (an error, a warning, a hint: 6,000 more comments a file), the case where
the marking itself counts. --before REV also times the marking code of git revision REV
(intake/export/return_marks.py as it was) in the same rounds. Rounds alternate them (min of
--rounds).
Run by hand (not a test):  python benchmarks/returns.py [--files 20] [--rounds 3] [--dense] [--before main]
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


def dense(sheets) -> None:
    from validators.findings import Finding, Severity
    for sheet in sheets:
        fs = sheet.findings
        fs.replace_rows({i: [*fs.for_row(i),
                             Finding("bench.error", Severity.ERROR, i, "father_phone", "联系电话位数不对"),
                             Finding("bench.warning", Severity.WARNING, i, "current_address", "现居住地不完整"),
                             Finding("bench.hint", Severity.HINT, i, "birth_date", "写法不同", suggestion="2015-03-02")]
                         for i in range(sheet.table.n_rows)})


def marking_of(rev: str):
    """mark_sheet as it was at git revision `rev` (its module loaded from `git show`)."""
    import subprocess
    import types
    code = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:intake/export/return_marks.py"],
                          check=True, capture_output=True, text=True).stdout
    module = types.ModuleType(f"return_marks_{rev}")
    exec(compile(code, module.__name__, "exec"), module.__dict__)
    return module.mark_sheet


def timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--files", type=int, default=20)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--dense", action="store_true")
    p.add_argument("--before", default=None)
    a = p.parse_args()
    from unittest import mock
    import intake.export.return_file as return_file
    from intake.checking import check_file
    from intake.export import write_return
    from sheetkit import AS_OF
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} (shared)")
    paths = sources(a.files)
    checked = {path: check_file(path, as_of=AS_OF) for path in paths}
    if a.dense:
        for sheets in checked.values():
            dense(sheets)
    variants = {"return": return_file.mark_sheet, **({f"before {a.before}": marking_of(a.before)} if a.before else {})}
    rows = sum(c.table.n_rows for c in checked[paths[0]])
    marks = sum(len(c.findings.all()) for c in checked[paths[0]])
    print(f"{len(paths)} files, the first {paths[0].name}: {rows} rows, {marks} findings")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        best: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for _ in range(a.rounds):
            for what, group in (("one", paths[:1]), ("all", paths)):
                for variant, marking in variants.items():
                    with mock.patch.object(return_file, "mark_sheet", marking):
                        best.setdefault((what, variant), []).append(timed(
                            lambda: [write_return(checked[p], out / f"{n}.xlsx") for n, p in enumerate(group)]))
                best.setdefault((what, "bare"), []).append(timed(
                    lambda: [bare(p, out / f"{n}-bare.xlsx") for n, p in enumerate(group)]))
            for variant, marking in variants.items():       # the marking alone, on a fresh load
                from intake.export.source_book import load_source, sheet_title
                book = load_source(paths[0])
                t = time.process_time()
                for sheet in checked[paths[0]]:
                    marking(book[sheet_title(sheet.table.sheet)], sheet.table, sheet.findings, lambda: None)
                best.setdefault(("mark", variant), []).append((time.process_time() - t, 0.0))
    fig = {k: min(v) for k, v in best.items()}
    print("marking alone (mark_sheet on the first file, CPU): " + ", ".join(
        f"{variant} {fig[('mark', variant)][0]:.3f} s" for variant in variants))
    for label, what, n in (("one file", "one", 1), (f"{len(paths)} files", "all", len(paths))):
        bw, bc = fig[(what, "bare")]
        print(f"{label:<9} bare openpyxl load+save {bw:6.2f} s wall {bc:6.2f} s CPU ({bw / n:.2f} s a file)")
        for variant in variants:
            w, c = fig[(what, variant)]
            print(f"          {variant:<12} {w:6.2f} s wall {c:6.2f} s CPU: / bare = {w / bw:.2f} "
                  f"(CPU {c / bc:.2f}); {w / n:.2f} s a file")
    print(f"done; load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
