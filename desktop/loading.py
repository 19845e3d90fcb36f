"""Jobs that open sheets as sessions (as intake.opening does), to run in a Worker thread.

Opening a file reads and validates it and stores each table in the workspace; a file whose content
was imported before comes back as its stored sheets with every edit. Restoring the sheets that were
open at the last exit (or crash) reopens them from the workspace; a sheet that is gone is skipped.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from intake import opening
from intake.checking import validator_for
from intake.errors import Cancelled, MopaiError, ReadError
from intake.reader.isolated import read_tables_isolated
from intake.session import SheetSession
from intake.workspace import Workspace
from validators.engine import Cancelled as EngineCancelled

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]


@dataclass(frozen=True)
class CheckOptions:
    as_of: date | None = None      # the user's fixed reference date; None: each sheet's 填报日期
    county: str | None = None
    sheet_county: str | None = None    # these sheets' own county, kept with them (the sample's)


def open_file_job(path: Path, workspace: Workspace, options: CheckOptions, password: str | None = None):
    """intake.opening.open_file, except that the file is read in a child process
    (intake.reader.isolated): the window never freezes while calamine parses it, and a crash of
    a native reader on a damaged file is a message, not a closed window."""
    def job(progress: Progress, cancelled: IsCancelled) -> list[SheetSession]:
        digest = opening.file_hash(path)
        stored = workspace.find_sheets(digest)
        if stored:                     # seen before: its stored sheets come back with every edit
            for info in stored:
                _keep_county(workspace, info.id, options)
            return open_stored_job([s.id for s in stored], workspace, options)(progress, cancelled)
        tables = read_tables_isolated(path, password=password, progress=_half(progress, 0),
                                      cancelled=cancelled)
        if not tables:
            raise ReadError(f"文件“{path.name}”中没有找到流动儿童或留守儿童登记表")
        sessions = []
        for n, table in enumerate(tables):
            validator = validator_for(table, as_of=options.as_of,
                                      county=options.sheet_county or options.county)
            try:
                validator.run(progress=_half(progress, 1, n, len(tables)), cancelled=cancelled)
            except EngineCancelled:
                raise Cancelled() from None
            sessions.append((table, validator))
        if cancelled():
            raise Cancelled()          # nothing stored when cancelled
        opened = [SheetSession(workspace, workspace.import_table(t, file_hash=digest), t, v)
                  for t, v in sessions]
        for session in opened:
            _keep_county(workspace, session.sheet_id, options)
        return opened
    return job


def _keep_county(workspace: Workspace, sheet_id: int, options: CheckOptions) -> None:
    if options.sheet_county:
        opening.set_sheet_county(workspace, sheet_id, options.sheet_county)


def _half(progress: Progress, half: int, part: int = 0, parts: int = 1) -> Progress:
    """Reading is the first half of the bar, validating (table by table) the second."""
    def report(done: int, total: int) -> None:
        progress(int((half + (part + done / max(total, 1)) / parts) * 500), 1000)
    return report


def open_stored_job(sheet_ids: list[int], workspace: Workspace, options: CheckOptions):
    def job(progress: Progress, cancelled: IsCancelled) -> list[SheetSession]:
        sessions = []
        for n, sheet_id in enumerate(sheet_ids):
            def part(done: int, total: int, n: int = n) -> None:
                progress(n * 1000 + done * 1000 // max(total, 1), 1000 * len(sheet_ids))
            try:
                sessions.append(opening.open_stored(workspace, sheet_id, as_of=options.as_of,
                                                    county=options.county, progress=part,
                                                    cancelled=cancelled))
            except MopaiError:
                if cancelled():
                    raise
                continue         # the sheet was removed from the workspace: nothing to restore
        return sessions
    return job
