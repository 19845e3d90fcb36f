"""Which of one township's files of one form are versions of each other, and which are
separate parts of its submission (one file per village or 社区, 第一批/第二批).

Files are taken oldest first. A newer file replaces each current older file whose children
it mostly holds (templates/county.toml, `same_list_share`), unless the clerk said otherwise
for that pair ("is a new version of" / "is a separate part", `relation` entries in the county
log). Files replaced into one another form a lineage; each lineage has one current file (its
newest, or the one the clerk made current), so a township's submission is the current files
of all its lineages, summed on the board.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from templates import TEMPLATES_DIR

CONFIG = TEMPLATES_DIR / "county.toml"


@lru_cache(maxsize=1)
def same_list_share() -> float:
    with open(CONFIG, "rb") as fh:
        return float(tomllib.load(fh)["versions"]["same_list_share"])


def same_list(older: frozenset, newer: frozenset, share: float | None = None) -> bool:
    """True when `newer` plausibly is a new version of `older` (an older file with no child
    at all is replaced by any newer one)."""
    if not older:
        return True
    return len(older & newer) >= (share if share is not None else same_list_share()) * len(older)


def pair_key(a: int, b: int) -> tuple[int, int]:
    """The clerk's decision about two files, whichever order they are in."""
    return (a, b) if a < b else (b, a)


@dataclass(frozen=True)
class Lineages:
    replaced_by: dict[int, int]       # file id -> the newer file it is a version of
    root: dict[int, int]              # file id -> its lineage (the lineage's oldest file)
    current: dict[int, int]           # lineage -> its current file


def lineages(order: list[int], children: Callable[[int], frozenset],
             said: dict[tuple[int, int], tuple[int, bool]], chosen: Iterable[int] = ()) -> Lineages:
    """order: the chain's file ids, oldest first; children: a file's child keys; said: the
    clerk's word per pair_key, (log entry id, True when the same list); chosen: files made
    current, oldest decision first (each makes its file current in its lineage)."""
    replaced_by: dict[int, int] = {}
    heads: list[int] = []
    members: dict[int, list[int]] = {}                 # head -> the files of its lineage
    for f in order:
        new_members = [f]
        for h in list(heads):
            word = _word(said, f, members[h])
            if word if word is not None else same_list(children(h), children(f)):
                replaced_by[h] = f
                heads.remove(h)
                new_members += members.pop(h)
        heads.append(f)
        members[f] = new_members
    root = {m: min(ms, key=order.index) for ms in members.values() for m in ms}
    current = {root[h]: h for h in heads}
    for f in chosen:
        if f in root:
            current[root[f]] = f
    return Lineages(replaced_by, root, current)


def _word(said: dict[tuple[int, int], tuple[int, bool]], f: int, lineage: list[int]) -> bool | None:
    """The clerk's latest word on `f` against any file of an older lineage (None: none)."""
    words = [said[pair_key(f, m)] for m in lineage if pair_key(f, m) in said]
    return max(words)[1] if words else None
