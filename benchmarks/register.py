"""The 重点关爱 register written for a county's ~47k key-care children, beside references that
write the very same cells in the same run (rounds: every writer once per round, in turn).

Run by hand (not a test):  python benchmarks/register.py [--children 200000] [--rounds 3]

The children are benchmarks/stats.py's generated county (200,000 children, cached in the temp
folder); about a quarter meet the key-care rule. Who is on the register is worked out once
(current_rows + merge, timed as `rows`); then, per round:
  register    intake.register.write_book: the workbook as write_register writes it (styles,
              dropdowns, print titles, frozen panes), intake.export.xlsx_stream underneath
  before      the same workbook by the register's writer before (xlsxwriter constant_memory with
              the same formats; benchmarks/register_before.py, a copy of main's book.py)
  xlsxwriter  xlsxwriter constant_memory writing the same cells bare (strings, numbers, dates
              as dates; no formats, no dropdowns)
  stream      intake.export.xlsx_stream writing the same cells bare (inline strings, zlib 1)
and, for the second run (the register written into a file that holds the last one, with notes
the county typed on every fourth child), per round:
  previous    intake.register.previous.read_previous: the last register read as write_register
              reads it (python-calamine in a child process)
  openpyxl    the same read by the reader before (openpyxl read-only in this process;
              tests/previous_openpyxl.py, a copy of main's previous.py)
  calamine    python-calamine reading both sheets' cells bare, in this process (to_python)
  selection   intake.register.rows.current_rows: who is on the register, with the last one's notes
  second run  intake.register.write_register into the file holding the last register (read,
              selection, merge, write: end to end)
  old reader  the same second run with the openpyxl reader (tests/previous_openpyxl.py) in its place
Wall and CPU seconds; the machine is shared with other engineers: the ratios in the same run
are what count (CPU time is the steadier figure).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from previous_openpyxl import read_previous_before  # noqa: E402  (tests/: main's reader)
from register_before import write_book_before  # noqa: E402
from stats import AS_OF, COUNTY, _tables  # noqa: E402  (benchmarks/stats.py: the generated county)

from intake.export.xlsx_stream import StreamBook, serial  # noqa: E402
from intake.register import write_book, write_register  # noqa: E402
from intake.register.definitions import load_register  # noqa: E402
from intake.register.merge import merge  # noqa: E402
from intake.register.previous import read_previous  # noqa: E402
from intake.register.rows import current_rows  # noqa: E402
from intake.stats.definitions import load_statistics  # noqa: E402
from intake.stats.inputs import sheets_children  # noqa: E402
from intake.stats.sheet_children import SheetData  # noqa: E402


def timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def register_rows(children):
    rdef = load_register()
    rows, everyone = current_rows(children, rdef, load_statistics(), {})
    return merge(rows, None, everyone, rdef, date.today())


def cells(merged, rdef) -> tuple[list[str], list[list]]:
    headers = [c.header for c in rdef.columns]
    return headers, [[{**r.values, rdef.seq_header: i}.get(h) for h in headers]
                     for i, r in enumerate(merged.rows, start=1)]


def ref_xlsxwriter(path: Path, headers, lines) -> None:
    import xlsxwriter
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": str(path.parent)})
    ws = book.add_worksheet("台账")
    ws.write_row(0, 0, headers)
    for r, line in enumerate(lines, start=1):
        for c, v in enumerate(line):
            if v is None or v == "":
                continue
            if isinstance(v, str):
                ws.write_string(r, c, v)
            elif isinstance(v, datetime):
                ws.write_datetime(r, c, v)
            else:
                ws.write_number(r, c, v)
    book.close()


def ref_stream(path: Path, headers, lines) -> None:
    with StreamBook(path) as book:
        ws = book.add_sheet("台账", [12] * len(headers))
        ws.row(headers)
        for line in lines:
            ws.row([serial(v) if isinstance(v, datetime) else v for v in line])


def with_notes(merged, rdef):
    """The register as the county left it: every fourth child with measures, a person in charge
    and a follow-up date typed; every fortieth marked 主动求助."""
    kept = [c.header for c in rdef.kept if c.header not in rdef.county_noted]
    for i, r in enumerate(merged.rows):
        if i % 4 == 0:
            r.values.update({h: f"第{i}号走访记录，已联系监护人" for h in kept if h not in ("跟进日期",)})
            if "跟进日期" in kept:
                r.values["跟进日期"] = datetime(2026, 1, 1 + i % 28)
        if i % 40 == 0 and rdef.county_noted:
            r.values[rdef.county_noted[0]] = "是"
    return merged


def bare_calamine(path: Path, rdef) -> int:
    import python_calamine as pc
    book = pc.CalamineWorkbook.from_path(str(path))
    return sum(len(book.get_sheet_by_name(n).to_python(skip_empty_area=False))
               for n in (rdef.sheet, rdef.removed_sheet) if n in book.sheet_names)


def with_openpyxl_reader(children, target: Path) -> None:
    import intake.register as register
    saved, register.read_previous = register.read_previous, read_previous_before
    try:
        write_register(children, target)
    finally:
        register.read_previous = saved


def second_run(children, out: Path, rounds: int) -> None:
    rdef, stats = load_register(), load_statistics()
    last = out / "previous.xlsx"
    write_book(last, with_notes(register_rows(children), rdef), rdef, "台账", "来源")
    target = out / "second-run.xlsx"
    noted = read_previous(last, rdef).noted(rdef.county_noted)
    print(f"second run: the last register {last.stat().st_size / 1e6:.1f} MB, {len(noted)} marked by the county")
    steps = {"previous": lambda: read_previous(last, rdef),
             "openpyxl": lambda: read_previous_before(last, rdef),
             "calamine": lambda: bare_calamine(last, rdef),
             "selection": lambda: current_rows(children, rdef, stats, noted),
             "second run": lambda: (target.write_bytes(last.read_bytes()), write_register(children, target)),
             "old reader": lambda: (target.write_bytes(last.read_bytes()), with_openpyxl_reader(children, target))}
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in steps}
    for _ in range(rounds):
        for name, fn in steps.items():
            times[name].append(timed(fn))
    report(times)
    med = {k: statistics.median(w for w, _ in v) for k, v in times.items()}
    print(f"  previous / openpyxl x{med['previous'] / med['openpyxl']:.2f}, previous / calamine "
          f"x{med['previous'] / med['calamine']:.2f}, selection / calamine x{med['selection'] / med['calamine']:.2f} "
          f"(wall medians)")


def report(times: dict[str, list[tuple[float, float]]]) -> None:
    for k, v in times.items():
        print(f"  {k:<11} wall min {min(w for w, _ in v):6.2f} s median {statistics.median(w for w, _ in v):6.2f} s   "
              f"CPU min {min(c for _, c in v):6.2f} s median {statistics.median(c for _, c in v):6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", choices=("write", "second"), help="only the writers, or only the second run")
    args = parser.parse_args()
    tables = _tables(args.children)
    children = sheets_children([SheetData(i, t) for i, t in enumerate(tables, start=1)], AS_OF, COUNTY)
    rdef, out = load_register(), Path(tempfile.mkdtemp(prefix="mopai-bench-register-"))
    if args.only != "write":
        second_run(children, out, args.rounds)
        if args.only == "second":
            return
    t_rows = timed(lambda: register_rows(children))
    merged = register_rows(children)
    headers, lines = cells(merged, rdef)
    title, source = f"{children.source.scope}{rdef.title}", children.source.line(children.as_of)
    print(f"register: {len(lines):,} children x {len(headers)} columns "
          f"({sum(v not in (None, '') for line in lines for v in line):,} cells) of "
          f"{sum(len(v) for v in children.children.values()):,}; {args.rounds} rounds; shared machine")
    print(f"  rows (current_rows + merge, once) {t_rows[0]:.2f} s wall {t_rows[1]:.2f} s CPU")
    writers = {"register": lambda: write_book(out / "台账.xlsx", merged, rdef, title, source),
               "before": lambda: write_book_before(out / "台账-before.xlsx", merged, rdef, title, source),
               "xlsxwriter": lambda: ref_xlsxwriter(out / "ref-xlsxwriter.xlsx", headers, lines),
               "stream": lambda: ref_stream(out / "ref-stream.xlsx", headers, lines)}
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in writers}
    for _ in range(args.rounds):
        for name, fn in writers.items():
            times[name].append(timed(fn))
    wall = {k: (min(w for w, _ in v), statistics.median(w for w, _ in v)) for k, v in times.items()}
    cpu = {k: (min(c for _, c in v), statistics.median(c for _, c in v)) for k, v in times.items()}
    for k in writers:
        print(f"  {k:<11} wall min {wall[k][0]:6.2f} s median {wall[k][1]:6.2f} s   "
              f"CPU min {cpu[k][0]:6.2f} s median {cpu[k][1]:6.2f} s")
    for k in ("before", "xlsxwriter", "stream"):
        print(f"  register / {k:<10} wall x{wall['register'][1] / wall[k][1]:.2f} (median), "
              f"x{wall['register'][0] / wall[k][0]:.2f} (min); CPU x{cpu['register'][1] / cpu[k][1]:.2f} (median)")
    print(f"  files in {out}")


if __name__ == "__main__":
    main()
