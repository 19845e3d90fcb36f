"""Township resolution (issue 13), run by hand: python benchmarks/townships.py [rows]

Prints
1. coverage over the whole division table: for every township of every county, the address
   省+市+县 + its name + 王庄村1号 (and + its short name with another township word: 转塘镇 for
   转塘街道) resolved to that township, in per cent;
2. on the generator's realistic sheets (both forms, every harmless variation), the share of
   address cells whose township resolves, of all address cells and of those naming one;
3. the cost per address: address.resolve cold (caches cleared) with and without the township
   step, and the bulk path's column-wise township word (polars) per cell, CPU µs;
beside the reference measured in the same run (the county-level resolution alone). CPU times:
the machine is shared.
"""
from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import polars as pl  # noqa: E402

from validators import address, address_head, address_heads, divisions, township_words, townships  # noqa: E402


def coverage() -> None:
    total = exact = other_word = other_total = 0
    for county in divisions.county_level_codes():
        head = divisions.full_name(county)
        for town in townships.townships_of(county):
            total += 1
            exact += address.resolve(head + town.name + "王庄村1号").resolved.township == town.code
            short = townships.short_name(town.name)
            if short != town.name:
                word = "镇" if not town.name.endswith("镇") else "乡"
                other_total += 1
                other_word += address.resolve(head + short + word + "王庄村1号").resolved.township == town.code
    print(f"coverage    {exact}/{total} townships resolve by their full name ({100 * exact / total:.2f} %), "
          f"{other_word}/{other_total} by short name + another township word ({100 * other_word / other_total:.2f} %)")


def generated(rows: int) -> list[str]:
    from generator import generate
    from intake.forms import load_form
    cells: list[str] = []
    for form in ("liudong", "liushou"):
        sheet = generate(form, rows, seed=7, variations=True)
        keys = {f.key for f in load_form(form).fields if f.type == "address"}
        for j, key in enumerate(sheet.fields):
            if key in keys:
                cells += [str(r[j]) for r in sheet.rows if r[j]]
    return cells


def share(cells: list[str]) -> None:
    named = resolved = 0
    for text in cells:
        r = address.resolve(text).resolved
        if r is not None and township_words.named(r.detail):
            named += 1
        resolved += r is not None and r.township is not None
    print(f"generated   {len(cells)} address cells of both forms: township resolved in {resolved} "
          f"({100 * resolved / len(cells):.1f} % of all, {100 * resolved / max(named, 1):.1f} % of the "
          f"{named} that name a township)")


def _clear() -> None:
    address._cache.clear()
    address_head._heads.clear()
    address_head._horizons.clear()
    for cached in (township_words.find, township_words._full_names, townships.townships_of, townships._names):
        cached.cache_clear()


def cost(cells: list[str]) -> None:
    distinct = list(dict.fromkeys(cells))
    for text in distinct[:200]:            # warm the division indexes (built once per process)
        address.resolve(text)
    _clear()
    t0 = time.process_time()
    for text in distinct:
        address.resolve(text)
    with_town = (time.process_time() - t0) / len(distinct) * 1e6
    _clear()
    real = address._township
    address._township = lambda resolved: (resolved, ())       # the reference: county level only
    try:
        t0 = time.process_time()
        for text in distinct:
            address.resolve(text)
        without = (time.process_time() - t0) / len(distinct) * 1e6
    finally:
        address._township = real
    print(f"resolve     {with_town:.1f} µs per distinct address cold, {without:.1f} µs without the "
          f"township step (reference): +{with_town - without:.1f} µs ({len(distinct)} addresses)")
    series = pl.Series(cells, dtype=pl.Utf8)
    heads = address_heads.heads(pl.DataFrame({"a": series}), "a")
    t0 = time.process_time()
    keys = address_heads.town_keys(series, heads)
    per = (time.process_time() - t0) / len(cells) * 1e6
    t0 = time.process_time()
    address_heads.heads(pl.DataFrame({"a": series}), "a")
    ref = (time.process_time() - t0) / len(cells) * 1e6
    print(f"bulk words  {per:.2f} µs per cell for the township word in polars "
          f"(the county-path step it follows: {ref:.2f} µs per cell), {keys.n_unique()} distinct words")


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    t0 = time.perf_counter()
    coverage()
    cells = generated(rows)
    share(cells)
    cost(cells)
    print(f"({time.perf_counter() - t0:.0f} s wall on {date.today()}; CPU times, shared machine)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
