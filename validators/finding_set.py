"""FindingSet: every finding of one sheet, kept by record index.

The engine replaces a record's findings as a whole (bulk run, or an edit re-validating a few
records), so the set is a dict index -> findings of that record, in form column order.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Iterator, Mapping, Sequence

from validators.findings import Finding, Severity


class FindingSet:
    def __init__(self, field_order: Sequence[str] = ()):
        self._order = {key: i for i, key in enumerate(field_order)}
        self._by_row: dict[int, list[Finding]] = {}

    # --- building ------------------------------------------------------------------------
    def _sort_key(self, f: Finding) -> tuple[int, str]:
        pos = self._order.get(f.field, len(self._order)) if f.field else len(self._order) + 1
        return pos, f.code

    def replace_rows(self, rows: Mapping[int, Iterable[Finding]]) -> None:
        """Set the findings of each given record (an empty list clears it)."""
        for index, found in rows.items():
            items = sorted(found, key=self._sort_key)
            if items:
                self._by_row[index] = items
            else:
                self._by_row.pop(index, None)

    # --- reading -------------------------------------------------------------------------
    def for_row(self, index: int) -> list[Finding]:
        return list(self._by_row.get(index, ()))

    def for_cell(self, index: int, field: str | None) -> list[Finding]:
        return [f for f in self._by_row.get(index, ()) if f.field == field]

    def all(self) -> list[Finding]:
        """Every finding, sorted by record then form column order (whole-row findings last)."""
        return [f for i in sorted(self._by_row) for f in self._by_row[i]]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.all())

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_row.values())

    def __bool__(self) -> bool:
        return bool(self._by_row)

    def counts_by_code(self) -> dict[str, int]:
        """Findings per code, most frequent first."""
        counts = Counter(f.code for found in self._by_row.values() for f in found)
        return dict(counts.most_common())

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.all() if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.all() if f.severity is Severity.WARNING]

    @property
    def n_errors(self) -> int:
        return sum(f.is_error for found in self._by_row.values() for f in found)

    @property
    def n_warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for found in self._by_row.values() for f in found)

    @property
    def n_hints(self) -> int:
        return sum(f.severity is Severity.HINT for found in self._by_row.values() for f in found)

    @property
    def hints(self) -> list[Finding]:
        return [f for f in self.all() if f.severity is Severity.HINT]

    def rows_with_errors(self) -> list[int]:
        return sorted(i for i, found in self._by_row.items() if any(f.is_error for f in found))

    def rows_with_findings(self) -> list[int]:
        return sorted(self._by_row)
