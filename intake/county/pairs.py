"""Possible duplicates: pairs of records of one form with the same birth date and 户籍 county
(the blocking key: records are only ever compared inside their block, so the work grows with the
block sizes, not with the square of the county), no shared ID, and

- an ID relation: one character off (17 of 18 the same, or one digit dropped/added), two
  adjacent digits swapped, only the order code (digits 15-17, with the check digit) different,
  or one or both IDs missing; and
- a name relation: the same name or the same sound (张伟/章伟), or - only with a typing-error ID
  relation (one off, swapped, missing) - one character apart.

A different order code alone is what any two children born the same day in the same county
have, so it needs a name that is the same or sounds the same; two valid IDs can never be one
digit off or swapped (the check digit would differ), so those relations mean a typing error.
The bulk of the work is polars expressions over the joined pairs; only the few pairs with a
typing-error relation and different-looking names go through Python (names.relation).
"""
from __future__ import annotations

import polars as pl

from intake.county import names

STRONG = ("one_digit", "swapped", "missing")
ID_LEN = 18


def _char(col: str, k: int) -> pl.Expr:
    return pl.col(col).str.slice(k, 1)


def _id_relation() -> pl.Expr:
    both = pl.col("id").is_not_null() & pl.col("id_b").is_not_null()
    full = both & (pl.col("id").str.len_chars() == ID_LEN) & (pl.col("id_b").str.len_chars() == ID_LEN)
    differ = pl.sum_horizontal([(_char("id", k) != _char("id_b", k)).cast(pl.Int8) for k in range(ID_LEN)])
    swap = pl.any_horizontal([(_char("id", k) != _char("id", k + 1)) & (_char("id", k) == _char("id_b", k + 1))
                              & (_char("id", k + 1) == _char("id_b", k)) for k in range(ID_LEN - 1)])
    same_head = pl.col("id").str.slice(0, 14) == pl.col("id_b").str.slice(0, 14)
    return (pl.when(~both).then(pl.lit("missing"))
            .when(full & (differ == 1)).then(pl.lit("one_digit"))
            .when(full & (differ == 2) & swap).then(pl.lit("swapped"))
            .when(full & same_head).then(pl.lit("order_code"))
            .when(both & ((pl.col("id").str.len_chars() - pl.col("id_b").str.len_chars()).abs() == 1))
            .then(pl.lit("length"))
            .otherwise(pl.lit(None)))


def _worth_comparing(name_alike: pl.Expr) -> pl.Expr:
    """A cheap first cut (most pairs of a block are two children with IDs alike up to the order
    code): keep pairs with a missing ID or alike names, and pairs whose IDs could be a typing
    error apart - the same first 14 characters and at most two of the last four different, or
    different first 14 (rare inside a block), or different lengths."""
    both = pl.col("id").is_not_null() & pl.col("id_b").is_not_null()
    head_same = pl.col("id").str.slice(0, 14) == pl.col("id_b").str.slice(0, 14)
    tail_differ = pl.sum_horizontal([(_char("id", k) != _char("id_b", k)).cast(pl.Int8) for k in range(14, ID_LEN)])
    lengths = pl.col("id").str.len_chars() != pl.col("id_b").str.len_chars()
    return ~both | name_alike | lengths | ~head_same | (tail_differ <= 2)


def candidate_pairs(frame: pl.DataFrame) -> list[tuple[int, int, str, str]]:
    """(pos_a, pos_b, id relation, name relation) of every possible-duplicate pair; frame:
    columns pos, form, birth, hukou, id, name, sound (one row per record)."""
    f = frame.lazy().select("pos", "form", "birth", "hukou", "id", "name", "sound") \
        .filter(pl.col("birth").is_not_null() & pl.col("hukou").is_not_null())
    name_same = pl.col("name") == pl.col("name_b")
    sound_same = pl.col("sound") == pl.col("sound_b")
    pairs = (f.join(f, on=["form", "birth", "hukou"], suffix="_b")
             .filter(pl.col("pos") < pl.col("pos_b"))
             .filter(pl.col("id").is_null() | pl.col("id_b").is_null() | (pl.col("id") != pl.col("id_b")))
             .filter(_worth_comparing(name_same | sound_same))
             .with_columns(rel=_id_relation())
             .filter(pl.col("rel").is_not_null())
             .with_columns(nrel=pl.when(name_same).then(pl.lit(names.SAME))
                           .when(sound_same).then(pl.lit(names.HOMOPHONE)).otherwise(pl.lit(None)))
             .select("pos", "pos_b", "rel", "nrel", "id", "id_b", "name", "name_b")
             .collect())
    out = []
    for a, b, rel, nrel, id_a, id_b, name_a, name_b in pairs.iter_rows():
        if rel == "length":
            if not names.one_char_apart(id_a, id_b):
                continue
            rel = "one_digit"
        elif nrel is None and rel not in STRONG:
            continue                    # another order code needs a name alike
        found = nrel or names.relation(name_a, name_b)
        if found is not None:
            out.append((a, b, rel, found))
    return out
