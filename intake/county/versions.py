"""Each received file's township, and which version of a township's sheet is current.

A newer file of the same township and form replaces the older one. Newer: by the 填报日期 line,
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

from intake.county.log import CURRENT, TOWNSHIP, CountyLog
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


def evidence(file: FileRow, sheets: list[SheetRow]) -> Evidence:
    towns: dict[str, int] = defaultdict(int)
    for s in sheets:
        for code, n in s.towns.items():
            towns[code] += n
    return Evidence(tuple(s.reporting_unit for s in sheets if s.reporting_unit),
                    tuple(s.unit_cell for s in sheets if s.unit_cell), dict(towns), file.name)


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


def versions(files: list[FileRow], sheets: list[SheetRow], towns: dict[int, Township],
             log: CountyLog) -> Versions:
    received = {f.id: f.received_at for f in files}
    chosen = {target: e.payload["file_id"] for target, e in log.latest(CURRENT).items()}
    members: dict[str, dict[int, tuple]] = defaultdict(dict)      # chain -> file id -> order
    chain_of: dict[int, str] = {}
    for s in sheets:
        town = towns[s.file_id]
        chain = chain_of[s.sheet_id] = f"{town.key or f'?{s.file_id}'}|{s.form}"
        order = (s.fill_line or s.latest_row_date or received[s.file_id][:10], received[s.file_id], s.file_id)
        members[chain][s.file_id] = max(order, members[chain].get(s.file_id, order))
    chains = {c: sorted(m, key=m.__getitem__) for c, m in members.items()}
    current = {c: chosen[c] if chosen.get(c) in ids else ids[-1] for c, ids in chains.items()}
    by_sheet = {}
    for s in sheets:
        chain = chain_of[s.sheet_id]
        now = current[chain] == s.file_id
        by_sheet[s.sheet_id] = SheetVersion(s.sheet_id, s.file_id, towns[s.file_id], s.form, chain,
                                            s.fill_line or s.latest_row_date, now,
                                            None if now else current[chain])
    return Versions(by_sheet, chains)
