"""Findings: what the engine reports about a cell or a row.

A finding has a stable machine `code` (the GUI filters and colours by it), a severity, the
record it concerns (0-based index into the table's rows) and the field (None for the whole row),
a plain Chinese message, the offending value and, when the fix is certain, a suggestion.
Sheet coordinates (Excel row and column) are added by intake, which knows the layout.
"""
from __future__ import annotations

from dataclasses import dataclass, asdict
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"        # blocks the upload file: must be fixed
    WARNING = "warning"    # a person must check it (shown amber, listed in the exports)
    HINT = "hint"          # understood and only written differently: a quiet mark, bulk-fixable


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    index: int                 # 0-based record index in the table
    field: str | None          # field key of the cell to fix; None for the whole row
    message: str               # plain Simplified Chinese: what is wrong and how to fix it
    value: str | None = None   # the cell's value as read
    suggestion: str | None = None  # the certain fix, when there is one

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["severity"] = self.severity.value
        return d
