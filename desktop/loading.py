"""Jobs that open sheets as sessions (intake.opening), to run in a Worker thread.

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
from intake.errors import MopaiError
from intake.session import SheetSession
from intake.workspace import Workspace

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]


@dataclass(frozen=True)
class CheckOptions:
    as_of: date | None = None      # the user's fixed reference date; None: each sheet's 填报日期
    county: str | None = None


def open_file_job(path: Path, workspace: Workspace, options: CheckOptions, password: str | None = None):
    def job(progress: Progress, cancelled: IsCancelled) -> list[SheetSession]:
        return opening.open_file(workspace, path, as_of=options.as_of, county=options.county,
                                 password=password, progress=progress, cancelled=cancelled)
    return job


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
