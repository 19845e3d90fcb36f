"""Write a generated sheet by hand: python tests/generator liudong 500 out.xlsx [--inject all]

Options: --seed N, --layout plain|title_rows|two_row_header, --inject all|kind,kind,
--no-variations, --as-of YYYY-MM-DD, --county CODE. Prints the injected findings expected.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from generator import generate, write_xlsx  # noqa: E402


def main(argv: list[str] | None = None) -> int:
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
