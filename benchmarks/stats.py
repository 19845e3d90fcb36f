"""The statistics and the register at county scale, beside references measured in the same run.

Run by hand (not a test):  python benchmarks/stats.py [--children 200000] [--repeat 3]

200,000 generated children (100,000 流动 + 100,000 留守 in 20 township sheets of one county,
held in memory as the window holds open sheets; generated once and cached in the temp folder),
IDs, names and house numbers all distinct. Measured (best of --repeat):
  children   the distinct children of the sheets (intake.stats.inputs.sheets_children: IDs,
             distinct_frame, ChildRefs)
  frames     the statistics' frames (stats_input: canonical options and dates, IDs and
             addresses as written)
  tables     every table of templates/statistics.toml (intake.stats.compute)
  ref tables a bare polars group_by(field).len() per table over the same frames
  workbook   the statistics workbook with charts and masking (intake.stats.book)
  ref book   xlsxwriter writing the same cells, no charts, no formats
  register   the key-care register (intake.register.write_register), first run
Targets (issue 10): statistics (frames + tables) <= 2 s; workbook <= 3 s.
The machine is shared with other engineers: the ratios to the references are what count.
"""
from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

COUNTY = "511324"
AS_OF = date(2025, 12, 31)
SHEET_ROWS = 10_000


def _tables(children: int):
    """The sheets as SheetTables (cached: generating 200,000 records takes about a minute)."""
    from generator.sheet import generate
    from intake.table import SheetTable
    from validators.data import RecordColumns
    cache = Path(tempfile.gettempdir()) / f"mopai-bench-stats-{children}-v1.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    tables, n = [], 0
    per_form = children // 2
    for form in ("liudong", "liushou"):
        for _k in range(per_form // SHEET_ROWS):
            sheet = generate(form, SHEET_ROWS, seed=1000 * n + 7, as_of=AS_OF, county=COUNTY, variations=False)
            n += 1
            values = {key: [None if v is None else str(v) for v in (row[c] for row in sheet.rows)]
                      for c, key in enumerate(sheet.fields) if key}
            tables.append(SheetTable(Path(f"镇{n:02d}{'流动' if form == 'liudong' else '留守'}.xlsx"), "Sheet1", form,
                                     "bench", [3], [], list(range(4, 4 + SHEET_ROWS)), RecordColumns(values, {}),
                                     reporting_unit=f"仪陇县第{n}镇人民政府"))
            print(f"  generated {n} sheets", end="\r", flush=True)
    cache.write_bytes(pickle.dumps(tables))
    return tables


def best(repeat: int, fn):
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def ref_tables(inp, stats) -> int:
    import polars as pl
    n = 0
    for t in stats.tables:
        for form in ([t.form] if t.form else [f for f in t.forms if f in inp.frames]):
            frame = inp.frames[form]
            cols = [c for c in (t.fields or ("township",)) if c in frame.columns]
            for c in cols:
                n += frame.group_by(c).len().height
    frame = inp.frames["liudong"]
    return n + frame.group_by(pl.col("birth_date").str.slice(0, 4), "sex").len().height


def ref_book(result, path: Path) -> None:
    import xlsxwriter
    from intake.stats.grid import grid
    book = xlsxwriter.Workbook(str(path))
    for topic in result.topics:
        ws = book.add_worksheet(topic)
        row = 0
        for t in result.topic_tables(topic):
            g = grid(t, result.stats.labels)
            for line in (g.header, *g.lines):
                for c, v in enumerate(line):
                    if v is not None:
                        ws.write(row, c, v)
                row += 1
            row += 2
    book.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from intake.register import write_register
    from intake.stats.book import write_statistics
    from intake.stats.compute import compute
    from intake.stats.definitions import load_statistics
    from intake.stats.inputs import sheets_children, stats_input
    from intake.stats.sheet_children import SheetData
    tables = _tables(args.children)
    sheets = [SheetData(i, t) for i, t in enumerate(tables, start=1)]
    stats = load_statistics()
    out = Path(tempfile.mkdtemp(prefix="mopai-bench-stats-"))
    t_children, children = best(args.repeat, lambda: sheets_children(sheets, AS_OF, COUNTY))
    n = sum(len(v) for v in children.children.values())
    t_frames, inp = best(args.repeat, lambda: stats_input(children))
    t_tables, result = best(args.repeat, lambda: compute(inp))
    t_ref, _ = best(args.repeat, lambda: ref_tables(inp, stats))
    t_book, _ = best(args.repeat, lambda: write_statistics(result, out / "统计.xlsx"))
    t_ref_book, _ = best(args.repeat, lambda: ref_book(result, out / "参照.xlsx"))
    (out / "台账.xlsx").unlink(missing_ok=True)
    t_register, summary = best(1, lambda: write_register(children, out / "台账.xlsx"))
    print(f"children: {n:,} distinct ({len(tables)} sheets), {len(result.tables)} tables; best of {args.repeat}")
    print(f"  children (ChildRefs)        {t_children:6.2f} s")
    print(f"  frames (stats_input)        {t_frames:6.2f} s")
    print(f"  tables (compute)            {t_tables:6.2f} s   ref bare group_by {t_ref:5.2f} s   "
          f"x{t_tables / t_ref:.1f}")
    print(f"  statistics = frames+tables  {t_frames + t_tables:6.2f} s   target <= 2 s")
    print(f"  workbook (charts, masking)  {t_book:6.2f} s   ref xlsxwriter same cells {t_ref_book:5.2f} s   "
          f"x{t_book / t_ref_book:.1f}   target <= 3 s")
    print(f"  register ({len(summary.merged.rows):,} rows)        {t_register:6.2f} s")


if __name__ == "__main__":
    main()
