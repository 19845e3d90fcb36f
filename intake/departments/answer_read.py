"""Reading a department's answer: its own workbook or CSV, in any layout the reader handles,
mapped against the department profile's columns and aliases (intake.reader.any_table), read in
a child process like every file.

`read_answer(profile, path, password=, mapping=, progress=, cancelled=) -> AnswerFile`: the
tables, the answer as records (intake.departments.answer_records), the columns the clerk
should confirm (`doubtful`: matched only by likeness), the asked columns the file lacks
(`missing`) and the reader's notes. Nothing is stored: `DepartmentDesk.store_answer` does that
once the clerk has confirmed (or `mapping` re-reads with the clerk's choice).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import polars as pl

from intake.departments.answer_records import records_frame
from intake.departments.profile import DepartmentProfile
from intake.reader.any_table import ANY_TABLES, columns_template, read_any_tables
from intake.reader.isolated import read_isolated
from intake.reader.mapping import normalise
from intake.reader.source import check_readable
from intake.table import SheetTable
from validators.form import FormTemplate

SENT_PREFIX = "sent:"         # the list's own columns read back (ignored: the county's values)


@dataclass(frozen=True)
class Doubt:
    """A column matched by likeness only: the clerk confirms or picks another."""
    sheet: str
    col: int
    header: str
    key: str | None                 # the answer column it was matched to
    label: str | None
    confidence: float


@dataclass
class AnswerFile:
    dept: str
    path: Path
    file_hash: str
    tables: list[SheetTable]
    records: pl.DataFrame
    mapping: dict[str, dict[int, str | None]]       # sheet -> column -> answer key (as read)
    doubtful: list[Doubt] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)    # labels of asked columns not found
    recalled: list[Doubt] = field(default_factory=list)   # mapped as the clerk confirmed before
    notes: list[str] = field(default_factory=list)

    @property
    def n_records(self) -> int:
        return self.records.height


def answer_template(profile: DepartmentProfile) -> FormTemplate:
    """The answer's columns as a template; the outgoing list's own columns (登记的纳入医保情况)
    are known too, so that reading a returned list never takes them for answer columns."""
    columns = [(a.key, a.label, a.aliases) for a in profile.answer]
    known = {h for a in profile.answer for h in a.headers}
    columns += [(SENT_PREFIX + s.field, s.label, ()) for s in profile.sent if s.label not in known]
    return columns_template(f"dept:{profile.key}", f"{profile.name}的回复", columns)


def key_columns(profile: DepartmentProfile) -> tuple[str, ...]:
    return tuple(a.key for a in profile.answer if a.role in ("id", "card"))


def read_answer(profile: DepartmentProfile, path: str | Path, *, password: str | None = None,
                mapping: dict | None = None, headers: dict | None = None, isolated: bool = True,
                progress=None, cancelled=None) -> AnswerFile:
    """`headers`: the clerk's earlier choices (intake.departments.header_memory.recalled)."""
    path = Path(path)
    check_readable(path)
    headers = headers or {}
    options = {"template": answer_template(profile), "required": key_columns(profile),
               "password": password, "mapping": mapping, "headers": headers}
    if isolated:
        tables = read_isolated(ANY_TABLES, path, options, progress, cancelled)
    else:
        tables = read_any_tables(path, progress=progress, cancelled=cancelled, **options)
    records, notes = records_frame(profile, tables)
    found = {c.field for t in tables for c in t.columns if c.field}
    doubt = partial(_doubt, profile)
    return AnswerFile(
        dept=profile.key, path=path, file_hash=_hash(path), tables=tables, records=records,
        mapping={t.sheet: {c.col: c.field for c in t.columns} for t in tables},
        doubtful=[doubt(t, c) for t in tables for c in t.columns if c.how == "fuzzy"],
        recalled=[doubt(t, c) for t in tables for c in t.columns
                  if c.how == "remembered" and normalise(c.header) in headers],
        missing=[a.label for a in profile.asked if a.key not in found and a.role != "result"],
        notes=[n.message for t in tables for n in t.notes] + notes)


def _doubt(profile: DepartmentProfile, table: SheetTable, c) -> Doubt:
    label = profile.column(c.field).label if c.field in {a.key for a in profile.answer} else None
    return Doubt(table.sheet, c.col, c.header, c.field, label, c.confidence)


def remapped(mapping: dict, choices: dict[tuple[str, int], str | None]) -> dict:
    """The mapping read (sheet -> column -> answer key) with the clerk's choices in place
    ((sheet, column) -> key, None: not used); a key takes one column per sheet."""
    out = {s: dict(m) for s, m in mapping.items()}
    for (sheet, col), key in choices.items():
        if key is not None:
            out[sheet] = {c: (None if k == key else k) for c, k in out[sheet].items()}
        out[sheet][col] = key
    return out


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
