"""The bulk run's address columns (validators.bulk): canonical addresses resolved column-wise.

Each cell's county path and township word come from polars (validators.address_heads); a word
that is a full township name of the path's county is known by one join with the table's names,
any other word is looked up once (validators.township_words.lookup). One check_cell per county path
gives the facts its cells share; the form's county_field keeps the township in its facts (the
one address a rule reads). A parent's address that is the child's very text in the same row
shares that cell's facts. Cells these shortcuts cannot vouch for go to check_cell.
"""
from __future__ import annotations

from typing import Any

import polars as pl

from validators import address_heads, township_words
from validators.column_pass import PATH, TOWN
from validators.form import Field

TOWNSHIP_UNKNOWN = "address.township_unknown"


def fill_addresses(field: Field, values: list, column, slow: set[int], facts: list, checker) -> None:
    """Facts of the canonical cells of one address column (column: its part of the column
    pass, validators.column_pass; checker: bulk.CellChecker); cells sent to check_cell are
    added to `slow`: those whose township word names none of the county's townships
    (check_cell warns), and those of a county path whose representative had any other finding
    (or no facts)."""
    keep = field.key in checker.township_fields
    series = column.text
    clean = _copy_same_row(series, column.clean, facts, keep, checker)
    checker.address_columns.append((series, facts, slow, keep))
    if not clean:
        return
    rows = pl.Series(clean, dtype=pl.UInt32)
    frame = pl.DataFrame({"i": rows, "h": column.get(PATH).gather(rows), "k": column.get(TOWN).gather(rows)}).join(
        address_heads.township_names(), on=["h", "k"], how="left", maintain_order="left")
    odd = frame.filter(pl.col("k").is_not_null() & pl.col("t").is_null())
    if odd.height:
        frame = _other_words(frame, odd, slow)
    groups = frame.group_by(["h", "t"] if keep else ["h"]).agg(pl.col("i"))
    for row in groups.iter_rows():
        name, town, members = row if keep else (row[0], None, row[1])
        fact = _head_fact(field, name, values[members[0]], members[0], checker)
        if fact is None:
            slow.update(members)
            continue
        if town is not None:
            fact = _town_fact(name, town, fact, checker)
        for i in members:
            facts[i] = fact


def _copy_same_row(series: pl.Series, clean: list[int], facts: list, keep: bool, checker) -> list[int]:
    """Give each clean cell whose text is the same row's text in an address column done before
    (and clean there) that cell's facts; returns the clean cells left to do."""
    if not checker.address_columns or not clean:
        return clean
    todo = pl.Series(clean, dtype=pl.UInt32)
    for earlier, done, went_slow, had_town in checker.address_columns:
        if keep and not had_town:           # its facts have no township: this column needs one
            continue
        same = todo.filter((series.gather(todo) == earlier.gather(todo)).fill_null(False))
        if not same.len():
            continue
        copied = []
        for i in same.to_list():
            fact = done[i]
            if fact is not None and i not in went_slow:
                facts[i] = fact if keep or fact.township is None else with_township(fact, None)
                copied.append(i)
        if copied:
            todo = todo.filter(~todo.is_in(copied))
    return todo.to_list()


def _other_words(frame: pl.DataFrame, odd: pl.DataFrame, slow: set[int]) -> pl.DataFrame:
    """Township words that are not a full name (转塘镇 for 转塘街道, 高新区转塘街道, a name the
    county does not have): looked up once each; cells naming none of the county's go slow."""
    found, unknown = [], []
    for name, key in odd.select("h", "k").unique().iter_rows():
        code, missing = township_words.lookup(address_heads.unit_of(name), key)
        (unknown if missing else found).append((name, key, code))
    if unknown:
        bad = pl.DataFrame(unknown, schema={"h": pl.Utf8, "k": pl.Utf8, "t": pl.Utf8}, orient="row")
        slow.update(odd.join(bad.select("h", "k"), on=["h", "k"], how="semi")["i"].to_list())
        frame = frame.join(bad.select("h", "k"), on=["h", "k"], how="anti", maintain_order="left")
    if found:
        codes = pl.DataFrame(found, schema={"h": pl.Utf8, "k": pl.Utf8, "t2": pl.Utf8}, orient="row")
        frame = frame.join(codes, on=["h", "k"], how="left", maintain_order="left").with_columns(
            pl.coalesce("t", "t2").alias("t")).drop("t2")
    return frame


def _head_fact(field: Field, name: str | None, value: str, index: int, checker) -> Any:
    """The facts (without a township) of the county path `name`, from one address with it."""
    fact = checker.place_by_head.get(name) if name else None
    if fact is None and name:
        found, fact = checker.check(field, value, index)
        if fact is None or any(f.code != TOWNSHIP_UNKNOWN for f in found):
            return None
        fact = checker.place_by_head[name] = fact._replace(township=None)
    return fact


def _town_fact(name: str, town: str, fact: Any, checker) -> Any:
    """`fact` (of the county path `name`) with the township `town` (a 9-digit code)."""
    hit = checker.place_by_town.get((name, town))
    if hit is None:
        hit = checker.place_by_town[(name, town)] = with_township(fact, town)
    return hit




def with_township(fact: Any, town: str | None) -> Any:
    """A PlaceFacts with another township (tuple.__new__: NamedTuple._replace costs µs)."""
    return tuple.__new__(type(fact), (*fact[:-1], town))
