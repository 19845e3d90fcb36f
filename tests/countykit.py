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
