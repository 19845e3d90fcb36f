"""All the tables of the statistics over a StatsInput, as data (templates/statistics.toml):
`compute(inp)` -> StatsResult (the tables in definition order, children counted and left out
per form, key-care counts per reason). Polars group-bys, no row loops; about 0.5 s for 200,000
children (benchmarks/stats.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from intake.stats.counting import KIND_FUNCTIONS, Context
from intake.stats.definitions import Statistics, load_statistics
from intake.stats.expressions import key_care, on_distinct, reasons, rule_fields
from intake.stats.population import prepare
from intake.stats.source import SourceInfo, StatsInput
from intake.stats.table import StatTable


@dataclass(frozen=True)
class StatsResult:
    tables: tuple[StatTable, ...]
    counted: dict[str, int]                  # form -> children counted
    left_out: dict[str, int]                 # form -> children left out (max_age or older)
    key_care: dict[str, dict[str, int]]      # form -> {reason: children, "total": children}
    as_of: date
    county: str | None
    source: SourceInfo
    stats: Statistics
    townships_listed: tuple[str, ...] = ()    # the county's townships (listed with their zeros)

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(self.counted)

    def table(self, key: str, form: str | None = None) -> StatTable | None:
        return next((t for t in self.tables if t.definition.key == key and
                     (form is None or t.definition.form == form)), None)

    def topic_tables(self, topic: str) -> list[StatTable]:
        return [t for t in self.tables if t.definition.topic == topic]

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.definition.topic for t in self.tables))


def _key_care(frame: pl.DataFrame, stats: Statistics) -> dict[str, int]:
    """Children per reason and in all, over the distinct combinations of the rule's fields."""
    columns = set(frame.columns)
    flags = reasons(stats.key_care, columns)
    if frame.is_empty():
        return {**{why: 0 for why in flags}, "total": 0}
    combos = on_distinct(frame, rule_fields(stats.key_care), {**flags, "total": key_care(stats.key_care, columns)})
    row = combos.select(*((pl.col(k) * pl.col("_n")).sum().alias(k) for k in [*flags, "total"])).row(0, named=True)
    return {k: int(v) for k, v in row.items()}


def compute(inp: StatsInput, stats: Statistics | None = None) -> StatsResult:
    """The forms in `inp.frames` that have children (both forms for a county) get their tables;
    a form with no frame gets none."""
    stats = stats or load_statistics()
    prepared = {form: prepare(frame, inp.as_of, stats) for form, frame in inp.frames.items()}
    frames = {form: p[0] for form, p in prepared.items()}
    ctx = Context(stats, frames, inp.townships, inp.county)
    tables = []
    for tdef in stats.tables:
        if tdef.form is None and not any(f in frames for f in tdef.forms):
            continue
        if tdef.form is not None and tdef.form not in frames:
            continue
        table = KIND_FUNCTIONS[tdef.kind](tdef, ctx)
        if tdef.table_top and table.exclusive:           # summing the rest is right only then
            table = table.top(tdef.table_top, stats.labels.rest, (tdef.otherwise,))
        tables.append(table)
    return StatsResult(tuple(tables), {f: fr.height for f, fr in frames.items()},
                       {f: p[1] for f, p in prepared.items()},
                       {f: _key_care(fr, stats) for f, fr in frames.items()},
                       inp.as_of, inp.county, inp.source, stats, inp.townships)
