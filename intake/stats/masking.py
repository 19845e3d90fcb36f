"""Masking small counts (templates/statistics.toml [masking]): which cells of a table are
written "<5" (a count from 1 to below-1, totals included) and which are hidden "*" so that no
shown sum gives a masked count away (total minus the other parts).

Cells are keyed ("c", row, series), ("r", row) a row's 合计 (tables with several series),
("k", series) a column's 合计 and ("g",) the table's total (exclusive tables, where the rows add
up; a multiple-choice table has only its counts and the children total, and no sums)."""
from __future__ import annotations

from dataclasses import dataclass

from intake.stats.definitions import Masking
from intake.stats.table import StatTable

PRIMARY, SECONDARY = "primary", "secondary"
Key = tuple


@dataclass(frozen=True)
class Masked:
    """A table's hidden cells: key -> PRIMARY (shown as "<5") or SECONDARY ("*")."""
    hidden: dict[Key, str]
    masking: Masking

    def text(self, key: Key) -> str | None:
        kind = self.hidden.get(key)
        if kind is None:
            return None
        return self.masking.shown_as if kind == PRIMARY else self.masking.hidden_as


NONE = Masked({}, Masking())


def _values(t: StatTable) -> dict[Key, int]:
    values: dict[Key, int] = {}
    for i, row in enumerate(t.counts):
        for j, n in enumerate(row):
            values[("c", i, j)] = n
        if t.has_total_column:
            values[("r", i)] = t.row_total(i)
    if t.exclusive and t.has_total_column:
        values.update({("k", j): n for j, n in enumerate(t.column_totals)})
    values[("g",)] = t.children
    return values


def _sums(t: StatTable) -> list[tuple[Key, list[Key]]]:
    """(sum, parts) of every shown sum."""
    n, m = len(t.rows), len(t.series)
    sums: list[tuple[Key, list[Key]]] = []
    if t.has_total_column:
        sums += [(("r", i), [("c", i, j) for j in range(m)]) for i in range(n)]
    if not t.exclusive:
        return sums
    if t.has_total_column:
        sums += [(("k", j), [("c", i, j) for i in range(n)]) for j in range(m)]
        sums += [(("g",), [("r", i) for i in range(n)]), (("g",), [("k", j) for j in range(m)])]
    else:
        sums.append((("g",), [("c", i, 0) for i in range(n)]))
    return sums


def _opens(key: Key, sums: list[tuple[Key, list[Key]]], hidden: dict[Key, str]) -> int:
    """How many sums hiding `key` would leave with exactly one hidden part (to hide next)."""
    return sum(1 for total, parts in sums if key in parts and total not in hidden
               and not any(p in hidden for p in parts))


def _smallest(parts: list[Key], values: dict[Key, int], hidden: dict[Key, str],
              sums: list[tuple[Key, list[Key]]]) -> Key | None:
    """The part to hide with a masked one: the one that opens fewest other sums (a cell whose
    row already has a hidden cell, say), then a non-zero one, then the smallest."""
    free = [p for p in parts if p not in hidden]
    if not free:
        return None
    return min(free, key=lambda p: (_opens(p, sums, hidden), values[p] == 0, values[p]))


def mask(t: StatTable, masking: Masking) -> Masked:
    values = _values(t)
    hidden = {k: PRIMARY for k, v in values.items() if 0 < v < masking.below}
    sums = _sums(t)
    changed = bool(hidden)
    while changed:
        changed = False
        for total, parts in sums:
            n_hidden = sum(p in hidden for p in parts)
            if total not in hidden and n_hidden == 1:
                extra = _smallest(parts, values, hidden, sums) or total
            elif total in hidden and n_hidden == 0 and parts:
                extra = _smallest(parts, values, hidden, sums)
            else:
                continue
            hidden[extra] = SECONDARY
            changed = True
    return Masked(hidden, masking)
