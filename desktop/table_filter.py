"""Which records a sheet's table shows for the problem list's filter and search text."""
from __future__ import annotations

from desktop.findings_panel import FILTER_ERRORS, FILTER_FINDINGS, FILTER_KIND
from intake.table import SheetTable
from validators.codes import CODES
from validators.finding_set import FindingSet
from validators.findings import Severity


def filtered_records(mode: int, code: str | None, text: str, findings: FindingSet,
                     table: SheetTable) -> set[int] | None:
    """The records to show; None: all."""
    records: set[int] | None = None
    if mode == FILTER_ERRORS:
        records = set(findings.rows_with_errors())
    elif mode == FILTER_FINDINGS:          # errors and warnings: a row with hints only needs nothing
        records = set().union(*(findings.records_with(c) for c in findings.counts_by_code()
                                if c not in CODES or CODES[c].severity is not Severity.HINT))
    elif mode == FILTER_KIND and code:
        records = findings.records_with(code)      # kept by the FindingSet: no walk over all
    if text:
        matching = records_containing(table, text)
        records = matching if records is None else records & matching
    return records


def records_containing(table: SheetTable, text: str) -> set[int]:
    found: set[int] = set()
    for column in table.data.values.values():
        found.update(i for i, v in enumerate(column) if v is not None and text in v)
    return found
