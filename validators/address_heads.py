"""Addresses written the canonical way, recognised column-wise: the full names of a county-level
unit's province, prefecture and county (河南省南阳市宛城区, 北京市朝阳区, 湖北省仙桃市,
广东省东莞市) followed directly by a detail that starts with a Chinese character, a letter or a
digit. The schema's check flags the other addresses; `head()` gives the county path of each
canonical one so the bulk run can check one address per path with check_cell and give its facts
to the rest (validators.bulk).

The 2,849 paths are matched by length: for each of the ~20 lengths, the text's prefix of that
length is looked up in the set of paths that long (a hash lookup in polars). A single regex
alternation of all paths was tried first: over addresses from many counties its automaton
thrashed and it ran about seven times slower.
"""
from __future__ import annotations

from functools import lru_cache

import polars as pl

from validators import divisions, township_words, townships

DETAIL_START = r"^[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}0-9A-Za-z]"


@lru_cache(maxsize=1)
def paths_by_length() -> tuple[tuple[int, pl.Series], ...]:
    """Canonical county paths grouped by length (longest first), each group as a list literal."""
    by_len: dict[int, set[str]] = {}
    for code in divisions.county_level_codes():
        name = divisions.full_name(code)
        by_len.setdefault(len(name), set()).add(name)
    return tuple((n, pl.Series(sorted(names), dtype=pl.Utf8).implode())
                 for n, names in sorted(by_len.items(), reverse=True))


def head_length(c: pl.Expr) -> pl.Expr:
    """Length of the longest canonical county path the text starts with (0 when none)."""
    return pl.max_horizontal([pl.when(c.str.slice(0, n).is_in(names)).then(pl.lit(n)).otherwise(pl.lit(0))
                              for n, names in paths_by_length()])


N = "__head_length"


def heads(frame: pl.DataFrame, key: str) -> pl.Series:
    """The county path of each text of column `key` (null when none)."""
    c, n = pl.col(key), pl.col(N)
    return frame.with_columns(head_length(c).alias(N)).select(pl.when(n > 0).then(c.str.slice(0, n))).to_series()


@lru_cache(maxsize=1)
def _units() -> dict[str, str]:
    return {divisions.full_name(code): code for code in divisions.county_level_codes()}


def unit_of(path: str) -> str | None:
    """The county-level unit whose canonical path this is (河南省南阳市淅川县 → 411326)."""
    return _units().get(path)


@lru_cache(maxsize=1)
def township_names() -> pl.DataFrame:
    """Every township by its county path and full name: h (path), k (name), t (9-digit code)."""
    rows = [(path, town.name, town.code) for path, unit in _units().items()
            for town in townships.townships_of(unit)]
    frame = pl.DataFrame(rows, schema={"h": pl.Utf8, "k": pl.Utf8, "t": pl.Utf8}, orient="row")
    return frame.unique(subset=["h", "k"], keep="first", maintain_order=True)   # a name twice: the first


def town_keys(texts: pl.Series, heads: pl.Series) -> pl.Series:
    """The township word after each county path (validators.township_words.named, the same pattern):
    null where the detail names none or there is no path."""
    frame = pl.DataFrame({"t": texts, "h": heads})
    detail = pl.col("t").str.slice(pl.col("h").str.len_chars()).str.replace_all("[\u200b\ufeff]", "")
    return frame.select(pl.when(pl.col("h").is_not_null())
                        .then(detail.str.extract(township_words.TOWN_WORD, 1))).to_series()


def canonical(c: pl.Expr, n: pl.Expr) -> pl.Expr:
    """The text `c` starts with a canonical county path of length `n` (a column computed with
    head_length beforehand: used twice in one expression it would be computed twice) and a
    detail follows it."""
    return ((n > 0) & c.str.slice(n).str.contains(DETAIL_START)).fill_null(False)
