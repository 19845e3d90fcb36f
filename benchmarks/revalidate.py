"""Edit speed on a 100,000-row 流动 sheet full of problems (~190k findings) beside the same
edits on a clean sheet (~2.8k findings), both built in memory (no file reading).

Prints the time of TableValidator.run() on each, then the median / max time of 200 random edits
(ID numbers, options, dates, addresses), each followed by its undo, applied to both sheets in
turn: set_value() plus the counts the window reads after every edit (status bar, findings panel).
Target (issue 15): edit and undo median <= 15 ms, max <= 50 ms on the full sheet.
Run by hand: python benchmarks/revalidate.py [rows]
"""
from __future__ import annotations

import random
import resource
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from intake.forms import load_form  # noqa: E402
from validators import divisions  # noqa: E402
from validators.data import RecordColumns, ValidationContext  # noqa: E402
from validators.engine import TableValidator  # noqa: E402

AS_OF = date(2025, 12, 31)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"


def make_id(area: str, born: date, rnd: random.Random, male: bool) -> str:
    seq = rnd.randrange(0, 50) * 2 + (1 if male else 0)
    first17 = f"{area}{born:%Y%m%d}{rnd.randrange(10)}{seq % 10}{seq // 10 % 10}"
    first17 = first17[:16] + str(seq % 2 + 2 * rnd.randrange(5))   # 17th digit: parity = sex
    return first17 + "10X98765432"[(int(first17, 13) * 2) % 11]


def county_pool(rnd: random.Random, n: int) -> list[tuple[str, str]]:
    """(code, full name) of n real counties whose codes were in use by 2000."""
    from validators import idnumber
    codes = [c for c in divisions.county_level_codes()
             if idnumber.area_period_issue(c, 1975) is None]
    return [(c, divisions.full_name(c)) for c in rnd.sample(codes, n)]


def record(rnd: random.Random, counties: list[tuple[str, str]], here: tuple[str, str]) -> dict:
    home = rnd.choice(counties)
    born = AS_OF - timedelta(days=rnd.randrange(200, 15 * 365))
    male = rnd.random() < 0.5
    arrival = born + timedelta(days=rnd.randrange(0, max((AS_OF - born).days - 200, 1)))
    age = AS_OF.year - born.year - ((AS_OF.month, AS_OF.day) < (born.month, born.day))
    stage = "学龄前" if age < 6 else "小学" if age < 12 else "初中"
    return {
        "seq": None, "name": rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN),
        "sex": "男" if male else "女", "birth_date": born.isoformat(), "ethnicity": "汉族",
        "id_number": make_id(home[0], born, rnd, male), "hukou_registered": "是",
        "hukou_address": f"{home[1]}{rnd.choice('东西南北')}街{rnd.randrange(1, 300)}号",
        "current_address": f"{here[1]}{rnd.choice('东西南北中')}路{rnd.randrange(1, 3000)}号",
        "co_resident": "父母双方", "residence_registration": "办理居住证", "housing_type": "出租房屋",
        "left_hukou_date": arrival.isoformat(), "arrival_date": arrival.isoformat(),
        "guardianship": "较好", "schooling": stage if age >= 3 else None, "school_name": None,
        "boarding": "否" if 6 <= age else None, "study_status": "在读" if age >= 3 else None,
        "health": "健康", "svc_0_6": "在居住地接受" if age < 7 else None,
        "svc_0_36m": "未接受" if age < 3 else None, "medical_insurance": "纳入居住地医保",
        "disability_category": "无", "disability_grade": "无", "rehab_aid": "否",
        "father_name": rnd.choice(SURNAMES) + rnd.choice(GIVEN) * 2,
        "father_id": make_id(home[0], date(1980 + rnd.randrange(8), 5, 17), rnd, True),
        "father_phone": f"13{rnd.randrange(10**9):09d}", "father_hukou_address": None,
        "mother_name": rnd.choice(SURNAMES) + rnd.choice(GIVEN),
        "mother_id": make_id(home[0], date(1982 + rnd.randrange(8), 9, 3), rnd, False),
        "mother_phone": f"15{rnd.randrange(10**9):09d}", "family_hardship": None, "living_support": "无",
    }


def inject(rec: dict, rnd: random.Random) -> None:
    kind = rnd.randrange(6)
    if kind == 0:
        rec["id_number"] = rec["id_number"][:17] + ("0" if rec["id_number"][17] != "0" else "1")
    elif kind == 1:
        rec["sex"] = "女" if rec["sex"] == "男" else "男"
    elif kind == 2:
        rec["birth_date"] = rec["birth_date"].replace("-", "/")
    elif kind == 3:
        rec["current_address"] = rec["current_address"].split("市", 1)[-1]
    elif kind == 4:
        rec["schooling"] = "大学"
    else:
        rec["father_phone"] = rec["father_phone"][:10]


def build(n: int, seed: int = 7, dirty: bool = False) -> RecordColumns:
    """n records, 2 % of them with one injected problem; dirty: every record with three (a
    sheet full of problems: about 1.9 findings a row)."""
    rnd = random.Random(seed)
    counties = county_pool(rnd, 300)
    here = counties[0]
    records = [record(rnd, counties[1:], here) for _ in range(n)]
    for rec in (records if dirty else rnd.sample(records, n // 50)):
        inject(rec, rnd)
        for _ in range(2 if dirty else 0):
            inject(rec, rnd)
    return RecordColumns({k: [r[k] for r in records] for k in records[0]})


def window_reads(findings) -> tuple:
    """What the window reads after every edit: the status bar's and the panel's counts, and the
    columns of each kind the panel's titles name."""
    rows = getattr(findings, "n_rows_with_findings", None)
    if rows is None:                          # a FindingSet without kept counts (before issue 15)
        rows = len(findings.rows_with_findings())
    counts = findings.counts_by_code()
    fields = getattr(findings, "fields_of", None)     # the problem list's group titles (issue 14)
    titles = [fields(c) for c in counts] if fields else None
    return findings.n_errors, findings.n_warnings, counts, rows, titles


def edits(data: RecordColumns, n: int, count: int) -> list[tuple[int, str, str]]:
    rnd = random.Random(1)
    out = []
    for _ in range(count):
        i = rnd.randrange(n)
        key, value = rnd.choice([
            ("id_number", data.values["id_number"][rnd.randrange(n)]),   # often makes a duplicate
            ("sex", rnd.choice(["男", "女", "x"])), ("arrival_date", "2025-10-01"),
            ("current_address", "河南省郑州市金水区黄河路1号"), ("schooling", "初中")])
        out.append((i, key, value))
    return out


def timed_ms(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    form = load_form("liudong")
    sheets = {}
    for name, dirty in (("full of problems", True), ("clean (reference)", False)):
        data = build(n, dirty=dirty)
        v = TableValidator(form, data, ValidationContext(as_of=AS_OF))
        t0, c0 = time.perf_counter(), time.process_time()
        found = v.run()
        print(f"{name:<18} {n} rows x {len(data.values)} columns; run(): {time.perf_counter() - t0:.2f} s "
              f"wall, {time.process_time() - c0:.2f} s CPU; {len(found)} findings ({found.n_errors} errors, "
              f"{found.n_warnings} warnings, {len(found.rows_with_errors())} rows with errors)")
        sheets[name] = v
    plan = edits(sheets["full of problems"].data, n, 200)
    times = {(name, step): [] for name in sheets for step in ("edit", "undo")}
    for i, key, value in plan:                  # the same edit on both sheets, interleaved
        for name, v in sheets.items():
            old = v.data.values[key][i]
            times[name, "edit"].append(timed_ms(lambda: (v.set_value(i, key, value), window_reads(v.findings))))
            times[name, "undo"].append(timed_ms(lambda: (v.set_value(i, key, old), window_reads(v.findings))))
    print(f"set_value + the window's counts, {len(plan)} edits each followed by its undo:")
    for (name, step), ms in times.items():
        print(f"  {name:<18} {step}: median {statistics.median(ms):6.2f} ms, max {max(ms):6.2f} ms")
    dirty_edit = statistics.median(times["full of problems", "edit"])
    clean_edit = statistics.median(times["clean (reference)", "edit"])
    print(f"  edit median ratio full/clean: {dirty_edit / clean_edit:.1f}x   "
          f"(target: median <= 15 ms, max <= 50 ms on the full sheet)")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
