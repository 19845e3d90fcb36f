"""Each received file's township, and which version of a township's sheet is current.

A newer file of the same township and form replaces the older one when they are plausibly the
same list (intake.county.parts); otherwise both count, as parts of the township's submission.
Newer: by the 填报日期 line,
else the latest row 填报日期, else the time received; a file with no date at all counts as
dated the day it was received, and equal dates fall back to the time received. (All sheets of
one form in one file are one version: two villages' sheets in one workbook never replace each
other.) The older files stay in the workspace, marked replaced, and the clerk can make any
version current again (a `current` entry in the county log); files whose township is unknown
replace nothing.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from intake.county.log import CURRENT, RELATION, TOWNSHIP, CountyLog
from intake.county.parts import lineages, pair_key
from intake.county.store import FileRow, SheetRow
from intake.county.township import CLERK, Evidence, Township, detect, of_name


@dataclass(frozen=True)
class SheetVersion:
    sheet_id: int
    file_id: int
    township: Township
    form: str
    chain: str                        # "<township key>|<form>": the versions compared
    fill_date: str | None             # the 填报日期 line, else the latest row 填报日期
    current: bool
    superseded_by: int | None         # the current version's file id, when this one is replaced
    replaced_by: int | None = None    # the newer file this one is a version of (None: newest)
    parts: int = 1                    # current files (parts) of the township's submission of the form


def evidence(file: FileRow, sheets: list[SheetRow]) -> Evidence:
    towns: dict[str, int] = defaultdict(int)
    for s in sheets:
        for code, n in s.towns.items():
            towns[code] += n
    return Evidence(tuple(s.reporting_unit for s in sheets if s.reporting_unit),
                    tuple(s.unit_cell for s in sheets if s.unit_cell), dict(towns), file.name,
                    sum(s.n_rows for s in sheets))


def file_townships(files: list[FileRow], sheets: list[SheetRow], county: str | None,
                   log: CountyLog) -> dict[int, Township]:
    """file id -> its township: the clerk's correction, else detected."""
    corrections = log.latest(TOWNSHIP)
    by_file: dict[int, list[SheetRow]] = defaultdict(list)
    for s in sheets:
        by_file[s.file_id].append(s)
    out = {}
    for f in files:
        fixed = corrections.get(f"file:{f.id}")
        out[f.id] = (of_name(fixed.payload["name"], county, CLERK) if fixed
                     else detect(evidence(f, by_file[f.id]), county))
    return out


@dataclass(frozen=True)
class Versions:
    by_sheet: dict[int, SheetVersion]
    chains: dict[str, list[int]]        # chain -> its file ids, oldest version first


def versions(files: list[FileRow], sheets: list[SheetRow], towns: dict[int, Township], log: CountyLog,
             children: Callable[[int, str], frozenset] | None = None) -> Versions:
    """children: (file id, form) -> the file's child keys (default: every newer file is a new
    version, as when no child is known)."""
    received = {f.id: f.received_at for f in files}
    members: dict[str, dict[int, tuple]] = defaultdict(dict)      # chain -> file id -> order
    chain_of: dict[int, str] = {}
    for s in sheets:
        if s.file_id not in received:
            continue
        town = towns[s.file_id]
        chain = chain_of[s.sheet_id] = f"{town.key or f'?{s.file_id}'}|{s.form}"
        order = (s.fill_line or s.latest_row_date or received[s.file_id][:10], received[s.file_id], s.file_id)
        members[chain][s.file_id] = max(order, members[chain].get(s.file_id, order))
    chains = {c: sorted(m, key=m.__getitem__) for c, m in members.items()}
    said = {(*e.payload["files"], e.payload["form"]): (e.id, e.payload["same"])
            for e in log.entries(RELATION, include_undone=False)}
    chosen: dict[str, list[int]] = defaultdict(list)
    for e in log.entries(CURRENT, include_undone=False):
        chosen[e.target].append(e.payload["file_id"])
    found = {}
    for c, ids in chains.items():
        form = c.rsplit("|", 1)[1]
        keys = (lambda f, form=form: children(f, form)) if children else (lambda f: frozenset())
        pairs = {k: v for k, v in said.items() if k[2:] == (form,)}
        found[c] = lineages(ids, keys, {pair_key(a, b): v for (a, b, _), v in pairs.items()}, chosen[c])
    by_sheet = {}
    for s in sheets:
        if s.sheet_id not in chain_of:
            continue
        chain = chain_of[s.sheet_id]
        lin = found[chain]
        now = lin.current[lin.root[s.file_id]]
        by_sheet[s.sheet_id] = SheetVersion(s.sheet_id, s.file_id, towns[s.file_id], s.form, chain,
                                            s.fill_line or s.latest_row_date, now == s.file_id,
                                            None if now == s.file_id else now, lin.replaced_by.get(s.file_id),
                                            len(lin.current))
    return Versions(by_sheet, chains)
