"""The canonical value of each cell of a checked row, for the upload file.

A cell with no finding is already canonical (the validators give a hint for every cosmetic
difference); a cell with a normalising hint takes the hint's suggestion (汉 → 汉族,
2015/3/2 → 2015-03-02, full-width digits → half-width).
"""
from __future__ import annotations

from typing import Iterable

from intake.checking import parse_report_date
from intake.table import SheetTable
from validators.findings import Finding

# hints whose suggestion is the same value written the canonical way (besides *.normalised)
NORMALISING = {"text.whitespace", "address.short_form", "id.legacy_adult"}


def is_normalising(code: str) -> bool:
    return code.endswith(".normalised") or code in NORMALISING


def fixes_of(findings: Iterable[Finding]) -> dict[str, str]:
    """field -> canonical text, from one row's normalising hints."""
    return {f.field: f.suggestion for f in findings
            if not f.is_error and f.field and f.suggestion and is_normalising(f.code)}


class RowValues:
    """Canonical cell text of a table's rows; fields the sheet lacks fall back to its 填报 line."""

    def __init__(self, table: SheetTable):
        self.table = table
        self.columns = table.data.values
        report_day = parse_report_date(table.report_date_text)
        self.fallback = {"reporting_unit": table.reporting_unit,
                         "report_date": report_day.isoformat() if report_day else None}

    def value(self, key: str, index: int, fixes: dict[str, str]) -> str | None:
        fixed = fixes.get(key)
        if fixed is not None:
            return fixed
        column = self.columns.get(key)
        raw = column[index] if column is not None else None
        if raw is not None:
            raw = raw.strip()
        return raw or self.fallback.get(key)
