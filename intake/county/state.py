"""The county's state at one moment: files, sheets, their townships and versions, the frame of
current records, and the groups with the decisions applied. Built by the desk from the
workspace and rebuilt (cheaply: the matching is incremental) after every change.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from intake.county.keys import KEY_SCHEMA, keys_frame
from intake.county.matching import FRAME_SCHEMA
from intake.county.store import CountyStore, FileRow, SheetRow
from intake.county.township import Township
from intake.county.versions import SheetVersion, Versions

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


def child_keys(frame: pl.DataFrame) -> frozenset:
    """A sheet's children as intake.county.parts compares them: the ID number, else name and
    birth date (rows with neither are left out)."""
    keys = frame.select(pl.coalesce(pl.col("id"), pl.when(pl.col("name").is_not_null())
                                    .then(pl.concat_str(["name", "birth"], separator="|", ignore_nulls=True))))
    return frozenset(keys.to_series().drop_nulls().to_list())


class KeyFrames:
    """Each sheet's keys as a polars frame (with sheet_id, index, form, row), read from the
    workspace once and kept; `forget` after the stored keys were rewritten (an edit)."""

    def __init__(self, store: CountyStore):
        self.store = store
        self._frames: dict[int, pl.DataFrame] = {}
        self._rows: dict[int, list[int]] = {}
        self._children: dict[int, frozenset] = {}

    def rows(self, sheet_id: int) -> list[int]:
        """The sheet's Excel row numbers (of the frame read last)."""
        if sheet_id not in self._rows:
            self._rows[sheet_id] = self.store.row_numbers(sheet_id)
        return self._rows[sheet_id]

    def get(self, sheet: SheetRow) -> pl.DataFrame:
        """The sheet's frame: one row per record that counts (the one place to leave out rows
        a sheet no longer holds, such as deleted rows); `index` stays the record index."""
        if sheet.sheet_id not in self._frames:
            keys = keys_frame(self.store.keys(sheet.sheet_id), sheet.n_rows)
            frame = keys.with_columns(
                sheet_id=pl.lit(sheet.sheet_id, pl.Int64), index=pl.int_range(pl.len(), dtype=pl.Int64),
                form=pl.lit(sheet.form, pl.Utf8)).select(["sheet_id", "index", "form", *keys.columns])
            deleted = self.store.deleted_rows(sheet.sheet_id)
            self._frames[sheet.sheet_id] = frame.filter(~pl.col("index").is_in(list(deleted))) if deleted else frame
        return self._frames[sheet.sheet_id]

    def children(self, sheet: SheetRow) -> frozenset:
        """The sheet's child keys (child_keys), kept until `forget`."""
        if sheet.sheet_id not in self._children:
            self._children[sheet.sheet_id] = child_keys(self.get(sheet))
        return self._children[sheet.sheet_id]

    def forget(self, sheet_id: int) -> None:
        self._frames.pop(sheet_id, None)
        self._rows.pop(sheet_id, None)
        self._children.pop(sheet_id, None)

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
                                        **KEY_SCHEMA, "township": pl.Utf8, "file": pl.Utf8, "sheet": pl.Utf8})
        return pl.concat(parts)

    def matching_frame(self, sheet_ids: list[int], sheets: dict[int, SheetRow]) -> pl.DataFrame:
        parts = [self.get(sheets[s]).select(list(FRAME_SCHEMA)) for s in sheet_ids]
        return pl.concat(parts) if parts else pl.DataFrame(schema=FRAME_SCHEMA)
