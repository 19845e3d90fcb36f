"""The kinds of table (intake.stats.table_defs.KINDS), each a polars group-by over the counted
children of intake.stats.population.prepare. Rows that are not options (无法识别, 未填写, 年龄不详 …)
are listed only when some child is in them."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import polars as pl

from intake.forms import load_form
from intake.stats import places
from intake.stats.definitions import Statistics
from intake.stats.expressions import MULTI_SEPARATOR, on_distinct
from intake.stats.table import StatTable
from intake.stats.table_defs import TableDef


@dataclass(frozen=True)
class Context:
    stats: Statistics
    frames: dict[str, pl.DataFrame]        # form -> counted children (population.prepare)
    townships: tuple[str, ...]             # listed first, in this order, with their zeros
    county: str | None
    places: dict = field(default_factory=dict)     # (form, field, county) -> intake.stats.places

    def places_of(self, form: str, key: str, county: str | None) -> pl.DataFrame:
        if (form, key, county) not in self.places:
            frame = self.frames[form]
            column = frame[key] if key in frame.columns else pl.Series([None] * frame.height, dtype=pl.Utf8)
            self.places[(form, key, county)] = places.places(column, county)
        return self.places[(form, key, county)]


def _tally(frame: pl.DataFrame, by: list[str]) -> dict[tuple, int]:
    if frame.is_empty():
        return {}
    return {tuple(k): n for *k, n in frame.group_by(by).len().iter_rows()}


def _rows(fixed: list[str], seen: dict, tail: list[str]) -> list[str]:
    """The fixed rows, then other seen keys in their order, then the tail rows that have children."""
    keys = {k[0] for k in seen}
    rows = list(fixed) + sorted(k for k in keys if k not in fixed and k not in tail)
    return rows + [t for t in tail if t in keys]


def _single(tdef: TableDef, rows: list[str], tally: dict[tuple, int], children: int, exclusive=True) -> StatTable:
    label = tdef.value_label or "人数"
    return StatTable(tdef, tuple(rows), (label,), tuple((tally.get((r,), 0),) for r in rows), children, exclusive)


def _options(tdef: TableDef) -> list[str]:
    options = list(load_form(tdef.form).field(tdef.field).options)
    if tdef.blank_as and tdef.blank_as not in options:
        options.insert(0, tdef.blank_as)
    return options


def choice(tdef: TableDef, ctx: Context) -> StatTable:
    frame, labels, options = ctx.frames[tdef.form], ctx.stats.labels, _options(tdef)
    value = pl.col(tdef.field)
    if tdef.blank_as:
        value = value.fill_null(tdef.blank_as)
    category = pl.when(value.is_null()).then(pl.lit(labels.blank)).when(value.is_in(options)) \
        .then(value).otherwise(pl.lit(labels.unrecognised))
    tally = _tally(frame.select(category.alias("c")), ["c"])
    return _single(tdef, _rows(options, tally, [labels.unrecognised, labels.blank]), tally, frame.height)


def multi(tdef: TableDef, ctx: Context) -> StatTable:
    frame, labels, options = ctx.frames[tdef.form], ctx.stats.labels, _options(tdef)
    value = pl.col(tdef.field)
    if tdef.blank_as:
        value = value.fill_null(tdef.blank_as)
    picked = value.fill_null("").str.split(MULTI_SEPARATOR).list.eval(
        pl.element().str.split("：").list.first().str.strip_chars()).list.eval(
        pl.element().filter(pl.element() != "")).list.eval(
        pl.when(pl.element().is_in(options)).then(pl.element()).otherwise(pl.lit(labels.unrecognised))).list.unique()
    picked = pl.when(picked.list.len() == 0).then(pl.lit([labels.blank])).otherwise(picked)
    tally: dict[tuple, int] = {}
    if frame.height:        # the options of each distinct cell, weighted by how many children have it
        weighted = on_distinct(frame, [tdef.field], {"c": picked}).explode("c").group_by("c").agg(pl.col("_n").sum())
        tally = {(c,): int(n) for c, n in weighted.iter_rows()}
    return _single(tdef, _rows(options, tally, [labels.unrecognised, labels.blank]), tally, frame.height, False)


def age_sex(tdef: TableDef, ctx: Context) -> StatTable:
    frame, labels, groups = ctx.frames[tdef.form], ctx.stats.labels, ctx.stats.age_groups
    tally = _tally(frame.select(pl.col("_group"), pl.col("_sex")), ["_group", "_sex"])
    keys = [g.key for g in groups] + ([None] if any(k[0] is None for k in tally) else [])
    sexes = ["男", "女"] + ([None] if any(k[1] is None for k in tally) else [])
    rows = tuple(g.label for g in groups) + ((labels.unknown_age,) if None in keys else ())
    series = ("男", "女") + ((labels.unknown_sex,) if None in sexes else ())
    counts = tuple(tuple(tally.get((k, s), 0) for s in sexes) for k in keys)
    return StatTable(tdef, rows, series, counts, frame.height, True)


def categories(tdef: TableDef, ctx: Context) -> StatTable:
    frame = ctx.frames[tdef.form]
    expr = pl.lit(tdef.otherwise)
    for c in reversed(tdef.categories):
        holds = pl.all_horizontal([pl.col(f).is_in(list(v)).fill_null(False) if f in frame.columns else pl.lit(False)
                                   for f, v in c.when])
        expr = pl.when(holds).then(pl.lit(c.name)).otherwise(expr)
    tally = _tally(frame.select(expr.alias("c")), ["c"])
    return _single(tdef, _rows([c.name for c in tdef.categories], tally, [tdef.otherwise]), tally, frame.height)


def township(tdef: TableDef, ctx: Context) -> StatTable:
    forms = [f for f in tdef.forms if f in ctx.frames]
    parts = [ctx.frames[f].select("_town", pl.lit(f).alias("_form")) for f in forms]
    frame = pl.concat(parts) if parts else pl.DataFrame(schema={"_town": pl.Utf8, "_form": pl.Utf8})
    tally = _tally(frame, ["_town", "_form"])
    unknown = ctx.stats.labels.unknown_township
    rows = _rows(list(ctx.townships), {(t,): 1 for t, _f in tally}, [unknown])
    series = tuple(load_form(f).short for f in forms)
    counts = tuple(tuple(tally.get((r, f), 0) for f in forms) for r in rows)
    tdef = replace(tdef, title=tdef.title.replace("{forms}", "和".join(series)))
    return StatTable(tdef, tuple(rows), series, counts, frame.height, True)


def place(tdef: TableDef, ctx: Context) -> StatTable:
    frame, county = ctx.frames[tdef.form], ctx.county if tdef.away else None
    column = places.PROVINCE if tdef.level == "province" else places.PREFECTURE
    found = []
    for f in tdef.fields:
        where = ctx.places_of(tdef.form, f, county)
        keep = where[column]
        if county:
            keep = pl.select(pl.when(where[places.IN_COUNTY].fill_null(False)).then(None).otherwise(keep)).to_series()
        found.append(keep.alias(f))
    per_child = pl.DataFrame(found).with_row_index("_child") if found else pl.DataFrame()
    long = per_child.unpivot(index="_child", value_name="c").drop_nulls("c").unique(["_child", "c"]) \
        if frame.height else pl.DataFrame(schema={"_child": pl.UInt32, "c": pl.Utf8})
    tally = _tally(long.select("c"), ["c"])
    placed = long["_child"].n_unique() if long.height else 0
    if frame.height - placed:
        tally[(tdef.otherwise,)] = frame.height - placed
    rows = sorted((k[0] for k in tally if k[0] != tdef.otherwise), key=lambda r: (-tally[(r,)], r))
    rows += [tdef.otherwise] if (tdef.otherwise,) in tally else []
    return _single(tdef, rows, tally, frame.height, exclusive=len(tdef.fields) == 1)


KIND_FUNCTIONS = {"choice": choice, "multi": multi, "age_sex": age_sex, "categories": categories,
                  "township": township, "place": place}
