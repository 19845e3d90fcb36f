"""The validation input: one sheet's cells by field key, and the context of the run."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class RecordColumns:
    """Column-oriented cell values of one sheet.

    values[key][i] is record i's cell for field `key` as text (None for a blank cell). Readers
    turn real date cells into 'YYYY-MM-DD' and numbers into their shortest text ('13800138000',
    '43891'); `numeric[key]` holds the indices of cells that were number cells in the file, so the
    ID check can tell an ID that Excel stored as a number (digits lost) from typed text.
    Only fields present in the sheet have a column.
    """

    values: dict[str, list[str | None]]
    numeric: dict[str, set[int]] = field(default_factory=dict)

    @property
    def n_rows(self) -> int:
        return len(next(iter(self.values.values()), []))

    def get(self, key: str, index: int) -> str | None:
        col = self.values.get(key)
        return None if col is None else col[index]

    def set(self, key: str, index: int, value: str | None) -> None:
        """Replace one cell (an edit): the new value is typed text, never a number cell."""
        self.values[key][index] = value
        self.numeric.get(key, set()).discard(index)


@dataclass(frozen=True)
class ValidationContext:
    """What a run needs besides the cells.

    The reference date (摸排基准日) of a row is its 填报日期 cell when valid, else the sheet's
    填报日期 line (`sheet_report_date`), else `as_of` (set by the user for the batch), else `today`.
    `county` is the user's 6-digit county code; with it set, rows outside the county are errors.
    """

    as_of: date | None = None
    sheet_report_date: date | None = None
    county: str | None = None
    today: date = field(default_factory=date.today)

    @property
    def default_reference_date(self) -> date:
        return self.sheet_report_date or self.as_of or self.today
