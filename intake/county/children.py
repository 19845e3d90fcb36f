"""The distinct children of the county after the clerk's decisions, per form: what the counts,
statistics, department checks and the upload file are computed over.

Over the current (not replaced) sheets, by child ID: every record with a usable ID is that
child; a record without one is its own child; rows with errors count. A decided group (keep one
record, or a merged record) leaves only the kept record (with the merged field values); a group
marked "not the same child" leaves every record its own child. An open or sent-back duplicate
group counts as one child (a possible duplicate as two). The child's township, file and row are
those of its record; where one child has several records, the first file by name, then row.

Rows left out of a sheet (issue 14's deleted rows, when it lands) drop out in one place, where
each sheet's key frame is made (intake.county.state.KeyFrames.put): the matching, the counts,
the statistics and the upload all read those frames.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import polars as pl

from intake.county.model import DECIDED, DUPLICATE, KEEP, MERGE, NOT_SAME, Group, Ref

# The county check's code for a row whose key address (流动 现居住地, 留守 户籍地址) is in another
# county: that child is another county's to register (validators/codes.py).
OUTSIDE_COUNTY = "address.outside_county"


@dataclass(frozen=True)
class ChildRef:
    sheet_id: int
    index: int                     # record index in its sheet
    form: str
    township: str
    file: str
    sheet: str
    row: int                       # Excel row
    overrides: Mapping[str, str | None] = field(default_factory=dict)   # a merged record's values

    @property
    def ref(self) -> Ref:
        return Ref(self.sheet_id, self.index)


def decided_effects(groups: list[Group]) -> tuple[set[Ref], set[Ref], dict[Ref, dict[str, str | None]]]:
    """(records dropped, records kept apart, overrides of merged records) of the decisions in force."""
    dropped: set[Ref] = set()
    apart: set[Ref] = set()
    overrides: dict[Ref, dict[str, str | None]] = {}
    for g in groups:
        d = g.decision
        if g.status != DECIDED or d is None:
            continue
        if d.action in (KEEP, MERGE):
            dropped |= set(g.refs) - {d.keep}
            if d.action == MERGE:
                overrides.setdefault(d.keep, {}).update({o.field: o.value for o in d.overrides})
        elif d.action == NOT_SAME and g.kind == DUPLICATE:    # twins given one ID: two children
            apart |= set(g.refs)
    return dropped, apart, overrides


def _refs_frame(refs: set[Ref]) -> pl.DataFrame:
    return pl.DataFrame({"sheet_id": [r.sheet_id for r in refs], "index": [r.index for r in refs]},
                        schema={"sheet_id": pl.Int64, "index": pl.Int64})


def distinct_frame(live: pl.DataFrame, groups: list[Group]) -> pl.DataFrame:
    """One row per distinct child (form, sheet_id, index, file, row, ...): `live` has the
    current records with columns sheet_id, index, form, id, file, row (and any others)."""
    dropped, apart, _ = decided_effects(groups)
    frame = live.join(_refs_frame(dropped), on=["sheet_id", "index"], how="anti")
    frame = frame.join(_refs_frame(apart).with_columns(apart=pl.lit(True)), on=["sheet_id", "index"], how="left")
    own = pl.format("r:{}:{}", "sheet_id", "index")
    child = pl.when(pl.col("id").is_not_null() & pl.col("apart").is_null()).then(pl.col("id")).otherwise(own)
    return (frame.with_columns(child=child).sort("form", "file", "sheet_id", "row")
            .group_by("form", "child", maintain_order=True).first().drop("apart"))


def distinct_children(live: pl.DataFrame, groups: list[Group], form: str) -> list[ChildRef]:
    """The children of one form as references, in file-name then row order."""
    _, _, overrides = decided_effects(groups)
    frame = distinct_frame(live.filter(pl.col("form") == form), groups)
    cols = frame.select("sheet_id", "index", "form", "township", "file", "sheet", "row").iter_rows()
    return [ChildRef(s, i, f, t, fl, sh, r, overrides.get(Ref(s, i), {})) for s, i, f, t, fl, sh, r in cols]


def in_county(live: pl.DataFrame) -> pl.DataFrame:
    """The records the county check leaves in this county. Another county's children (a file sent
    here by mistake, a child registered where it does not live) stay on the board, in the counts
    of the JSON and held back from the upload, but are no part of the county's statistics,
    its key-care ledger or the lists sent to its departments."""
    return live.filter(~pl.col("errors").fill_null("").str.contains(OUTSIDE_COUNTY, literal=True))
