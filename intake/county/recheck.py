"""Stored sheets whose counts and keys were computed for another reference date or county, or
before edits the county has not been told about (the app closed between an edit and its
refresh), are checked again in the child processes before they are shown or counted.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Sequence

from intake.child_pool import JobFailed
from intake.county.state import Snapshot
from intake.county.store import SheetRow
from validators.finding_set import FindingSet

if TYPE_CHECKING:
    from intake.county.desk import CountyDesk

JOB = "intake.county.intake_job:recheck"
IN_PROCESS_ROWS = 20_000      # fewer rows than this: check here (starting the children costs more)


def context(as_of: date | None, county: str | None, edits: int) -> dict:
    return {"as_of": as_of.isoformat() if as_of else None, "county": county, "edits": edits}


def stale_sheets(snap: Snapshot, as_of: date | None, county: str | None) -> list[SheetRow]:
    return [s for s in snap.sheets if s.checked != context(as_of, county, s.n_edits)]


class _Jobs(Sequence):
    """The recheck jobs, each sheet loaded only when a child is about to take it."""

    def __init__(self, desk: "CountyDesk", sheets: list[SheetRow]):
        self.desk, self.sheets = desk, sheets

    def __len__(self) -> int:
        return len(self.sheets)

    def __getitem__(self, n):
        sheet_id = self.sheets[n].sheet_id
        table = self.desk.workspace.load_sheet(sheet_id)
        deleted = sorted(self.desk.workspace.deleted_rows(sheet_id))
        return (table, self.desk.as_of, self.desk.given_county, True, deleted), {}


def _results(desk: "CountyDesk", sheets: list[SheetRow]):
    """(n, TableResult or JobFailed) per sheet: stored cells only (no native reader runs), so a
    small amount is checked in this process, a large one in the children, in parallel."""
    jobs = _Jobs(desk, sheets)
    if sum(s.n_rows for s in sheets) >= IN_PROCESS_ROWS:
        yield from desk.pool.run(JOB, jobs)
        return
    from intake.county.intake_job import recheck as check_here
    for n in range(len(jobs)):
        args, _ = jobs[n]
        yield n, check_here(*args)


def recheck(desk: "CountyDesk", sheets: list[SheetRow]) -> dict[int, FindingSet]:
    """Check the sheets again; stores their counts and keys, returns their findings."""
    found: dict[int, FindingSet] = {}
    if not sheets:
        return found
    for n, result in _results(desk, sheets):
        s = sheets[n]
        stamp = context(desk.as_of, desk.given_county, s.n_edits)
        if isinstance(result, JobFailed):      # keep the old counts; do not try again and again
            desk.store.update_sheet(s.sheet_id, s.counts, stamp, None)
            continue
        desk.store.update_sheet(s.sheet_id, result.counts, stamp, result.keys)
        desk.keys.forget(s.sheet_id)
        desk.records.forget(s.sheet_id)
        found[s.sheet_id] = result.findings
    return found
