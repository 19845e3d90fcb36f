"""The coverage board: one line per township of the county and per form, whether or not it
sent anything, then lines for files whose township is not one of the county's (another
county's township, or none recognised).

Per line: received or not, the current files, rows, rows with errors, errors, warnings, hints,
the last 填报日期, how many older versions were replaced, and how many conflict groups with a
record of this township and form are still open.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from intake.county.model import OPEN, Group
from intake.county.store import FileRow, SheetRow
from intake.county.versions import Versions
from intake.forms import FORM_KEYS
from validators.townships import townships_of


@dataclass(frozen=True)
class BoardLine:
    township: str                  # name ('' when not recognised)
    code: str | None               # 9-digit township code, when known
    listed: bool                   # one of the county's townships (division table)
    form: str
    files: tuple[str, ...] = ()    # the current files' names
    sheet_ids: tuple[int, ...] = ()
    rows: int = 0
    rows_with_errors: int = 0
    errors: int = 0
    warnings: int = 0
    hints: int = 0
    last_fill_date: str | None = None
    replaced: int = 0              # older versions replaced by a newer file
    open_conflicts: int = 0

    @property
    def received(self) -> bool:
        return bool(self.sheet_ids)


def board(county: str | None, files: list[FileRow], sheets: list[SheetRow], versions: Versions,
          groups: list[Group], rows: dict[int, int] | None = None) -> list[BoardLine]:
    """rows: sheet id -> the records that count (without deleted rows; default: all)."""
    names = {f.id: f.name for f in files}
    lines: dict[tuple[str, str], dict] = {}
    for town in (townships_of(county) if county else ()):
        for form in FORM_KEYS:
            lines[(town.code, form)] = {"township": town.name, "code": town.code, "listed": True, "form": form}
    sheet_line: dict[int, tuple[str, str]] = {}
    for s in sheets:
        v = versions.by_sheet[s.sheet_id]
        key = (v.township.code or v.township.name or f"?{s.file_id}", s.form)
        sheet_line[s.sheet_id] = key
        line = lines.setdefault(key, {"township": v.township.name, "code": v.township.code,
                                      "listed": v.township.listed, "form": s.form})
        if not v.current:
            line["replaced"] = line.get("replaced", 0) + 1
            continue
        line["files"] = (*line.get("files", ()), names[s.file_id])
        line["sheet_ids"] = (*line.get("sheet_ids", ()), s.sheet_id)
        for attr, n in (("rows", (rows or {}).get(s.sheet_id, s.n_rows)), ("rows_with_errors", s.counts.rows_with_errors),
                        ("errors", s.counts.n_errors), ("warnings", s.counts.n_warnings),
                        ("hints", s.counts.n_hints)):
            line[attr] = line.get(attr, 0) + n
        if v.fill_date and (line.get("last_fill_date") or "") < v.fill_date:
            line["last_fill_date"] = v.fill_date
    conflicts: dict[tuple[str, str], int] = defaultdict(int)
    for g in groups:
        if g.status == OPEN:
            for key in {sheet_line[r.sheet_id] for r in g.refs if r.sheet_id in sheet_line}:
                conflicts[key] += 1
    out = [BoardLine(**line, open_conflicts=conflicts[key]) for key, line in lines.items()]
    return sorted(out, key=lambda b: (not b.listed, not b.township, b.code or "", b.township, FORM_KEYS.index(b.form)))
