"""Duplicate child ID numbers within a sheet: an error on every copy, naming the other rows.

`IdIndex` maps each normalised child ID number to the records holding it, so an edit finds the
rows that shared the old number and those that share the new one without scanning the sheet.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable

from validators.codes import make
from validators.findings import Finding

FIELD = "id_number"
MAX_NAMED = 10     # rows named in one message; more are counted


class IdIndex:
    def __init__(self) -> None:
        self._rows: dict[str, set[int]] = defaultdict(set)

    def build(self, numbers: Iterable[str | None]) -> None:
        self._rows.clear()
        for i, number in enumerate(numbers):
            if number:
                self._rows[number].add(i)

    def rows(self, number: str | None) -> set[int]:
        return set(self._rows.get(number, ())) if number else set()

    def count(self, number: str | None) -> int:
        return len(self._rows.get(number, ())) if number else 0

    def move(self, index: int, old: str | None, new: str | None) -> None:
        if old and old in self._rows:
            self._rows[old].discard(index)
            if not self._rows[old]:
                del self._rows[old]
        if new:
            self._rows[new].add(index)

    def duplicated(self) -> Iterable[tuple[str, set[int]]]:
        return ((n, rows) for n, rows in self._rows.items() if len(rows) > 1)


def findings(index: int, number: str | None, ids: IdIndex, raw: str | None,
             row_label: Callable[[int], str]) -> list[Finding]:
    if ids.count(number) < 2:
        return []
    others = sorted(ids.rows(number) - {index})
    if not others:
        return []
    named = "、".join(row_label(i) for i in others[:MAX_NAMED])
    if len(others) > MAX_NAMED:
        named += f"等{len(others)}"
    return [make("id.duplicate", index, FIELD, value=raw, others=named)]
