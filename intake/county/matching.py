"""Groups of records that may be the same child, over every current sheet of the county.

The input is one polars frame of keys (intake.county.keys), one row per record, with columns
sheet_id, index, form, id, name, sound, birth, hukou. `find(frame, salt)` returns every group:
duplicate and both_forms by a group-by on the ID, possible_duplicate from intake.county.pairs
joined into connected groups. Each group remembers its "owner", the bucket it came from (an ID,
or a (form, birth date, 户籍 county) block): a group depends on nothing outside its bucket.

`Matcher` keeps the frame and the groups and re-matches cheaply when sheets change (an edited
record, a resubmission, a restored version): only the buckets of the rows removed and added are
matched again (`replace_sheets`), with the same code as the full run, so the result is exactly
what a full run would give.
"""
from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from typing import Iterable

import polars as pl

from intake.county.model import BOTH_FORMS, DUPLICATE, POSSIBLE, Ref
from intake.county.pairs import candidate_pairs

FRAME_SCHEMA = {"sheet_id": pl.Int64, "index": pl.Int64, "form": pl.Utf8, "id": pl.Utf8,
                "name": pl.Utf8, "sound": pl.Utf8, "birth": pl.Utf8, "hukou": pl.Utf8}


class Found:
    """A group as the matching sees it: kind, key, form, records, why, owner bucket."""
    __slots__ = ("kind", "key", "form", "refs", "why", "owner")

    def __init__(self, kind: str, key: str, form: str | None, refs: tuple[Ref, ...],
                 why: tuple[str, ...], owner: tuple):
        self.kind, self.key, self.form, self.refs, self.why, self.owner = kind, key, form, refs, why, owner

    def __repr__(self) -> str:          # never the owner: it holds the ID number
        return f"Found({self.kind}, {self.key}, {len(self.refs)} records)"


def empty_frame() -> pl.DataFrame:
    return pl.DataFrame(schema=FRAME_SCHEMA)


def _hashed(salt: str, *parts: str) -> str:
    return hmac.new(salt.encode(), "|".join(parts).encode(), hashlib.sha256).hexdigest()[:24]


def _with_block(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pos=pl.int_range(pl.len(), dtype=pl.Int64),
                              block=pl.concat_str(["form", "birth", "hukou"], separator="|"))


def find(frame: pl.DataFrame, salt: str) -> list[Found]:
    frame = _with_block(frame)
    refs = _Refs(frame)
    out: list[Found] = []
    with_id = frame.filter(pl.col("id").is_not_null())
    dup = with_id.group_by("form", "id").agg(pl.col("pos")).filter(pl.col("pos").list.len() > 1)
    for form, number, pos in dup.iter_rows():
        out.append(Found(DUPLICATE, f"{DUPLICATE}:{_hashed(salt, DUPLICATE, form, number)}", form,
                         tuple(sorted(refs[p] for p in pos)), ("id.same",), ("id", number)))
    both = with_id.group_by("id").agg(pl.col("pos"), pl.col("form").n_unique().alias("forms")) \
        .filter(pl.col("forms") > 1)
    for number, pos, _forms in both.iter_rows():
        out.append(Found(BOTH_FORMS, f"{BOTH_FORMS}:{_hashed(salt, BOTH_FORMS, number)}", None,
                         tuple(sorted(refs[p] for p in pos)), ("id.same",), ("id", number)))
    out += _possible(frame, refs)
    return out


class _Refs:
    """Ref of a frame position, made only for the positions in a group (a province has
    millions of records and a few thousand groups)."""

    def __init__(self, frame: pl.DataFrame):
        self.sheets, self.indices = frame["sheet_id"].to_list(), frame["index"].to_list()

    def __getitem__(self, pos: int) -> Ref:
        return Ref(self.sheets[pos], self.indices[pos])


def _possible(frame: pl.DataFrame, refs: _Refs) -> list[Found]:
    parent: dict[int, int] = {}
    reasons: dict[int, set[str]] = defaultdict(set)

    def root(p: int) -> int:
        while parent.setdefault(p, p) != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p
    pairs = candidate_pairs(frame)
    for a, b, id_rel, name_rel in pairs:
        parent[root(a)] = root(b)
    for a, b, id_rel, name_rel in pairs:
        reasons[root(a)] |= {f"name.{name_rel}", f"id.{id_rel}"}
    members: dict[int, list[int]] = defaultdict(list)
    for p in parent:
        members[root(p)].append(p)
    blocks, forms = frame["block"], frame["form"]
    out = []
    for top, pos in members.items():
        group = tuple(sorted(refs[p] for p in pos))
        key = hashlib.sha256(";".join(f"{r.sheet_id}:{r.index}" for r in group).encode()).hexdigest()[:24]
        why = ("birth.same", "hukou.same", *sorted(reasons[top]))
        out.append(Found(POSSIBLE, f"{POSSIBLE}:{key}", forms[pos[0]], group, why, ("block", blocks[pos[0]])))
    return out


class Matcher:
    def __init__(self, salt: str, frame: pl.DataFrame | None = None):
        self.salt = salt
        self.frame = empty_frame() if frame is None else frame.select(list(FRAME_SCHEMA))
        self.groups: dict[str, Found] = {g.key: g for g in find(self.frame, salt)}

    def replace_sheets(self, remove: Iterable[int], add: pl.DataFrame | None = None) -> set[str]:
        """Drop the rows of the sheets `remove`, add the rows `add`, re-match the buckets they
        touch; returns the keys of the groups that appeared, changed or vanished."""
        remove = list(remove)
        gone = self.frame.filter(pl.col("sheet_id").is_in(remove))
        added = add.select(list(FRAME_SCHEMA)) if add is not None else empty_frame()
        self.frame = pl.concat([self.frame.filter(~pl.col("sheet_id").is_in(remove)), added])
        touched = pl.concat([gone, added])
        ids = set(touched["id"].drop_nulls().to_list())
        blocks = set(_with_block(touched)["block"].drop_nulls().to_list())
        owners = {("id", i) for i in ids} | {("block", b) for b in blocks}
        part = _with_block(self.frame).filter(pl.col("id").is_in(list(ids)) | pl.col("block").is_in(list(blocks)))
        fresh = {g.key: g for g in find(part.select(list(FRAME_SCHEMA)), self.salt) if g.owner in owners}
        old = {k for k, g in self.groups.items() if g.owner in owners}
        changed = {k for k in old if k not in fresh or fresh[k].refs != self.groups[k].refs}
        changed |= {k for k in fresh if k not in old}
        for k in old:
            del self.groups[k]
        self.groups.update(fresh)
        return changed
