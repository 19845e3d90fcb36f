"""One computed table: row labels, series (columns of counts), the counts, and the number of
children its shares are of. What the workbook, the window and the JSON show; no names, no ID
numbers: only labels (options, townships, places, age groups) and counts."""
from __future__ import annotations

from dataclasses import dataclass

from intake.stats.table_defs import TableDef


@dataclass(frozen=True)
class StatTable:
    definition: TableDef
    rows: tuple[str, ...]
    series: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]        # one tuple per row, one count per series
    children: int                              # the children the shares are of
    exclusive: bool                            # each child in exactly one row: the rows add up

    @property
    def title(self) -> str:
        return self.definition.title

    @property
    def id(self) -> str:
        return self.definition.id

    def row_total(self, i: int) -> int:
        return sum(self.counts[i])

    @property
    def column_totals(self) -> tuple[int, ...]:
        return tuple(sum(c[j] for c in self.counts) for j in range(len(self.series)))

    @property
    def has_total_column(self) -> bool:
        return len(self.series) > 1

    def share(self, i: int) -> float | None:
        """The row's children as a share of the table's children (None without children)."""
        return self.row_total(i) / self.children if self.children else None

    def count(self, row: str, series: int = 0) -> int:
        return self.counts[self.rows.index(row)][series]

    def as_dict(self) -> dict:
        return {"title": self.title, "series": list(self.series), "children": self.children,
                "rows": {r: list(c) if self.has_total_column else c[0] for r, c in zip(self.rows, self.counts)}}

    def top(self, n: int | None, other: str, last: tuple[str, ...] = ()) -> "StatTable":
        """The n-1 largest rows (by total) in their order, the rest summed under `other`
        ({n}: how many rows it sums), then the rows named in `last` as they are."""
        tail = [i for i, r in enumerate(self.rows) if r in last]
        body = [i for i in range(len(self.rows)) if i not in tail]
        if n is None or len(body) <= n:
            return self
        order = sorted(body, key=lambda i: -self.row_total(i))
        keep = sorted(order[:n - 1])
        rest = [i for i in body if i not in keep]
        other = other.format(n=len(rest))
        summed = tuple(sum(self.counts[i][j] for i in rest) for j in range(len(self.series)))
        return StatTable(self.definition, tuple(self.rows[i] for i in keep) + (other,) + tuple(self.rows[i] for i in tail),
                         self.series, tuple(self.counts[i] for i in keep) + (summed,) + tuple(self.counts[i] for i in tail),
                         self.children, self.exclusive)
