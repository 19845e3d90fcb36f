"""Write a generated sheet by hand: python tests/generator liudong 500 out.xlsx [--inject all]

Options: --seed N, --layout plain|title_rows|two_row_header, --inject all|kind,kind,
--no-variations, --as-of YYYY-MM-DD, --county CODE. Prints the injected findings expected.

A county's township files (generator.township_set, 511324 on 2025-12-31):
python tests/generator township-set FOLDER [--towns 4] [--rows 24] [--seed 3]
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from generator import generate, write_xlsx  # noqa: E402


def township_set(argv: list[str]) -> int:
    from generator.township_set import write_township_set
    p = argparse.ArgumentParser(prog="generator township-set", description="write a county's township files")
    p.add_argument("folder", type=Path)
    p.add_argument("--towns", type=int, default=4)
    p.add_argument("--rows", type=int, default=24)
    p.add_argument("--seed", type=int, default=3)
    a = p.parse_args(argv)
    made = write_township_set(a.folder, towns=a.towns, rows=a.rows, seed=a.seed)
    print(f"wrote {len(made.files)} township files and the extras into {a.folder}: {len(made.groups)} groups planted")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["township-set"]:
        return township_set(argv[1:])
    p = argparse.ArgumentParser(prog="generator", description="write a generated registration sheet")
    p.add_argument("form", choices=["liudong", "liushou"])
    p.add_argument("rows", type=int)
    p.add_argument("out", type=Path)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--layout", default="title_rows", choices=["plain", "title_rows", "two_row_header"])
    p.add_argument("--inject", default=None, help="all, or kinds separated by commas")
    p.add_argument("--no-variations", action="store_true")
    p.add_argument("--as-of", default="2025-12-31")
    p.add_argument("--county", default=None)
    a = p.parse_args(argv)
    inject = a.inject if a.inject in (None, "all") else a.inject.split(",")
    sheet = generate(a.form, a.rows, seed=a.seed, as_of=date.fromisoformat(a.as_of), inject=inject,
                     variations=not a.no_variations, county=a.county)
    written = write_xlsx(a.out, sheet, layout=a.layout)
    for e in sheet.expected:
        print(f"row {written.excel_row(e.index)} col {sheet.col(e.field)} {e.field} {e.code} {e.severity}")
    print(f"wrote {a.out}: {len(sheet.rows)} rows, {len(sheet.errors())} injected errors, county {sheet.county}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
