"""FindingSet: every finding of one sheet, kept by record index.

The engine replaces a record's findings as a whole (bulk run, or an edit re-validating a few
records), so the set is a dict index -> findings of that record, in form column order.
Its counts (per severity, per code, rows with errors, the records and fields of each code) are
kept as records are replaced: reading them costs nothing, whatever the number of findings, so the
edit path (re-validate, repaint, recount) never walks every finding. `revision(code)` changes whenever
a finding of that code is added or removed, so a view can refresh only the kinds that changed.
"""
from __future__ import annotations

from collections import Counter
from heapq import nsmallest
from itertools import chain
from operator import attrgetter
from typing import Iterable, Iterator, Mapping, Sequence

from validators.findings import Finding, Severity

ERROR = Severity.ERROR
_BODY, _INDEX = attrgetter("_body"), attrgetter("_index")
_CODE, _SEVERITY, _FIELD = attrgetter("code"), attrgetter("severity"), attrgetter("field")


class FindingSet:
    def __init__(self, field_order: Sequence[str] = ()):
        self._order = {key: i for i, key in enumerate(field_order)}
        self._by_row: dict[int, list[Finding]] = {}
        self._n = 0
        self._by_severity = {s: 0 for s in Severity}
        self._by_code: dict[str, int] = {}                 # codes ever seen, in first-seen order
        self._rows_of_code: dict[str, dict[int, int]] = {}  # code -> record -> findings of it
        self._fields_of_code: dict[str, dict[str | None, int]] = {}  # code -> field -> findings
        self._error_rows: dict[int, int] = {}               # record -> its errors (> 0)
        self._revisions: dict[str, int] = {}

    # --- building ------------------------------------------------------------------------
    def _sort_key(self, f: Finding) -> tuple[int, str]:
        field = f.field
        pos = self._order.get(field, len(self._order)) if field else len(self._order) + 1
        return pos, f.code

    def replace_rows(self, rows: Mapping[int, Iterable[Finding]]) -> set[str]:
        """Set the findings of each given record (an empty list clears it); returns the codes
        whose findings changed."""
        changed: set[str] = set()
        for index, found in rows.items():
            items = list(found)
            if len(items) > 1:
                items.sort(key=self._sort_key)
            old = self._by_row.get(index)
            if old is not None:
                if old == items:
                    continue
                self._count(index, old, -1, changed)
            if items:
                self._by_row[index] = items
                self._count(index, items, 1, changed)
            elif old is not None:
                del self._by_row[index]
        return changed

    def _count(self, index: int, found: list[Finding], sign: int, changed: set[str]) -> None:
        by_code, rows_of_code, by_severity = self._by_code, self._rows_of_code, self._by_severity
        fields_of_code = self._fields_of_code
        errors = 0
        touched = set()
        for f in found:
            body = f.body
            code, severity, field = body.code, body.severity, body.field
            touched.add(code)
            by_code[code] = by_code.get(code, 0) + sign
            fields = fields_of_code.setdefault(code, {})
            left = fields.get(field, 0) + sign
            if left:
                fields[field] = left
            else:
                del fields[field]
            rows = rows_of_code.get(code)
            if rows is None:
                rows = rows_of_code[code] = {}
            left = rows.get(index, 0) + sign
            if left:
                rows[index] = left
            else:
                del rows[index]
            by_severity[severity] += sign
            if severity is ERROR:
                errors += 1
        revisions = self._revisions
        for code in touched:
            revisions[code] = revisions.get(code, 0) + 1
        changed |= touched
        self._n += sign * len(found)
        if errors:
            left = self._error_rows.get(index, 0) + sign * errors
            if left:
                self._error_rows[index] = left
            else:
                del self._error_rows[index]

    def load(self, rows: Mapping[int, Iterable[Finding]]) -> None:
        """Fill an empty set in one go (a bulk run): as replace_rows, with the counts taken over
        all findings at once."""
        if self._by_row:
            raise ValueError("load() fills an empty FindingSet; use replace_rows()")
        by_row, key = self._by_row, self._sort_key
        for index, found in rows.items():
            if found:
                by_row[index] = sorted(found, key=key) if len(found) > 1 else list(found)
        flat = list(chain.from_iterable(by_row.values()))
        bodies = list(map(_BODY, flat))
        codes, severities, indices = list(map(_CODE, bodies)), list(map(_SEVERITY, bodies)), list(map(_INDEX, flat))
        for (code, field), n in Counter(zip(codes, map(_FIELD, bodies))).items():
            self._fields_of_code.setdefault(code, {})[field] = n
        self._n = len(flat)
        self._by_code = dict(Counter(codes))
        for severity, n in Counter(severities).items():
            self._by_severity[severity] = n
        for (code, index), n in Counter(zip(codes, indices)).items():
            self._rows_of_code.setdefault(code, {})[index] = n
        self._error_rows = dict(Counter(i for i, s in zip(indices, severities) if s is ERROR))
        self._revisions = {code: 1 for code in self._by_code}

    # --- reading -------------------------------------------------------------------------
    def for_row(self, index: int) -> list[Finding]:
        return list(self._by_row.get(index, ()))

    def for_cell(self, index: int, field: str | None) -> list[Finding]:
        return [f for f in self._by_row.get(index, ()) if f.field == field]

    def has_findings(self, index: int) -> bool:
        return index in self._by_row

    def has_errors(self, index: int) -> bool:
        return index in self._error_rows

    def all(self) -> list[Finding]:
        """Every finding, sorted by record then form column order (whole-row findings last)."""
        by_row = self._by_row
        return [f for i in sorted(by_row) for f in by_row[i]]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.all())

    def __len__(self) -> int:
        return self._n

    def __bool__(self) -> bool:
        return bool(self._by_row)

    def counts_by_code(self) -> dict[str, int]:
        """Findings per code, most frequent first."""
        counts = [(code, n) for code, n in self._by_code.items() if n]
        counts.sort(key=lambda cn: cn[1], reverse=True)
        return dict(counts)

    def count(self, code: str) -> int:
        return self._by_code.get(code, 0)

    def revision(self, code: str) -> int:
        """Changes whenever a finding of this code is added or removed."""
        return self._revisions.get(code, 0)

    def fields_of(self, code: str) -> set[str | None]:
        """The fields (None: the whole row) this code's findings are on; kept as records are
        replaced, so it costs the number of those fields, not of the findings."""
        return set(self._fields_of_code.get(code, ()))

    def records_with(self, code: str) -> set[int]:
        """The records with a finding of this code."""
        return set(self._rows_of_code.get(code, ()))

    def with_code(self, code: str, limit: int | None = None) -> list[Finding]:
        """The findings of one code in record order (the first `limit` records' when given)."""
        rows = self._rows_of_code.get(code, {})
        chosen = sorted(rows) if limit is None or limit >= len(rows) else nsmallest(limit, rows)
        return [f for i in chosen for f in self._by_row[i] if f.code == code]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.all() if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.all() if f.severity is Severity.WARNING]

    @property
    def hints(self) -> list[Finding]:
        return [f for f in self.all() if f.severity is Severity.HINT]

    @property
    def n_errors(self) -> int:
        return self._by_severity[Severity.ERROR]

    @property
    def n_warnings(self) -> int:
        return self._by_severity[Severity.WARNING]

    @property
    def n_hints(self) -> int:
        return self._by_severity[Severity.HINT]

    @property
    def n_rows_with_errors(self) -> int:
        return len(self._error_rows)

    @property
    def n_rows_with_findings(self) -> int:
        return len(self._by_row)

    def rows_with_errors(self) -> list[int]:
        return sorted(self._error_rows)

    def rows_with_findings(self) -> list[int]:
        return sorted(self._by_row)
