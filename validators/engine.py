"""TableValidator: every finding of one sheet, in bulk and after each edit.

Bulk (`run`): the form compiled into a pandera schema (validators.schema) finds the failing cells
of every column in one lazy pass; `check_cell` explains the failing cells (validators.bulk); row
rules (validators.rules) look at each record; duplicates use an ID index.
Edit (`set_value`): one cell through the same `check_cell`, the same row rules for the record and
for every record sharing its old or new child ID number: results are identical to a bulk run.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

import polars as pl

from validators import column_pass
from validators.bulk import CellChecker, check_column
from validators.data import RecordColumns, ValidationContext
from validators.finding_set import FindingSet
from validators.findings import Finding
from validators.form import Field, FormTemplate
from validators.rules import CACHEABLE, OTHER_RULES, PREFILTERS, duplicates, required, required_bulk
from validators.rules.row import IdFacts, Row
from validators.reference import ages_of
from validators.run_support import Cancelled, Progress, Stepper, child_births, gc_paused

__all__ = ["Cancelled", "TableValidator"]

CHUNK = 10_000
RULE_CACHE_LIMIT = 200_000


def _default_check_cell():
    from validators.cells import check_cell   # the formats engineer's module
    return check_cell


class TableValidator:
    def __init__(self, form: FormTemplate, data: RecordColumns, ctx: ValidationContext | None = None,
                 *, row_label: Callable[[int], str] | None = None, check_cell=None):
        self.form = form
        self.data = data
        self.ctx = ctx or ValidationContext()
        self.row_label = row_label or (lambda i: str(i + 1))
        self.keys = [f.key for f in form.fields if f.key in data.values]
        self._checker = CellChecker(check_cell or _default_check_cell(),
                                    township_fields=frozenset({form.eligibility.county_field}))
        self._facts: dict[str, list[Any]] = {}
        self._cells: dict[int, dict[str, list[Finding]]] = {}
        self._ids = duplicates.IdIndex()
        self._rule_cache: dict[tuple, list[Finding]] = {}
        self._signatures: dict[Callable, list[tuple]] = {}   # bulk run: cells each cached rule reads
        self._ages: list[tuple[int | None, int | None]] = []  # bulk run: the child's age per record
        self._blanks: dict[str, pl.Series] = {}               # bulk run: blank cells per column
        self.findings = FindingSet(form.keys)
        self._edit_plan = self._rule_plan()
        self.excluded: set[int] = set()      # records left out (rows the clerk deleted)

    # --- bulk --------------------------------------------------------------------------------
    def run(self, progress: Progress | None = None,
            cancelled: Callable[[], bool] | None = None) -> FindingSet:
        with gc_paused():
            return self._run(progress, cancelled)

    def _run(self, progress: Progress | None, cancelled: Callable[[], bool] | None) -> FindingSet:
        n = self.data.n_rows
        chunks = range(0, n, CHUNK)
        total = len(self.keys) + 1 + len(chunks)
        step = Stepper(progress, cancelled, total)
        given, self.data.series = self.data.series, {}      # the reader's polars columns, if any
        passes = column_pass.run(self.form, self.keys, self.data.values, self.data.numeric, given) if n else {}
        del given
        step()
        self._facts, self._cells, self._blanks = {}, {}, {}
        self._checker.address_columns = []
        for key in self.keys:
            self._check_column(key, passes.pop(key, None))
            step()
        del passes                  # the text columns as polars held them: a copy of the table
        self._ids.build(self._child_numbers())
        missing = required_bulk.missing_cells(self.form, self.data.values, self._facts,
                                              self.ctx.default_reference_date, self.row, self._blanks)
        self._blanks = {}
        default = self.ctx.default_reference_date
        refs = [d or default for d in self._facts.get("report_date") or [None] * n]
        births = child_births(self._facts, n)
        prefilter = self._prefilter(refs, births)
        # the child's age (years, months) per record, as Row computes it: a record whose rules are
        # all skipped or cached needs no Row at all
        self._ages = ages_of(births, refs)
        self._signatures = {rule: list(zip(*(self.data.values.get(k) or [None] * n for k in reads)))
                            for rule, reads in CACHEABLE.items()}
        plan = self._rule_plan(prefilter)
        duplicated = {number for number, _ in self._ids.duplicated()}
        rows: dict[int, list[Finding]] = {}
        for start in chunks:
            for i in range(start, min(start + CHUNK, n)):
                found = self._row_findings(i, missing.get(i, ()), plan, duplicated)
                if found:
                    rows[i] = found
            step()
        self._signatures, self._ages = {}, []
        findings = FindingSet(self.form.keys)
        findings.load(rows)
        self.findings = findings
        return findings

    def _prefilter(self, refs: list, births: list) -> dict[Callable, set[int]]:
        """Rules with a column-wise superset test: the records each may find something on."""
        return {rule: test(self.form, self.ctx, self.data.values, self._facts, refs, births)
                for rule, test in PREFILTERS.items()}

    def _check_column(self, key: str, column: column_pass.ColumnPass | None) -> None:
        values = self.data.values[key]
        if column is None:          # an empty sheet
            self._facts[key], self._blanks[key] = [], pl.Series(key, [], dtype=pl.Boolean)
            return
        result = check_column(self.form.field(key), values, column,
                              self.data.numeric.get(key, set()), self._checker)
        self._facts[key] = result.facts
        self._blanks[key] = result.blank
        for i, found in result.findings.items():
            self._cells.setdefault(i, {})[key] = found

    def _child_numbers(self) -> list[str | None]:
        facts = self._facts.get(duplicates.FIELD)
        if facts is None:
            return []
        excluded = self.excluded
        return [f.number if isinstance(f, IdFacts) and i not in excluded else None
                for i, f in enumerate(facts)]

    # --- one record ----------------------------------------------------------------------------
    def row(self, index: int) -> Row:
        return Row(index, self.form, self.ctx, self.data, self._facts)

    def _rule_plan(self, prefilter: dict[Callable, set[int]] | None = None) -> list[tuple]:
        """(rule, the records it may fire on or None for all, the cells it reads when cached)."""
        return [(rule, (prefilter or {}).get(rule), CACHEABLE.get(rule)) for rule in OTHER_RULES]

    def _row_findings(self, index: int, missing: Iterable[Field] | None = None,
                      plan: list[tuple] | None = None,
                      duplicated: set[str] | None = None) -> list[Finding]:
        """Findings of one record. In the bulk run `missing` are its blank required fields, `plan`
        says which records each rule may fire on (found column-wise) and `duplicated` holds
        the child ID numbers that occur more than once; without them (an edit) every rule runs
        on the record. An excluded record has none."""
        if index in self.excluded:
            return []
        cells = self._cells.get(index)
        found = [f for cell in cells.values() for f in cell] if cells else []
        row = None if plan is not None else self.row(index)
        if missing is None:
            found += required.check(row)
        elif missing:
            row = row or self.row(index)
            found += [required.finding(field, row) for field in missing]
        for rule, only, reads in plan or self._edit_plan:
            if only is not None and index not in only:
                continue
            if reads:
                found += self._cached(rule, reads, index, row)
            else:
                row = row or self.row(index)
                found += rule(row)
        facts = self._facts.get(duplicates.FIELD)
        child = facts[index] if facts else None
        if isinstance(child, IdFacts) and (duplicated is None or child.number in duplicated):
            found += duplicates.findings(index, child.number, self._ids,
                                         self.data.get(duplicates.FIELD, index), self.row_label)
        return found

    # --- an edit -------------------------------------------------------------------------------
    def set_value(self, index: int, key: str, value: str | None, numeric: bool = False) -> set[int]:
        """Change one cell and re-validate what it can affect; returns the affected records.
        numeric: the value is a number cell's (only when an undo restores the imported value)."""
        if key not in self.data.values:
            raise KeyError(f"表格中没有“{key}”这一列")
        old_number = self._number_at(index)
        self.data.set(key, index, value, numeric)
        found, fact = self._checker.check(self.form.field(key), value, index, numeric=numeric)
        self._facts.setdefault(key, [None] * self.data.n_rows)[index] = fact
        cells = self._cells.setdefault(index, {})
        if found:
            cells[key] = found
        else:
            cells.pop(key, None)
        affected = {index}
        if key == duplicates.FIELD and index not in self.excluded:
            new_number = self._number_at(index)
            affected |= self._ids.rows(old_number)
            self._ids.move(index, old_number, new_number)
            affected |= self._ids.rows(new_number)
        self.findings.replace_rows({i: self._row_findings(i) for i in affected})
        return affected

    # --- records left out ------------------------------------------------------------------------
    def set_excluded(self, indices: Iterable[int], excluded: bool = True) -> set[int]:
        """Leave records out of the check (rows the clerk deleted: no findings of their own, and
        their ID numbers no longer count as duplicates) or take them back in; returns the
        records re-validated. Before the first run() this only records the set."""
        changed = {i for i in indices if (i in self.excluded) != excluded}
        if not changed:
            return set()
        if excluded:
            self.excluded |= changed
        else:
            self.excluded -= changed
        if not self._facts:
            return set()
        affected = set(changed)
        for i in changed:
            number = self._number_at(i)
            self._ids.move(i, *((number, None) if excluded else (None, number)))
            affected |= self._ids.rows(number)
        self.findings.replace_rows({i: self._row_findings(i) for i in affected})
        return affected

    def _cached(self, rule, reads: tuple[str, ...], index: int, row: Row | None) -> list[Finding]:
        """rule(row), computed once per distinct (cells read, child's age in years and months);
        row None (bulk run): the ages computed column-wise, and a Row only on a miss."""
        signatures = self._signatures.get(rule)
        if signatures is not None:
            cells = signatures[index]
        else:
            values = self.data.values
            cells = tuple(values[k][index] if k in values else None for k in reads)
        age, age_m = (row.age, row.age_m) if row is not None else self._ages[index]
        key = (rule, age, age_m, cells)
        hit = self._rule_cache.get(key)
        if hit is None:
            if len(self._rule_cache) > RULE_CACHE_LIMIT:
                self._rule_cache.clear()
            hit = self._rule_cache[key] = rule(row or self.row(index))
            return list(hit)
        return [f.at(index) for f in hit]

    def _number_at(self, index: int) -> str | None:
        facts = self._facts.get(duplicates.FIELD)
        fact = facts[index] if facts else None
        return fact.number if isinstance(fact, IdFacts) else None

    def revalidate_rows(self, indices) -> None:
        """Re-run the row rules of some records (e.g. after the context changed)."""
        self.findings.replace_rows({i: self._row_findings(i) for i in indices})
