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

from register_before import write_book_before  # noqa: E402
from stats import AS_OF, COUNTY, _tables  # noqa: E402  (benchmarks/stats.py: the generated county)

from intake.export.xlsx_stream import StreamBook, serial  # noqa: E402
from intake.register import write_book  # noqa: E402
from intake.register.definitions import load_register  # noqa: E402
from intake.register.merge import merge  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tables = _tables(args.children)
    children = sheets_children([SheetData(i, t) for i, t in enumerate(tables, start=1)], AS_OF, COUNTY)
    rdef, out = load_register(), Path(tempfile.mkdtemp(prefix="mopai-bench-register-"))
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
