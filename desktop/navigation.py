"""Next / previous problem (F8 / Shift+F8) in the order the table shows its rows and columns.
Hints (only written differently) are not problems to walk through: F8 skips them."""
from __future__ import annotations

from desktop.table_model import SheetTableModel
from validators.finding_set import FindingSet
from validators.findings import Severity


def _problems(findings: FindingSet, record: int):
    return [f for f in findings.for_row(record) if f.severity is not Severity.HINT]


def _columns_with_findings(model: SheetTableModel, findings: FindingSet, record: int) -> list[int]:
    """View columns of a record's findings, left to right (a whole-row finding counts as column 0)."""
    columns = set()
    for f in _problems(findings, record):
        column = model.column_of(f.field)
        columns.add(0 if column is None else column)
    return sorted(columns)


def next_finding_cell(model: SheetTableModel, findings: FindingSet, row: int, column: int,
                      backwards: bool = False) -> tuple[int, str | None] | None:
    """(record, field) of the next cell with a finding after view position (row, column), wrapping
    around at the end; None when the shown rows have no finding at all."""
    n = model.rowCount()
    if n == 0:
        return None
    if not findings:
        return None
    here = _columns_with_findings(model, findings, model.record_at(row)) if 0 <= row < n else []
    same_row = [c for c in here if (c < column if backwards else c > column)]
    if same_row:
        return model.record_at(row), model.field_at(same_row[-1] if backwards else same_row[0])
    step = -1 if backwards else 1
    start = row if 0 <= row < n else (n if backwards else -1)
    for k in range(1, n + 1):
        r = (start + step * k) % n
        record = model.record_at(r)
        if findings.has_findings(record):
            columns = _columns_with_findings(model, findings, record)     # hints are skipped
            if columns:
                return record, model.field_at(columns[-1] if backwards else columns[0])
    return None
