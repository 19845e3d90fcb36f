"""Workspace speed: import a 100,000-row x 45-column sheet into a workspace, reopen it from a fresh
connection, and the cost of one durable edit. Also times the alternative layout (one SQL row per
record, one TEXT column per field, sqlite-utils insert_all) that the column-blob layout replaced.

Run by hand: python benchmarks/workspace.py [rows] [--bulk]
--bulk also validates the sheet and times a bulk fix applied cell by cell (set_value) against a
full re-run, which sets intake.session.FULL_RUN_MIN. All values are generated; no real people.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlite_utils  # noqa: E402

from intake.edits import CellEdit, EditBatch, single  # noqa: E402
from intake.forms import load_form  # noqa: E402
from intake.table import SheetTable, SourceColumn  # noqa: E402
from intake.workspace import Workspace  # noqa: E402
from validators.data import RecordColumns  # noqa: E402

N_COLS = 45
NAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
AREAS = ["411302", "410105", "410102", "130102", "320106", "510104"]


def _id(rnd: random.Random, born: date) -> str:
    first17 = f"{rnd.choice(AREAS)}{born:%Y%m%d}{rnd.randrange(1000):03d}"
    return first17 + "10X98765432"[(int(first17, 13) * 2) % 11]


def cell(rnd: random.Random, kind: str, label: str) -> str | None:
    born = date(2010, 1, 1) + timedelta(days=rnd.randrange(5000))
    if kind == "id":
        return _id(rnd, born)
    if kind == "date":
        return born.isoformat() if rnd.random() < 0.9 else f"{born.year}/{born.month}/{born.day}"
    if kind == "name":
        return rnd.choice(NAMES) + rnd.choice(NAMES) + rnd.choice(NAMES)
    if kind == "address":
        return f"河南省南阳市宛城区新华街道{rnd.randrange(1, 300)}号"
    if kind == "phone":
        return f"13{rnd.randrange(10 ** 9):09d}"
    if rnd.random() < 0.2:
        return None
    return f"{label}{rnd.randrange(5)}"


def column(rnd: random.Random, kind: str, label: str, n: int) -> list[str | None]:
    """IDs and phones unique per row; other cells drawn from a pool of 3000 generated values."""
    if kind in ("id", "phone"):
        return [cell(rnd, kind, label) for _ in range(n)]
    pool = [cell(rnd, kind, label) for _ in range(3000)]
    return rnd.choices(pool, k=n)


def make_table(n: int) -> SheetTable:
    rnd = random.Random(7)
    fields = load_form("liudong").fields[:N_COLS]
    values = {f.key: column(rnd, f.type, f.label, n) for f in fields}
    columns = [SourceColumn(i + 1, f.label, f.key) for i, f in enumerate(fields)]
    numeric = {"father_phone": set(range(0, n, 50))}
    return SheetTable(Path("乡镇.xlsx"), "Sheet1", "liudong", "表头", [3], columns,
                      list(range(4, 4 + n)), RecordColumns(values, numeric), "某某镇", "2025年12月31日")


def timed(label: str, fn):
    """Wall time and this process's CPU time (the machine may be shared: CPU time is steadier)."""
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    print(f"{label:<48} {time.perf_counter() - t0:8.2f} s wall {time.process_time() - c0:8.2f} s cpu")
    return result


def row_layout(folder: Path, table: SheetTable) -> None:
    """The alternative: one SQL row per record (insert_all, batch_size), read back into columns."""
    db = sqlite_utils.Database(folder / "rows.sqlite")
    db.execute("PRAGMA journal_mode=WAL")
    keys = list(table.data.values)
    cols = [table.data.values[k] for k in keys]

    def write():
        rows = ({"record": i, **{k: c[i] for k, c in zip(keys, cols)}} for i in range(table.n_rows))
        with db.conn:
            db["records"].insert_all(rows, batch_size=2000)
    timed("row layout: insert_all 1 row per record", write)
    db.conn.close()
    again = sqlite_utils.Database(folder / "rows.sqlite")

    def read():
        cur = again.execute(f"SELECT {', '.join(keys)} FROM records ORDER BY record")
        return dict(zip(keys, map(list, zip(*cur.fetchall()))))
    timed("row layout: reopen into columns", read)


def bulk(ws: Workspace, table: SheetTable, n_edits: int) -> None:
    from intake.checking import validator_for
    from intake.session import SheetSession
    validator = validator_for(table, as_of=date(2025, 12, 31))
    timed("validate (TableValidator.run)", validator.run)
    session = SheetSession(ws, 1, table, validator)
    edits = tuple(CellEdit(i, "name", table.data.values["name"][i], "李四") for i in range(0, 2 * n_edits, 2))
    batch = EditBatch("bench", edits)
    timed(f"store a batch of {n_edits} edits", lambda: ws.record_batch(1, batch))
    timed(f"apply {n_edits} edits through set_value", lambda: [validator.set_value(e.index, e.field, e.new)
                                                               for e in edits])
    timed("full re-run instead", validator.run)
    del session


def main() -> None:
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), 100_000))
    table = timed(f"generate {n} rows x {N_COLS} columns", lambda: make_table(n))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ws = Workspace(folder / "ws.sqlite")
        sheet_id = timed("import_table (one transaction)", lambda: ws.import_table(table, file_hash="x"))
        timed("100 single-cell edits, each committed", lambda: [
            ws.record_batch(sheet_id, single(i, "name", table.data.values["name"][i], "李四"))
            for i in range(100)])
        ws.close()
        print(f"{'database size':<48} {(folder / 'ws.sqlite').stat().st_size / 1e6:8.1f} MB")
        again = Workspace(folder / "ws.sqlite")
        loaded = timed("reopen: Workspace(path).load_sheet (fresh)", lambda: again.load_sheet(sheet_id))
        assert loaded.data.values["name"][:100] == ["李四"] * 100
        row_layout(folder, table)
        if "--bulk" in sys.argv:
            bulk(again, loaded, min(5_000, n // 2))
        again.close()


if __name__ == "__main__":
    main()
