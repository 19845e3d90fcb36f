"""The bulk run's address columns (validators.bulk): canonical addresses resolved column-wise.

Each cell's county path and township word come from polars (validators.address_heads); a word
that is a full township name of the path's county is known by one join with the table's names,
any other word is looked up once (validators.township_words.lookup). One check_cell per county path
gives the facts its cells share; the form's county_field keeps the township in its facts (the
one address a rule reads). A parent's address that is the child's very text in the same row
shares that cell's facts. Cells these shortcuts cannot vouch for go to check_cell.
"""
from __future__ import annotations

from functools import lru_cache
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
    clean = _copy_same_row(column, facts, keep, checker)
    checker.address_columns.append((field.key, facts, slow, keep))
    if not clean:
        return
    rows = pl.Series("i", clean, dtype=pl.UInt32)
    by_word = pl.DataFrame([rows, column.get(PATH).gather(rows).alias("h"), column.get(TOWN).gather(rows).alias("k")]) \
        .group_by("h", "k", maintain_order=True).agg("i")
    names, groups = township_index(), {}
    for path, word, members in by_word.iter_rows():
        town = None
        if word is not None:
            town = names.get((path, word))
            if town is None:            # not a full name: 转塘镇 for 转塘街道, 高新区转塘街道, unknown
                town, unknown = township_words.lookup(address_heads.unit_of(path), word)
                if unknown:
                    slow.update(members)
                    continue
        key = (path, town if keep else None)
        groups[key] = sorted(groups[key] + members) if key in groups else members
    for (name, town), members in groups.items():
        fact = _head_fact(field, name, values[members[0]], members[0], checker)
        if fact is None:
            slow.update(members)
            continue
        if town is not None:
            fact = _town_fact(name, town, fact, checker)
        for i in members:
            facts[i] = fact


@lru_cache(maxsize=1)
def township_index() -> dict[tuple[str, str], str]:
    """(county path, full township name) -> 9-digit code (a name twice in a county: the first)."""
    return {(h, k): t for h, k, t in address_heads.township_names().iter_rows()}


def _copy_same_row(column, facts: list, keep: bool, checker) -> list[int]:
    """Give each clean cell whose text is the same row's text in an address column done before
    (and clean there) that cell's facts; returns the clean cells left to do."""
    clean = column.clean
    if not checker.address_columns or not clean:
        return clean
    left = set(clean)
    for key, done, went_slow, had_town in checker.address_columns:
        if keep and not had_town:           # its facts have no township: this column needs one
            continue
        for i in column.same.get(key, ()):
            if i in left:
                fact = done[i]
                if fact is not None and i not in went_slow:
                    facts[i] = fact if keep or fact.township is None else with_township(fact, None)
                    left.discard(i)
    return [i for i in clean if i in left] if len(left) < len(clean) else clean


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
