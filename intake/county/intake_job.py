"""One received file, read and checked in a child process (intake.child_pool): every table
validated, its cells packed for the workspace, its keys and counts computed, so the parent only
stores bytes. Runs in the child; nothing here touches the workspace (the parent is its one
writer).

`read_and_check(path, as_of, county, keep_findings)` -> FileResult: `tables` (one TableResult
per registration table) or `message` (the one-line Chinese reason the file cannot be used).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from intake.checking import check_file, parse_report_date
from intake.county.keys import error_codes_of, keys_blob, record_keys
from intake.errors import MopaiError
from intake.table import SheetTable
from intake.workspace_schema import cell_rows
from validators.data import RecordColumns
from validators.finding_set import FindingSet


@dataclass
class SheetCounts:
    n_errors: int
    n_warnings: int
    n_hints: int
    rows_with_errors: int

    @classmethod
    def of(cls, findings: FindingSet) -> "SheetCounts":
        return cls(findings.n_errors, findings.n_warnings, findings.n_hints,
                   len(findings.rows_with_errors()))


@dataclass
class TableResult:
    table: SheetTable                   # metadata only: its cells travel packed in `cells`
    cells: list[tuple[str, bytes, str]]
    keys: bytes                         # intake.county.keys.keys_blob
    counts: SheetCounts
    fill_line: str | None               # the 填报日期 line's date, YYYY-MM-DD
    latest_row_date: str | None         # the latest row 填报日期
    towns: dict[str, int]               # township code -> rows whose address names it
    places: dict[str, int]              # county code -> rows whose address is in it
    unit_cell: str | None               # the 填报单位 column's value, when most rows give one
    findings: FindingSet | None = None  # when asked for (the upload file needs them)


@dataclass
class FileResult:
    path: str
    tables: list[TableResult] = field(default_factory=list)
    message: str | None = None          # why the file cannot be used (one Chinese line)


def read_and_check(path: str, as_of: date | None, county: str | None,
                   keep_findings: bool = False) -> FileResult:
    try:
        checked = check_file(Path(path), as_of=as_of, county=county)
    except MopaiError as exc:
        return FileResult(path, message=exc.message)
    except Exception as exc:  # noqa: BLE001 - a file that breaks the reader is listed, not fatal
        return FileResult(path, message=f"文件“{Path(path).name}”无法读取（{type(exc).__name__}），"
                                        "请确认它是完整的登记表文件")
    return FileResult(path, [table_result(c.table, c.findings, keep_findings) for c in checked])


def table_result(table: SheetTable, findings: FindingSet, keep_findings: bool = False,
                 with_cells: bool = True) -> TableResult:
    keys = record_keys(table, error_codes_of(findings))
    rdates = [d for d in keys["rdate"] if d]
    line = parse_report_date(table.report_date_text)
    return TableResult(
        table=replace(table, data=RecordColumns({}, {}), extra={}),
        cells=list(cell_rows(table)) if with_cells else [], keys=keys_blob(keys, table.row_numbers), counts=SheetCounts.of(findings),
        fill_line=line.isoformat() if line else None, latest_row_date=max(rdates, default=None),
        towns=dict(Counter(t for t in keys["town"] if t)),
        places=dict(Counter(p for p in keys["place"] if p)), unit_cell=_common(table, "reporting_unit"),
        findings=findings if keep_findings else None)


def _common(table: SheetTable, key: str) -> str | None:
    """The value most cells of a column hold, when they are at least half of the rows."""
    values = Counter(v.strip() for v in table.data.values.get(key, ()) if v and v.strip())
    if not values:
        return None
    value, n = values.most_common(1)[0]
    return value if n * 2 >= table.n_rows else None


def recheck(table: SheetTable, as_of: date | None, county: str | None,
            keep_findings: bool = False, deleted: list[int] = ()) -> TableResult:
    """A stored sheet (its edits applied, its deleted rows left out) checked again, e.g. for
    another reference date."""
    from intake.checking import validator_for
    validator = validator_for(table, as_of=as_of, county=county)
    validator.set_excluded(deleted)
    validator.run()
    return table_result(table, validator.findings, keep_findings, with_cells=False)
