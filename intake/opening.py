"""Open sheets as sessions: a file read, validated and stored in the workspace, or a stored
sheet reopened with every edit.

`open_file(workspace, path, ...)` resumes the stored sheets when the workspace already holds a file
with the same content (its SHA-256), so opening the same file again brings back the clerk's edits;
`open_stored(workspace, sheet_id, ...)` reopens one stored sheet. Both take progress(done, total)
and cancelled() and may run in a worker thread (the Workspace serialises its connection); the
returned sessions are then used from the GUI thread.
"""
from __future__ import annotations

import hashlib
import time
from datetime import date
from pathlib import Path
from typing import Callable

from intake.checking import check_file, validator_for
from intake.errors import Cancelled
from intake.reader.source import source_error
from intake.session import SheetSession
from intake.workspace import Workspace
from validators.engine import Cancelled as EngineCancelled

Progress = Callable[[int, int], None]
SHEET_COUNTY = "sheet_county"      # workspace decision: the county one sheet is checked against


def file_hash(path: str | Path) -> str:
    """SHA-256 of the file's bytes: the same file opened again is recognised by its content."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise source_error(Path(path), exc) from exc
    return digest.hexdigest()


def open_file(workspace: Workspace, path: str | Path, *, form: str | None = None,
              as_of: date | None = None, county: str | None = None, password: str | None = None,
              progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
              resume: bool = True) -> list[SheetSession]:
    """Every registration table of a file as a session. When `resume` and the workspace already
    holds a file with the same content, its stored sheets come back with all their edits;
    otherwise the file is read, validated and then stored. Raises ReadError / PasswordRequired /
    intake.errors.Cancelled (nothing is stored when cancelled)."""
    digest = file_hash(path)
    stored = workspace.find_sheets(digest) if resume else []
    if stored:
        return [open_stored(workspace, s.id, as_of=as_of, county=county,
                            progress=_part(progress, n, len(stored)), cancelled=cancelled)
                for n, s in enumerate(stored)]
    checked = check_file(path, form=form, as_of=as_of, county=county, password=password,
                         progress=progress, cancelled=cancelled)
    if cancelled is not None and cancelled():
        raise Cancelled()
    return [SheetSession(workspace, workspace.import_table(c.table, file_hash=digest), c.table, c.validator)
            for c in checked]


def open_stored(workspace: Workspace, sheet_id: int, *, as_of: date | None = None,
                county: str | None = None, progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None) -> SheetSession:
    """Reopen a stored sheet: its cells with every edit re-applied, validated afresh. `county`
    is the default: a sheet given its own county (set_sheet_county) is checked against that."""
    county = sheet_county(workspace, sheet_id, county)
    table = workspace.load_sheet(sheet_id)
    validator = validator_for(table, as_of=as_of, county=county)
    validator.set_excluded(workspace.deleted_rows(sheet_id))     # deleted rows stay out
    started = time.perf_counter()
    try:
        validator.run(progress=progress, cancelled=cancelled)
    except EngineCancelled:
        raise Cancelled() from None
    return SheetSession(workspace, sheet_id, table, validator, run_seconds=time.perf_counter() - started)


def sheet_county(workspace: Workspace, sheet_id: int, default: str | None = None) -> str | None:
    """The county this sheet is checked against: its own (the bundled sample's 西湖区), else
    `default` (the user's county)."""
    return workspace.decision(SHEET_COUNTY, "county", default, sheet_id=sheet_id) or default


def set_sheet_county(workspace: Workspace, sheet_id: int, code: str | None) -> None:
    """Check this sheet against `code` whatever the user's county is (None: the user's)."""
    workspace.set_decision(SHEET_COUNTY, "county", code, sheet_id=sheet_id)


def _part(progress: Progress | None, part: int, parts: int) -> Progress | None:
    if progress is None:
        return None
    return lambda done, total: progress(int((part + done / max(total, 1)) / parts * 1000), 1000)
