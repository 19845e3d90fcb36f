"""CountyDesk: the county's work over one workspace - receive files, see the coverage board and
the conflict queue, decide, and get the distinct children, the statistics' frame, the upload
file and the townships' return files. The window and `mopai county` use the same object.

    with Workspace(path) as ws, CountyDesk(ws, as_of=date(2024, 9, 30), county="511324") as desk:
        desk.add_paths(["收到的文件/"])
        for g in desk.groups(kind="duplicate"):
            desk.keep(g, g.refs[0], "保留现居住地的登记").redo()

Every change (a decision, a township, a version made current, an edit) refreshes the state;
the matching is incremental, the rest is a few queries. Commands: see intake.county.commands;
outputs: intake.county.outputs.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable

import polars as pl

from intake.child_pool import ChildPool
from intake.county import frame as frames
from intake.county.board import BoardLine, board
from intake.county.children import ChildRef, decided_effects, distinct_children, distinct_frame, in_county
from intake.county.commands import DeskCommands
from intake.county.outputs import DeskOutputs
from intake.county.queue import DeskQueue
from intake.county.decisions import in_force
from intake.county.groups import GroupBuilder
from intake.county.log import REMOVE, CountyLog
from intake.county.matching import Matcher
from intake.county.model import Group, Ref
from intake.county.receive import Received, receive, sheet_files
from intake.county.recheck import recheck, stale_sheets
from intake.county.state import KeyFrames, SheetMeta, Snapshot
from intake.county.store import CountyStore
from intake.county.township import infer_county
from intake.county.values import Records
from intake.county.versions import file_townships, versions
from intake.workspace import Workspace
from validators.finding_set import FindingSet


class CountyDesk(DeskCommands, DeskQueue, DeskOutputs):
    def __init__(self, workspace: Workspace, *, as_of: date, county: str | None = None,
                 workers: int | None = None):
        """county: the county's code (--county); without it, the county most rows' addresses
        are in (`county_inferred`), and rows outside it are not checked."""
        self.workspace, self.as_of, self.given_county = workspace, as_of, county
        self.store, self.log = CountyStore(workspace), CountyLog(workspace)
        self.records = Records(workspace)
        self.keys = KeyFrames(self.store)
        self.builder = GroupBuilder(self.records, self.keys.rows)
        self.findings: dict[int, FindingSet] = {}       # sheet id -> findings, when known
        self._workers = workers
        self._pool: ChildPool | None = None
        self._matcher: Matcher | None = None
        self.snapshot: Snapshot
        self._groups: list[Group] = []
        self.refresh()

    # --- lifecycle -------------------------------------------------------------------------------
    @property
    def pool(self) -> ChildPool:
        if self._pool is None:
            self._pool = ChildPool(self._workers)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> "CountyDesk":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- receiving -------------------------------------------------------------------------------
    def add_paths(self, paths: Iterable, *, keep_findings: bool = False, progress=None,
                  cancelled=None) -> list[Received]:
        """Receive every sheet file under the paths (see intake.county.receive)."""
        received, found = receive(self.store, sheet_files(paths), as_of=self.as_of,
                                  county=self.given_county, pool=self.pool, keep_findings=keep_findings,
                                  progress=progress, cancelled=cancelled)
        self.findings.update(found)
        self.refresh()
        return received

    # --- state -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        removed = {int(t.split(":")[1]) for t in self.log.latest(REMOVE)}
        files = [f for f in self.store.files() if f.id not in removed]
        sheets = [s for s in self.store.sheets() if s.file_id not in removed]
        county = self.given_county or infer_county(s.places for s in sheets)
        readable = [f for f in files if f.message is None]
        towns = file_townships(readable, sheets, county, self.log)
        vers = versions(readable, sheets, towns, self.log, self._children_of(sheets))
        by_id = {f.id: f for f in files}
        snap = Snapshot(county, self.given_county is None and county is not None, files, sheets, towns, vers)
        snap.meta = {s.sheet_id: SheetMeta(s, by_id[s.file_id], vers.by_sheet[s.sheet_id]) for s in sheets}
        self.snapshot = snap
        if self._recheck(snap):
            return self.refresh()
        self._match(snap)

    def _children_of(self, sheets):
        """(file id, form) -> the child keys of the file's sheets of that form (intake.county.parts)."""
        by_file: dict[tuple[int, str], list] = {}
        for s in sheets:
            by_file.setdefault((s.file_id, s.form), []).append(s)

        def children(file_id: int, form: str) -> frozenset:
            found = [self.keys.children(s) for s in by_file[(file_id, form)]]
            return found[0] if len(found) == 1 else frozenset().union(*found)
        return children

    def _recheck(self, snap: Snapshot) -> bool:
        stale = stale_sheets(snap, self.as_of, self.given_county)
        self.findings.update(recheck(self, stale))
        return bool(stale)

    def _match(self, snap: Snapshot) -> None:
        current = snap.current
        by_id = {s.sheet_id: s for s in snap.sheets}
        if self._matcher is None:
            self._matcher = Matcher(self.store.salt(), self.keys.matching_frame(current, by_id))
        else:
            had = set(self._matcher.frame["sheet_id"].unique().to_list())
            gone, new = had - set(current), [s for s in current if s not in had]
            if gone or new:
                self._matcher.replace_sheets(gone, self.keys.matching_frame(new, by_id))
        self._groups = self.builder.build(self._matcher.groups.values(), snap, in_force(self.log))

    def sheet_changed(self, sheet_id: int, records=None) -> None:
        """A sheet's keys were replaced (an edit of `records`, or of any record): match its
        rows again."""
        self.builder.forget_sheet(sheet_id, records)
        by_id = {s.sheet_id: s for s in self.snapshot.sheets}
        if self._matcher is not None and sheet_id in self.snapshot.current:
            self._matcher.replace_sheets([sheet_id], self.keys.matching_frame([sheet_id], by_id))
        self.refresh()

    # --- reading ---------------------------------------------------------------------------------
    @property
    def county(self) -> str | None:
        return self.snapshot.county

    @property
    def county_inferred(self) -> bool:
        return self.snapshot.county_inferred

    def board(self) -> list[BoardLine]:
        s = self.snapshot
        rows = {sheet_id: self.keys.get(s.meta[sheet_id].info).height for sheet_id in s.current}
        return board(s.county, [f for f in s.files if f.message is None], s.sheets, s.versions, self._groups, rows)

    def open_session(self, sheet_id: int, progress=None, cancelled=None):
        """The sheet as a SheetSession checked with the desk's reference date and county (so
        that `sheet_edited` after an edit counts what the desk counts)."""
        from intake.opening import open_stored
        return open_stored(self.workspace, sheet_id, as_of=self.as_of, county=self.given_county,
                           progress=progress, cancelled=cancelled)

    def children(self, form: str, county_only: bool = False) -> list[ChildRef]:
        """county_only: without another county's children (intake.county.children.in_county)."""
        live = self.keys.live(self.snapshot)
        return distinct_children(in_county(live) if county_only else live, self._groups, form)

    def children_frame(self, form: str, fields: list[str] | None = None, raw=()) -> pl.DataFrame:
        """raw: fields kept as written (intake.county.frame)."""
        return frames.children_frame(self.records, self.children(form), fields, raw)

    def children_keys(self, form: str | None = None, county_only: bool = False) -> pl.DataFrame:
        """The distinct children (as `children`, both forms when form is None) as one frame of
        their keys (intake.county.keys: id, name, birth, …) with sheet_id, index, form,
        township, file, sheet and row; reads no cell (the department checks start from it)."""
        live = self.keys.live(self.snapshot)
        live = in_county(live) if county_only else live
        return distinct_frame(live if form is None else live.filter(pl.col("form") == form), self._groups)

    def merged_values(self) -> dict[Ref, dict[str, str | None]]:
        """The field values a merged record takes from the other records of its group."""
        return decided_effects(self._groups)[2]

    def findings_for(self, sheet_ids: list[int]) -> dict[int, FindingSet]:
        """Each sheet's findings: kept from receiving or an edit, else checked again."""
        unknown = set(sheet_ids) - set(self.findings)
        self.findings.update(recheck(self, [s for s in self.snapshot.sheets if s.sheet_id in unknown]))
        return {s: self.findings[s] for s in sheet_ids}
