"""The 重点关爱 register written for a county's ~47k key-care children, beside references that
write the very same cells in the same run (rounds: every writer once per round, in turn).

Run by hand (not a test):  python benchmarks/register.py [--children 200000] [--rounds 3]

The children are benchmarks/stats.py's generated county (200,000 children, cached in the temp
folder); about a quarter meet the key-care rule. Measured:
  rows        who is on the register and their cells (current_rows + merge), no file
  register    intake.register.write_register end to end (rows + the workbook, first run)
  xlsxwriter  xlsxwriter constant_memory writing the same cells (strings, numbers, dates as
              dates), no formats, no validation: the writer the register used before
  stream      intake.export.xlsx_stream writing the same cells bare (inline strings, zlib 1)
The writing part of the register (register - rows) is given as a ratio to both references.
The machine is shared with other engineers: the ratios are what count, not the seconds.
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

from stats import AS_OF, COUNTY, _tables  # noqa: E402  (benchmarks/stats.py)


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def cells(children):
    """The register's header and lines as write_register builds them (no previous register)."""
    from intake.register.definitions import load_register
    from intake.register.merge import merge
    from intake.register.rows import current_rows
    from intake.stats.definitions import load_statistics
    rdef, stats = load_register(), load_statistics()
    rows, everyone = current_rows(children, rdef, stats, {})
    merged = merge(rows, None, everyone, rdef, date.today())
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
    from intake.export.xlsx_stream import StreamBook
    with StreamBook(path) as book:
        ws = book.add_sheet("台账", [12] * len(headers))
        ws.row(headers)
        epoch = datetime(1899, 12, 30)
        for line in lines:
            ws.row([(v - epoch).days if isinstance(v, datetime) else v for v in line])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from intake.register import write_register
    from intake.stats.inputs import sheets_children
    from intake.stats.sheet_children import SheetData
    tables = _tables(args.children)
    children = sheets_children([SheetData(i, t) for i, t in enumerate(tables, start=1)], AS_OF, COUNTY)
    out = Path(tempfile.mkdtemp(prefix="mopai-bench-register-"))
    headers, lines = cells(children)
    print(f"register: {len(lines):,} children x {len(headers)} columns "
          f"({sum(v not in (None, '') for line in lines for v in line):,} cells) of "
          f"{sum(len(v) for v in children.children.values()):,}; {args.rounds} rounds; shared machine")
    times: dict[str, list[float]] = {k: [] for k in ("rows", "register", "xlsxwriter", "stream")}
    for _ in range(args.rounds):
        times["rows"].append(timed(lambda: cells(children))[0])
        (out / "台账.xlsx").unlink(missing_ok=True)
        times["register"].append(timed(lambda: write_register(children, out / "台账.xlsx"))[0])
        times["xlsxwriter"].append(timed(lambda: ref_xlsxwriter(out / "ref-xlsxwriter.xlsx", headers, lines))[0])
        times["stream"].append(timed(lambda: ref_stream(out / "ref-stream.xlsx", headers, lines))[0])
    best = {k: min(v) for k, v in times.items()}
    med = {k: statistics.median(v) for k, v in times.items()}
    for k in times:
        print(f"  {k:<12} min {best[k]:6.2f} s   median {med[k]:6.2f} s")
    writing = best["register"] - best["rows"]
    print(f"  writing (register - rows) {writing:.2f} s = x{writing / best['xlsxwriter']:.2f} xlsxwriter "
          f"constant_memory, x{writing / best['stream']:.2f} bare stream (min of each)")
    print(f"  files in {out}")


if __name__ == "__main__":
    main()
