"""What the statistics and the register are computed over, from a county desk
(`desk_children`) or from single sheets (`sheets_children`): a ChildrenSet of the same
distinct children (intake.county.children.ChildRef) read through the same frame builder
(intake.county.frame.children_frame). `stats_input(children)` is the statistics' StatsInput.

Thread use: a ChildrenSet reads the desk's records (desk_children) or copies of the sheets'
cells (sheet_children.snapshot): build and read it in one worker thread."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Sequence

import polars as pl

from intake.county.children import ChildRef, in_county
from intake.county.frame import children_frame
from intake.county.keys import KEY_ADDRESS
from intake.forms import FORM_KEYS
from intake.stats.definitions import Statistics
from intake.stats.sheet_children import SheetData, SheetRecords, sheet_children, township_of
from intake.stats.source import COUNTY, SHEETS, SourceInfo, StatsInput, fields_for, raw_fields_for
from validators import address, divisions
from validators.run_support import gc_paused
from validators.townships import townships_of

SAMPLE = 300


@dataclass
class ChildrenSet:
    records: object                          # table(sheet_id) -> SheetTable
    children: dict[str, list[ChildRef]]      # form -> distinct children (the forms there are)
    as_of: date
    county: str | None
    townships: tuple[str, ...]               # the county's townships, listed with their zeros
    source: SourceInfo

    def frame(self, form: str, fields: Sequence[str], raw: Sequence[str] = (),
              refs: Sequence[ChildRef] | None = None) -> pl.DataFrame:
        """The children (or `refs`) of a form as a frame (intake.county.frame.children_frame)."""
        with gc_paused():
            return children_frame(self.records, self.children.get(form, []) if refs is None else refs, fields, raw)


def stats_input(children: ChildrenSet, stats: Statistics | None = None) -> StatsInput:
    """The fields the tables of `stats` (default: templates/statistics.toml) read."""
    frames = {f: children.frame(f, fields_for(f, stats), raw_fields_for(f, stats)) for f in children.children}
    return StatsInput(frames, children.as_of, children.county, children.townships, children.source)


def desk_source(desk) -> SourceInfo:
    """The files and townships named as the statistics' source: the current files with records
    in the county (a file of another county's children is received but not counted)."""
    live = in_county(desk.keys.live(desk.snapshot))
    times = [t for e in desk.log.entries() for t in (e.at, e.undone_at) if t]
    in_force = sum(len(desk.log.latest(c)) for c in ("decide", "township", "current"))
    return SourceInfo(divisions.name(desk.county) if desk.county else "本县", COUNTY,
                      tuple(sorted(set(live["file"].to_list()))),
                      tuple(sorted(set(live["township"].drop_nulls().to_list()) - {""})),
                      in_force, max(times, default=None))


def desk_children(desk) -> ChildrenSet:
    """Both forms' distinct children of the county after its decisions (another county's
    children left out: intake.county.children.in_county; call in the desk's thread)."""
    listed = tuple(d.name for d in townships_of(desk.county)) if desk.county else ()
    with gc_paused():
        children = {f: desk.children(f, county_only=True) for f in FORM_KEYS}
    return ChildrenSet(desk.records, children, desk.as_of, desk.county, listed, desk_source(desk))


def infer_county(sheets: Sequence[SheetData]) -> str | None:
    """The county most of the sheets' key addresses (流动 现居住地, 留守 户籍地址) are in, from a
    sample of each sheet's distinct addresses (the county of a township's own sheets)."""
    tally: Counter[str] = Counter()
    for s in sheets:
        values = s.table.data.values.get(KEY_ADDRESS[s.table.form], ())
        sample = list(dict.fromkeys(v for v in values if v and v.strip()))[:SAMPLE]
        tally.update(c for c in (_county(v) for v in sample) if c)
    return tally.most_common(1)[0][0] if tally else None


def _county(value: str) -> str | None:
    found = address.resolve(value).resolved
    return found.county if found is not None else None


def sheets_children(sheets: Sequence[SheetData], as_of: date, county: str | None = None) -> ChildrenSet:
    """Single sheets (a township's own): only the forms they hold. Without a county, the
    county of most key addresses (the 留守 parents' work places are those outside it)."""
    county = county or infer_county(sheets)
    forms = [f for f in FORM_KEYS if any(s.table.form == f for s in sheets)]
    with gc_paused():
        children = {f: sheet_children(sheets, county, f) for f in forms}
    towns = tuple(dict.fromkeys(t for t in (township_of(s.table, county) for s in sheets) if t))
    scope = towns[0] if len(towns) == 1 else (sheets[0].table.source.name if len(sheets) == 1 else "本次统计")
    info = SourceInfo(scope, SHEETS, tuple(dict.fromkeys(s.table.source.name for s in sheets)), towns)
    return ChildrenSet(SheetRecords(sheets), children, as_of, county, (), info)


def desk_input(desk, stats: Statistics | None = None) -> StatsInput:
    return stats_input(desk_children(desk), stats)


def sheets_input(sheets: Sequence[SheetData], as_of: date, county: str | None = None,
                 stats: Statistics | None = None) -> StatsInput:
    return stats_input(sheets_children(sheets, as_of, county), stats)
