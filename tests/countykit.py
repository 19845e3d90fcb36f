"""Helpers for the county desk tests: one generated township set, received once into a base
workspace; each test works on its own copy of that workspace (no pool start, no re-reading)."""
from __future__ import annotations

import shutil
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from generator.township_set import write_township_set
from intake.county.desk import CountyDesk
from intake.workspace import Workspace

COUNTY = "511324"
AS_OF = date(2025, 12, 31)


def build(folder: Path):
    """(the TownshipSet, the base workspace path, what receiving said)."""
    made = write_township_set(folder / "收到的文件", county=COUNTY, towns=4, rows=24, seed=3)
    base = folder / "base.sqlite"
    with Workspace(base) as ws, CountyDesk(ws, as_of=AS_OF, county=COUNTY) as desk:
        received = desk.add_paths([made.folder])
    return made, base, received


@contextmanager
def desk_on(base: Path, tmp: Path, name: str = "ws.sqlite", county: str | None = COUNTY):
    """A desk on a copy of the base workspace."""
    path = tmp / name
    if not path.exists():
        shutil.copyfile(base, path)
    with Workspace(path) as ws, CountyDesk(ws, as_of=AS_OF, county=county) as desk:
        yield desk


def where(group) -> tuple:
    return tuple(sorted((o.file, o.row) for o in group.occurrences))


def build_parts(folder: Path):
    """村A and 村B, two parts of one township's 流动 sheet, then 村A again, corrected (one child
    left): (the base workspace, parts_state after the first two)."""
    import copy

    from generator.township_set import make_part
    from generator.write import write_xlsx
    used: set[str] = set()
    a = make_part("金城镇", "liudong", 12, 11, COUNTY, AS_OF, used=used)
    b = make_part("金城镇", "liudong", 10, 12, COUNTY, AS_OF, used=used)
    again = copy.deepcopy(a.sheet)
    again.rows = again.rows[1:]
    paths = []
    for name, sheet in (("金城镇-村A.xlsx", a.sheet), ("金城镇-村B.xlsx", b.sheet), ("金城镇-村A（更正）.xlsx", again)):
        write_xlsx(folder / name, sheet, layout="title_rows")
        paths.append(folder / name)
    base = folder / "base.sqlite"
    with Workspace(base) as ws, CountyDesk(ws, as_of=AS_OF, county=COUNTY) as desk:
        for p in paths[:2]:
            desk.add_paths([p])
        two = parts_state(desk)
        desk.add_paths([paths[2]])
    return base, two


def parts_state(desk):
    """(file name -> SheetVersion, the 金城镇 流动 board line, distinct 流动 children)."""
    by_name = {m.file.name: m.version for m in desk.snapshot.meta.values()}
    line = next(b for b in desk.board() if b.form == "liudong" and b.township == "金城镇")
    return by_name, line, len(desk.children("liudong"))
