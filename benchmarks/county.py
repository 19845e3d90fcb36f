"""The county's desk at county size, beside the bare read of the same files, and the matching
at province size.

Run by hand (not a test):  python benchmarks/county.py [--rows 200000] [--files 100] [--province 2000000]
                                                      [--skip-county] [--skip-province] [--workers N]

County: 100 township files (50 townships x 流动 + 留守, generated once into the temp folder and
reused), 200,000 rows in all, 2 % of them children sent twice across townships and 0.5 %
possible duplicates (an ID one digit off, swapped digits, another order code, a missing ID, a
homophone or one-character-different name). Measured, each in its own process so peak memory
is its own:
  bare     python-calamine reading every sheet of every file to Python values, one after another
  county   CountyDesk.add_paths on a fresh workspace: reading and checking in child processes,
           storing, matching, the conflict queue with agreeing/differing fields (end to end)
           and then the matching alone again on the stored keys (Matcher over the frame)
Province: 2,000,000 key rows of one province (四川: 留守 children of its counties, 流动 children
from anywhere) from a generated stream with duplicates and possible duplicates as above, written
once to a parquet file in the temp folder; matching only, in its own process: seconds, peak memory.
Targets (issue 9): county total <= 1.3 x bare; matching <= 5 s; peak memory <= 2 GB.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

COUNTY = "500101"          # 重庆市万州区: 52 townships
AS_OF = date(2025, 12, 31)


def _rss_mb(who=resource.RUSAGE_SELF) -> float:
    """Peak resident memory. Our own from /proc (VmHWM): ru_maxrss of an exec'd child starts at
    its parent's peak on Linux, so a parent that generated the data would be counted."""
    if who == resource.RUSAGE_SELF and Path("/proc/self/status").exists():
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(who).ru_maxrss / 1024


def folder_for(rows: int, files: int) -> Path:
    return Path(tempfile.gettempdir()) / f"mopai-bench-county-{rows}-{files}-v2"


def generate(rows: int, files: int) -> Path:
    folder = folder_for(rows, files)
    done = folder / "expected.json"
    if done.exists():
        return folder
    from generator.township_set import write_township_set
    towns = files // 2
    duplicates, possibles = rows * 2 // 100, rows * 5 // 1000
    per_file = (rows - duplicates - possibles) // files
    started = time.perf_counter()
    made = write_township_set(folder / "files", county=COUNTY, towns=towns + 1, rows=per_file, seed=9,
                              as_of=AS_OF, engine="xlsxwriter", extras=False,
                              duplicates=duplicates, possibles=possibles)
    # the last township only holds the resubmission spare of the small sets: drop its two files
    for name in [n for n, t in made.township_of.items() if t == made.towns[-1]]:
        (folder / "files" / name).unlink()
    expected = {"groups": [[g.kind, g.how, g.occurrences] for g in made.groups],
                "rows": sum(n for name, n in made.rows.items() if made.township_of[name] != made.towns[-1])}
    done.write_text(json.dumps(expected, ensure_ascii=False))
    print(f"generated {len(list((folder / 'files').iterdir()))} files in {time.perf_counter() - started:.0f} s "
          f"into {folder}", flush=True)
    return folder


def run_bare(folder: Path) -> dict:
    from python_calamine import CalamineWorkbook
    started, cpu = time.perf_counter(), time.process_time()
    cells = 0
    for path in sorted((folder / "files").iterdir()):
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python()
            cells += sum(len(r) for r in rows)
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu,
            "rss_mb": _rss_mb(), "cells": cells}


def run_county(folder: Path, workers: int | None) -> dict:
    from intake.county.desk import CountyDesk
    from intake.county.matching import Matcher
    from intake.workspace import Workspace
    expected = json.loads((folder / "expected.json").read_text())
    with tempfile.TemporaryDirectory() as tmp, Workspace(Path(tmp) / "county.sqlite") as ws:
        started, cpu = time.perf_counter(), time.process_time()
        with CountyDesk(ws, as_of=AS_OF, county=COUNTY, workers=workers) as desk:
            received = desk.add_paths([folder / "files"])
            merged = time.perf_counter() - started
            desk.groups(compared=True)                  # which fields agree/differ, as the JSON says
            total = time.perf_counter() - started
            cpu_total = time.process_time() - cpu
            current = desk.snapshot.current
            frame = desk.keys.matching_frame(current, {s.sheet_id: s for s in desk.snapshot.sheets})
            t = time.perf_counter()
            matcher = Matcher(desk.store.salt(), frame)
            matching = time.perf_counter() - t
            groups = desk.groups()
            interactive = _interactive(desk, groups)
            found = {(g.kind, tuple(sorted((o.file, o.row) for o in g.occurrences))) for g in groups}
            want = {(k, tuple(sorted(map(tuple, occ)))) for k, _how, occ in expected["groups"]}
            out = {"seconds": total, "merged": merged, "cpu_parent": cpu_total, "matching": matching,
                   "files": sum(r.status == "added" for r in received), "rows": frame.height,
                   "groups": len(groups), "matcher_groups": len(matcher.groups),
                   "expected_found": len(want & found), "expected": len(want),
                   "unexpected": len(found - want), "rss_mb": _rss_mb(),
                   "db_mb": os.path.getsize(Path(tmp) / "county.sqlite") / 2 ** 20,
                   "others": sorted(found - want)[:5], **interactive}
    out["children_rss_mb"] = _rss_mb(resource.RUSAGE_CHILDREN)      # the pool's children, joined
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    out["cpu_children"] = kids.ru_utime + kids.ru_stime
    return out


def _interactive(desk, groups) -> dict:
    """What the window waits for: a decision (and its undo), one edit re-matched, the board."""
    out = {}
    t = time.perf_counter()
    cmd = desk.keep(groups[0], groups[0].refs[0])
    cmd.redo()
    cmd.undo()
    out["decide_and_undo"] = time.perf_counter() - t
    sheet_id = groups[0].refs[0].sheet_id
    session = desk.open_session(sheet_id)
    t = time.perf_counter()
    touched = session.apply(session.edit(groups[0].refs[0].index, "name", "某某"))
    desk.sheet_edited(sheet_id, session, touched)
    out["edit_rematched"] = time.perf_counter() - t
    t = time.perf_counter()
    desk.board()
    out["board"] = time.perf_counter() - t
    return out


def run_breakdown(folder: Path, n: int = 10) -> dict:
    """CPU milliseconds per file of each stage, in this one process, over n files."""
    from python_calamine import CalamineWorkbook
    from intake.checking import validator_for
    from intake.county.keys import error_codes_of, keys_blob, record_keys
    from intake.reader import read_tables
    from intake.workspace_schema import cell_rows
    files = sorted((folder / "files").iterdir())[:n + 1]
    stages = {"bare read": lambda f, t, v: CalamineWorkbook.from_path(str(f)).get_sheet_by_index(0).to_python(),
              "read_tables": lambda f, t, v: read_tables(f),
              "validate": lambda f, t, v: validator_for(t, as_of=AS_OF, county=COUNTY).run(),
              "keys": lambda f, t, v: keys_blob(record_keys(t, error_codes_of(v.findings)), t.row_numbers),
              "pack cells": lambda f, t, v: list(cell_rows(t))}
    tables = [read_tables(f)[0] for f in files]
    checked = []
    for t in tables:
        v = validator_for(t, as_of=AS_OF, county=COUNTY)
        v.run()
        checked.append(v)
    out = {}
    for name, stage in stages.items():
        stage(files[0], tables[0], checked[0])
        cpu = time.process_time()
        for f, t, v in zip(files[1:], tables[1:], checked[1:]):
            stage(f, t, v)
        out[name] = (time.process_time() - cpu) / n * 1000
    return out


def province_frame(rows: int, seed: int = 5):
    """2M key rows of one province (四川): 流动 children from anywhere, 留守 from its counties."""
    import polars as pl
    from generator import divisions_pick as places
    from generator import ids, people
    from generator import township_mix as mix
    from intake.county.names import sound_key
    rng = random.Random(seed)
    counties = [c for c in places.county_codes() if c.startswith("51")]
    anywhere = places.county_codes()
    cols = {k: [] for k in ("sheet_id", "index", "form", "id", "name", "birth", "hukou")}

    def add(sheet, index, form, number, name, birth, hukou):
        for k, v in zip(cols, (sheet, index, form, number, name, birth, hukou)):
            cols[k].append(v)
    base = rows - rows * 2 // 100 - rows * 5 // 1000
    people_made = []
    for n in range(base):
        form = "liushou" if n % 2 else "liudong"
        hukou = rng.choice(counties) if form == "liushou" else rng.choice(anywhere)
        born = AS_OF - timedelta(days=rng.randrange(60, 5800))
        sex = rng.choice("男女")
        number, name = ids.make_id(hukou, born, sex, rng), people.full_name(rng, sex)
        add(n // 2000, n % 2000, form, number, name, born.isoformat(), hukou)
        people_made.append((form, number, name, born.isoformat(), hukou))
    extra = 0
    for n in range(rows * 2 // 100):                        # sent twice
        form, number, name, born, hukou = rng.choice(people_made)
        add(10_000, extra, form, number, name, born, hukou)
        extra += 1
    for n in range(rows * 5 // 1000):                       # possible duplicates
        form, number, name, born, hukou = rng.choice(people_made)
        how = n % 4
        number = (mix.one_digit_off(number, rng) if how == 0 else mix.swapped(number, rng) if how == 1
                  else mix.other_order_code(number, rng) if how == 2 else None)
        add(10_001, extra, form, number, name, born, hukou)
        extra += 1
    frame = pl.DataFrame(cols, schema={"sheet_id": pl.Int64, "index": pl.Int64, "form": pl.Utf8,
                                       "id": pl.Utf8, "name": pl.Utf8, "birth": pl.Utf8, "hukou": pl.Utf8})
    return frame.with_columns(sound=pl.col("name").map_elements(sound_key, return_dtype=pl.Utf8))


def province_file(rows: int) -> Path:
    """The province's key rows, generated once (as parquet) into the temp folder."""
    path = Path(tempfile.gettempdir()) / f"mopai-bench-province-{rows}-v1.parquet"
    if not path.exists():
        t = time.perf_counter()
        province_frame(rows).write_parquet(path)
        print(f"generated {rows} province rows in {time.perf_counter() - t:.0f} s into {path}", flush=True)
    return path


def run_province(path: Path) -> dict:
    import polars as pl
    from intake.county.matching import Matcher
    frame = pl.read_parquet(path)
    rss_before = _rss_mb()
    t, cpu = time.perf_counter(), time.process_time()
    matcher = Matcher("bench-salt", frame)
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    kinds: dict[str, int] = {}
    for g in matcher.groups.values():
        kinds[g.kind] = kinds.get(g.kind, 0) + 1
    return {"seconds": seconds, "cpu": cpu, "rows": frame.height, "groups": kinds,
            "rss_mb": _rss_mb(), "rss_before_matching_mb": rss_before}


def child(kind: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, *args], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=200_000)
    p.add_argument("--files", type=int, default=100)
    p.add_argument("--province", type=int, default=2_000_000)
    p.add_argument("--workers", type=int, default=0)
    p.add_argument("--skip-county", action="store_true")
    p.add_argument("--skip-province", action="store_true")
    p.add_argument("--child", nargs="+")
    a = p.parse_args()
    if a.child:
        kind, *rest = a.child
        result = {"bare": lambda: run_bare(Path(rest[0])),
                  "county": lambda: run_county(Path(rest[0]), int(rest[1]) or None),
                  "province": lambda: run_province(Path(rest[0])),
                  "breakdown": lambda: run_breakdown(Path(rest[0]))}[kind]()
        print(json.dumps(result, ensure_ascii=False))
        return
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} (shared)")
    if not a.skip_county:
        folder = generate(a.rows, a.files)
        bare = child("bare", str(folder))
        county = child("county", str(folder), str(a.workers))
        parts = child("breakdown", str(folder))
        print("per file (CPU ms, one process): " + ", ".join(f"{k} {v:.0f}" for k, v in parts.items()))
        print(f"bare read      {bare['seconds']:7.1f} s  (CPU {bare['cpu']:.1f} s, {bare['rss_mb']:.0f} MB)")
        print(f"county total   {county['seconds']:7.1f} s  = {county['seconds'] / bare['seconds']:.2f} x bare "
              f"(target <= 1.3; received and matched in {county['merged']:.1f} s); parent CPU {county['cpu_parent']:.1f} s, {county['rss_mb']:.0f} MB, "
              f"children peak {county['children_rss_mb']:.0f} MB; workspace {county['db_mb']:.0f} MB")
        print(f"CPU seconds    county {county['cpu_parent'] + county['cpu_children']:.1f} "
              f"(parent {county['cpu_parent']:.1f} + children {county['cpu_children']:.1f}) vs bare {bare['cpu']:.1f}: "
              f"{(county['cpu_parent'] + county['cpu_children']) / bare['cpu']:.2f} x; on 2 free cores the wall "
              f"time would be about {(county['cpu_parent'] + county['cpu_children']) / 2 / bare['cpu']:.2f} x bare")
        print(f"matching alone {county['matching']:7.2f} s  (target <= 5) over {county['rows']} rows; "
              f"{county['groups']} groups; expected groups found {county['expected_found']}/{county['expected']}, "
              f"others {county['unexpected']}")
        print(f"interactive    decision + undo {county['decide_and_undo']:.2f} s, one edit re-matched "
              f"{county['edit_rematched']:.2f} s, board {county['board']:.2f} s")
    if not a.skip_province:
        prov = child("province", str(province_file(a.province)))
        print(f"province       {prov['seconds']:7.1f} s  (CPU {prov['cpu']:.1f} s) matching {prov['rows']} rows, "
              f"peak {prov['rss_mb']:.0f} MB ({prov['rss_before_matching_mb']:.0f} MB with the keys loaded); "
              f"groups {prov['groups']}")


if __name__ == "__main__":
    main()
