"""Micro-benchmark of validators.cells.check_cell (run by hand: python benchmarks/cells.py [n]).

Times check_cell over n (default 100 000) generated values of each kind — IDs, addresses, dates,
option values — and prints µs (CPU time) per cell, cold (first pass: caches empty) and warm (second pass);
then n rows x 8 address columns (parents often sharing the child's addresses) in CPU seconds.
All people and addresses are generated; no real data.
"""
from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from intake.forms import load_form  # noqa: E402
from validators import divisions  # noqa: E402
from validators.cells import check_cell  # noqa: E402
from validators.idnumber import calc_check_char  # noqa: E402


def make_id(rng: random.Random, areas: list[str]) -> str:
    born = date(2010, 1, 1) + timedelta(days=rng.randrange(5000))
    first17 = f"{rng.choice(areas)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + calc_check_char(first17)


def make_address(rng: random.Random, counties: list[str]) -> str:
    return divisions.full_name(rng.choice(counties)) + f"{rng.choice('东西南北')}街{rng.randrange(1, 300)}号"


def make_date(rng: random.Random) -> str:
    d = date(2010, 1, 1) + timedelta(days=rng.randrange(5000))
    return rng.choice([d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日",
                       f"{d:%Y%m%d}", str((d - date(1899, 12, 30)).days)])


def run(name: str, field, values: list[str]) -> None:
    for label in ("cold", "warm"):
        start = time.process_time()      # CPU time: others share the 2 cores
        for i, v in enumerate(values):
            check_cell(field, v, i)
        per = (time.process_time() - start) / len(values) * 1e6
        print(f"{name:10s} {label}: {per:6.2f} µs/cell ({len(values)} cells)")


def address_sheet(rng: random.Random, counties: list[str], field, n: int) -> None:
    """n rows x 8 address columns: the child's two, each parent's two, the guardian's two; parents
    often share the child's 户籍 (70 %) or live with the child (60 %). CPU seconds for all cells."""
    columns: list[list[str]] = [[] for _ in range(8)]
    for _ in range(n):
        hukou, current = make_address(rng, counties), make_address(rng, counties)
        row = [hukou, current]
        for _ in range(3):
            row.append(hukou if rng.random() < 0.7 else make_address(rng, counties))
            row.append(current if rng.random() < 0.6 else make_address(rng, counties))
        for col, value in zip(columns, row):
            col.append(value)
    start = time.process_time()
    for col in columns:
        for i, v in enumerate(col):
            check_cell(field, v, i)
    cells = 8 * n
    print(f"address sheet: {n} rows x 8 columns = {cells} cells in {time.process_time() - start:.2f} s CPU")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(7)
    form = load_form("liudong")
    fields = {f.key: f for f in form.fields}
    start = time.perf_counter()
    counties = [c for c in divisions.county_level_codes()]
    print(f"division table + indexes loaded in {time.perf_counter() - start:.2f} s")
    run("id", fields["id_number"], [make_id(rng, counties) for _ in range(n)])
    run("address", fields["hukou_address"], [make_address(rng, counties) for _ in range(n)])
    run("date", fields["birth_date"], [make_date(rng) for _ in range(n)])
    address_sheet(rng, counties, fields["hukou_address"], n)
    health = ["健康", "残疾", "残疾、重病", "心理/行为异常", "慢性病，残疾", "良好"]
    run("multi", fields["health"], [rng.choice(health) for _ in range(n)])
    run("ethnicity", fields["ethnicity"], [rng.choice(["汉族", "汉", "回族", "苗族", "壮"]) for _ in range(n)])


if __name__ == "__main__":
    main()
