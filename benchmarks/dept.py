"""Department checks at county size: a 200,000-row answer reconciled against a 200,000-child
county, beside a bare polars join of the same two frames measured in the same run.

Run by hand (not a test):  python benchmarks/dept.py [--rows 200000] [--rounds 3]

The county: benchmarks/county.py's 100 township files (200,000 rows, generated once into the
temp folder and reused), received once into a workspace kept beside them. The answer: 医保's,
one record for every child the county has (in 医保's own words: 正常参保/本县 …) plus extra
records up to --rows; 2 % of the children answered otherwise (field differences), 1 % left
out (not known), 0.2 % with a mistyped check digit, 1,000 records of children on no sheet
living in the county (漏报). Measured:
  normalise   the answer's table (as the reader gives it) -> records (intake.departments.answer_records)
  reconcile   DepartmentDesk.found("yibao") from scratch: the distinct children after the county's
              decisions, the compared field read from the workspace, every difference (target <= 3 s)
  reference   a bare polars left join of the register's (id, medical_insurance) and the answer's
              (id, insured, insured_place) frames, then a filter on the join
  decide      accept one difference (the sheet edit re-validated, the county's keys and matching
              brought up to date, the department's differences of that child found again) and undo
  return      one township's return file (CountyDesk.write_return) holding a department send-back,
              and within it the send-back checked against the department's latest answer
              (intake.departments.returns: the record's differences found again)
  returns     every township's return file at once (CountyDesk.write_returns) with a send-back
              on each sheet: the department's stored answer read once for the call (after)
              beside once a sheet (before), same run
  read        the answer as a 200,000-line CSV read in a child process (intake.reader.any_table)
The machine is shared: the ratio to the reference is what counts.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

AS_OF = date(2025, 12, 31)
COUNTY = "500101"
WORDS = {("liudong", "纳入居住地医保"): ("正常参保", "本县"), ("liudong", "纳入户籍地医保"): ("已参保", "外县"),
         ("liudong", "未纳入医保"): ("未参保", ""), ("liushou", "已纳入医保"): ("参保缴费", ""),
         ("liushou", "未纳入医保"): ("未参加", "")}


def workspace() -> Path:
    from county import folder_for, generate
    folder = generate(200_000, 100)
    path = folder_for(200_000, 100) / "dept-county.sqlite"
    if not path.exists():
        from intake.county.desk import CountyDesk
        from intake.workspace import Workspace
        t = time.perf_counter()
        tmp = path.with_suffix(".partial")
        with Workspace(tmp) as ws, CountyDesk(ws, as_of=AS_OF, county=COUNTY) as desk:
            desk.add_paths([folder / "files"])
        tmp.rename(path)
        print(f"received the county into {path} in {time.perf_counter() - t:.0f} s", flush=True)
    return path


def answer_table(depts, rows: int, seed: int = 7):
    """医保's answer as the reader would give it (a SheetTable), and what was planted."""
    from intake.table import SheetTable, SourceColumn
    from readerfiles import child_id
    from validators.data import RecordColumns
    rng = random.Random(seed)
    kids = depts.register("yibao", ["name", "medical_insurance"]).unique("id", keep="first", maintain_order=True)
    cols = {"name": [], "id": [], "insured": [], "insured_place": [], "address": []}
    planted = {"field": 0, "absent": 0, "bad": 0, "missed": 0}
    for name, number, form, value in kids.select("name", "id", "form", "medical_insurance").iter_rows():
        if number is None:
            continue
        r = rng.random()
        if r < 0.01:
            planted["absent"] += 1
            continue
        status, place = WORDS.get((form, value), ("已参保", "本县"))
        if r < 0.03:
            status, place = ("未参保", "") if status not in ("未参保", "未参加") else ("已参保", "外县")
            planted["field"] += 1
        elif r < 0.032:
            number = number[:17] + ("0" if number[17] != "0" else "1")
            planted["bad"] += 1
        for k, v in zip(cols, (name, number, status, place, None)):
            cols[k].append(v)
    n = 0
    while len(cols["id"]) < rows:
        n += 1
        missed = n <= 1000
        number = child_id("411602", f"2014{1 + n % 12:02d}{1 + n % 28:02d}", f"{n % 1000:03d}") if missed \
            else child_id("110101", f"1990{1 + n % 12:02d}{1 + n % 28:02d}", f"{n % 1000:03d}")
        planted["missed"] += missed
        for k, v in zip(cols, ("某某", number, "正常参保", "本县", "重庆市万州区高笋塘街道人民路1号" if missed else None)):
            cols[k].append(v)
    names = {"name": "姓名", "id": "证件号码", "insured": "参保状态", "insured_place": "参保地区", "address": "现住址"}
    table = SheetTable(Path("医保.csv"), "", "dept:yibao", "", [1], [SourceColumn(c + 1, names[k], k)
                       for c, k in enumerate(cols)], list(range(2, len(cols["id"]) + 2)), RecordColumns(cols, {}))
    return table, planted


def timed(fn, rounds: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(rounds):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def returns_at_once(desk, depts, tmp: Path) -> None:
    """Every township's return file at once (CountyDesk.write_returns) with a department
    send-back on every sheet that has a 医保 field difference: after, one SendBacks for the call
    (the log and the stored answer read and name-matched once); before, a fresh one for every
    sheet (as the code did: each sheet read the log and the answer and matched names again).
    Both in the same run; the time of the send-back checks within is measured too."""
    from unittest import mock
    import intake.departments.returns as dept_returns
    first: dict[int, object] = {}
    for d in depts.differences("yibao"):
        if d.kind == "field" and d.child and d.status == "open":
            first.setdefault(d.child.sheet_id, d)
    for d in first.values():
        depts.send_back(d, "请核实").redo()
    real = dept_returns.SendBacks
    checks = [0.0]

    class Timed(real):
        def problems(self, sheet_id):
            t = time.perf_counter()
            try:
                return super().problems(sheet_id)
            finally:
                checks[0] += time.perf_counter() - t

    class PerSheet:                     # before: the log and the answer read again for every sheet
        def __init__(self, desk):
            self.desk = desk

        def problems(self, sheet_id):
            return Timed(self.desk).problems(sheet_id)
    figures = {}
    for label, cls in (("before", PerSheet), ("after", Timed)):
        checks[0] = 0.0
        with mock.patch.object(dept_returns, "SendBacks", cls):
            t = time.perf_counter()
            summary = desk.write_returns(tmp / f"退回-{label}")
            figures[label] = (time.perf_counter() - t, checks[0])
    sent = sum(w.send_backs for w in summary.written)
    (t_before, c_before), (t_after, c_after) = figures["before"], figures["after"]
    print(f"returns    all {len(summary.written)} return files at once, a 医保 send-back on each of {len(first)} sheets "
          f"({sent} in the files):")
    print(f"           before {t_before:6.2f} s, of which the send-back checks {c_before:.2f} s "
          f"({c_before / max(1, len(first)):.3f} s a sheet)")
    print(f"           after  {t_after:6.2f} s, of which the send-back checks {c_after:.2f} s: "
          f"after / before = {t_after / t_before:.2f} (checks {c_after / c_before:.2f})")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=200_000)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--skip-read", action="store_true")
    p.add_argument("--skip-returns", action="store_true")
    a = p.parse_args()
    import polars as pl
    from intake.county.desk import CountyDesk
    from intake.departments.answer_records import records_frame
    from intake.departments.desk import DepartmentDesk
    from intake.workspace import Workspace
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} (shared)")
    path = workspace()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "ws.sqlite"
        copy.write_bytes(path.read_bytes())
        with Workspace(copy) as ws, CountyDesk(ws, as_of=AS_OF, county=COUNTY) as desk:
            depts = DepartmentDesk(desk)
            table, planted = answer_table(depts, a.rows)
            profile = depts.profiles["yibao"]
            t_norm, (records, _notes) = timed(lambda: records_frame(profile, [table]), 1)
            depts.store.store_answer("yibao", "医保.csv", "医保.csv", "bench", records, {}, [])

            def reconcile():
                depts.forget()
                depts.columns.forget()
                return depts.found("yibao")
            t_rec, diffs = timed(reconcile, a.rounds)
            register = depts.register("yibao", ["medical_insurance"]).select("id", "medical_insurance")
            answer = records.select("id", "insured", "insured_place")

            def reference():
                joined = register.join(answer, on="id", how="left")
                return joined.filter(pl.col("insured").is_null() | (pl.col("medical_insurance") != pl.col("insured"))).height
            t_ref, _ = timed(reference, a.rounds)

            def register_only():
                depts.columns.forget()
                return depts.register("yibao", depts._fields("yibao"))
            t_reg, _ = timed(register_only, a.rounds)
            kinds: dict[str, int] = {}
            for d in diffs:
                kinds[d.kind] = kinds.get(d.kind, 0) + 1
            print(f"register {register.height} children, answer {records.height} records; planted {planted}")
            print(f"found    {kinds}")
            print(f"normalise  {t_norm:6.2f} s  (the reader's table -> {records.height} records)")
            print(f"reconcile  {t_rec:6.2f} s  (target <= 3 s; min of {a.rounds})")
            print(f"  of which {t_reg:.2f} s the register (distinct children after decisions, the field read "
                  f"from the workspace) and {t_rec - t_reg:.2f} s the comparisons")
            print(f"reference  {t_ref:6.3f} s  bare polars join + filter of the two frames: reconcile = "
                  f"{t_rec / t_ref:.0f} x, its comparisons alone {(t_rec - t_reg) / t_ref:.0f} x the bare join")
            depts.differences("yibao")
            d = next(x for x in depts.differences("yibao") if x.kind == "field" and len(x.proposed) == 1)
            depts.session(d.child.sheet_id)             # opened (checked) once, as the window does first
            t = time.perf_counter()
            cmd = depts.accept(d)
            cmd.redo()
            t_accept = time.perf_counter() - t
            t = time.perf_counter()
            cmd.undo()
            t_undo = time.perf_counter() - t
            print(f"decide     accept {t_accept:.2f} s, undo {t_undo:.2f} s (one child's differences found again)")
            from intake.departments.returns import sent_back_problems
            depts.send_back(d, "请核实").redo()
            sid = d.child.sheet_id
            t_sent, problems = timed(lambda: sent_back_problems(desk, sid), a.rounds)
            file_id = next(m.file.id for m in desk.snapshot.meta.values() if m.info.sheet_id == sid)
            t_return, _ = timed(lambda: desk.write_return(file_id, Path(tmp) / "退回.xlsx"), a.rounds)
            print(f"return     {t_return:6.2f} s  one township's return file with a department send-back, of which "
                  f"{t_sent:.2f} s the send-back checked against the latest answer ({len(problems)} record)")
            if not a.skip_returns:
                returns_at_once(desk, depts, Path(tmp))
            if not a.skip_read:
                csv_path = Path(tmp) / "医保.csv"
                frame = pl.DataFrame({names: table.data.values[k] for k, names in
                                      zip(("name", "id", "insured", "insured_place", "address"),
                                          ("姓名", "证件号码", "参保状态", "参保地区", "现住址"))})
                frame.write_csv(csv_path)
                t = time.perf_counter()
                pl.read_csv(csv_path, infer_schema_length=0)
                t_bare = time.perf_counter() - t
                t = time.perf_counter()
                answer_file = depts.read_answer("yibao", csv_path)
                t_read = time.perf_counter() - t
                print(f"read       {t_read:6.2f} s  {answer_file.n_records} records from CSV in a child process "
                      f"(polars read_csv alone {t_bare:.2f} s)")
    print(f"done; load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
