"""The county's state at one moment: files, sheets, their townships and versions, the frame of
current records, and the groups with the decisions applied. Built by the desk from the
workspace and rebuilt (cheaply: the matching is incremental) after every change.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from intake.county.keys import KEYS
from intake.county.matching import FRAME_SCHEMA
from intake.county.store import CountyStore, FileRow, SheetRow
from intake.county.township import Township
from intake.county.versions import SheetVersion, Versions

KEY_SCHEMA = {k: pl.Utf8 for k in KEYS}
LIVE_META = {"township": pl.Utf8, "file": pl.Utf8, "sheet": pl.Utf8, "row": pl.Int64}


@dataclass(frozen=True)
class SheetMeta:
    info: SheetRow
    file: FileRow
    version: SheetVersion

    @property
    def township(self) -> Township:
        return self.version.township


@dataclass
class Snapshot:
    county: str | None
    county_inferred: bool
    files: list[FileRow]
    sheets: list[SheetRow]
    towns: dict[int, Township]                 # file id -> township
    versions: Versions
    meta: dict[int, SheetMeta] = field(default_factory=dict)

    @property
    def current(self) -> list[int]:
        return [s.sheet_id for s in self.sheets if self.versions.by_sheet[s.sheet_id].current]


class KeyFrames:
    """Each sheet's keys as a polars frame (with sheet_id, index, form, row), read from the
    workspace once and kept; `put` replaces a sheet's after an edit."""

    def __init__(self, store: CountyStore):
        self.store = store
        self._frames: dict[int, pl.DataFrame] = {}
        self._rows: dict[int, list[int]] = {}

    def rows(self, sheet_id: int) -> list[int]:
        """The sheet's Excel row numbers."""
        if sheet_id not in self._rows:
            self._rows[sheet_id] = self.store.row_numbers(sheet_id)
        return self._rows[sheet_id]

    def get(self, sheet: SheetRow) -> pl.DataFrame:
        if sheet.sheet_id not in self._frames:
            self.put(sheet, self.store.keys(sheet.sheet_id))
        return self._frames[sheet.sheet_id]

    def forget(self, sheet_id: int) -> None:
        """Read the sheet's keys from the workspace again next time (they were rewritten)."""
        self._frames.pop(sheet_id, None)

    def put(self, sheet: SheetRow, keys: dict[str, list]) -> pl.DataFrame:
        n = sheet.n_rows
        rows = self.rows(sheet.sheet_id)
        frame = pl.DataFrame({"sheet_id": [sheet.sheet_id] * n, "index": list(range(n)),
                              "form": [sheet.form] * n, "row": rows,
                              **{k: keys.get(k, [None] * n) for k in KEYS}},
                             schema={"sheet_id": pl.Int64, "index": pl.Int64, "form": pl.Utf8,
                                     "row": pl.Int64, **KEY_SCHEMA})
        self._frames[sheet.sheet_id] = frame
        return frame

    def live(self, snapshot: Snapshot) -> pl.DataFrame:
        """The current records: keys plus township, file, sheet and row (the one place a
        record filter such as deleted rows belongs)."""
        parts = []
        for sheet_id in snapshot.current:
            m = snapshot.meta[sheet_id]
            parts.append(self.get(m.info).with_columns(
                township=pl.lit(m.township.name), file=pl.lit(m.file.name), sheet=pl.lit(m.info.sheet)))
        if not parts:
            return pl.DataFrame(schema={"sheet_id": pl.Int64, "index": pl.Int64, "form": pl.Utf8,
                                        "row": pl.Int64, **KEY_SCHEMA, "township": pl.Utf8,
                                        "file": pl.Utf8, "sheet": pl.Utf8})
        return pl.concat(parts)

    def matching_frame(self, sheet_ids: list[int], sheets: dict[int, SheetRow]) -> pl.DataFrame:
        parts = [self.get(sheets[s]).select(list(FRAME_SCHEMA)) for s in sheet_ids]
        return pl.concat(parts) if parts else pl.DataFrame(schema=FRAME_SCHEMA)
